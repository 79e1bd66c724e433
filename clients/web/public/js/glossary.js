// The glossary page (#/glossary): how the live translator treats community words. Entries fix
// a term's translation per language; kept terms stay as written and carry a note that readers
// see as a hint. Anyone can read it; changes need a sign-in. Every change bumps the version.
import { getGlossary, putGlossaryEntry, deleteGlossaryEntry, putKeptTerm, deleteKeptTerm } from './api.js';
import { getSession, onSessionChange } from './session.js';
import { LANGUAGES, languageName } from './languages.js';
import { shortLanguage } from './translation.js';
import { icon } from './icons.js';
import { h, clear, describeError, toast } from './ui.js';

const CONFIRM_MS = 3000;

const byTerm = (a, b) => a.term.localeCompare(b.term);

/** The problem document of a failed write, in words for the form it came from. */
function problemText(err) {
  if (err?.status === 401) return 'Sign in to change the glossary (your sign-in is missing or has expired).';
  if (err?.status === 400) return `Not accepted: ${err.detail || 'the server rejected this input'}`;
  if (err?.status === 404) return 'That is no longer in the glossary.';
  return describeError(err);
}

/** Renders the glossary page into `root`; returns a dispose function. */
export function mountGlossary(root) {
  let disposed = false;
  let glossary = null; // {version, entries, keep}
  let loading = false;

  // ---- page ----
  const version = h('span', { class: 'badge badge-version', testid: 'glossary-version', title: 'Every change bumps the version; translations made under an older one are not reused' }, '…');
  const refresh = h('button', { class: 'btn btn-ghost btn-sm', type: 'button', testid: 'glossary-refresh', title: 'Reload the glossary' }, icon('refresh', { size: 16 }), 'Refresh');
  const status = h('p', { class: 'muted small glossary-status', testid: 'glossary-status', role: 'status' });
  const signinHint = h('p', { class: 'glossary-signin small', testid: 'glossary-signin-hint', hidden: true },
    'Sign in above to add or remove terms. Anyone can read the glossary.');
  const languageList = h('datalist', { id: 'glossary-languages' },
    LANGUAGES.map(([tag, name]) => h('option', { value: tag }, name)));

  // ---- kept terms ----
  const keepList = h('ul', { class: 'glossary-list', testid: 'glossary-keep-list' });
  const keepEmpty = h('p', { class: 'muted small', hidden: true }, 'No kept terms.');
  const termInput = h('input', { testid: 'glossary-term-input', placeholder: 'e.g. yyds', maxlength: '100', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'Term to keep' });
  const noteInput = h('input', { testid: 'glossary-note-input', placeholder: 'What it means, for readers', maxlength: '200', autocomplete: 'off', 'aria-label': 'Note' });
  const keepSubmit = h('button', { class: 'btn btn-primary btn-sm', type: 'submit', testid: 'glossary-keep-submit' }, icon('plus', { size: 15 }), 'Keep term');
  const keepError = h('p', { class: 'form-error small', testid: 'glossary-keep-error', role: 'alert', hidden: true });
  const keepReplaces = h('p', { class: 'muted small', testid: 'glossary-keep-replaces', hidden: true });
  const keepForm = h('form', { class: 'glossary-form', testid: 'glossary-keep-form', novalidate: true },
    h('div', { class: 'glossary-keep-fields' },
      h('label', { class: 'field' }, h('span', {}, 'Term'), termInput),
      h('label', { class: 'field' }, h('span', {}, 'Note shown to readers'), noteInput)),
    h('div', { class: 'glossary-form-foot' }, h('span', { class: 'spacer' }), keepSubmit),
    keepReplaces, keepError);

  // ---- entries ----
  const entryList = h('ul', { class: 'glossary-list', testid: 'glossary-entry-list' });
  const entryEmpty = h('p', { class: 'muted small', hidden: true }, 'No entries.');
  const sourceInput = h('input', { testid: 'glossary-entry-source', list: 'glossary-languages', placeholder: 'zh-Hans', maxlength: '35', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'Source language', class: 'lang-input' });
  const entryTermInput = h('input', { testid: 'glossary-entry-term', placeholder: 'e.g. 种草', maxlength: '100', autocomplete: 'off', 'aria-label': 'Term' });
  const rows = h('div', { class: 'glossary-rows', testid: 'glossary-entry-rows' });
  const addRow = h('button', { class: 'btn btn-ghost btn-sm', type: 'button', testid: 'glossary-entry-add-row' }, icon('plus', { size: 15 }), 'Language');
  const entrySubmit = h('button', { class: 'btn btn-primary btn-sm', type: 'submit', testid: 'glossary-entry-submit' }, 'Save entry');
  const entryReset = h('button', { class: 'btn btn-ghost btn-sm', type: 'button', testid: 'glossary-entry-reset' }, 'Clear');
  const entryError = h('p', { class: 'form-error small', testid: 'glossary-entry-error', role: 'alert', hidden: true });
  const entryReplaces = h('p', { class: 'muted small', testid: 'glossary-entry-replaces', hidden: true });
  const entryForm = h('form', { class: 'glossary-form', testid: 'glossary-entry-form', novalidate: true },
    h('div', { class: 'field-row' },
      h('label', { class: 'field' }, h('span', {}, 'Written in'), sourceInput),
      h('label', { class: 'field grow' }, h('span', {}, 'Term'), entryTermInput)),
    h('div', { class: 'field' }, h('span', {}, 'Translations (one per language)'), rows),
    h('div', { class: 'glossary-form-foot' }, addRow, h('span', { class: 'spacer' }), entryReset, entrySubmit),
    entryReplaces, entryError);

  const view = h('section', { class: 'glossary', testid: 'glossary-page' },
    h('div', { class: 'glossary-head' },
      h('h1', {}, 'Translation glossary'), version, h('span', { class: 'spacer' }), refresh),
    h('p', { class: 'muted glossary-intro' },
      'How live translation treats community words in chat and comments. ',
      h('strong', {}, 'Kept terms'), ' stay as written and readers get the note as a hint; ',
      h('strong', {}, 'entries'), ' say how a term is translated into each language.'),
    signinHint, status, languageList,
    h('div', { class: 'glossary-grid' },
      h('section', { class: 'card glossary-section', testid: 'glossary-keep-section' },
        h('h2', {}, 'Kept terms'),
        keepList, keepEmpty, keepForm),
      h('section', { class: 'card glossary-section', testid: 'glossary-entry-section' },
        h('h2', {}, 'Entries'),
        entryList, entryEmpty, entryForm)));
  clear(root).append(view);
  document.title = 'Glossary · Realtime';

  // ---- rendering ----
  /** A delete button that asks once more before it acts (no modal dialogs). */
  function deleteButton(testid, label, action) {
    let timer = null;
    const button = h('button', { class: 'icon-btn glossary-delete', type: 'button', testid, title: label, 'aria-label': label }, icon('trash', { size: 16 }));
    button.addEventListener('click', async () => {
      if (!getSession()) { toast('Sign in to change the glossary', 'info'); return; }
      if (!button.dataset.confirm) {
        button.dataset.confirm = '1';
        button.replaceChildren(icon('trash', { size: 16 }), 'Delete?');
        timer = setTimeout(() => { delete button.dataset.confirm; button.replaceChildren(icon('trash', { size: 16 })); }, CONFIRM_MS);
        return;
      }
      clearTimeout(timer);
      button.disabled = true;
      await action();
      button.disabled = false;
    });
    return button;
  }

  function keepItem(k) {
    return h('li', { class: 'glossary-item', testid: 'glossary-keep', dataset: { term: k.term } },
      h('div', { class: 'glossary-item-main' },
        h('span', { class: 'glossary-term kept', testid: 'glossary-keep-term' }, k.term),
        h('span', { class: 'glossary-note muted', testid: 'glossary-keep-note' }, k.note)),
      h('div', { class: 'glossary-item-actions' },
        h('button', {
          class: 'icon-btn', type: 'button', testid: 'glossary-keep-edit', title: 'Edit the note',
          onclick: () => { termInput.value = k.term; noteInput.value = k.note; updateKeepReplaces(); noteInput.focus(); },
        }, 'Edit'),
        deleteButton('glossary-keep-delete', `Stop keeping "${k.term}"`, () => removeKept(k.term))));
  }

  function entryItem(e) {
    const translations = Object.entries(e.translations ?? {}).sort(([a], [b]) => a.localeCompare(b));
    return h('li', { class: 'glossary-item', testid: 'glossary-entry', dataset: { sourceLanguage: e.sourceLanguage, term: e.term } },
      h('div', { class: 'glossary-item-main' },
        h('div', { class: 'glossary-entry-head' },
          h('span', { class: 'lang-tag', title: languageName(e.sourceLanguage) }, shortLanguage(e.sourceLanguage) || e.sourceLanguage),
          h('span', { class: 'glossary-term', testid: 'glossary-entry-term-text', lang: e.sourceLanguage }, e.term)),
        h('dl', { class: 'glossary-translations' },
          translations.map(([lang, text]) => [
            h('dt', { title: languageName(lang) }, lang),
            h('dd', { lang, testid: 'glossary-entry-translation', dataset: { language: lang } }, text),
          ]))),
      h('div', { class: 'glossary-item-actions' },
        h('button', { class: 'icon-btn', type: 'button', testid: 'glossary-entry-edit', title: 'Edit this entry', onclick: () => editEntry(e) }, 'Edit'),
        deleteButton('glossary-entry-delete', `Delete the entry "${e.term}"`, () => removeEntry(e.sourceLanguage, e.term))));
  }

  function render() {
    const signedIn = !!getSession();
    signinHint.hidden = signedIn;
    view.classList.toggle('is-anon', !signedIn);
    for (const el of [termInput, noteInput, keepSubmit, sourceInput, entryTermInput, addRow, entrySubmit, ...rows.querySelectorAll('input, button')]) {
      el.disabled = !signedIn;
    }
    if (!glossary) return;
    version.textContent = `version ${glossary.version}`;
    version.dataset.version = String(glossary.version);
    const keep = [...(glossary.keep ?? [])].sort(byTerm);
    const entries = [...(glossary.entries ?? [])].sort((a, b) => a.sourceLanguage.localeCompare(b.sourceLanguage) || byTerm(a, b));
    clear(keepList).append(...keep.map(keepItem));
    clear(entryList).append(...entries.map(entryItem));
    keepEmpty.hidden = keep.length > 0;
    entryEmpty.hidden = entries.length > 0;
    updateKeepReplaces();
    updateEntryReplaces();
  }

  function apply(next) {
    if (disposed || !next) return;
    glossary = { version: next.version, entries: next.entries ?? [], keep: next.keep ?? [] };
    render();
  }

  async function load() {
    if (loading) return;
    loading = true;
    refresh.disabled = true;
    status.textContent = glossary ? '' : 'Loading…';
    try {
      apply(await getGlossary());
      status.textContent = '';
    } catch (err) {
      if (!disposed) status.textContent = `Could not load the glossary: ${describeError(err)}`;
    } finally {
      loading = false;
      refresh.disabled = false;
    }
  }

  function flash(selector) {
    const el = view.querySelector(selector);
    if (!el) return;
    el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    el.classList.remove('flash');
    void el.offsetWidth;
    el.classList.add('flash');
  }

  const attr = (v) => CSS.escape(v);

  function showError(el, err) {
    if (!err) { el.hidden = true; el.textContent = ''; delete el.dataset.code; return; }
    el.hidden = false;
    el.dataset.code = err.code ?? '';
    el.textContent = typeof err === 'string' ? err : problemText(err);
  }

  // ---- kept terms: add, replace, delete ----
  function updateKeepReplaces() {
    const term = termInput.value.trim();
    const known = term && glossary?.keep?.find((k) => k.term === term);
    keepReplaces.hidden = !known;
    keepReplaces.textContent = known ? `"${term}" is already kept: saving replaces its note.` : '';
  }

  keepForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!getSession()) return showError(keepError, { status: 401 });
    const term = termInput.value.trim();
    const note = noteInput.value.trim();
    keepSubmit.disabled = true;
    try {
      // The server checks the lengths; its problem is shown as it is.
      apply(await putKeptTerm(term, note));
      showError(keepError, null);
      termInput.value = '';
      noteInput.value = '';
      updateKeepReplaces();
      toast(`"${term}" is kept untranslated`, 'ok', 2000);
      flash(`[data-testid="glossary-keep"][data-term="${attr(term)}"]`);
    } catch (err) {
      showError(keepError, err);
    } finally {
      keepSubmit.disabled = !getSession();
    }
  });
  termInput.addEventListener('input', () => { showError(keepError, null); updateKeepReplaces(); });
  noteInput.addEventListener('input', () => showError(keepError, null));

  async function removeKept(term) {
    try {
      apply(await deleteKeptTerm(term));
      toast(`"${term}" is translated again`, 'ok', 2000);
    } catch (err) {
      if (err.status === 404) { toast(problemText(err), 'info'); load(); return; }
      showError(keepError, err);
    }
  }

  // ---- entries: add, replace, delete ----
  function addTranslationRow(lang = '', text = '') {
    const langInput = h('input', { class: 'lang-input', list: 'glossary-languages', placeholder: 'es', maxlength: '35', autocomplete: 'off', spellcheck: 'false', value: lang, testid: 'glossary-entry-lang', 'aria-label': 'Language' });
    const textInput = h('input', { class: 'grow', placeholder: 'Translation', maxlength: '100', autocomplete: 'off', value: text, testid: 'glossary-entry-text', 'aria-label': 'Translation' });
    const remove = h('button', { class: 'icon-btn', type: 'button', testid: 'glossary-entry-remove-row', title: 'Remove this language', 'aria-label': 'Remove this language' }, icon('close', { size: 15 }));
    const row = h('div', { class: 'glossary-row', testid: 'glossary-entry-row' }, langInput, textInput, remove);
    remove.addEventListener('click', () => {
      row.remove();
      if (!rows.children.length) addTranslationRow();
    });
    for (const input of [langInput, textInput]) input.addEventListener('input', () => showError(entryError, null));
    const signedIn = !!getSession();
    for (const el of [langInput, textInput, remove]) el.disabled = !signedIn;
    rows.append(row);
    return row;
  }

  function resetEntryForm() {
    sourceInput.value = '';
    entryTermInput.value = '';
    clear(rows);
    addTranslationRow('en');
    addTranslationRow('es');
    showError(entryError, null);
    updateEntryReplaces();
  }

  function editEntry(e) {
    sourceInput.value = e.sourceLanguage;
    entryTermInput.value = e.term;
    clear(rows);
    for (const [lang, text] of Object.entries(e.translations ?? {})) addTranslationRow(lang, text);
    if (!rows.children.length) addTranslationRow();
    showError(entryError, null);
    updateEntryReplaces();
    entryForm.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    entryTermInput.focus();
  }

  function findEntry(source, term) {
    const s = source.toLowerCase();
    return glossary?.entries?.find((e) => e.sourceLanguage.toLowerCase() === s && e.term === term) ?? null;
  }

  function updateEntryReplaces() {
    const known = findEntry(sourceInput.value.trim(), entryTermInput.value.trim());
    entryReplaces.hidden = !known;
    entryReplaces.textContent = known ? `Saving replaces the entry for "${known.term}" (${known.sourceLanguage}).` : '';
    entrySubmit.textContent = known ? 'Replace entry' : 'Save entry';
  }

  entryForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!getSession()) return showError(entryError, { status: 401 });
    const sourceLanguage = sourceInput.value.trim();
    const term = entryTermInput.value.trim();
    const translations = {};
    for (const row of rows.children) {
      const [langInput, textInput] = row.querySelectorAll('input');
      const lang = langInput.value.trim();
      const text = textInput.value.trim();
      if (!lang && !text) continue;
      if (!text) continue; // a language without a translation: nothing to say for it
      if (!lang) return showError(entryError, `Choose the language of "${text}".`);
      const dup = Object.keys(translations).find((k) => k.toLowerCase() === lang.toLowerCase());
      if (dup) return showError(entryError, `${lang} is listed twice: one translation per language.`);
      translations[lang] = text;
    }
    entrySubmit.disabled = true;
    try {
      // Everything else (tags, lengths, at least one translation) is the server's to judge.
      apply(await putGlossaryEntry(sourceLanguage, term, translations));
      toast(`Saved "${term}"`, 'ok', 2000);
      resetEntryForm();
      flash(`[data-testid="glossary-entry"][data-term="${attr(term)}"]`);
    } catch (err) {
      showError(entryError, err);
    } finally {
      entrySubmit.disabled = !getSession();
    }
  });
  sourceInput.addEventListener('input', () => { showError(entryError, null); updateEntryReplaces(); });
  entryTermInput.addEventListener('input', () => { showError(entryError, null); updateEntryReplaces(); });
  addRow.addEventListener('click', () => addTranslationRow().querySelector('input').focus());
  entryReset.addEventListener('click', resetEntryForm);

  async function removeEntry(sourceLanguage, term) {
    try {
      apply(await deleteGlossaryEntry(sourceLanguage, term));
      toast(`Deleted "${term}"`, 'ok', 2000);
    } catch (err) {
      if (err.status === 404) { toast(problemText(err), 'info'); load(); return; }
      showError(entryError, err);
    }
  }

  refresh.addEventListener('click', load);
  const offSession = onSessionChange(render);

  resetEntryForm();
  render();
  load();

  return () => {
    disposed = true;
    offSession();
    document.title = 'Realtime · Live';
  };
}
