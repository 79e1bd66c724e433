// Hashtags, found and folded exactly as the server does (Realtime.Contracts.Hashtags): `#` or the
// full-width `＃`, then 1-50 letters, combining marks, decimal digits or "_" of any script with at
// least one letter. The `#` must start the text or follow something other than an ASCII letter or
// digit, a URL character (/ . : ? & = % + ~ @ - _) or another `#`; links (http://, https://, www.)
// are skipped whole, so `page#section`, `issue#42`, `#123` and URL fragments are no tags. Folding:
// NFC, full-width ASCII to ASCII, lower case. A note counts with its first 10 distinct tags.
// Rendered as links to #/topic/{tag}.
import { h } from './ui.js';

export const TAG_MAX = 50;
export const TAGS_PER_NOTE = 10;

const URL_CHARACTERS = '/.:?&=%+~@-_#＃';
const LETTER = /^[\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}]$/u;
const PART = /^[\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Mn}\p{Mc}\p{Nd}_]$/u;
const isHash = (c) => c === '#' || c === '＃';
const isAsciiAlnum = (c) => /^[A-Za-z0-9]$/.test(c ?? '');
const mayPrecede = (c) => !(isAsciiAlnum(c) || URL_CHARACTERS.includes(c));

function startsLink(text, i) {
  if (i > 0 && isAsciiAlnum(text[i - 1])) return false;
  const head = text.slice(i, i + 8).toLowerCase();
  return head.startsWith('http://') || head.startsWith('https://') || head.startsWith('www.');
}

/** Where a tag's body starting at `start` ends (exclusive), whether it has a letter, its length in code points. */
function scanBody(text, start) {
  let i = start;
  let hasLetter = false;
  let runes = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i);
    const c = String.fromCodePoint(cp);
    if (!PART.test(c)) break;
    if (LETTER.test(c)) hasLetter = true;
    runes++;
    i += c.length;
  }
  return { end: i, hasLetter, runes };
}

/** The server's folding: full-width ASCII letters, digits and "_" to ASCII, lower case, NFC. */
function fold(body) {
  let out = '';
  for (const c of body) {
    const cp = c.codePointAt(0);
    const halfWidth = (cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a) || cp === 0xff3f;
    // Per character, as .NET's invariant lower-casing does (no final-sigma context).
    out += (halfWidth ? String.fromCodePoint(cp - 0xfee0) : c).toLowerCase();
  }
  return out.normalize('NFC');
}

/** The folded tag a text names (with or without a leading #), or null when it is not a well-formed tag. */
export function normaliseTag(tag) {
  const text = String(tag ?? '').normalize('NFC');
  if (!text || text.length > TAG_MAX * 4) return null;
  const start = isHash(text[0]) ? 1 : 0;
  const { end, hasLetter, runes } = scanBody(text, start);
  return end === text.length && end > start && hasLetter && runes <= TAG_MAX ? fold(text.slice(start, end)) : null;
}

/** Whether `tag` is a well-formed tag (what a topic address may name). */
export const isTag = (tag) => normaliseTag(tag) !== null;

/** The hashtags in `text`: [{ index, length, raw, tag }] in order (`raw` includes the #). */
export function findHashtags(text) {
  const value = String(text ?? '').normalize('NFC');
  const found = [];
  let i = 0;
  while (i < value.length) {
    if (startsLink(value, i)) {
      while (i < value.length && !/\s/.test(value[i])) i++;
      continue;
    }
    if (!isHash(value[i]) || (i > 0 && !mayPrecede(value[i - 1]))) { i++; continue; }
    const { end, hasLetter, runes } = scanBody(value, i + 1);
    if (end > i + 1 && hasLetter && runes <= TAG_MAX) {
      found.push({ index: i, length: end - i, raw: value.slice(i, end), tag: fold(value.slice(i + 1, end)) });
    }
    i = Math.max(end, i + 1);
  }
  return found;
}

/** The distinct tags a note counts under: title first, in order of appearance, at most 10. */
export function tagsOf(title, body) {
  const seen = [];
  for (const text of [title, body]) {
    for (const x of findHashtags(text)) {
      if (seen.length >= TAGS_PER_NOTE) return seen;
      if (!seen.includes(x.tag)) seen.push(x.tag);
    }
  }
  return seen;
}

export const topicHref = (tag) => `#/topic/${encodeURIComponent(normaliseTag(tag) ?? tag)}`;

/** A link to a topic, showing `label` (the tag as written). */
export function hashtagLink(tag, label = `#${tag}`) {
  return h('a', { class: 'hashtag', href: topicHref(tag), testid: 'hashtag', dataset: { tag } }, label);
}

/**
 * `text` (NFC) as nodes with its hashtags as links; the text between them goes through `decorate`
 * (which returns a node, a string or an array of them), e.g. to highlight @mentions. With
 * `only` (a set of tags), other tags stay plain text (a note's tags past its first ten).
 */
export function withHashtags(text, decorate = (piece) => piece, only = null) {
  const value = String(text ?? '').normalize('NFC');
  const parts = [];
  let at = 0;
  for (const x of findHashtags(value)) {
    if (only && !only.has(x.tag)) continue;
    if (x.index > at) parts.push(decorate(value.slice(at, x.index)));
    parts.push(hashtagLink(x.tag, x.raw));
    at = x.index + x.length;
  }
  if (at < value.length) parts.push(decorate(value.slice(at)));
  return parts.flat();
}
