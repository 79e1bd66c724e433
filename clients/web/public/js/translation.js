// Translations of chat lines and comments, shared by the room and the note views: the translated
// text under the original with a "show original" toggle, kept terms (the server's
// `explanations`) as dotted words whose note opens in a small popover (hover, focus or tap), and
// the small tag naming a line's language when it is not the reader's.
import { h } from './ui.js';
import { languageName } from './languages.js';
import { icon } from './icons.js';

const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/** A comparable key for a BCP-47 tag: the base language, plus the script for Chinese. */
export function languageKey(tag) {
  if (!tag) return '';
  const parts = String(tag).toLowerCase().split(/[-_]/).filter(Boolean);
  const base = parts[0] ?? '';
  if (base !== 'zh') return base;
  if (parts.includes('hant') || parts.some((p) => TRADITIONAL_REGIONS.has(p))) return 'zh-hant';
  return 'zh-hans';
}

/** Whether two tags name the same reading language (`en` = `en-US`; `zh-Hans` != `zh-Hant`). */
export function sameLanguage(a, b) {
  return !!a && !!b && languageKey(a) === languageKey(b);
}

/** A short label for a language tag: EN, ES, 简体, 繁體... */
export function shortLanguage(tag) {
  const key = languageKey(tag);
  if (key === 'zh-hans') return '简体';
  if (key === 'zh-hant') return '繁體';
  return key.toUpperCase();
}

/**
 * The small tag in a line's header naming the language it was written in, or null when that is
 * the reader's language (or unknown).
 */
export function sourceLanguageTag(language, readLanguage) {
  if (!language || sameLanguage(language, readLanguage)) return null;
  return h('span', {
    class: 'lang-tag', testid: 'source-language', lang: language,
    title: `Written in ${languageName(language)}`, dataset: { language },
  }, shortLanguage(language));
}

/** Normalises a translation from an event or a snapshot: {language, text, explanations[]}. */
export function normaliseTranslation(t) {
  if (!t || typeof t.text !== 'string' || !t.language) return null;
  const explanations = Array.isArray(t.explanations)
    ? t.explanations.filter((e) => e && typeof e.term === 'string' && e.term && typeof e.note === 'string')
    : [];
  return { language: t.language, text: t.text, explanations };
}

/**
 * Keeps `translation` on `item` (a ChatMessage or Comment) next to the ones it already has in
 * other languages, so switching the reading language back shows them again. Returns true if
 * it changed anything.
 */
export function rememberTranslation(item, translation) {
  const t = normaliseTranslation(translation);
  if (!item || !t) return false;
  if (!(item.translations instanceof Map)) item.translations = new Map();
  const key = languageKey(t.language);
  const known = item.translations.get(key);
  if (known && known.text === t.text && known.explanations.length === t.explanations.length) return false;
  item.translations.set(key, t);
  return true;
}

/** The translation of `item` for `readLanguage`, or null (none yet, or it is in that language). */
export function translationIn(item, readLanguage) {
  if (!item || sameLanguage(item.language, readLanguage)) return null;
  if (item.translation) rememberTranslation(item, item.translation);
  return item.translations instanceof Map ? item.translations.get(languageKey(readLanguage)) ?? null : null;
}

// ---- kept-term hints ----

