// What this browser remembers about notes, in localStorage: the notes written or opened here
// (the server has no "list notes" call), and the comments this user liked (snapshots say whether
// you like the note, not which comments you like).

const RECENT_KEY = 'realtime.recentNotes';
const RECENT_MAX = 12;
const LIKES_PREFIX = 'realtime.commentLikes.';
const LIKES_MAX = 500;

function read(key, fallback) {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return fallback;
    const value = JSON.parse(raw);
    return value ?? fallback;
  } catch {
    return fallback;
  }
}

function write(key, value) {
  try { localStorage.setItem(key, JSON.stringify(value)); } catch { /* full or blocked: memory only */ }
}

const listeners = new Set();

/** [{noteId, title, authorId, createdAt, mine, openedAt}], most recent first. */
export function recentNotes() {
  const list = read(RECENT_KEY, []);
  return Array.isArray(list) ? list.filter((n) => n && typeof n.noteId === 'string') : [];
}

/**
 * Remembers a note (created here: mine = true; or opened). Keeps `mine` once set and the newest
 * title; the most recently touched note goes first.
 */
export function rememberNote({ noteId, title, authorId, createdAt }, { mine = false } = {}) {
  if (!noteId) return;
  const list = recentNotes();
  const old = list.find((n) => n.noteId === noteId);
  const entry = {
    noteId,
    title: title ?? old?.title ?? noteId,
    authorId: authorId ?? old?.authorId ?? null,
    createdAt: createdAt ?? old?.createdAt ?? null,
    mine: mine || !!old?.mine,
    openedAt: new Date().toISOString(),
  };
  const next = [entry, ...list.filter((n) => n.noteId !== noteId)].slice(0, RECENT_MAX);
  write(RECENT_KEY, next);
  for (const fn of listeners) fn(next);
}

export function forgetNote(noteId) {
  const next = recentNotes().filter((n) => n.noteId !== noteId);
  write(RECENT_KEY, next);
  for (const fn of listeners) fn(next);
}

export function onRecentNotesChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The comment ids of `noteId` that `userId` liked from this browser. */
export function likedComments(userId, noteId) {
  if (!userId) return new Set();
  const all = read(LIKES_PREFIX + userId, []);
  const prefix = `${noteId}/`;
  return new Set((Array.isArray(all) ? all : []).filter((k) => typeof k === 'string' && k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
}

export function setCommentLiked(userId, noteId, commentId, liked) {
  if (!userId) return;
  const key = `${noteId}/${commentId}`;
  const all = read(LIKES_PREFIX + userId, []);
  const next = (Array.isArray(all) ? all : []).filter((k) => k !== key);
  if (liked) next.push(key);
  write(LIKES_PREFIX + userId, next.slice(-LIKES_MAX));
}
