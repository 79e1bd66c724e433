// The inbox bell in the header (signed-in users): unread badge, notifications as they happen, a
// dropdown of the latest items (opening it marks them read), each opening its note.
import { hub } from './hub.js';
import { getSession, onSessionChange } from './session.js';
import { icon } from './icons.js';
import { h, clear, avatar, formatAgo, formatFull } from './ui.js';

const FIRST_PAGE = 50; // items fetched on first connect
const RESUME_PAGE = 200; // items fetched after a reconnect (the contract's maximum)
const KEEP = 100; // items kept in the list

const KIND_ICONS = { comment: 'chat', reply: 'reply', mention: 'at', noteLike: 'heart', commentLike: 'heart', collect: 'starFill' };
const KIND_LABELS = { comment: 'Comment', reply: 'Reply', mention: 'Mention', noteLike: 'Like', commentLike: 'Like', collect: 'Collect' };

/** Reactions are folded by the server into a new item for the same target: one row per target. */
const keyOf = (item) => `${item.kind}/${item.noteId}/${item.commentId ?? ''}`;

export function noteHref(item) {
  const base = `#/note/${encodeURIComponent(item.noteId)}`;
  return item.commentId ? `${base}?c=${encodeURIComponent(item.commentId)}` : base;
}

/** Creates the bell (with its badge and dropdown); it follows the session and the connection itself. */
export function createInbox() {
  const items = new Map(); // keyOf(item) -> InboxItem (the newest seq for that target)
  let lastSeq = 0; // the newest seq known (from items and GetInbox's lastSeq)
  let unread = 0;
  let unreadSeq = -1; // the seq the unread count is known for (older answers do not overwrite it)
  let owner = getSession()?.userId ?? null; // whose inbox the state above is
  let highlight = new Set(); // seqs shown as new while the dropdown is open
  let open = false;
  let markTimer = null;
  let loading = false;
  let loadError = null;

  const badge = h('span', { class: 'inbox-badge', testid: 'inbox-badge', hidden: true, dataset: { value: '0' }, 'aria-hidden': 'true' }, '0');
  const bell = h('button', {
    class: 'inbox-bell icon-btn', type: 'button', testid: 'inbox-bell',
    'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-label': 'Notifications', title: 'Notifications',
  }, icon('bell', { size: 21 }), badge);
  const list = h('ul', { class: 'inbox-items' });
  const empty = h('p', { class: 'inbox-empty muted' }, 'No notifications yet. Comments, replies, mentions, likes and collects on your notes show up here.');
  const panel = h('div', { class: 'inbox-panel', testid: 'inbox-list', hidden: true, role: 'region', 'aria-label': 'Notifications' },
    h('div', { class: 'inbox-head' }, h('strong', {}, 'Notifications'), h('span', { class: 'muted small', testid: 'inbox-status' })),
    empty, list);
  const root = h('div', { class: 'inbox', testid: 'inbox' }, bell, panel);

  // ---- state ----
  function sorted() {
    return [...items.values()].sort((a, b) => b.seq - a.seq);
  }

  /** Adds an item; an older item for the same target is replaced. Returns true if it changed the list. */
  function merge(item) {
    if (!item || typeof item.seq !== 'number' || !item.noteId) return false;
    if (item.seq > lastSeq) lastSeq = item.seq;
    const key = keyOf(item);
    const old = items.get(key);
    if (old && old.seq >= item.seq) return false;
    items.set(key, item);
    if (items.size > KEEP) {
      for (const stale of sorted().slice(KEEP)) items.delete(keyOf(stale));
    }
    return true;
  }

  function setUnread(n, seq) {
    if (typeof n !== 'number') return;
    if (typeof seq === 'number') {
      if (seq < unreadSeq) return;
      unreadSeq = seq;
    }
    unread = Math.max(0, n);
    renderBadge();
  }

  function reset() {
    items.clear();
    lastSeq = 0;
    unread = 0;
    unreadSeq = -1;
    highlight = new Set();
    loadError = null;
    owner = getSession()?.userId ?? null;
    close();
    render();
  }

  // ---- rendering ----
  function renderBadge() {
    badge.hidden = unread <= 0;
    badge.textContent = unread > 99 ? '99+' : String(unread);
    badge.dataset.value = String(unread);
    bell.classList.toggle('has-unread', unread > 0);
    bell.setAttribute('aria-label', unread > 0 ? `Notifications, ${unread} unread` : 'Notifications');
  }

  function row(item, isNew) {
    return h('li', {},
      h('a', {
        class: `inbox-item${isNew ? ' unread' : ''}`, href: noteHref(item), testid: 'inbox-item',
        dataset: { seq: String(item.seq), kind: item.kind, noteId: item.noteId, commentId: item.commentId ?? '' },
        onclick: () => close(),
      },
      h('span', { class: 'inbox-avatar' },
        avatar(item.actorId, item.actorName),
        h('span', { class: `inbox-kind kind-${item.kind}`, title: KIND_LABELS[item.kind] ?? item.kind }, icon(KIND_ICONS[item.kind] ?? 'bell', { size: 11 }))),
      h('span', { class: 'inbox-text' },
        h('span', { class: 'inbox-preview', testid: 'inbox-preview' }, item.preview),
        h('time', { class: 'muted small', datetime: item.createdAt ?? '', title: formatFull(item.createdAt) }, formatAgo(item.createdAt))),
      isNew && h('span', { class: 'inbox-dot', 'aria-label': 'new' })));
  }

  function render() {
    renderBadge();
    root.hidden = !getSession();
    const all = sorted();
    // The newest `unread` items are the unread ones (the server counts items after its read mark).
    const isNew = (item, i) => (open ? highlight.has(item.seq) : i < unread);
    clear(list).append(...all.map((item, i) => row(item, isNew(item, i))));
    empty.hidden = all.length > 0 || loading || !!loadError;
    const status = panel.querySelector('[data-testid="inbox-status"]');
    status.textContent = loading ? 'loading…' : loadError ? `couldn't load: ${loadError}` : '';
  }

  // ---- server ----
  async function load() {
    const session = getSession();
    if (!session) return;
    const uid = session.userId;
    if (owner !== uid) reset();
    const since = lastSeq > 0 ? lastSeq : null;
    loading = items.size === 0;
    render();
    try {
      let page = await hub.invoke('GetInbox', since, since === null ? FIRST_PAGE : RESUME_PAGE);
      if (getSession()?.userId !== uid) return;
      if (since !== null && (page.items?.length ?? 0) >= RESUME_PAGE) {
        // Too much was missed to merge: start over from the latest items.
        page = await hub.invoke('GetInbox', null, FIRST_PAGE);
        if (getSession()?.userId !== uid) return;
        items.clear();
      }
      for (const item of page.items ?? []) merge(item);
      if (typeof page.lastSeq === 'number' && page.lastSeq > lastSeq) lastSeq = page.lastSeq;
      setUnread(page.unread, page.lastSeq);
      loadError = null;
      if (open) {
        for (const item of page.items ?? []) highlight.add(item.seq);
        scheduleMarkRead();
      }
    } catch (err) {
      if (getSession()?.userId !== uid) return;
      loadError = err.detail || err.message;
      console.warn('GetInbox failed', err);
    } finally {
      loading = false;
      render();
    }
  }

  async function markRead() {
    clearTimeout(markTimer);
    markTimer = null;
    const session = getSession();
    if (!session || unread <= 0 || lastSeq <= 0) return;
    const uid = session.userId;
    try {
      const result = await hub.invoke('MarkInboxRead', lastSeq);
      if (getSession()?.userId !== uid) return;
      if (typeof result?.unread === 'number') { unread = result.unread; unreadSeq = Math.max(unreadSeq, lastSeq); }
      renderBadge();
    } catch (err) {
      console.warn('MarkInboxRead failed', err);
    }
  }

  function scheduleMarkRead() {
    if (markTimer) return;
    markTimer = setTimeout(markRead, 800);
  }

  function onNotification(item) {
    if (!getSession()) return;
    if (!merge(item)) return;
    setUnread(item.unread, item.seq);
    if (open) {
      highlight.add(item.seq);
      scheduleMarkRead(); // seen in the open list
    }
    render();
    bell.classList.remove('ring');
    void bell.offsetWidth; // restart the animation
    bell.classList.add('ring');
  }

  function onUnread(ev) {
    if (!getSession() || typeof ev?.unread !== 'number') return;
    // Marked read (here or on another device): this count is the newest there is.
    unread = Math.max(0, ev.unread);
    unreadSeq = Math.max(unreadSeq, lastSeq);
    render();
  }

  // ---- dropdown ----
  function openPanel() {
    if (open) return;
    open = true;
    const all = sorted();
    highlight = new Set(all.slice(0, unread).map((i) => i.seq));
    panel.hidden = false;
    bell.setAttribute('aria-expanded', 'true');
    render();
    markRead();
    document.addEventListener('pointerdown', outside, true);
    document.addEventListener('keydown', onKey);
  }

  function close() {
    if (!open) return;
    open = false;
    highlight = new Set();
    panel.hidden = true;
    bell.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', outside, true);
    document.removeEventListener('keydown', onKey);
    render();
  }

  function outside(ev) {
    if (!root.contains(ev.target)) close();
  }

  function onKey(ev) {
    if (ev.key === 'Escape') { close(); bell.focus(); }
  }

  bell.addEventListener('click', () => (open ? close() : openPanel()));
  window.addEventListener('hashchange', () => close());

  hub.on('notification', onNotification);
  hub.on('inboxUnread', onUnread);
  // Every (re)connect: catch up with what happened while we were away. Not awaited, so rooms
  // and notes rejoin without waiting for the inbox.
  hub.onConnected(() => { load(); });
  onSessionChange(() => reset());
  render();
  return root;
}