const WORD_SCRIPT = /^[\u0000-\u2E7F]+$/u; // the server matches terms in these scripts as whole words
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the explained terms occur in `text`: [{start, end, explanation}], without overlaps. */
function termRanges(text, explanations) {
  const ranges = [];
  const sorted = [...explanations].sort((a, b) => Array.from(b.term).length - Array.from(a.term).length);
  for (const explanation of sorted) {
    const term = explanation.term;
    const re = WORD_SCRIPT.test(term)
      ? new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(term)}(?![\\p{L}\\p{N}_])`, 'giu')
      : new RegExp(escapeRegExp(term), 'gu');
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (ranges.some((r) => start < r.end && r.start < end)) continue;
      ranges.push({ start, end, explanation });
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}

let popover = null;
let popoverAnchor = null;
let popoverPinned = false;

function ensurePopover() {
  if (popover) return popover;
  popover = h('div', { class: 'explain-pop', role: 'tooltip', id: 'explain-pop', testid: 'explanation-popover', hidden: true });
  document.body.append(popover);
  document.addEventListener('pointerdown', (ev) => {
    if (!popoverAnchor || popover.contains(ev.target) || popoverAnchor.contains(ev.target)) return;
    hideExplanation();
  }, true);
  document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape' && popoverAnchor) hideExplanation(); });
  window.addEventListener('scroll', placePopover, true);
  window.addEventListener('resize', placePopover);
  window.addEventListener('hashchange', hideExplanation);
  return popover;
}

function placePopover() {
  if (!popoverAnchor) return;
  if (!popoverAnchor.isConnected) { hideExplanation(); return; }
  const a = popoverAnchor.getBoundingClientRect();
  const p = popover.getBoundingClientRect();
  const margin = 8;
  const above = a.top - p.height - 6;
  const top = above >= margin ? above : Math.min(a.bottom + 6, window.innerHeight - p.height - margin);
  const left = Math.max(margin, Math.min(a.left + a.width / 2 - p.width / 2, window.innerWidth - p.width - margin));
  popover.style.top = `${Math.round(top)}px`;
  popover.style.left = `${Math.round(left)}px`;
  popover.classList.toggle('below', above < margin);
}

function showExplanation(anchor, pinned) {
  ensurePopover();
  if (popoverAnchor && popoverAnchor !== anchor) popoverAnchor.setAttribute('aria-expanded', 'false');
  popoverAnchor = anchor;
  popoverPinned = pinned || (popoverPinned && popoverAnchor === anchor);
  popover.replaceChildren(
    h('strong', { class: 'explain-pop-term', lang: anchor.lang || undefined }, anchor.dataset.term),
    h('span', { class: 'explain-pop-note', testid: 'explanation-note' }, anchor.dataset.note));
  popover.hidden = false;
  anchor.setAttribute('aria-expanded', 'true');
  anchor.setAttribute('aria-describedby', 'explain-pop');
  placePopover();
}

/** Closes the kept-term popover (if open). */
export function hideExplanation() {
  if (!popover) return;
  popover.hidden = true;
  if (popoverAnchor) {
    popoverAnchor.setAttribute('aria-expanded', 'false');
    popoverAnchor.removeAttribute('aria-describedby');
  }
  popoverAnchor = null;
  popoverPinned = false;
}

/** A kept term as a dotted inline button; its note shows on hover, focus or tap. */
function explainedTerm(text, explanation, { chip = false, lang } = {}) {
  const el = h('button', {
    type: 'button', class: `explain-term${chip ? ' explain-chip' : ''}`, testid: 'explanation', lang,
    'aria-expanded': 'false', 'aria-label': `${text}: ${explanation.note}`,
    dataset: { term: explanation.term, note: explanation.note },
  }, text);
  el.addEventListener('mouseenter', () => showExplanation(el, false));
  el.addEventListener('mouseleave', () => { if (popoverAnchor === el && !popoverPinned) hideExplanation(); });
  el.addEventListener('focus', () => showExplanation(el, popoverPinned && popoverAnchor === el));
  el.addEventListener('blur', () => { if (popoverAnchor === el && !popoverPinned) hideExplanation(); });
  el.addEventListener('click', (ev) => {
    // Taps (mobile) pin the note open; a second tap closes it.
    ev.preventDefault();
    ev.stopPropagation();
    if (popoverAnchor === el && popoverPinned) hideExplanation();
    else showExplanation(el, true);
  });
  return el;
}

/**
 * `text` as nodes, with every explained term as a hint. A kept term the text does not contain
 * (the provider changed it) still gets a hint, after the text. `decorate(piece)` renders the
 * plain pieces (mentions, for comments).
 */
export function withExplanations(text, explanations, { decorate = (s) => s, lang } = {}) {
  if (!explanations?.length) return [decorate(text)];
  const ranges = termRanges(text, explanations);
  const nodes = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start > at) nodes.push(decorate(text.slice(at, r.start)));
    nodes.push(explainedTerm(text.slice(r.start, r.end), r.explanation, { lang }));
    at = r.end;
  }
  if (at < text.length) nodes.push(decorate(text.slice(at)));
  const shown = new Set(ranges.map((r) => r.explanation.term));
  for (const e of explanations) {
    if (shown.has(e.term)) continue;
    shown.add(e.term);
    nodes.push(' ', explainedTerm(e.term, e, { chip: true }));
  }
  return nodes;
}

/**
 * The block under an original line: the translation with its hints and the toggle. With
 * `collapsed` the translation is folded away ("show original" was chosen) and only the toggle
 * to bring it back remains.
 */
export function translationView(translation, { collapsed = false, onToggle, decorate, sourceLanguage } = {}) {
  const toggle = h('button', {
    class: 'link-button translation-toggle', type: 'button', testid: 'toggle-original',
    'aria-pressed': String(collapsed),
    title: collapsed ? `Show the ${languageName(translation.language)} translation` : 'Show only the original',
    onclick: (ev) => { ev.stopPropagation(); hideExplanation(); onToggle?.(); },
  }, collapsed ? 'show translation' : 'show original');
  const text = h('span', { class: 'translation-text', testid: 'translation-text', lang: translation.language, hidden: collapsed },
    withExplanations(translation.text, translation.explanations, { decorate, lang: translation.language }));
  return h('div', {
    class: `translation${collapsed ? ' is-collapsed' : ''}`, testid: 'translation',
    dataset: { language: translation.language, collapsed: String(collapsed), source: sourceLanguage ?? '' },
  },
  h('span', { class: 'translation-mark', title: `Translated into ${languageName(translation.language)}` }, icon('globe', { size: 12 })),
  text, ' ', toggle);
}
