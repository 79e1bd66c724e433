// Direct messages: the conversation list (#/messages) and a conversation (#/messages/{id}).
// The list is latest first and follows `directMessage` live; a conversation shows its messages
// in seq order (yours on the right) with translations as in chat, marks itself read while it is
// open and visible, resumes by seq after a reconnect, and sends with an idempotent
// clientMessageId that a retry (or the reconnect after a dropped send) reuses.
import { hub } from './hub.js';
import { getSession, onSessionChange, getReadLanguage } from './session.js';
import { icon } from './icons.js';
import { h, clear, avatar, newId, describeError, errorTag, formatAgo, formatFull, formatTime, nearBottom, toast } from './ui.js';
import { translationView, sourceLanguageTag, rememberTranslation, translationIn, normaliseTranslation, sameLanguage } from './translation.js';
import { conversationIdFor, participantsOf, otherOf, isUserId, setDirectUnread } from './direct.js';
import { reportButton } from './report.js';

const LIST_LIMIT = 100;
const FIRST_PAGE = 100;
const RESUME_PAGE = 200; // the contract's maximum
const MESSAGE_MAX = 1000;

/** What the server's refusals mean for a private message, in words. */
const DM_ERRORS = {
  contact_blocked: 'Contact details are not allowed in private messages: phone numbers, WeChat or QQ ids, email addresses and links. Your message was not sent.',
  blocked: 'You can\'t message this person: one of you has blocked the other. Your message was not sent.',
  blocked_term: 'Your message contains a word that is not allowed here. It was not sent.',
  not_found: 'There is no user with that id.',
  invalid: null,
  rate_limited: 'You are sending too fast. Wait a moment and try again.',
  forbidden: 'You are not allowed to send this message.',
  unauthenticated: 'Sign in to send messages.',
};
const DM_TAGS = { contact_blocked: 'Contact details', blocked: 'Blocked', blocked_term: 'Not allowed', not_found: 'No such user' };

function dmErrorText(err) {
  return DM_ERRORS[err?.code] ?? describeError(err);
}

// ---- local memory: whom you blocked, and your messages held for review ----
const blockedKey = (uid) => `realtime.dmBlocked.${uid}`;
const heldKey = (uid) => `realtime.dmHeld.${uid}`;

function readJson(key, fallback) {
  try { return JSON.parse(localStorage.getItem(key) ?? '') ?? fallback; } catch { return fallback; }
}

function blockedUsers(uid) {
  return new Set(uid ? readJson(blockedKey(uid), []) : []);
}

function setBlocked(uid, userId, on) {
  const set = blockedUsers(uid);
  if (on) set.add(userId); else set.delete(userId);
  localStorage.setItem(blockedKey(uid), JSON.stringify([...set]));
}

/** Your messages a term held for review: conversationId -> [{id, messageId, seq, text, sentAt}]. */
function heldMessages(uid, conversationId) {
  const all = uid ? readJson(heldKey(uid), {}) : {};
  return Array.isArray(all[conversationId]) ? all[conversationId] : [];
}

function saveHeld(uid, conversationId, list) {
  if (!uid) return;
  const all = readJson(heldKey(uid), {});
  if (list.length) all[conversationId] = list.slice(-50); else delete all[conversationId];
  localStorage.setItem(heldKey(uid), JSON.stringify(all));
}

function preview(text, n = 80) {
  const chars = Array.from(String(text ?? ''));
  return chars.length > n ? `${chars.slice(0, n).join('')}…` : chars.join('');
}

function signedOut(root, what) {
  clear(root).append(h('section', { class: 'empty-state', testid: 'messages-signed-out' },
    h('div', { class: 'empty-emoji' }, '✉️'),
    h('h1', {}, 'Messages'),
    h('p', { class: 'muted' }, `Sign in above to ${what}.`)));
}

// ---- #/messages ----

