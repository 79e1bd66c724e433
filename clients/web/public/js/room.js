// A live room: stage, chat (replies, pins, deletions, translations), likes, host controls.
import { hub } from './hub.js';
import { getSession, onSessionChange, getReadLanguage, setReadLanguage } from './session.js';
import { languageSelect } from './languages.js';
import { createStage } from './stage.js';
import { icon } from './icons.js';
import { h, clear, formatCount, formatTime, avatar, newId, describeError, errorTag, nearBottom, toast } from './ui.js';
import { translationView, sourceLanguageTag, rememberTranslation, translationIn, normaliseTranslation, sameLanguage } from './translation.js';
import { messageButton } from './direct.js';
import { reportButton } from './report.js';
import { createCommerce } from './commerce.js';

const MAX_LINES = 400;
const LIKE_INTERVAL_MS = 200;
const LIKE_MAX = 100;
const CHAT_MAX = 500;

/** Renders room `roomId` into `root`; returns a dispose function. */
export function mountRoom(root, roomId) {
  let disposed = false;

  // ---- state ----
  const messages = new Map(); // seq -> ChatMessage (.translations: language -> translation)
  const lineEls = new Map(); // seq -> <li>
  const showOriginal = new Set(); // seqs whose translation the user folded away ("show original")
  const early = new Map(); // seq -> translations that arrived before their message
  let info = { title: roomId, hostId: null };
  let lastSeq = null;
  let epoch = null;
  let pinned = null;
  let slowModeSeconds = 0;
  let viewers = 0;
  let serverLikes = 0;
  let shownLikes = 0;
  let joining = false;
  let joined = false;
  let buffered = [];
  let replyTo = null;
  let pendingSend = null; // { text, id } kept for a retry with the same clientMessageId
  const held = []; // your lines held for review: [{ id, seq, text, sentAt }], shown to you only
  let likeTaps = 0;
  let likeTimer = null;
  let lastLikeAt = 0;
  let myRecentTaps = 0;

  // ---- elements ----
  const stage = createStage(roomId);
  const viewerCount = h('span', { testid: 'viewer-count' }, '0');
  const likeCount = h('span', { class: 'like-count', testid: 'like-count' }, '0');
  const likeButton = h('button', { class: 'like-button', testid: 'like-button', type: 'button', 'aria-label': 'Like' },
    icon('heart', { size: 28 }));
  const backLink = h('a', { class: 'stage-back', href: '#/', 'aria-label': 'Back to live rooms' }, icon('back', { size: 20 }));
  const stageTop = h('div', { class: 'stage-top' },
    backLink,
    h('span', { class: 'live-pill' }, 'LIVE'),
    h('span', { class: 'viewer-pill', title: 'viewers' }, icon('eye', { size: 15 }), viewerCount));
  const likeDock = h('div', { class: 'like-dock' }, likeButton, likeCount);
  const commerce = createCommerce(roomId, { isHost: () => isHost() });
  stage.el.append(stageTop, likeDock, commerce.card);

  const titleEl = h('h1', { class: 'room-title', testid: 'room-title' }, roomId);
  const hostEl = h('div', { class: 'room-host muted' });
  const slowBadge = h('span', { class: 'badge badge-warn', testid: 'slow-mode-badge', hidden: true });
  const langPicker = languageSelect(getReadLanguage(), { testid: 'room-language', 'aria-label': 'Read chat in' });
  const danmakuToggle = h('button', { class: 'btn btn-ghost btn-sm', type: 'button', testid: 'danmaku-toggle' });
  const videoInput = h('input', { type: 'url', placeholder: 'Video URL (mp4, webm…)', testid: 'video-url', value: stage.savedVideo() });
  const videoForm = h('form', { class: 'video-form' }, videoInput,
    h('button', { class: 'btn btn-sm', type: 'submit', testid: 'video-play' }, 'Play'),
    h('button', { class: 'btn btn-ghost btn-sm', type: 'button', testid: 'video-clear', onclick: () => { videoInput.value = ''; stage.setVideo(''); } }, 'Poster'));

  const slowInput = h('input', { type: 'number', min: '0', max: '300', step: '1', value: '0', testid: 'slow-mode-input', 'aria-label': 'Slow mode seconds' });
  const slowSet = h('button', { class: 'btn btn-sm', type: 'button', testid: 'slow-mode-set' }, 'Set');
  const hostPanel = h('div', { class: 'host-panel card', testid: 'host-panel', hidden: true },
    h('div', { class: 'host-panel-title' }, icon('sliders'), 'Host controls'),
    h('label', { class: 'inline-field' }, 'Slow mode', slowInput, h('span', { class: 'muted' }, 's'), slowSet),
    h('p', { class: 'muted small' }, 'Hover or tap a chat line to pin it, delete it, or ban its author.'));

  const infoBar = h('div', { class: 'room-info' },
    h('div', { class: 'room-info-main' }, titleEl, h('div', { class: 'room-sub' }, hostEl, slowBadge)),
    h('div', { class: 'room-tools' },
      h('label', { class: 'inline-field' }, h('span', { class: 'muted with-icon' }, icon('globe', { size: 16 }), 'Read in'), langPicker),
      danmakuToggle),
    videoForm);

  const pinnedBox = h('div', { class: 'pinned', testid: 'pinned', hidden: true });
  const chatList = h('ol', { class: 'chat-list', testid: 'chat-list', 'aria-live': 'polite' });
  const emptyHint = h('li', { class: 'chat-empty muted' }, 'No messages yet — say hi 👋');
  chatList.append(emptyHint);
  const newBelow = h('button', { class: 'new-below', type: 'button', hidden: true, testid: 'new-below' }, 'New messages ↓');
  const replyBar = h('div', { class: 'reply-bar', testid: 'reply-bar', hidden: true });
  const chatError = h('div', { class: 'chat-error', testid: 'chat-error', role: 'alert', hidden: true });
  const chatNotice = h('div', { class: 'dm-notice', testid: 'chat-notice', role: 'status', hidden: true });
  const chatInput = h('input', {
    class: 'chat-input', testid: 'chat-input', placeholder: 'Say something…', autocomplete: 'off',
    maxlength: String(CHAT_MAX * 2), enterkeyhint: 'send', 'aria-label': 'Chat message',
  });
  const counter = h('span', { class: 'char-count muted', testid: 'chat-count' });
  const chatSend = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'chat-send' }, 'Send');
  const chatForm = h('form', { class: 'chat-form', testid: 'chat-form' }, chatInput, counter, chatSend);
  const chatPanel = h('aside', { class: 'chat-panel' },
    h('div', { class: 'chat-head' }, h('span', {}, 'Live chat'), h('span', { class: 'muted small', testid: 'chat-status' })),
    pinnedBox,
    h('div', { class: 'chat-scroll' }, chatList, newBelow),
    replyBar, chatNotice, chatError, chatForm);

  const banDialog = h('dialog', { class: 'dialog', testid: 'ban-dialog' });

  const view = h('section', { class: 'room', testid: 'room-view', dataset: { roomId } },
    h('div', { class: 'room-main' }, stage.el, infoBar, hostPanel, commerce.panel),
    chatPanel, banDialog);
  clear(root).append(view);

  // ---- rendering ----
  const isHost = () => !!info.hostId && getSession()?.userId === info.hostId;

  function renderInfo() {
    titleEl.textContent = info.title || roomId;
    document.title = `${info.title || roomId} · Realtime`;
    hostEl.textContent = info.hostId ? `hosted by @${info.hostId}` : '';
    stage.setPoster(info.title, info.hostId);
    hostPanel.hidden = !isHost();
    view.classList.toggle('is-host', isHost());
    commerce.renderHost();
    slowBadge.hidden = !slowModeSeconds;
    slowBadge.replaceChildren(icon('clock', { size: 13 }), ` Slow mode ${slowModeSeconds}s`);
    if (document.activeElement !== slowInput) slowInput.value = String(slowModeSeconds);
    danmakuToggle.replaceChildren(icon('chat', { size: 16 }), stage.danmakuOn ? 'Danmaku on' : 'Danmaku off');
    danmakuToggle.setAttribute('aria-pressed', String(stage.danmakuOn));
    const session = getSession();
    chatInput.disabled = !session;
    chatSend.disabled = !session;
    chatInput.placeholder = session ? (slowModeSeconds && !isHost() ? `Slow mode: one line every ${slowModeSeconds}s` : 'Say something…') : 'Sign in to chat';
  }

  function renderCounters() {
    viewerCount.textContent = formatCount(viewers);
    likeCount.textContent = formatCount(shownLikes);
    likeCount.dataset.value = String(shownLikes);
    viewerCount.dataset.value = String(viewers);
  }

  function quoteOf(seq) {
    const target = messages.get(seq);
    if (!target) return h('blockquote', { class: 'reply-quote muted' }, `↪ message #${seq}`);
    const text = Array.from(target.text);
    return h('blockquote', { class: 'reply-quote', onclick: () => lineEls.get(seq)?.scrollIntoView({ block: 'center', behavior: 'smooth' }) },
      h('strong', {}, target.displayName || target.userId), ' ',
      text.length > 80 ? `${text.slice(0, 80).join('')}…` : target.text);
  }

  /** The translation to show under `msg` for the reading language, or null. */
  function translationFor(msg) {
    return translationIn(msg, getReadLanguage());
  }

  function renderLine(msg) {
    const session = getSession();
    const mine = session?.userId === msg.userId;
    const host = isHost();
    const t = translationFor(msg);
    // The original as sent, always; its translation (if any) underneath.
    const original = h('div', { class: 'chat-text', testid: 'chat-text', lang: msg.language || undefined }, msg.text);
    const translationEl = t && translationView(t, {
      collapsed: showOriginal.has(msg.seq),
      sourceLanguage: msg.language,
      onToggle: () => {
        if (showOriginal.has(msg.seq)) showOriginal.delete(msg.seq); else showOriginal.add(msg.seq);
        const stick = nearBottom(scroller());
        rerender(msg.seq);
        if (stick) scrollToEnd();
      },
    });
    const actions = h('div', { class: 'line-actions' },
      session && h('button', { type: 'button', class: 'icon-btn', title: 'Reply', testid: 'line-reply', onclick: () => setReply(msg) }, icon('reply', { size: 16 })),
      !mine && messageButton(msg.userId, { testid: 'line-message', name: msg.displayName }),
      !mine && reportButton('chat', `${roomId}:${msg.seq}`, { testid: 'line-report', label: `${msg.displayName || msg.userId}: ${msg.text}` }),
      host && h('button', { type: 'button', class: 'icon-btn', title: 'Pin', testid: 'line-pin', onclick: () => pin(msg.seq) }, icon('pin', { size: 16 })),
      (host || mine) && h('button', { type: 'button', class: 'icon-btn', title: 'Delete', testid: 'line-delete', onclick: () => del(msg.seq) }, icon('trash', { size: 16 })),
      host && !mine && h('button', { type: 'button', class: 'icon-btn', title: `Ban @${msg.userId}`, testid: 'line-ban', onclick: () => askBan(msg) }, icon('ban', { size: 16 })));
    const li = h('li', {
      class: `chat-line${mine ? ' mine' : ''}${msg.userId === info.hostId ? ' from-host' : ''}`,
      testid: 'chat-line', dataset: { seq: String(msg.seq), userId: msg.userId },
      onclick: (ev) => {
        if (ev.target.closest('button, blockquote')) return;
        for (const other of chatList.querySelectorAll('.chat-line.show-actions')) if (other !== li) other.classList.remove('show-actions');
        li.classList.toggle('show-actions');
      },
    },
    avatar(msg.userId, msg.displayName),
    h('div', { class: 'chat-body' },
      h('div', { class: 'chat-meta' },
        h('span', { class: 'chat-name' }, msg.displayName || msg.userId),
        msg.userId === info.hostId && h('span', { class: 'badge badge-host' }, 'HOST'),
        sourceLanguageTag(msg.language, getReadLanguage()),
        h('time', { class: 'chat-time muted', datetime: msg.sentAt || '' }, formatTime(msg.sentAt))),
      msg.replyToSeq != null && quoteOf(msg.replyToSeq),
      original,
      translationEl),
    actions);
    return li;
  }

  /** Your held lines, after every other line, marked "pending review" (nobody else has them). */
  function renderHeld() {
    for (const el of chatList.querySelectorAll('.chat-line.pending')) el.remove();
    const session = getSession();
    if (!session) return;
    for (const x of held) {
      chatList.append(h('li', { class: 'chat-line mine pending', testid: 'chat-pending', dataset: { seq: '', heldSeq: String(x.seq ?? '') } },
        avatar(session.userId, session.displayName),
        h('div', { class: 'chat-body' },
          h('div', { class: 'chat-meta' },
            h('span', { class: 'chat-name' }, session.displayName || session.userId),
            h('span', { class: 'badge badge-warn', title: 'Only you can see this line until a moderator approves it' }, 'pending review'),
            h('time', { class: 'chat-time muted', datetime: x.sentAt }, formatTime(x.sentAt))),
          h('div', { class: 'chat-text', testid: 'chat-text' }, x.text))));
    }
    if (held.length) emptyHint.remove();
  }

  function rerender(seq) {
    const msg = messages.get(seq);
    const old = lineEls.get(seq);
    if (!msg || !old) return;
    const li = renderLine(msg);
    old.replaceWith(li);
    lineEls.set(seq, li);
  }

  function rerenderAll() {
    for (const seq of lineEls.keys()) rerender(seq);
    renderPinned();
  }

  const scroller = () => chatList.parentElement;

  function scrollToEnd() {
    const s = scroller();
    s.scrollTop = s.scrollHeight;
    newBelow.hidden = true;
  }

  /** Adds a message in seq order (dedupe by seq); returns true if it was new. */
  function addMessage(msg) {
    if (!msg || typeof msg.seq !== 'number' || messages.has(msg.seq)) return false;
    if (msg.translation) rememberTranslation(msg, msg.translation);
    for (const t of early.get(msg.seq) ?? []) rememberTranslation(msg, t);
    early.delete(msg.seq);
    messages.set(msg.seq, msg);
    if (lastSeq === null || msg.seq > lastSeq) lastSeq = msg.seq;
    const li = renderLine(msg);
    lineEls.set(msg.seq, li);
    emptyHint.remove();
    // Usually the newest: append. Otherwise insert before the first later line.
    // A held line of yours that a moderator released arrives under a new seq: no longer pending.
    if (held.length && msg.userId === getSession()?.userId) {
      const i = held.findIndex((x) => x.text === msg.text && msg.seq > (x.seq ?? -1));
      if (i >= 0) { held.splice(i, 1); renderHeld(); }
    }
    let before = null;
    const last = chatList.lastElementChild;
    if (last && (last.classList.contains('pending') || Number(last.dataset.seq) > msg.seq)) {
      for (const el of chatList.children) {
        if (el.classList.contains('pending') || Number(el.dataset.seq) > msg.seq) { before = el; break; }
      }
    }
    chatList.insertBefore(li, before);
    // Keep the DOM bounded: drop the oldest lines.
    while (lineEls.size > MAX_LINES) {
      const oldest = chatList.firstElementChild;
      if (!oldest) break;
      const seq = Number(oldest.dataset.seq);
      oldest.remove();
      lineEls.delete(seq);
      messages.delete(seq);
    }
    return true;
  }

  function removeMessage(seq) {
    messages.delete(seq);
    showOriginal.delete(seq);
    const li = lineEls.get(seq);
    if (li) {
      li.classList.add('removing');
      setTimeout(() => li.remove(), 180);
      lineEls.delete(seq);
    }
    if (replyTo?.seq === seq) setReply(null);
    if (pinned?.seq === seq) { pinned = null; renderPinned(); }
    // Replies that quoted it now show it as gone.
    for (const [s, m] of messages) if (m.replyToSeq === seq) rerender(s);
    if (!lineEls.size && !held.length) chatList.append(emptyHint);
  }

  function resetMessages() {
    messages.clear();
    lineEls.clear();
    showOriginal.clear();
    clear(chatList).append(emptyHint);
    lastSeq = null;
    renderHeld();
  }

  function renderPinned() {
    clear(pinnedBox);
    if (!pinned) { pinnedBox.hidden = true; return; }
    pinnedBox.hidden = false;
    const t = translationFor(messages.get(pinned.seq) ?? pinned);
    pinnedBox.append(...[
      h('span', { class: 'pinned-icon' }, icon('pin', { size: 16 })),
      h('div', { class: 'pinned-body' },
        h('div', { class: 'pinned-name' }, pinned.displayName || pinned.userId),
        h('div', { class: 'pinned-text', testid: 'pinned-text' }, t ? t.text : pinned.text)),
      isHost() && h('button', { class: 'icon-btn', type: 'button', title: 'Unpin', testid: 'unpin', onclick: () => pin(null) }, icon('close', { size: 16 })),
    ].filter(Boolean));
  }

  function setReply(msg) {
    replyTo = msg ? { seq: msg.seq, name: msg.displayName || msg.userId, text: msg.text } : null;
    clear(replyBar);
    replyBar.hidden = !replyTo;
    if (replyTo) {
      const text = Array.from(replyTo.text);
      replyBar.append(
        h('span', { class: 'reply-bar-text' }, '↩ Replying to ', h('strong', {}, replyTo.name), ': ',
          text.length > 60 ? `${text.slice(0, 60).join('')}…` : replyTo.text),
        h('button', { class: 'icon-btn', type: 'button', title: 'Cancel reply', testid: 'reply-cancel', onclick: () => setReply(null) }, icon('close', { size: 16 })));
      chatInput.focus();
    }
  }

  function showChatNotice(kind, text) {
    if (!kind) { chatNotice.hidden = true; delete chatNotice.dataset.kind; return; }
    chatNotice.hidden = false;
    chatNotice.dataset.kind = kind;
    chatNotice.replaceChildren(icon(kind === 'held' ? 'clock' : 'shield', { size: 15 }), ' ', text);
  }

  function showChatError(err) {
    if (!err) { chatError.hidden = true; chatError.textContent = ''; return; }
    chatError.hidden = false;
    chatError.dataset.code = err.code ?? '';
    chatError.replaceChildren(h('strong', { class: 'chat-error-tag' }, errorTag(err.code)), ' ', describeError(err));
  }

  // ---- hub events ----
  function onChat(msg, live = true) {
    if (msg?.roomId !== roomId) return;
    if (joining) { buffered.push(['chat', msg]); return; }
    const stick = nearBottom(scroller());
    // A hole in the seqs means we missed something (e.g. around a reconnect): resume from
    // where we were; the snapshot's messages merge in by seq.
    const before = lastSeq;
    if (joined && before !== null && msg.seq > before + 1) join(true, before);
    if (addMessage(msg)) {
      if (live) stage.danmaku(translationFor(msg)?.text ?? msg.text, { mine: msg.userId === getSession()?.userId });
      if (stick || msg.userId === getSession()?.userId) scrollToEnd();
      else newBelow.hidden = false;
    }
  }

  function onTranslated(ev) {
    if (ev?.roomId !== roomId || typeof ev.seq !== 'number') return;
    const translation = normaliseTranslation(ev);
    if (!translation) return;
    const msg = messages.get(ev.seq);
    if (!msg) {
      // Translations follow their line, but may overtake it around a join: keep them for it.
      if (ev.seq > (lastSeq ?? -1) || joining) {
        early.set(ev.seq, [...(early.get(ev.seq) ?? []), translation]);
        if (early.size > MAX_LINES) early.delete(early.keys().next().value);
      }
      return;
    }
    if (!rememberTranslation(msg, translation) || !sameLanguage(ev.language, getReadLanguage())) return;
    const stick = nearBottom(scroller());
    rerender(ev.seq);
    if (pinned?.seq === ev.seq) renderPinned();
    if (stick) scrollToEnd();
  }

  function onCounters(ev) {
    if (ev?.roomId !== roomId) return;
    if (joining) { buffered.push(['roomCounters', ev]); return; }
    viewers = ev.viewers;
    const grew = ev.likes - serverLikes;
    serverLikes = Math.max(serverLikes, ev.likes);
    // Likes only grow: show the larger of the server's count and our own optimistic count.
    // Hearts float for taps by other viewers (ours already floated when tapped).
    const others = grew - myRecentTaps;
    myRecentTaps = Math.max(0, myRecentTaps - Math.max(0, grew));
    if (others > 0 && joined) stage.hearts(Math.min(others, 5));
    shownLikes = Math.max(shownLikes, serverLikes);
    renderCounters();
  }

  function onDeleted(ev) {
    if (ev?.roomId !== roomId) return;
    if (joining) { buffered.push(['chatDeleted', ev]); return; }
    removeMessage(ev.seq);
  }

  function onPinned(ev) {
    if (ev?.roomId !== roomId) return;
    if (joining) { buffered.push(['chatPinned', ev]); return; }
    pinned = ev.message ?? null;
    renderPinned();
  }

  function onSettings(ev) {
    if (ev?.roomId !== roomId) return;
    if (joining) { buffered.push(['roomSettings', ev]); return; }
    slowModeSeconds = ev.slowModeSeconds ?? 0;
    renderInfo();
  }

  const offs = [
    hub.on('chat', (m) => onChat(m, true)),
    hub.on('chatTranslated', onTranslated),
    hub.on('roomCounters', onCounters),
    hub.on('chatDeleted', onDeleted),
    hub.on('chatPinned', onPinned),
    hub.on('roomSettings', onSettings),
  ];

  // ---- joining and resuming ----
  function applySnapshot(snap, replace) {
    if (replace) resetMessages();
    info = { title: snap.title, hostId: snap.hostId };
    epoch = snap.epoch;
    pinned = snap.pinned ?? null;
    slowModeSeconds = snap.slowModeSeconds ?? 0;
    commerce.applySnapshot(snap.pinnedProduct);
    viewers = snap.viewers;
    serverLikes = Math.max(replace ? 0 : serverLikes, snap.likes);
    shownLikes = Math.max(replace ? 0 : shownLikes, serverLikes);
    for (const m of snap.messages ?? []) {
      if (messages.has(m.seq)) {
        // Already shown; a snapshot may carry a translation we did not have.
        const known = messages.get(m.seq);
        if (m.translation && rememberTranslation(known, m.translation)) rerender(m.seq);
      } else {
        addMessage(m);
      }
    }
    if (typeof snap.lastSeq === 'number' && (lastSeq === null || snap.lastSeq > lastSeq)) lastSeq = snap.lastSeq;
    renderInfo();
    renderCounters();
    renderPinned();
    rerenderAll();
  }

  let joinChain = Promise.resolve();
  /** Joins (first time) or resumes from lastSeq (after a reconnect), one at a time. */
  function join(resume, sinceSeq) {
    joinChain = joinChain.then(() => doJoin(resume, sinceSeq)).catch((err) => console.error(err));
    return joinChain;
  }

  async function doJoin(resume, sinceSeq) {
    if (disposed) return;
    joining = true;
    buffered = [];
    const status = chatPanel.querySelector('[data-testid="chat-status"]');
    status.textContent = resume ? 'catching up…' : 'joining…';
    try {
      let since = null;
      if (resume && joined) since = typeof sinceSeq === 'number' ? sinceSeq : lastSeq;
      let snap = await hub.invoke('JoinRoom', roomId, since);
      let replace = since === null;
      if (since !== null && (!snap.recovered || (epoch && snap.epoch !== epoch))) {
        // History cannot fill the gap (or was reset): start over from the latest messages.
        snap = await hub.invoke('JoinRoom', roomId, null);
        replace = true;
      }
      if (disposed) return;
      const stick = nearBottom(scroller());
      applySnapshot(snap, replace);
      joined = true;
      view.classList.remove('not-found');
      status.textContent = '';
      commerce.afterJoin();
      if (replace || stick) scrollToEnd();
    } catch (err) {
      if (disposed) return;
      if (err.code === 'not_found') return showNotFound();
      status.textContent = `couldn't join: ${describeError(err)}`;
    } finally {
      joining = false;
      const queue = buffered;
      buffered = [];
      for (const [kind, ev] of queue) {
        if (kind === 'chat') onChat(ev, true);
        else if (kind === 'roomCounters') onCounters(ev);
        else if (kind === 'chatDeleted') onDeleted(ev);
        else if (kind === 'chatPinned') onPinned(ev);
        else if (kind === 'roomSettings') onSettings(ev);
      }
    }
  }

  function showNotFound() {
    view.classList.add('not-found');
    clear(root).append(h('section', { class: 'empty-state', testid: 'room-not-found' },
      h('div', { class: 'empty-emoji' }, '📭'),
      h('h1', {}, 'This room does not exist'),
      h('p', { class: 'muted' }, `No live room is called "${roomId}".`),
      h('a', { class: 'btn btn-primary', href: '#/' }, 'See who is live')));
  }

  const offConnected = hub.onConnected(() => join(true));
  const offSession = onSessionChange(() => { renderInfo(); rerenderAll(); });

  // ---- actions ----
  async function send() {
    const text = chatInput.value.trim();
    if (!text) return;
    if (!getSession()) return showChatError({ code: 'unauthenticated', detail: 'sign in to chat' });
    if (Array.from(text.normalize('NFC')).length > CHAT_MAX) {
      return showChatError({ code: 'invalid', detail: `at most ${CHAT_MAX} characters` });
    }
    // The same text retried after a failed send keeps its clientMessageId, so it never doubles.
    const id = pendingSend && pendingSend.text === text ? pendingSend.id : newId();
    pendingSend = { text, id };
    chatSend.disabled = true;
    try {
      const ack = await hub.invoke('SendChat', roomId, id, text, replyTo?.seq ?? null);
      pendingSend = null;
      if (chatInput.value.trim() === text) chatInput.value = '';
      updateCounter();
      setReply(null);
      showChatError(null);
      if (ack?.held) {
        if (!held.some((x) => x.id === id)) held.push({ id, seq: ack.seq ?? null, text, sentAt: new Date().toISOString() });
        renderHeld();
        scrollToEnd();
        showChatNotice('held', 'Held for review: only you can see this line until a moderator approves it.');
        return;
      }
      showChatNotice(ack?.masked ? 'masked' : null, 'Part of your line was masked (***): contact details and some words are not shown.');
      // If our own line has not arrived live shortly, catch up from history.
      const seq = ack?.seq;
      if (typeof seq === 'number') {
        setTimeout(() => { if (!disposed && !messages.has(seq) && (lastSeq ?? -1) < seq) join(true); }, 2500);
      }
    } catch (err) {
      // A rejection by the server (it has a code) will not succeed as-is: new id next time.
      if (err.code && err.code !== 'unavailable') pendingSend = null;
      showChatError(err);
    } finally {
      chatSend.disabled = !getSession();
      chatInput.focus();
    }
  }

  function updateCounter() {
    const n = Array.from(chatInput.value.trim()).length;
    counter.textContent = n > CHAT_MAX - 100 ? `${n}/${CHAT_MAX}` : '';
    counter.classList.toggle('over', n > CHAT_MAX);
  }

  chatForm.addEventListener('submit', (ev) => { ev.preventDefault(); send(); });
  chatInput.addEventListener('input', () => { updateCounter(); if (!chatError.hidden && chatError.dataset.code !== 'banned') showChatError(null); });
  chatInput.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') setReply(null); });
  newBelow.addEventListener('click', scrollToEnd);
  chatList.parentElement.addEventListener('scroll', () => { if (nearBottom(scroller())) newBelow.hidden = true; });

  function flushLikes() {
    clearTimeout(likeTimer);
    likeTimer = null;
    if (!likeTaps || disposed) return;
    const n = Math.min(likeTaps, LIKE_MAX);
    likeTaps -= n;
    lastLikeAt = performance.now();
    hub.invoke('Like', roomId, n).catch((err) => {
      // Not counted: fall back to the server's number.
      myRecentTaps = Math.max(0, myRecentTaps - n);
      shownLikes = serverLikes;
      renderCounters();
      toast(describeError(err), 'error');
    });
    if (likeTaps) scheduleLikes();
  }

  function scheduleLikes() {
    if (likeTimer) return;
    const wait = Math.max(0, LIKE_INTERVAL_MS - (performance.now() - lastLikeAt));
    likeTimer = setTimeout(flushLikes, wait);
  }

  likeButton.addEventListener('click', () => {
    if (!getSession()) { toast('Sign in to send likes ♥', 'info'); return; }
    likeTaps++;
    myRecentTaps++;
    shownLikes++;
    renderCounters();
    stage.hearts(1);
    likeButton.classList.remove('pop');
    void likeButton.offsetWidth; // restart the pop animation
    likeButton.classList.add('pop');
    scheduleLikes();
  });

  async function pin(seq) {
    try { await hub.invoke('PinChat', roomId, seq); } catch (err) { toast(describeError(err), 'error'); }
  }

  async function del(seq) {
    try { await hub.invoke('DeleteChat', roomId, seq); } catch (err) { toast(describeError(err), 'error'); }
  }

  function askBan(msg) {
    clear(banDialog);
    const minutes = h('input', { type: 'number', min: '1', max: '10080', value: '60', testid: 'ban-minutes', required: true });
    const form = h('form', { method: 'dialog', class: 'dialog-form' },
      h('h3', {}, `Ban @${msg.userId} from chatting`),
      h('p', { class: 'muted small' }, 'They can still watch. 1–10080 minutes (a week).'),
      h('label', { class: 'inline-field' }, 'Minutes', minutes),
      h('div', { class: 'dialog-buttons' },
        h('button', { class: 'btn btn-ghost', value: 'cancel', type: 'submit', formnovalidate: true }, 'Cancel'),
        h('button', { class: 'btn btn-danger', value: 'ban', type: 'submit', testid: 'ban-confirm' }, 'Ban')));
    banDialog.append(form);
    banDialog.onclose = async () => {
      if (banDialog.returnValue !== 'ban') return;
      const n = Math.round(Number(minutes.value));
      if (!(n >= 1 && n <= 10080)) { toast('Ban length: 1–10080 minutes', 'error'); return; }
      try {
        await hub.invoke('BanFromRoom', roomId, msg.userId, n);
        toast(`@${msg.userId} is banned from chat for ${n} min`, 'ok');
      } catch (err) { toast(describeError(err), 'error'); }
    };
    banDialog.returnValue = '';
    banDialog.showModal();
  }

  slowSet.addEventListener('click', async () => {
    const seconds = Math.round(Number(slowInput.value));
    if (!(seconds >= 0 && seconds <= 300)) { toast('Slow mode: 0–300 seconds', 'error'); return; }
    try {
      await hub.invoke('SetSlowMode', roomId, seconds);
      toast(seconds ? `Slow mode: ${seconds}s` : 'Slow mode off', 'ok');
    } catch (err) { toast(describeError(err), 'error'); }
  });

  langPicker.addEventListener('change', async () => {
    const tag = langPicker.value;
    setReadLanguage(tag);
    // The lines already shown stay as they are (with any translation into this language seen
    // before); lines from now on come translated into the new language.
    rerenderAll();
    delete langPicker.dataset.applied;
    try {
      await hub.invoke('SetLanguage', tag);
      // Set once the server reads this connection in `tag` (tests wait for it).
      if (langPicker.value === tag) langPicker.dataset.applied = tag;
    } catch (err) {
      // The next (re)connect sends the new language anyway.
      toast(describeError(err), 'error');
    }
  });

  danmakuToggle.addEventListener('click', () => { stage.setDanmaku(!stage.danmakuOn); renderInfo(); });

  videoForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const url = videoInput.value.trim();
    if (!url) { stage.setVideo(''); return; }
    try {
      const u = new URL(url, location.href);
      if (!/^https?:$/.test(u.protocol)) throw new Error();
      stage.setVideo(u.href);
    } catch {
      toast('Enter an http(s) video URL', 'error');
    }
  });
  if (stage.savedVideo()) stage.setVideo(stage.savedVideo());

  renderInfo();
  renderCounters();
  if (hub.state === 'connected') join(false);
  else hub.ready(30000).catch(() => { /* joined by onConnected once up */ });

  return () => {
    disposed = true;
    if (likeTaps) {
      const n = Math.min(likeTaps, LIKE_MAX);
      likeTaps = 0;
      hub.invoke('Like', roomId, n).catch(() => {});
    }
    clearTimeout(likeTimer);
    for (const off of offs) off();
    commerce.dispose();
    offConnected();
    offSession();
    if (banDialog.open) banDialog.close();
    stage.setDanmaku(stage.danmakuOn);
    if (hub.state === 'connected') hub.invoke('LeaveRoom', roomId).catch(() => {});
    document.title = 'Realtime · Live';
  };
}
