// Hashtags: `#tag` in a note's title or text, in any script (letters, combining marks, digits and
// "_"), starting where a word does. Latin letters are case-folded, so #Paris and #paris are one
// topic; other scripts are kept as written (NFC). Rendered as links to #/topic/{tag}.
import { h } from './ui.js';

export const TAG_MAX = 64;

// The "#" must not follow a letter, digit, "_", "&" (&#38;) or "/" (a link's fragment).
const TAG_RE = /(?<![\p{L}\p{M}\p{N}_&/#])#([\p{L}\p{M}\p{N}_]+)/gu;

/** The topic a tag names: NFC, Latin letters lower-cased. */
export function normaliseTag(tag) {
  return String(tag ?? '').replace(/^#/, '').normalize('NFC').replace(/\p{Script=Latin}+/gu, (s) => s.toLowerCase());
}

/** Whether `tag` could be a topic (what the links lead to). */
export function isTag(tag) {
  const t = String(tag ?? '');
  return t.length > 0 && Array.from(t).length <= TAG_MAX && /^[\p{L}\p{M}\p{N}_]+$/u.test(t) && !/^[\p{N}_]+$/u.test(t);
}

/** The hashtags in `text`: [{ index, length, raw, tag }] in order. Digits-only "#123" is no tag. */
export function findHashtags(text) {
  const found = [];
  for (const m of String(text ?? '').matchAll(TAG_RE)) {
    const raw = m[1];
    if (!isTag(raw)) continue;
    found.push({ index: m.index, length: m[0].length, raw: m[0], tag: normaliseTag(raw) });
  }
  return found;
}

/** The distinct topics of a note's title and text, in order of appearance. */
export function tagsOf(...texts) {
  const seen = new Set();
  for (const text of texts) for (const x of findHashtags(text)) seen.add(x.tag);
  return [...seen];
}

export const topicHref = (tag) => `#/topic/${encodeURIComponent(normaliseTag(tag))}`;

/** A link to a topic, showing `label` (the tag as written) . */
export function hashtagLink(tag, label = `#${tag}`) {
  return h('a', { class: 'hashtag', href: topicHref(tag), testid: 'hashtag', dataset: { tag: normaliseTag(tag) } }, label);
}

/**
 * `text` as nodes with its hashtags as links; the text between them goes through `decorate`
 * (which returns a node, a string or an array of them), e.g. to highlight @mentions.
 */
export function withHashtags(text, decorate = (piece) => piece) {
  const value = String(text ?? '');
  const parts = [];
  let at = 0;
  for (const x of findHashtags(value)) {
    if (x.index > at) parts.push(decorate(value.slice(at, x.index)));
    parts.push(hashtagLink(x.tag, x.raw));
    at = x.index + x.length;
  }
  if (at < value.length) parts.push(decorate(value.slice(at)));
  return parts.flat();
}