/** The conversation list with the "new message" form; returns a dispose function. */
export function mountConversations(root) {
  let disposed = false;
  const session = getSession();
  document.title = 'Messages · Realtime';
  if (!session) {
    signedOut(root, 'read and send private messages');
    const off = onSessionChange(() => { if (getSession() && !disposed) { off(); disposed = true; inner = mountConversations(root); } });
    let inner = null;
    return () => { disposed = true; off(); inner?.(); };
  }
  const me = session.userId;
  const conversations = new Map(); // conversationId -> ConversationSummary
  let refreshTimer = null;

  const list = h('ol', { class: 'conversation-list', testid: 'conversation-list' });
  const empty = h('p', { class: 'muted conversation-empty', testid: 'conversation-empty', hidden: true }, 'No conversations yet. Message someone from a chat line, a comment, or by their user id.');
  const status = h('span', { class: 'muted small', testid: 'conversations-status' });
  const userInput = h('input', { testid: 'dm-new-user', placeholder: 'user id', maxlength: '64', spellcheck: 'false', autocomplete: 'off', 'aria-label': 'User id to message' });
  const openButton = h('button', { class: 'btn btn-primary btn-sm', type: 'submit', testid: 'dm-new-open' }, icon('send', { size: 15 }), 'Message');
  const newError = h('span', { class: 'form-error small', testid: 'dm-new-error', role: 'alert', hidden: true });
  const newForm = h('form', { class: 'dm-new-form', testid: 'dm-new-form', novalidate: true },
    h('label', { class: 'field grow' }, h('span', {}, 'New message to'), userInput), openButton, newError);
  const view = h('section', { class: 'messages-page card', testid: 'messages-page' },
    h('div', { class: 'messages-head' }, h('h1', {}, 'Messages'), status),
    newForm, empty, list);
  clear(root).append(view);

  newForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const id = userInput.value.trim().replace(/^@/, '');
    const fail = (t) => { newError.textContent = t; newError.hidden = false; };
    if (!isUserId(id)) return fail('A user id is 1–64 letters, digits, "-" or "_"');
    if (id === me) return fail('That is you — pick someone else');
    location.hash = `#/messages/${encodeURIComponent(conversationIdFor(me, id))}`;
  });
  userInput.addEventListener('input', () => { newError.hidden = true; });

  function row(c) {
    const last = c.lastMessage;
    const fromMe = last?.fromUserId === me;
    return h('li', {},
      h('a', {
        class: `conversation-item${c.unread > 0 ? ' unread' : ''}`, testid: 'conversation-item',
        href: `#/messages/${encodeURIComponent(c.conversationId)}`,
        dataset: { conversationId: c.conversationId, otherUserId: c.otherUserId, unread: String(c.unread ?? 0) },
      },
      avatar(c.otherUserId, c.otherDisplayName),
      h('span', { class: 'conversation-text' },
        h('span', { class: 'conversation-top' },
          h('strong', { class: 'conversation-name', testid: 'conversation-name' }, c.otherDisplayName || c.otherUserId),
          h('span', { class: 'muted small' }, `@${c.otherUserId}`),
          h('time', { class: 'muted small conversation-time', datetime: c.updatedAt ?? '', title: formatFull(c.updatedAt) }, formatAgo(c.updatedAt))),
        h('span', { class: 'conversation-last muted', testid: 'conversation-last' },
          last ? `${fromMe ? 'You: ' : ''}${preview(last.text)}` : 'No messages yet')),
      c.unread > 0 && h('span', { class: 'conversation-unread', testid: 'conversation-unread', dataset: { value: String(c.unread) } }, c.unread > 99 ? '99+' : String(c.unread))));
  }

  function render() {
    const sorted = [...conversations.values()].sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)) || (b.lastMessage?.seq ?? 0) - (a.lastMessage?.seq ?? 0));
    clear(list).append(...sorted.map(row));
    empty.hidden = conversations.size > 0 || status.textContent === 'loading…';
  }

  async function load() {
    if (disposed || getSession()?.userId !== me) return;
    if (!conversations.size) status.textContent = 'loading…';
    try {
      const page = await hub.invoke('GetConversations', LIST_LIMIT);
      if (disposed) return;
      conversations.clear();
      for (const c of page ?? []) conversations.set(c.conversationId, c);
      status.textContent = '';
    } catch (err) {
      if (disposed) return;
      status.textContent = `couldn't load: ${describeError(err)}`;
    }
    render();
  }

  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(load, 400);
  }

  function onMessage(m) {
    if (!m?.conversationId) return;
    const other = otherOf(m.conversationId, me);
    if (!other) return;
    const known = conversations.get(m.conversationId);
    if (known?.lastMessage && known.lastMessage.seq >= m.seq) return;
    const fromOther = m.fromUserId !== me;
    conversations.set(m.conversationId, {
      conversationId: m.conversationId,
      otherUserId: other,
      otherDisplayName: fromOther ? (m.displayName || other) : (known?.otherDisplayName ?? other),
      lastMessage: m,
      unread: (known?.unread ?? 0) + (fromOther ? 1 : 0),
      updatedAt: m.sentAt ?? new Date().toISOString(),
    });
    render();
  }

  function onDeleted() { scheduleRefresh(); }

  const offs = [
    hub.on('directMessage', onMessage),
    hub.on('directMessageDeleted', onDeleted),
    hub.on('directUnread', () => scheduleRefresh()),
    hub.onConnected(() => load()),
    onSessionChange(() => { dispose(); inner = mountConversations(root); }),
  ];
  let inner = null;
  render();
  if (hub.state === 'connected') load();
  else hub.ready(30000).catch(() => { /* loaded by onConnected */ });

  function dispose() {
    if (disposed) return;
    disposed = true;
    clearTimeout(refreshTimer);
    for (const off of offs) off();
  }
  return () => { dispose(); inner?.(); };
}

