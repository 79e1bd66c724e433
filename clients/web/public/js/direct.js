// Direct messages, what every view shares: conversation ids (the two user ids in ordinal order
// joined by a dot), the "message" button that opens a conversation with someone, and the
// envelope link in the header with the unread count (`directUnread`, and GetConversations on
// every connect).
import { hub } from './hub.js';
import { getSession, onSessionChange } from './session.js';
import { icon } from './icons.js';
import { h } from './ui.js';

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** The conversation of users `a` and `b` (ordinal order: ids are ASCII, so `<` is ordinal). */
export function conversationIdFor(a, b) {
  return a < b ? `${a}.${b}` : `${b}.${a}`;
}

/** The two participants of a well-formed conversation id, or null. */
export function participantsOf(conversationId) {
  const parts = String(conversationId ?? '').split('.');
  if (parts.length !== 2) return null;
  const [a, b] = parts;
  if (!ID_RE.test(a) || !ID_RE.test(b) || !(a < b)) return null;
  return [a, b];
}

/** The participant of `conversationId` who is not `userId`, or null when `userId` is not in it. */
export function otherOf(conversationId, userId) {
  const p = participantsOf(conversationId);
  if (!p) return null;
  if (p[0] === userId) return p[1];
  if (p[1] === userId) return p[0];
  return null;
}

export const isUserId = (id) => ID_RE.test(String(id ?? ''));

/** `#/messages/{conversationId}` with `userId`, or null when signed out, for yourself, or a bad id. */
export function messageHref(userId) {
  const me = getSession()?.userId;
  if (!me || !isUserId(userId) || userId === me) return null;
  return `#/messages/${encodeURIComponent(conversationIdFor(me, userId))}`;
}

/** A small envelope button that opens the conversation with `userId` (null when there is none to open). */
export function messageButton(userId, { testid = 'message-user', className = 'icon-btn', name } = {}) {
  const href = messageHref(userId);
  if (!href) return null;
  return h('button', {
    type: 'button', class: className, title: `Message ${name || `@${userId}`}`, testid, dataset: { userId },
    onclick: (ev) => { ev.stopPropagation(); location.hash = href; },
  }, icon('mail', { size: 16 }));
}

// ---- the unread total ----
let total = 0;
let totalOwner = null;
const totalListeners = new Set();

function setTotal(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return;
  total = Math.max(0, n);
  totalOwner = getSession()?.userId ?? null;
  for (const fn of totalListeners) fn(total);
}

/** Sets the unread total (from MarkConversationRead's answer). */
export function setDirectUnread(n) { setTotal(n); }

/** Calls `fn(total)` now and on every change; returns the unsubscribe function. */
export function onDirectUnread(fn) {
  totalListeners.add(fn);
  fn(total);
  return () => totalListeners.delete(fn);
}

async function refreshTotal() {
  const uid = getSession()?.userId;
  if (!uid) return;
  try {
    const list = await hub.invoke('GetConversations', 100);
    if (getSession()?.userId !== uid) return;
    setTotal((list ?? []).reduce((sum, c) => sum + (Number(c.unread) || 0), 0));
  } catch (err) {
    console.warn('GetConversations failed', err);
  }
}

hub.on('directUnread', (ev) => { if (getSession() && typeof ev?.total === 'number') setTotal(ev.total); });
hub.onConnected(() => { refreshTotal(); });
onSessionChange(() => { if (totalOwner !== (getSession()?.userId ?? null)) setTotal(0); });

/** The header's envelope link to #/messages with the unread badge (hidden at 0). */
export function createMessagesLink() {
  const badge = h('span', { class: 'inbox-badge', testid: 'messages-badge', hidden: true, dataset: { value: '0' }, 'aria-hidden': 'true' }, '0');
  const link = h('a', { class: 'header-link messages-link', href: '#/messages', testid: 'messages-link', title: 'Messages', 'aria-label': 'Messages' },
    h('span', { class: 'messages-icon' }, icon('mail', { size: 20 }), badge),
    h('span', { class: 'header-link-text' }, 'Messages'));
  onDirectUnread((n) => {
    badge.hidden = n <= 0;
    badge.textContent = n > 99 ? '99+' : String(n);
    badge.dataset.value = String(n);
    link.setAttribute('aria-label', n > 0 ? `Messages, ${n} unread` : 'Messages');
    link.classList.toggle('has-unread', n > 0);
  });
  return link;
}
