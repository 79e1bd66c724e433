// Home, notes part: the "new note" form (signed-in users) and the notes written or opened in this
// browser (the server has no list-notes call, so the list lives in localStorage).
import { createNote } from './api.js';
import { getSession, onSessionChange, getReadLanguage } from './session.js';
import { recentNotes, rememberNote, forgetNote, onRecentNotesChange } from './note-store.js';
import { icon } from './icons.js';
import { h, clear, posterStyle, describeError, formatAgo, formatFull } from './ui.js';

export const TITLE_MAX = 100;
export const BODY_MAX = 5000;

const length = (text) => Array.from(text.normalize('NFC')).length;

/** Renders the notes section into `root`; returns a dispose function. */
export function mountNotesHome(root) {
  const titleInput = h('input', {
    testid: 'note-title-input', placeholder: 'Give it a title', maxlength: String(TITLE_MAX * 2),
    autocomplete: 'off', 'aria-label': 'Note title', required: true,
  });
  const bodyInput = h('textarea', {
    testid: 'note-body-input', placeholder: 'Share what you found: the place, the recipe, the look…',
    rows: '4', 'aria-label': 'Note text',
  });
  const bodyCount = h('span', { class: 'muted small note-count', testid: 'note-body-count' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'note-create-submit' }, icon('plus', { size: 16 }), 'Post note');
  const error = h('p', { class: 'form-error', testid: 'note-create-error', role: 'alert', hidden: true });
  const signinHint = h('p', { class: 'muted small' }, 'Sign in above to post a note. Anyone can read one from its link.');
  const form = h('form', { class: 'note-form card', testid: 'note-create-form', novalidate: true },
    h('h2', {}, icon('note', { size: 20 }), 'New note'),
    h('label', { class: 'field' }, h('span', {}, 'Title'), titleInput),
    h('label', { class: 'field' }, h('span', {}, 'Text'), bodyInput),
    h('div', { class: 'note-form-foot' }, bodyCount, submit),
    error,
    signinHint);

  const list = h('div', { class: 'note-grid', testid: 'note-list' });
  const empty = h('p', { class: 'muted small', testid: 'note-list-empty' }, 'Notes you post or open show up here, on this device.');

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }

  function updateCount() {
    const n = length(bodyInput.value);
    bodyCount.textContent = n > BODY_MAX - 500 ? `${n}/${BODY_MAX}` : '';
    bodyCount.classList.toggle('over', n > BODY_MAX);
  }

  titleInput.addEventListener('input', () => { error.hidden = true; });
  bodyInput.addEventListener('input', () => { error.hidden = true; updateCount(); });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const title = titleInput.value.trim();
    const body = bodyInput.value.trim();
    if (!getSession()) return showError('Sign in first: only signed-in users can post notes.');
    if (!title) return showError('Give your note a title.');
    if (length(title) > TITLE_MAX) return showError(`The title is too long: at most ${TITLE_MAX} characters.`);
    if (length(body) > BODY_MAX) return showError(`The text is too long: at most ${BODY_MAX} characters.`);
    submit.disabled = true;
    try {
      const note = await createNote(title, body, getSession()?.language || getReadLanguage());
      rememberNote(note, { mine: true });
      titleInput.value = '';
      bodyInput.value = '';
      updateCount();
      location.hash = `#/note/${encodeURIComponent(note.noteId)}`;
    } catch (err) {
      if (err.status === 401) showError('Your sign-in is missing or expired: sign in again.');
      else if (err.status === 400) showError(`Not accepted: ${err.detail}`);
      else showError(describeError(err));
    } finally {
      submit.disabled = false;
    }
  });

  function card(note) {
    const href = `#/note/${encodeURIComponent(note.noteId)}`;
    return h('div', { class: 'note-card', testid: 'note-card', dataset: { noteId: note.noteId } },
      h('a', { class: 'note-card-link', href },
        h('div', { class: 'note-card-cover', style: posterStyle(note.noteId) },
          h('span', { class: 'note-card-cover-title' }, note.title)),
        h('div', { class: 'note-card-meta' },
          h('div', { class: 'note-card-title' }, note.title),
          h('div', { class: 'muted small' },
            note.mine ? 'yours' : note.authorId ? `@${note.authorId}` : '',
            ' · ',
            h('time', { datetime: note.createdAt ?? '', title: formatFull(note.createdAt) }, formatAgo(note.createdAt ?? note.openedAt))))),
      h('button', {
        class: 'icon-btn note-card-forget', type: 'button', title: 'Remove from this list', 'aria-label': 'Remove from this list',
        onclick: () => forgetNote(note.noteId),
      }, icon('close', { size: 14 })));
  }

  function renderList() {
    const notes = recentNotes();
    clear(list).append(...notes.map(card));
    empty.hidden = notes.length > 0;
  }

  function updateSignin() {
    const signedIn = !!getSession();
    signinHint.hidden = signedIn;
    form.classList.toggle('is-anon', !signedIn);
    titleInput.disabled = !signedIn;
    bodyInput.disabled = !signedIn;
    submit.disabled = !signedIn;
  }

  clear(root).append(
    h('section', { class: 'notes-home', testid: 'notes-home' },
      h('div', { class: 'home-head' }, h('h1', { class: 'notes-heading' }, 'Notes')),
      h('div', { class: 'notes-layout' },
        form,
        h('div', { class: 'recent-notes' },
          h('h2', {}, 'Your notes and recently opened'),
          empty,
          list))));

  const offRecent = onRecentNotesChange(renderList);
  const offSession = onSessionChange(updateSignin);
  renderList();
  updateSignin();
  updateCount();

  return () => {
    offRecent();
    offSession();
  };
}