// ---- #/messages/{conversationId} ----

/** One conversation; returns a dispose function. */
export function mountConversation(root, conversationId) {
  let disposed = false;
  let inner = null;
  const session = getSession();
  document.title = 'Messages · Realtime';
  if (!session) {
    signedOut(root, 'read this conversation');
    const off = onSessionChange(() => { if (getSession() && !disposed) { off(); disposed = true; inner = mountConversation(root, conversationId); } });
    return () => { disposed = true; off(); inner?.(); };
  }
  const me = session.userId;
  const other = participantsOf(conversationId) ? otherOf(conversationId, me) : null;
  if (!other) {
    clear(root).append(h('section', { class: 'empty-state', testid: 'conversation-not-found' },
      h('div', { class: 'empty-emoji' }, '✉️'),
      h('h1', {}, 'Not your conversation'),
      h('p', { class: 'muted' }, `"${conversationId}" is not a conversation of @${me}.`),
      h('a', { class: 'btn btn-primary', href: '#/messages' }, 'Your messages')));
    const off = onSessionChange(() => { off(); disposed = true; inner = mountConversation(root, conversationId); });
    return () => { disposed = true; off(); inner?.(); };
  }

  // ---- state ----
  const messages = new Map(); // seq -> DirectMessage (.translations)
  const lineEls = new Map(); // seq -> <li>
  const showOriginal = new Set();
  const early = new Map(); // seq -> translations that overtook their message
  let held = heldMessages(me, conversationId); // your messages waiting for review
  let otherName = other;
  let lastSeq = null;
  let readUpTo = 0;
  let loaded = false;
  let loading = false;
  let buffered = [];
  let pendingSend = null; // { text, id }: a retry of the same text reuses the id
  let outbox = null; // { text, id }: a send the connection dropped, sent again on reconnect
  let blocked = blockedUsers(me).has(other);
  let marking = false;
  let markAgain = false;

  // ---- elements ----
  const nameEl = h('strong', { class: 'dm-name', testid: 'dm-other-name' }, other);
  const blockButton = h('button', { class: 'btn btn-ghost btn-sm', type: 'button', testid: 'dm-block' });
  const header = h('div', { class: 'dm-head' },
    h('a', { class: 'icon-btn dm-back', href: '#/messages', 'aria-label': 'All messages', title: 'All messages' }, icon('back', { size: 20 })),
    avatar(other, other),
    h('div', { class: 'dm-head-text' }, nameEl, h('span', { class: 'muted small' }, `@${other}`)),
    h('span', { class: 'spacer' }),
    reportButton('user', other, { label: `@${other}`, testid: 'dm-report-user', className: 'btn btn-ghost btn-sm', text: 'Report' }),
    blockButton);
  const status = h('p', { class: 'muted small dm-status', testid: 'dm-status' });
  const list = h('ol', { class: 'dm-list', testid: 'dm-list', 'aria-live': 'polite' });
  const emptyHint = h('li', { class: 'dm-empty muted', testid: 'dm-empty' }, 'No messages yet. Say hello 👋');
  list.append(emptyHint);
  const scroller = h('div', { class: 'dm-scroll' }, list);
  const notice = h('div', { class: 'dm-notice', testid: 'dm-notice', role: 'status', hidden: true });
  const error = h('div', { class: 'chat-error', testid: 'dm-error', role: 'alert', hidden: true });
  const input = h('textarea', {
    class: 'comment-input dm-input', testid: 'dm-input', rows: '1', placeholder: 'Message…', enterkeyhint: 'send',
    'aria-label': 'Message', autocomplete: 'off', title: 'Enter sends, Shift+Enter for a new line',
  });
  const sendButton = h('button', { class: 'btn btn-primary btn-sm', type: 'submit', testid: 'dm-send' }, 'Send');
  const form = h('form', { class: 'dm-form', testid: 'dm-form', novalidate: true }, input, sendButton);
  const view = h('section', { class: 'dm-view card', testid: 'dm-view', dataset: { conversationId, otherUserId: other } },
    header, status, scroller, notice, error, form);
  clear(root).append(view);

  // ---- rendering ----
  function renderHeader() {
    nameEl.textContent = otherName;
    document.title = `${otherName} · Messages · Realtime`;
    blockButton.replaceChildren(icon('ban', { size: 15 }), blocked ? 'Unblock' : 'Block');
    blockButton.dataset.blocked = String(blocked);
    blockButton.title = blocked ? `Let @${other} message you again` : `Stop @${other} from messaging you`;
    view.classList.toggle('is-blocked', blocked);
  }

  function renderLine(m) {
    const mine = m.fromUserId === me;
    const t = translationIn(m, getReadLanguage());
    const isHeld = held.some((x) => x.messageId === m.messageId || x.seq === m.seq);
    return h('li', {
      class: `dm-line${mine ? ' mine' : ''}${isHeld ? ' pending' : ''}`, testid: 'dm-message',
      dataset: { seq: String(m.seq), fromUserId: m.fromUserId, messageId: m.messageId ?? '' },
    },
    h('div', { class: 'dm-bubble' },
      h('div', { class: 'dm-text', testid: 'dm-text', lang: m.language || undefined }, m.text),
      t && translationView(t, {
        collapsed: showOriginal.has(m.seq),
        sourceLanguage: m.language,
        onToggle: () => { if (showOriginal.has(m.seq)) showOriginal.delete(m.seq); else showOriginal.add(m.seq); rerender(m.seq); },
      }),
      h('div', { class: 'dm-meta muted small' },
        sourceLanguageTag(m.language, getReadLanguage()),
        h('time', { datetime: m.sentAt ?? '', title: formatFull(m.sentAt) }, formatTime(m.sentAt)),
        isHeld && h('span', { class: 'badge badge-warn', testid: 'dm-pending' }, 'pending review'),
        !mine && reportButton('directMessage', `${conversationId}:${m.seq}`, { label: preview(m.text, 60), testid: 'dm-report', className: 'icon-btn dm-report' }))));
  }

  /** Held messages the conversation has not given back: shown at the end, to you only. */
  function renderHeld() {
    for (const el of list.querySelectorAll('.dm-line.local')) el.remove();
    for (const x of held) {
      if (x.messageId && [...messages.values()].some((m) => m.messageId === x.messageId)) continue;
      if (typeof x.seq === 'number' && messages.has(x.seq)) continue;
      list.append(h('li', { class: 'dm-line mine pending local', testid: 'dm-message', dataset: { seq: '', fromUserId: me, held: 'true' } },
        h('div', { class: 'dm-bubble' },
          h('div', { class: 'dm-text', testid: 'dm-text' }, x.text),
          h('div', { class: 'dm-meta muted small' },
            h('time', { datetime: x.sentAt ?? '' }, formatTime(x.sentAt)),
            h('span', { class: 'badge badge-warn', testid: 'dm-pending', title: 'Only you can see this until a moderator approves it' }, 'pending review')))));
    }
    emptyHint.hidden = messages.size > 0 || held.length > 0;
  }

  function rerender(seq) {
    const m = messages.get(seq);
    const old = lineEls.get(seq);
    if (!m || !old) return;
    const li = renderLine(m);
    old.replaceWith(li);
    lineEls.set(seq, li);
  }

  function scrollToEnd() { scroller.scrollTop = scroller.scrollHeight; }

  function add(m) {
    if (!m || typeof m.seq !== 'number' || messages.has(m.seq)) return false;
    if (m.translation) rememberTranslation(m, m.translation);
    for (const t of early.get(m.seq) ?? []) rememberTranslation(m, t);
    early.delete(m.seq);
    messages.set(m.seq, m);
    if (lastSeq === null || m.seq > lastSeq) lastSeq = m.seq;
    if (m.fromUserId === other && m.displayName && m.displayName !== otherName) { otherName = m.displayName; renderHeader(); }
    // A held message of yours that came back approved (under a new seq) is no longer pending.
    if (m.fromUserId === me && held.length) {
      const i = held.findIndex((x) => x.messageId !== m.messageId && x.seq !== m.seq && x.text === m.text && m.seq > (x.seq ?? -1));
      if (i >= 0) { held.splice(i, 1); saveHeld(me, conversationId, held); }
    }
    const li = renderLine(m);
    lineEls.set(m.seq, li);
    let before = null;
    for (const el of list.children) {
      if (el.classList.contains('local') || (el.dataset.seq && Number(el.dataset.seq) > m.seq)) { before = el; break; }
    }
    list.insertBefore(li, before);
    return true;
  }

  function remove(seq) {
    messages.delete(seq);
    lineEls.get(seq)?.remove();
    lineEls.delete(seq);
    renderHeld();
  }

  function showError(err) {
    if (!err) { error.hidden = true; error.textContent = ''; delete error.dataset.code; return; }
    error.hidden = false;
    error.dataset.code = err.code ?? '';
    error.replaceChildren(h('strong', { class: 'chat-error-tag' }, DM_TAGS[err.code] ?? errorTag(err.code)), ' ', dmErrorText(err));
  }

  function showNotice(kind, text) {
    if (!kind) { notice.hidden = true; notice.textContent = ''; delete notice.dataset.kind; return; }
    notice.hidden = false;
    notice.dataset.kind = kind;
    notice.replaceChildren(icon(kind === 'held' ? 'clock' : 'shield', { size: 15 }), ' ', text);
  }

  // ---- reading ----
  function maybeMarkRead() {
    if (disposed || !loaded || document.visibilityState !== 'visible') return;
    let newest = 0;
    for (const m of messages.values()) if (m.fromUserId !== me && m.seq > newest) newest = m.seq;
    if (newest <= readUpTo) return;
    if (marking) { markAgain = true; return; }
    marking = true;
    const upTo = Math.max(newest, lastSeq ?? 0);
    hub.invoke('MarkConversationRead', conversationId, upTo).then((r) => {
      if (disposed) return;
      readUpTo = Math.max(readUpTo, r?.readUpTo ?? upTo);
      if (typeof r?.total === 'number') setDirectUnread(r.total);
    }).catch((err) => console.warn('MarkConversationRead failed', err)).finally(() => {
      marking = false;
      if (markAgain) { markAgain = false; maybeMarkRead(); }
    });
  }

  async function load(resume) {
    if (disposed) return;
    if (loading) { loadAgain = true; return; }
    loading = true;
    buffered = [];
    status.textContent = resume && loaded ? 'catching up…' : 'loading…';
    try {
      const since = resume && loaded ? (lastSeq ?? 0) : null;
      let page = await hub.invoke('GetDirectMessages', conversationId, since, since === null ? FIRST_PAGE : RESUME_PAGE);
      let replace = since === null;
      if (since !== null && !page?.recovered) {
        // Too much was missed: start over from the latest messages.
        page = await hub.invoke('GetDirectMessages', conversationId, null, FIRST_PAGE);
        replace = true;
      }
      if (disposed) return;
      const stick = nearBottom(scroller);
      if (replace) { messages.clear(); lineEls.clear(); clear(list).append(emptyHint); lastSeq = null; }
      for (const m of page?.messages ?? []) add(m);
      if (typeof page?.lastSeq === 'number' && (lastSeq === null || page.lastSeq > lastSeq)) lastSeq = page.lastSeq;
      if (typeof page?.readUpTo === 'number') readUpTo = Math.max(replace ? 0 : readUpTo, page.readUpTo);
      loaded = true;
      status.textContent = '';
      renderHeld();
      if (replace || stick) scrollToEnd();
    } catch (err) {
      if (disposed) return;
      status.textContent = err.code === 'not_found' ? `There is no user @${other}.` : `couldn't load: ${describeError(err)}`;
      status.dataset.code = err.code ?? '';
    } finally {
      loading = false;
      const queue = buffered;
      buffered = [];
      for (const [kind, ev] of queue) handlers[kind](ev);
      if (loadAgain) { loadAgain = false; load(true); } else maybeMarkRead();
    }
  }
  let loadAgain = false;

  // ---- events ----
  const handlers = {
    message(m) {
      if (m?.conversationId !== conversationId) return;
      if (loading) { buffered.push(['message', m]); return; }
      const before = lastSeq;
      if (loaded && before !== null && m.seq > before + 1) load(true);
      const stick = nearBottom(scroller) || m.fromUserId === me;
      if (add(m)) {
        renderHeld();
        if (stick) scrollToEnd();
        maybeMarkRead();
      }
    },
    translated(ev) {
      if (ev?.conversationId !== conversationId || typeof ev.seq !== 'number') return;
      const t = normaliseTranslation(ev);
      if (!t) return;
      const m = messages.get(ev.seq);
      if (!m) {
        early.set(ev.seq, [...(early.get(ev.seq) ?? []), t]);
        if (early.size > 200) early.delete(early.keys().next().value);
        return;
      }
      if (rememberTranslation(m, t) && sameLanguage(ev.language, getReadLanguage())) {
        const stick = nearBottom(scroller);
        rerender(ev.seq);
        if (stick) scrollToEnd();
      }
    },
    deleted(ev) {
      if (ev?.conversationId !== conversationId) return;
      if (loading) { buffered.push(['deleted', ev]); return; }
      remove(ev.seq);
    },
  };

  // ---- sending ----
  async function send(text, id) {
    sendButton.disabled = true;
    showError(null); // a new attempt: the last refusal no longer applies
    try {
      const ack = await hub.invoke('SendDirectMessage', other, id, text);
      if (disposed) return;
      pendingSend = null;
      outbox = null;
      if (input.value.trim() === text) input.value = '';
      autoGrow();
      showError(null);
      if (ack?.held) {
        if (!held.some((x) => x.id === id)) {
          held.push({ id, messageId: ack.messageId ?? null, seq: typeof ack.seq === 'number' ? ack.seq : null, text, sentAt: new Date().toISOString() });
          saveHeld(me, conversationId, held);
        }
        for (const [seq, m] of messages) if (m.messageId === ack.messageId || seq === ack.seq) rerender(seq);
        renderHeld();
        scrollToEnd();
        showNotice('held', 'Held for review: only you can see this message until a moderator approves it.');
      } else if (ack?.masked) {
        showNotice('masked', 'Part of your message was masked (***): contact details and some words are not shown.');
      } else {
        showNotice(null);
      }
      // If our own message has not arrived live shortly, catch up from history.
      if (!ack?.held && typeof ack?.seq === 'number') {
        setTimeout(() => { if (!disposed && !messages.has(ack.seq) && (lastSeq ?? -1) < ack.seq) load(true); }, 2000);
      }
    } catch (err) {
      if (disposed) return;
      if (err.code && err.code !== 'unavailable') {
        // Refused: the same text will not pass as it is, so the next try is a new message.
        pendingSend = null;
        outbox = null;
        if (err.code === 'blocked' && !blocked) view.classList.add('is-blocked-by-other');
        showNotice(null);
        showError(err);
      } else {
        // The connection dropped: send it again, with the same id, once we are back.
        outbox = { text, id };
        showError({ code: 'unavailable', detail: 'not sent yet — it goes out when the connection is back' });
      }
    } finally {
      sendButton.disabled = false;
    }
  }

  function submit() {
    const text = input.value.trim();
    if (!text) return;
    if (Array.from(text.normalize('NFC')).length > MESSAGE_MAX) return showError({ code: 'invalid', detail: `a message has at most ${MESSAGE_MAX} characters` });
    const id = pendingSend && pendingSend.text === text ? pendingSend.id : newId();
    pendingSend = { text, id };
    send(text, id);
  }

  function autoGrow() {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
  }

  form.addEventListener('submit', (ev) => { ev.preventDefault(); submit(); });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); form.requestSubmit(); }
  });
  input.addEventListener('input', () => { autoGrow(); if (!error.hidden && error.dataset.code !== 'blocked') showError(null); });

  blockButton.addEventListener('click', async () => {
    const want = !blocked;
    blockButton.disabled = true;
    try {
      await hub.invoke(want ? 'BlockUser' : 'UnblockUser', other);
      if (disposed) return;
      blocked = want;
      setBlocked(me, other, want);
      showError(null);
      toast(want ? `@${other} can no longer message you` : `@${other} can message you again`, 'ok');
    } catch (err) {
      toast(describeError(err), 'error');
    } finally {
      blockButton.disabled = false;
      renderHeader();
    }
  });

  const onVisible = () => maybeMarkRead();
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('focus', onVisible);

  const offs = [
    hub.on('directMessage', handlers.message),
    hub.on('directMessageTranslated', handlers.translated),
    hub.on('directMessageDeleted', handlers.deleted),
    hub.onConnected(async () => {
      await load(true);
      if (outbox && !disposed) send(outbox.text, outbox.id);
    }),
    onSessionChange(() => { dispose(); inner = mountConversation(root, conversationId); }),
  ];

  // The other person's display name, from the conversation list (when you have talked before).
  hub.ready(30000).then(() => hub.invoke('GetConversations', LIST_LIMIT)).then((page) => {
    const c = (page ?? []).find((x) => x.conversationId === conversationId);
    if (!disposed && c?.otherDisplayName) { otherName = c.otherDisplayName; renderHeader(); }
  }).catch(() => {});

  renderHeader();
  renderHeld();
  if (hub.state === 'connected') load(false);
  else hub.ready(30000).catch(() => { /* loaded by onConnected */ });
  input.focus();

  function dispose() {
    if (disposed) return;
    disposed = true;
    for (const off of offs) off();
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('focus', onVisible);
  }
  return () => { dispose(); inner?.(); document.title = 'Realtime · Live'; };
}
