// Small DOM and formatting helpers shared by the views. User text only ever reaches the page
// through textContent (never innerHTML), so chat lines cannot inject markup.

/**
 * Creates an element: h('div', { class: 'x', dataset: { testid: 'y' }, onclick }, child, ...)
 * Children may be strings, nodes, arrays, null or false (skipped).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'testid') el.dataset.testid = value;
    else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
export function formatCount(n) {
  const value = Number(n) || 0;
  return value < 10000 ? value.toLocaleString() : compact.format(value);
}

export function formatTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

const relative = typeof Intl.RelativeTimeFormat === 'function' ? new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' }) : null;

/** "just now", "5 min ago", "3 hr ago", then a date: for notes, comments and notifications. */
export function formatAgo(iso, now = Date.now()) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const s = Math.round((now - d.getTime()) / 1000);
  if (s < 45) return 'just now';
  if (!relative) return formatTime(iso);
  if (s < 3600) return relative.format(-Math.round(s / 60), 'minute');
  if (s < 86400) return relative.format(-Math.round(s / 3600), 'hour');
  if (s < 7 * 86400) return relative.format(-Math.round(s / 86400), 'day');
  return d.toLocaleDateString([], { month: 'short', day: 'numeric', year: d.getFullYear() === new Date(now).getFullYear() ? undefined : 'numeric' });
}

/** The full local date and time, for tooltips. */
export function formatFull(iso) {
  const d = new Date(iso ?? '');
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

/** A stable hue from a string, for posters and avatars. */
export function hueOf(text) {
  let hash = 2166136261;
  for (const ch of String(text)) {
    hash ^= ch.codePointAt(0);
    hash = Math.imul(hash, 16777619);
  }
  return Math.abs(hash) % 360;
}

export function posterStyle(seed) {
  const a = hueOf(seed);
  const b = (a + 55) % 360;
  const c = (a + 200) % 360;
  return {
    background:
      `radial-gradient(circle at 20% 15%, hsl(${b} 90% 62% / .75), transparent 55%),` +
      `radial-gradient(circle at 85% 80%, hsl(${c} 85% 55% / .6), transparent 50%),` +
      `linear-gradient(135deg, hsl(${a} 70% 32%), hsl(${(a + 30) % 360} 75% 18%))`,
  };
}

export function avatar(userId, displayName) {
  const letter = Array.from((displayName || userId || '?').trim())[0] ?? '?';
  return h('span', {
    class: 'avatar',
    'aria-hidden': 'true',
    style: { background: `hsl(${hueOf(userId)} 65% 45%)` },
  }, letter.toUpperCase());
}

/** A UUID for clientMessageId; crypto.randomUUID needs a secure context, so fall back. */
export function newId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let toastHost = null;
/** A short message at the bottom of the screen. kind: 'info' | 'error' | 'ok'. */
export function toast(text, kind = 'info', ms = 3500) {
  if (!toastHost) {
    toastHost = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite', testid: 'toasts' });
    document.body.append(toastHost);
  }
  const el = h('div', { class: `toast toast-${kind}` }, text);
  toastHost.append(el);
  setTimeout(() => {
    el.classList.add('toast-out');
    setTimeout(() => el.remove(), 300);
  }, ms);
}

/** Human wording for the contract's error codes (`code: detail`). */
const codeLabels = {
  invalid: 'Not accepted',
  unauthenticated: 'Sign in first',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  rate_limited: 'Too fast — slow down',
  slow_mode: 'Slow mode is on',
  banned: 'You are banned from chatting here',
  conflict: 'Already exists',
  unavailable: 'Service busy, try again',
};

const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})\b/g;

/** The server's detail in plain words: times shown locally, first letter capitalised. */
function humanDetail(detail) {
  const text = String(detail ?? '').trim().replace(ISO_TIME, (iso) => {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    const sameDay = d.toDateString() === new Date().toDateString();
    return sameDay
      ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
      : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  });
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

const shortLabels = {
  slow_mode: 'Slow mode', banned: 'Banned', rate_limited: 'Too fast', invalid: 'Not sent',
  unauthenticated: 'Sign in', forbidden: 'Not allowed', not_found: 'Gone', unavailable: 'Not sent',
};

/** A one-word tag for an error code, for inline error lines. */
export function errorTag(code) {
  return shortLabels[code] ?? 'Error';
}

export function describeError(err) {
  const code = err?.code;
  const detail = humanDetail(err?.detail ?? err?.message ?? String(err));
  if (code && codeLabels[code]) {
    // The server's detail usually says it best ("slow mode is on; wait 29 s").
    return detail && detail.toLowerCase() !== code ? detail : codeLabels[code];
  }
  return detail || 'Something went wrong';
}

/** Keeps an element's scroll pinned to the bottom if the user has not scrolled up. */
export function nearBottom(el, slack = 80) {
  return el.scrollHeight - el.scrollTop - el.clientHeight < slack;
}
