// Who is signed in (a dev token from the silo) and which language this viewer reads.
// Kept in localStorage so a reload keeps the session; anonymous watching needs none of it.
import { guessLanguage } from './languages.js';

const KEY = 'realtime.session';
const LANG_KEY = 'realtime.readLanguage';

let current = load();
const listeners = new Set();

function load() {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw);
    if (!s?.token || !s?.userId) return null;
    if (tokenExpired(s.token)) return null;
    return s;
  } catch {
    return null;
  }
}

function tokenExpired(token) {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return typeof payload.exp === 'number' && payload.exp * 1000 < Date.now();
  } catch {
    return false;
  }
}

/** { userId, displayName, language, token } or null when anonymous. */
export function getSession() {
  return current;
}

export function getToken() {
  return current?.token ?? null;
}

export function setSession(session) {
  current = session;
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  for (const fn of listeners) fn(current);
}

export function onSessionChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function getReadLanguage() {
  return localStorage.getItem(LANG_KEY) || current?.language || guessLanguage();
}

export function setReadLanguage(tag) {
  localStorage.setItem(LANG_KEY, tag);
}
