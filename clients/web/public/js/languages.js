// Languages a viewer can read in (BCP-47 tags as the hub expects them).
export const LANGUAGES = [
  ['en', 'English'],
  ['es', 'Español'],
  ['zh-Hans', '简体中文'],
  ['zh-Hant', '繁體中文'],
  ['ja', '日本語'],
  ['ko', '한국어'],
  ['fr', 'Français'],
  ['de', 'Deutsch'],
  ['pt', 'Português'],
  ['it', 'Italiano'],
  ['ru', 'Русский'],
  ['ar', 'العربية'],
  ['hi', 'हिन्दी'],
  ['id', 'Bahasa Indonesia'],
  ['th', 'ไทย'],
  ['vi', 'Tiếng Việt'],
];

export function languageName(tag) {
  if (!tag) return '';
  const hit = LANGUAGES.find(([t]) => t.toLowerCase() === String(tag).toLowerCase());
  return hit ? hit[1] : tag;
}

/** The browser's preferred language mapped onto the list, English otherwise. */
export function guessLanguage() {
  for (const pref of navigator.languages ?? [navigator.language]) {
    const p = String(pref || '').toLowerCase();
    if (p.startsWith('zh')) {
      return /hant|tw|hk|mo/.test(p) ? 'zh-Hant' : 'zh-Hans';
    }
    const base = p.split('-')[0];
    const hit = LANGUAGES.find(([t]) => t === base);
    if (hit) return hit[0];
  }
  return 'en';
}

/** A <select> with the languages; `value` preselected. */
export function languageSelect(value, props = {}) {
  const select = document.createElement('select');
  for (const [tag, name] of LANGUAGES) {
    const opt = document.createElement('option');
    opt.value = tag;
    opt.textContent = name;
    select.append(opt);
  }
  select.value = LANGUAGES.some(([t]) => t === value) ? value : 'en';
  for (const [k, v] of Object.entries(props)) {
    if (k === 'testid') select.dataset.testid = v;
    else select.setAttribute(k, v);
  }
  return select;
}
