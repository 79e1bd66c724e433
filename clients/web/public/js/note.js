// A note: cover, title, body, author, live counters, like and collect, and its comment thread as
// RedNote shows it (top-level comments with every reply in their thread indented under them),
// with comment likes, replies, @mentions and translations; resumes by seq after a reconnect.
import { hub } from './hub.js';
import { getNote } from './api.js';
import { getSession, onSessionChange, getReadLanguage, setReadLanguage } from './session.js';
import { languageName, languageSelect } from './languages.js';
import { rememberNote, likedComments, setCommentLiked } from './note-store.js';
import { icon } from './icons.js';
import { h, clear, formatCount, formatAgo, formatFull, posterStyle, avatar, newId, describeError, errorTag, toast } from './ui.js';
import { translationView, sourceLanguageTag, rememberTranslation, translationIn, normaliseTranslation, sameLanguage } from './translation.js';
import { messageButton } from './direct.js';
import { reportButton } from './report.js';
import { withHashtags, tagsOf } from './hashtags.js';

const COMMENT_MAX = 2000;
const REPLIES_SHOWN = 2; // a thread with more replies shows this many and "N more replies"
const MENTION_RE = /(?<![A-Za-z0-9_-])@([A-Za-z0-9_-]{1,64})/g;
const MENTION_AT_CARET = /(?:^|[^A-Za-z0-9_-])@([A-Za-z0-9_-]{0,64})$/;
const MENTION_SUGGESTIONS = 6;

const codePoints = (text) => Array.from(text.normalize('NFC')).length;

/** The comment id to highlight, from `#/note/{noteId}?c={commentId}`. */
function commentFromHash() {
  const i = location.hash.indexOf('?');
  if (i < 0) return null;
  return new URLSearchParams(location.hash.slice(i + 1)).get('c');
}

/** Text with `@userId` mentions as highlighted spans (text nodes only, never markup). */
function withMentions(text, known) {
  const parts = [];
  let at = 0;
  for (const m of text.matchAll(MENTION_RE)) {
    if (m.index > at) parts.push(text.slice(at, m.index));
    const userId = m[1];
    parts.push(h('span', { class: `mention${known.has(userId) ? ' known' : ''}`, title: known.get(userId) || undefined }, m[0]));
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

/** Renders note `noteId` into `root`; returns a dispose function. */
export function mountNote(root, noteId) {
  let disposed = false;

  // ---- state ----
  const comments = new Map(); // commentId -> Comment
  const idBySeq = new Map(); // seq -> commentId (dedupe by seq)
  const itemEls = new Map(); // commentId -> <article>
  const threadEls = new Map(); // top-level commentId -> { li, replies: <ol>, more: <button> }
  const expanded = new Set(); // threads whose replies the user opened
  const showOriginal = new Set(); // commentIds whose translation the user folded away ("show original")
  const early = new Map(); // commentId -> translations that arrived before their comment
  const pendingLikes = new Set(); // commentIds with a LikeComment call in flight
  let info = { authorId: null, title: '', body: '', createdAt: null, language: null };
  let counters = { likes: 0, collects: 0, comments: 0 };
  let likedByMe = false;
  let collectedByMe = false;
  let myCommentLikes = likedComments(getSession()?.userId, noteId);
  let lastSeq = null;
  let epoch = null;
  let watching = false;
  let watched = false;
  let buffered = [];
  let replyTo = null;
  let pendingSend = null; // { text, id, replyToId } kept for a retry with the same clientMessageId
  let noteBusy = { like: false, collect: false };
  let earliestUnavailable = false;
  let focusAfterLoad = commentFromHash();
  let viewRecorded = false;

  // ---- elements ----
  const cover = h('div', { class: 'note-cover', style: posterStyle(noteId) },
    h('a', { class: 'stage-back', href: '#/', 'aria-label': 'Back home' }, icon('back', { size: 20 })),
    h('div', { class: 'note-cover-title' }, ''));
  const authorEl = h('div', { class: 'note-author', testid: 'note-author' });
  const titleEl = h('h1', { class: 'note-title', testid: 'note-title' }, '');
  const bodyEl = h('div', { class: 'note-body', testid: 'note-body' });
  const dateEl = h('div', { class: 'note-date muted small' });
  const threadHead = h('div', { class: 'thread-head' });
  const earlierButton = h('button', { class: 'link-button thread-earlier', type: 'button', testid: 'comments-earlier', hidden: true }, 'Show earlier comments');
  const commentList = h('ol', { class: 'comment-list', testid: 'comment-list', 'aria-live': 'polite' });
  const emptyHint = h('p', { class: 'comment-empty muted', testid: 'comment-empty' }, 'No comments yet. Start the conversation!');
  const status = h('span', { class: 'muted small', testid: 'note-status' });
  const langPicker = languageSelect(getReadLanguage(), { testid: 'note-language', class: 'select-sm', 'aria-label': 'Read comments in', title: 'Read comments in' });

  const likeCount = h('span', { class: 'note-action-count', testid: 'note-like-count', dataset: { value: '0' } }, '0');
  const collectCount = h('span', { class: 'note-action-count', testid: 'note-collect-count', dataset: { value: '0' } }, '0');
  const commentCount = h('span', { class: 'note-action-count', testid: 'note-comment-count', dataset: { value: '0' } }, '0');
  const likeButton = h('button', { class: 'note-action note-like', type: 'button', testid: 'note-like', 'aria-pressed': 'false', title: 'Like' });
  const collectButton = h('button', { class: 'note-action note-collect', type: 'button', testid: 'note-collect', 'aria-pressed': 'false', title: 'Collect' });
  const commentJump = h('button', { class: 'note-action', type: 'button', title: 'Comment', onclick: () => commentInput.focus() },
    icon('chat', { size: 22 }), commentCount);

  const replyBar = h('div', { class: 'reply-bar', testid: 'comment-reply-bar', hidden: true });
  const commentError = h('div', { class: 'chat-error', testid: 'comment-error', role: 'alert', hidden: true });
  const commentInput = h('textarea', {
    class: 'comment-input', testid: 'comment-input', rows: '1', placeholder: 'Add a comment…', title: 'Enter sends, Shift+Enter for a new line, @ to mention someone',
    enterkeyhint: 'send', 'aria-label': 'Comment', autocomplete: 'off',
  });
  const commentSend = h('button', { class: 'btn btn-primary btn-sm', type: 'submit', testid: 'comment-send' }, 'Send');
  const counter = h('span', { class: 'char-count muted', testid: 'comment-char-count' });
  const suggestions = h('ul', { class: 'mention-suggestions', testid: 'mention-suggestions', role: 'listbox', hidden: true });
  const commentForm = h('form', { class: 'comment-form', testid: 'comment-form', novalidate: true },
    suggestions, commentInput, counter, commentSend);
  const footer = h('div', { class: 'note-footer' },
    replyBar, commentError,
    h('div', { class: 'note-footer-row' }, commentForm,
      h('div', { class: 'note-actions' },
        h('div', { class: 'note-action-group' }, likeButton, likeCount),
        h('div', { class: 'note-action-group' }, collectButton, collectCount),
        commentJump)));

  const scroll = h('div', { class: 'note-scroll' },
    authorEl,
    h('article', { class: 'note-content' }, titleEl, bodyEl, dateEl),
    h('div', { class: 'thread' }, h('div', { class: 'thread-bar' }, threadHead, status,
      h('label', { class: 'inline-field thread-language' }, icon('globe', { size: 15 }), langPicker)), earlierButton, emptyHint, commentList));
  const view = h('section', { class: 'note-view', testid: 'note-view', dataset: { noteId } },
    cover,
    h('div', { class: 'note-side card' }, scroll, footer));
  clear(root).append(view);

  // ---- participants (for names and @mention suggestions) ----
  function participants() {
    const people = new Map();
    const me = getSession();
    if (info.authorId) people.set(info.authorId, me?.userId === info.authorId ? me.displayName : info.authorId);
    for (const c of comments.values()) people.set(c.userId, c.displayName || c.userId);
    return people;
  }

  // ---- rendering ----
  function renderInfo() {
    const title = info.title || '';
    // Hashtags in the title and text lead to their topic pages (the ten the note counts under).
    const tags = new Set(tagsOf(title, info.body || ''));
    clear(titleEl).append(...withHashtags(title, undefined, tags));
    cover.querySelector('.note-cover-title').textContent = title;
    document.title = `${title || 'Note'} · Realtime`;
    clear(bodyEl);
    const people = participants();
    bodyEl.append(...withHashtags(info.body || '', (piece) => withMentions(piece, people), tags));
    bodyEl.hidden = !info.body;
    const authorName = info.authorId ? (participants().get(info.authorId) ?? info.authorId) : '';
    clear(authorEl);
    if (info.authorId) {
      authorEl.append(avatar(info.authorId, authorName),
        h('div', { class: 'note-author-text' },
          h('strong', {}, authorName),
          authorName !== info.authorId && h('span', { class: 'muted small' }, `@${info.authorId}`)),
        getSession()?.userId === info.authorId ? h('span', { class: 'badge badge-host' }, 'YOU') : '');
    }
    dateEl.textContent = info.createdAt
      ? `Posted ${formatAgo(info.createdAt)}${info.language ? ` · ${languageName(info.language)}` : ''}`
      : '';
    dateEl.title = formatFull(info.createdAt);
    const session = getSession();
    commentInput.disabled = !session;
    commentSend.disabled = !session;
    commentInput.placeholder = !session ? 'Sign in to comment'
      : replyTo ? `Reply to ${replyTo.displayName || replyTo.userId}…` : 'Add a comment…';
  }

  function renderCounters() {
    likeCount.textContent = formatCount(counters.likes);
    likeCount.dataset.value = String(counters.likes);
    collectCount.textContent = formatCount(counters.collects);
    collectCount.dataset.value = String(counters.collects);
    commentCount.textContent = formatCount(counters.comments);
    commentCount.dataset.value = String(counters.comments);
    likeButton.replaceChildren(icon(likedByMe ? 'heart' : 'heartLine', { size: 22 }));
    likeButton.setAttribute('aria-pressed', String(likedByMe));
    likeButton.classList.toggle('on', likedByMe);
    likeButton.title = likedByMe ? 'Unlike' : 'Like';
    collectButton.replaceChildren(icon(collectedByMe ? 'starFill' : 'star', { size: 22 }));
    collectButton.setAttribute('aria-pressed', String(collectedByMe));
    collectButton.classList.toggle('on', collectedByMe);
    collectButton.title = collectedByMe ? 'Remove from collection' : 'Collect';
    threadHead.textContent = counters.comments === 1 ? '1 comment' : `${formatCount(counters.comments)} comments`;
  }

  /** The translation to show under `c` for the reading language, or null. */
  function translationFor(c) {
    return translationIn(c, getReadLanguage());
  }

  /** The top-level comment whose thread `c` belongs to (itself when top-level or its parent is unknown). */
  function topOf(c) {
    let cur = c;
    for (let i = 0; i < 1000 && cur.replyToCommentId; i++) {
      const parent = comments.get(cur.replyToCommentId);
      if (!parent) break;
      cur = parent;
    }
    return cur.commentId;
  }

  function renderComment(c) {
    const session = getSession();
    const people = participants();
    const mine = session?.userId === c.userId;
    const parent = c.replyToCommentId ? comments.get(c.replyToCommentId) : null;
    const top = topOf(c);
    const t = translationFor(c);
    // The original as written, always; its translation (if any) underneath.
    const original = h('div', { class: 'comment-text', testid: 'comment-text', lang: c.language || undefined }, withMentions(c.text, people));
    const translationEl = t && translationView(t, {
      collapsed: showOriginal.has(c.commentId),
      sourceLanguage: c.language,
      decorate: (piece) => withMentions(piece, people),
      onToggle: () => {
        if (showOriginal.has(c.commentId)) showOriginal.delete(c.commentId); else showOriginal.add(c.commentId);
        rerender(c.commentId);
      },
    });
    // A reply to a reply says whom it answers ("▸ Ann"); a reply whose parent is not loaded says so.
    let target = null;
    if (c.replyToCommentId && !parent) {
      target = h('span', { class: 'comment-target muted' }, 'replying to an earlier comment');
    } else if (parent && parent.commentId !== top) {
      target = h('span', { class: 'comment-target muted' }, '▸ ', h('strong', {}, parent.displayName || parent.userId));
    }
    const liked = myCommentLikes.has(c.commentId);
    const likeBtn = h('button', {
      class: `comment-like${liked ? ' on' : ''}`, type: 'button', testid: 'comment-like',
      'aria-pressed': String(liked), title: liked ? 'Unlike' : 'Like',
      onclick: () => toggleCommentLike(c.commentId),
    }, icon(liked ? 'heart' : 'heartLine', { size: 15 }),
    h('span', { class: 'comment-like-count', testid: 'comment-like-count', dataset: { value: String(c.likes ?? 0) } }, c.likes ? formatCount(c.likes) : ''));
    return h('article', {
      class: `comment${mine ? ' mine' : ''}${c.replyToCommentId ? ' is-reply' : ''}`,
      testid: 'comment-item', id: `comment-${c.commentId}`,
      dataset: { commentId: c.commentId, seq: String(c.seq), userId: c.userId, replyTo: c.replyToCommentId ?? '' },
    },
    avatar(c.userId, c.displayName),
    h('div', { class: 'comment-body' },
      h('div', { class: 'comment-meta' },
        h('span', { class: 'comment-name' }, c.displayName || c.userId),
        c.userId === info.authorId && h('span', { class: 'badge badge-host' }, 'AUTHOR'),
        sourceLanguageTag(c.language, getReadLanguage()),
        target),
      original,
      translationEl,
      h('div', { class: 'comment-foot muted' },
        h('time', { datetime: c.createdAt || '', title: formatFull(c.createdAt) }, formatAgo(c.createdAt)),
        session && h('button', { class: 'link-button comment-reply', type: 'button', testid: 'comment-reply', onclick: () => setReply(c) }, 'Reply'),
        !mine && messageButton(c.userId, { testid: 'comment-message', className: 'icon-btn comment-tool', name: c.displayName }),
        !mine && reportButton('comment', `${noteId}:${c.commentId}`, { testid: 'comment-report', className: 'icon-btn comment-tool', label: `${c.displayName || c.userId}: ${c.text}` }))),
    likeBtn);
  }

  function rerender(commentId) {
    const c = comments.get(commentId);
    const old = itemEls.get(commentId);
    if (!c || !old) return;
    const el = renderComment(c);
    old.replaceWith(el);
    itemEls.set(commentId, el);
  }

  function updateMore(topId) {
    const thread = threadEls.get(topId);
    if (!thread) return;
    const n = thread.replies.children.length;
    const open = expanded.has(topId) || n <= REPLIES_SHOWN + 1;
    thread.li.classList.toggle('collapsed', !open);
    thread.more.hidden = open;
    const hidden = n - REPLIES_SHOWN;
    thread.more.textContent = hidden === 1 ? 'Show 1 more reply' : `Show ${hidden} more replies`;
  }

  function newThread(c) {
    const replies = h('ol', { class: 'comment-replies' });
    const more = h('button', {
      class: 'link-button thread-more', type: 'button', testid: 'thread-more', hidden: true,
      onclick: () => { expanded.add(c.commentId); updateMore(c.commentId); },
    });
    const article = renderComment(c);
    itemEls.set(c.commentId, article);
    const li = h('li', { class: 'comment-thread', dataset: { commentId: c.commentId, seq: String(c.seq) } }, article, replies, more);
    threadEls.set(c.commentId, { li, replies, more });
    return li;
  }

  function insertBySeq(parent, el, seq) {
    let before = null;
    const last = parent.lastElementChild;
    if (last && Number(last.dataset.seq) > seq) {
      for (const child of parent.children) {
        if (Number(child.dataset.seq) > seq) { before = child; break; }
      }
    }
    parent.insertBefore(el, before);
  }

  /** Places one comment in the thread without redrawing the rest. */
  function place(c) {
    const top = topOf(c);
    if (top === c.commentId || !threadEls.has(top)) {
      insertBySeq(commentList, newThread(c), c.seq);
      return;
    }
    const thread = threadEls.get(top);
    const article = renderComment(c);
    itemEls.set(c.commentId, article);
    insertBySeq(thread.replies, h('li', { class: 'comment-reply-item', dataset: { seq: String(c.seq), commentId: c.commentId } }, article), c.seq);
    updateMore(top);
  }

  /** Redraws the whole thread from the state (after a snapshot: parents may have arrived). */
  function renderThread() {
    itemEls.clear();
    threadEls.clear();
    clear(commentList);
    const sorted = [...comments.values()].sort((a, b) => a.seq - b.seq);
    for (const c of sorted) place(c);
    for (const topId of threadEls.keys()) updateMore(topId);
    renderThreadMeta();
  }

  function renderThreadMeta() {
    emptyHint.hidden = comments.size > 0 || counters.comments > 0;
    let minSeq = Infinity;
    for (const seq of idBySeq.keys()) minSeq = Math.min(minSeq, seq);
    const missing = comments.size > 0 ? minSeq > 1 : counters.comments > 0;
    earlierButton.hidden = !missing;
    earlierButton.disabled = earliestUnavailable;
    earlierButton.textContent = earliestUnavailable ? 'Earlier comments are not available' : 'Show earlier comments';
  }

  /** Adds a comment (dedupe by seq); returns true if it was new. `draw` false: caller redraws. */
  function addComment(c, draw = true) {
    if (!c || typeof c.seq !== 'number' || idBySeq.has(c.seq) || comments.has(c.commentId)) return false;
    if (c.translation) rememberTranslation(c, c.translation);
    for (const t of early.get(c.commentId) ?? []) rememberTranslation(c, t);
    early.delete(c.commentId);
    comments.set(c.commentId, c);
    idBySeq.set(c.seq, c.commentId);
    if (lastSeq === null || c.seq > lastSeq) lastSeq = c.seq;
    if (draw) {
      place(c);
      renderThreadMeta();
    }
    return true;
  }

  function flash(commentId) {
    const el = itemEls.get(commentId);
    if (!el) return false;
    const top = topOf(comments.get(commentId));
    if (top !== commentId && !expanded.has(top)) { expanded.add(top); updateMore(top); }
    el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    el.classList.remove('flash');
    void el.offsetWidth;
    el.classList.add('flash');
    return true;
  }

  function setReply(c) {
    replyTo = c ? { commentId: c.commentId, userId: c.userId, displayName: c.displayName, text: c.text } : null;
    clear(replyBar);
    replyBar.hidden = !replyTo;
    if (replyTo) {
      const text = Array.from(replyTo.text);
      replyBar.append(
        h('span', { class: 'reply-bar-text' }, '↩ Replying to ', h('strong', {}, replyTo.displayName || replyTo.userId), ': ',
          text.length > 60 ? `${text.slice(0, 60).join('')}…` : replyTo.text),
        h('button', { class: 'icon-btn', type: 'button', title: 'Cancel reply', testid: 'comment-reply-cancel', onclick: () => setReply(null) }, icon('close', { size: 16 })));
      commentInput.focus();
    }
    renderInfo();
  }

  function showError(err) {
    if (!err) { commentError.hidden = true; commentError.textContent = ''; delete commentError.dataset.code; return; }
    commentError.hidden = false;
    commentError.dataset.code = err.code ?? '';
    commentError.replaceChildren(h('strong', { class: 'chat-error-tag' }, errorTag(err.code)), ' ', describeError(err));
  }

  // ---- hub events ----
  function onComment(c) {
    if (c?.noteId !== noteId) return;
    if (watching) { buffered.push(['comment', c]); return; }
    // A hole in the seqs means we missed something (around a reconnect): resume from where we
    // were; the snapshot's comments merge in by seq.
    const before = lastSeq;
    if (watched && before !== null && c.seq > before + 1) watch(true, before);
    // The author's display name is known once they comment: the author line uses it.
    if (addComment(c) && c.userId === info.authorId) renderInfo();
  }

  function onTranslated(ev) {
    if (ev?.noteId !== noteId || !ev.commentId) return;
    const translation = normaliseTranslation(ev);
    if (!translation) return;
    const c = comments.get(ev.commentId);
    if (!c) {
      // A translation may overtake its comment around a (re)watch: keep it for the comment.
      early.set(ev.commentId, [...(early.get(ev.commentId) ?? []), translation]);
      if (early.size > 200) early.delete(early.keys().next().value);
      return;
    }
    if (rememberTranslation(c, translation) && sameLanguage(ev.language, getReadLanguage())) rerender(ev.commentId);
  }

  function onNoteCounters(ev) {
    if (ev?.noteId !== noteId) return;
    if (watching) { buffered.push(['noteCounters', ev]); return; }
    counters = { likes: ev.likes, collects: ev.collects, comments: ev.comments };
    renderCounters();
    renderThreadMeta();
  }

  function onCommentCounters(ev) {
    if (ev?.noteId !== noteId) return;
    const c = comments.get(ev.commentId);
    if (!c) return;
    c.likes = ev.likes;
    if (!pendingLikes.has(ev.commentId)) rerender(ev.commentId);
  }

  /** A moderator removed a comment: it leaves the thread (its replies stay, as replies to an earlier comment). */
  function onCommentDeleted(ev) {
    if (ev?.noteId !== noteId || !ev.commentId) return;
    if (watching) { buffered.push(['commentDeleted', ev]); return; }
    const c = comments.get(ev.commentId);
    if (!c) return;
    comments.delete(ev.commentId);
    showOriginal.delete(ev.commentId);
    if (replyTo?.commentId === ev.commentId) setReply(null);
    const el = itemEls.get(ev.commentId);
    if (el) el.classList.add('removing');
    renderThread();
  }

  function onNoteDeleted(ev) {
    if (ev?.noteId !== noteId || disposed) return;
    showNotFound();
  }

  const offs = [
    hub.on('comment', onComment),
    hub.on('commentDeleted', onCommentDeleted),
    hub.on('noteDeleted', onNoteDeleted),
    hub.on('commentTranslated', onTranslated),
    hub.on('noteCounters', onNoteCounters),
    hub.on('commentCounters', onCommentCounters),
  ];

  // ---- watching and resuming ----
  function applySnapshot(snap, replace) {
    if (replace) {
      comments.clear();
      idBySeq.clear();
      lastSeq = null;
    }
    info = { ...info, authorId: snap.authorId, title: snap.title, body: snap.body };
    epoch = snap.epoch;
    counters = { likes: snap.likes, collects: snap.collects, comments: snap.commentCount };
    likedByMe = !!snap.likedByMe;
    collectedByMe = !!snap.collectedByMe;
    for (const c of snap.comments ?? []) {
      const known = comments.get(c.commentId);
      if (known) {
        known.likes = c.likes;
        if (c.translation) rememberTranslation(known, c.translation);
      } else {
        addComment(c, false);
      }
    }
    if (typeof snap.lastSeq === 'number' && (lastSeq === null || snap.lastSeq > lastSeq)) lastSeq = snap.lastSeq;
    rememberNote({ noteId, title: snap.title, authorId: snap.authorId, createdAt: info.createdAt }, { mine: snap.authorId === getSession()?.userId });
    renderInfo();
    renderCounters();
    renderThread();
  }

  let watchChain = Promise.resolve();
  /** Watches (first time) or resumes from lastSeq (after a reconnect), one at a time. */
  function watch(resume, sinceSeq) {
    watchChain = watchChain.then(() => doWatch(resume, sinceSeq)).catch((err) => console.error(err));
    return watchChain;
  }

  async function doWatch(resume, sinceSeq) {
    if (disposed) return;
    watching = true;
    buffered = [];
    status.textContent = resume && watched ? 'catching up…' : 'loading…';
    try {
      let since = null;
      if (resume && watched) since = typeof sinceSeq === 'number' ? sinceSeq : lastSeq;
      let snap = await hub.invoke('WatchNote', noteId, since);
      let replace = since === null;
      if (since !== null && (!snap.recovered || (epoch && snap.epoch !== epoch))) {
        // History cannot fill the gap (or was reset): start over from the latest comments.
        snap = await hub.invoke('WatchNote', noteId, null);
        replace = true;
      }
      if (disposed) return;
      applySnapshot(snap, replace);
      watched = true;
      status.textContent = '';
      if (!viewRecorded) {
        // One view per opening of the page (not per reconnect); it feeds the topics' counters.
        viewRecorded = true;
        hub.invoke('RecordView', noteId).catch((err) => console.warn('RecordView failed', err));
      }
      if (focusAfterLoad) focusComment(focusAfterLoad);
    } catch (err) {
      if (disposed) return;
      if (err.code === 'not_found') return showNotFound();
      if (err.code === 'invalid') return showNotFound();
      status.textContent = `couldn't load comments: ${describeError(err)}`;
    } finally {
      watching = false;
      const queue = buffered;
      buffered = [];
      for (const [kind, ev] of queue) {
        if (kind === 'comment') onComment(ev);
        else if (kind === 'noteCounters') onNoteCounters(ev);
        else if (kind === 'commentDeleted') onCommentDeleted(ev);
      }
    }
  }

  /** Loads the thread from its first comment (at most the latest 1000) and merges it in. */
  async function loadEarlier() {
    earlierButton.disabled = true;
    try {
      const snap = await hub.invoke('WatchNote', noteId, 0);
      if (disposed) return;
      const before = comments.size;
      applySnapshot(snap, false);
      let minSeq = Infinity;
      for (const seq of idBySeq.keys()) minSeq = Math.min(minSeq, seq);
      if (comments.size === before || minSeq > 1) earliestUnavailable = comments.size === before;
      renderThreadMeta();
    } catch (err) {
      toast(describeError(err), 'error');
    } finally {
      earlierButton.disabled = earliestUnavailable;
    }
  }
  earlierButton.addEventListener('click', loadEarlier);

  langPicker.addEventListener('change', async () => {
    const tag = langPicker.value;
    setReadLanguage(tag);
    // Comments already shown keep their text (and any translation into this language seen
    // before); new ones come translated into the new language.
    renderThread();
    delete langPicker.dataset.applied;
    try {
      await hub.invoke('SetLanguage', tag);
      if (langPicker.value === tag) langPicker.dataset.applied = tag; // the server reads us in `tag` now
    } catch (err) {
      toast(describeError(err), 'error'); // the next (re)connect sends the new language anyway
    }
  });

  async function focusComment(commentId) {
    focusAfterLoad = null;
    if (!commentId) return;
    if (!comments.has(commentId) && !earlierButton.hidden && !earliestUnavailable) await loadEarlier();
    if (!flash(commentId) && !disposed) toast('That comment is not available any more', 'info');
  }

  function onHashChange() {
    const m = /^#\/note\/([^/?#]+)/.exec(location.hash);
    if (!m) return;
    let id = null;
    try { id = decodeURIComponent(m[1]); } catch { /* not ours */ }
    if (id !== noteId) return;
    const target = commentFromHash();
    if (!target) return;
    if (watched) focusComment(target); else focusAfterLoad = target;
  }
  window.addEventListener('hashchange', onHashChange);

  function showNotFound() {
    disposed = true;
    clear(root).append(h('section', { class: 'empty-state', testid: 'note-not-found' },
      h('div', { class: 'empty-emoji' }, '📝'),
      h('h1', {}, 'This note does not exist'),
      h('p', { class: 'muted' }, `There is no note "${noteId}". It may have been a mistyped link.`),
      h('a', { class: 'btn btn-primary', href: '#/' }, 'Back home')));
    cleanup();
  }

  const offConnected = hub.onConnected(() => watch(true));
  const offSession = onSessionChange(() => {
    myCommentLikes = likedComments(getSession()?.userId, noteId);
    setReply(null);
    showError(null);
    renderInfo();
    renderThread();
  });

  // ---- note like and collect ----
  async function toggleNote(kind) {
    if (!getSession()) return showError({ code: 'unauthenticated', detail: `sign in to ${kind} notes` });
    if (noteBusy[kind]) return;
    noteBusy[kind] = true;
    const was = kind === 'like' ? likedByMe : collectedByMe;
    const want = !was;
    // Optimistic: flip now, settle with the counters the server returns.
    if (kind === 'like') { likedByMe = want; counters.likes = Math.max(0, counters.likes + (want ? 1 : -1)); }
    else { collectedByMe = want; counters.collects = Math.max(0, counters.collects + (want ? 1 : -1)); }
    renderCounters();
    const button = kind === 'like' ? likeButton : collectButton;
    if (want) { button.classList.remove('pop'); void button.offsetWidth; button.classList.add('pop'); }
    try {
      const result = await hub.invoke(kind === 'like' ? 'LikeNote' : 'CollectNote', noteId, want);
      if (disposed) return;
      if (result) counters = { likes: result.likes, collects: result.collects, comments: result.comments };
      showError(null);
    } catch (err) {
      if (disposed) return;
      if (kind === 'like') { likedByMe = was; counters.likes = Math.max(0, counters.likes + (want ? -1 : 1)); }
      else { collectedByMe = was; counters.collects = Math.max(0, counters.collects + (want ? -1 : 1)); }
      showError(err);
    } finally {
      noteBusy[kind] = false;
      renderCounters();
    }
  }
  likeButton.addEventListener('click', () => toggleNote('like'));
  collectButton.addEventListener('click', () => toggleNote('collect'));

  // ---- comment likes ----
  async function toggleCommentLike(commentId) {
    const session = getSession();
    if (!session) return showError({ code: 'unauthenticated', detail: 'sign in to like comments' });
    const c = comments.get(commentId);
    if (!c || pendingLikes.has(commentId)) return;
    const was = myCommentLikes.has(commentId);
    const want = !was;
    const before = c.likes ?? 0;
    pendingLikes.add(commentId);
    if (want) myCommentLikes.add(commentId); else myCommentLikes.delete(commentId);
    c.likes = Math.max(0, before + (want ? 1 : -1));
    rerender(commentId);
    try {
      const result = await hub.invoke('LikeComment', noteId, commentId, want);
      setCommentLiked(session.userId, noteId, commentId, want);
      if (result && typeof result.likes === 'number') c.likes = result.likes;
      showError(null);
    } catch (err) {
      if (was) myCommentLikes.add(commentId); else myCommentLikes.delete(commentId);
      c.likes = before;
      showError(err);
    } finally {
      pendingLikes.delete(commentId);
      if (!disposed) rerender(commentId);
    }
  }

  // ---- posting ----
  async function send() {
    const text = commentInput.value.trim();
    if (!text) return;
    if (!getSession()) return showError({ code: 'unauthenticated', detail: 'sign in to comment' });
    if (codePoints(text) > COMMENT_MAX) return showError({ code: 'invalid', detail: `a comment has at most ${COMMENT_MAX} characters` });
    const replyToId = replyTo?.commentId ?? null;
    // The same text retried after a failed send keeps its clientMessageId, so it never doubles.
    const id = pendingSend && pendingSend.text === text && pendingSend.replyToId === replyToId ? pendingSend.id : newId();
    pendingSend = { text, id, replyToId };
    commentSend.disabled = true;
    try {
      const ack = await hub.invoke('PostComment', noteId, id, text, replyToId);
      pendingSend = null;
      if (disposed) return;
      if (commentInput.value.trim() === text) commentInput.value = '';
      autoGrow();
      updateCounter();
      setReply(null);
      showError(null);
      if (ack?.held) {
        // Nobody else has it until a moderator approves it (it then arrives as a new comment).
        toast('Held for review: your comment shows to others once a moderator approves it.', 'info', 6000);
        return;
      }
      if (ack?.masked) toast('Part of your comment was masked (***): contact details and some words are not shown.', 'info', 6000);
      if (ack?.commentId && comments.has(ack.commentId)) flash(ack.commentId);
      // If our own comment has not arrived live shortly, catch up from history.
      const seq = ack?.seq;
      if (typeof seq === 'number') {
        setTimeout(() => {
          if (disposed) return;
          if (!idBySeq.has(seq) && (lastSeq ?? -1) < seq) watch(true);
          else if (ack.commentId) flash(ack.commentId);
        }, 1500);
      }
    } catch (err) {
      // A rejection by the server (it has a code) will not succeed as-is: new id next time.
      if (err.code && err.code !== 'unavailable') pendingSend = null;
      showError(err);
    } finally {
      commentSend.disabled = !getSession();
      if (!disposed) commentInput.focus();
    }
  }

  function updateCounter() {
    const n = Array.from(commentInput.value.trim()).length;
    counter.textContent = n > COMMENT_MAX - 200 ? `${n}/${COMMENT_MAX}` : '';
    counter.classList.toggle('over', n > COMMENT_MAX);
  }

  function autoGrow() {
    commentInput.style.height = 'auto';
    commentInput.style.height = `${Math.min(commentInput.scrollHeight, 160)}px`;
  }

  // ---- @mention suggestions ----
  let options = [];
  let active = 0;

  function mentionQuery() {
    const caret = commentInput.selectionStart ?? commentInput.value.length;
    if (caret !== (commentInput.selectionEnd ?? caret)) return null;
    const m = MENTION_AT_CARET.exec(commentInput.value.slice(0, caret));
    return m ? { query: m[1], start: caret - m[1].length - 1, end: caret } : null;
  }

  function closeSuggestions() {
    suggestions.hidden = true;
    options = [];
    clear(suggestions);
  }

  function updateSuggestions() {
    const q = mentionQuery();
    const me = getSession()?.userId;
    if (!q) return closeSuggestions();
    const needle = q.query.toLowerCase();
    options = [...participants()]
      .filter(([userId]) => userId !== me)
      .filter(([userId, name]) => !needle || userId.toLowerCase().startsWith(needle) || name.toLowerCase().includes(needle))
      .sort(([a], [b]) => Number(!a.toLowerCase().startsWith(needle)) - Number(!b.toLowerCase().startsWith(needle)) || a.localeCompare(b))
      .slice(0, MENTION_SUGGESTIONS);
    if (!options.length) return closeSuggestions();
    active = Math.min(active, options.length - 1);
    clear(suggestions).append(...options.map(([userId, name], i) => h('li', {
      class: `mention-option${i === active ? ' active' : ''}`, role: 'option', testid: 'mention-option',
      'aria-selected': String(i === active), dataset: { userId },
      onmousedown: (ev) => { ev.preventDefault(); pick(i); },
    }, avatar(userId, name), h('span', {}, name), h('span', { class: 'muted small' }, `@${userId}`))));
    suggestions.hidden = false;
  }

  function pick(i) {
    const q = mentionQuery();
    const option = options[i];
    if (!q || !option) return closeSuggestions();
    const insert = `@${option[0]} `;
    const v = commentInput.value;
    commentInput.value = v.slice(0, q.start) + insert + v.slice(q.end);
    const caret = q.start + insert.length;
    commentInput.setSelectionRange(caret, caret);
    closeSuggestions();
    updateCounter();
    commentInput.focus();
  }

  commentForm.addEventListener('submit', (ev) => { ev.preventDefault(); closeSuggestions(); send(); });
  commentInput.addEventListener('input', () => {
    autoGrow();
    updateCounter();
    active = 0;
    updateSuggestions();
    if (!commentError.hidden) showError(null);
  });
  commentInput.addEventListener('keydown', (ev) => {
    if (!suggestions.hidden && options.length) {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        active = (active + (ev.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
        updateSuggestions();
        return;
      }
      if ((ev.key === 'Enter' || ev.key === 'Tab') && !ev.isComposing) { ev.preventDefault(); pick(active); return; }
      if (ev.key === 'Escape') { ev.preventDefault(); closeSuggestions(); return; }
    }
    if (ev.key === 'Escape') setReply(null);
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      commentForm.requestSubmit();
    }
  });
  commentInput.addEventListener('click', updateSuggestions);
  commentInput.addEventListener('blur', () => setTimeout(closeSuggestions, 120));

  // ---- start ----
  renderInfo();
  renderCounters();
  renderThreadMeta();
  emptyHint.hidden = true;
  getNote(noteId).then((note) => {
    if (disposed || !note) return;
    info = { ...info, authorId: info.authorId ?? note.authorId, title: info.title || note.title, body: info.body || note.body, createdAt: note.createdAt, language: note.language };
    renderInfo();
  }).catch((err) => {
    if (!disposed && err.status === 404) showNotFound();
  });
  if (hub.state === 'connected') watch(false);
  else hub.ready(30000).catch(() => { /* watched by onConnected once up */ });

  function cleanup() {
    for (const off of offs) off();
    offConnected();
    offSession();
    window.removeEventListener('hashchange', onHashChange);
  }

  return () => {
    const wasWatched = watched;
    if (!disposed) cleanup();
    disposed = true;
    if (wasWatched && hub.state === 'connected') hub.invoke('UnwatchNote', noteId).catch(() => {});
    document.title = 'Realtime · Live';
  };
}
