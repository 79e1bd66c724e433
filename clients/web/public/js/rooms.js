// Home: the live room list (refreshed every few seconds) and the "go live" form.
import { listRooms, createRoom } from './api.js';
import { getSession, onSessionChange } from './session.js';
import { icon } from './icons.js';
import { h, clear, formatCount, posterStyle, describeError, avatar } from './ui.js';

const REFRESH_MS = 4000;
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** Renders the home view into `root`; returns a dispose function. */
export function mountHome(root) {
  let disposed = false;
  let timer = null;

  const grid = h('div', { class: 'room-grid', testid: 'room-list', 'aria-live': 'polite' });
  const status = h('p', { class: 'muted list-status', testid: 'room-list-status' }, 'Loading live rooms…');

  const idInput = h('input', {
    id: 'create-room-id', testid: 'create-room-id', placeholder: 'room-id (letters, digits, - _)',
    maxlength: '64', autocomplete: 'off', spellcheck: 'false', required: true,
  });
  const titleInput = h('input', {
    id: 'create-room-title', testid: 'create-room-title', placeholder: 'What are you streaming?',
    maxlength: '100', autocomplete: 'off', required: true,
  });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'create-room-submit' }, 'Go live');
  const error = h('p', { class: 'form-error', testid: 'create-room-error', role: 'alert', hidden: true });
  const signinHint = h('p', { class: 'muted small' }, 'Sign in above to host a room. Anyone can watch.');

  const form = h('form', { class: 'create-room card', testid: 'create-room-form', novalidate: true },
    h('h2', {}, 'Start a live room'),
    h('div', { class: 'field-row' },
      h('label', { class: 'field' }, h('span', {}, 'Room id'), idInput),
      h('label', { class: 'field grow' }, h('span', {}, 'Title'), titleInput),
      submit),
    error,
    signinHint);

  idInput.addEventListener('input', () => {
    error.hidden = true;
    // Once the user types (or pastes) an id, stop suggesting one from the title.
    if (idInput.value) idInput.dataset.touched = '1';
    else delete idInput.dataset.touched;
  });
  titleInput.addEventListener('input', () => {
    error.hidden = true;
    // Suggest a valid id from the title until the user writes their own.
    if (!idInput.dataset.touched) {
      idInput.value = titleInput.value.trim().toLowerCase()
        .normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
    }
  });

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const roomId = idInput.value.trim();
    const title = titleInput.value.trim();
    if (!getSession()) return showError('Sign in first: only signed-in users can host a room.');
    if (!ID_RE.test(roomId)) return showError('Room id: 1–64 letters, digits, "-" or "_".');
    if (!title) return showError('Give your room a title.');
    submit.disabled = true;
    try {
      await createRoom(roomId, title);
      location.hash = `#/room/${encodeURIComponent(roomId)}`;
    } catch (err) {
      if (err.status === 409) showError(`A room called "${roomId}" already exists — pick another id, or open it from the list.`);
      else if (err.status === 401) showError('Your sign-in is missing or expired: sign in again.');
      else if (err.status === 400) showError(`Not accepted (${err.code}): ${err.detail}`);
      else showError(describeError(err));
    } finally {
      submit.disabled = false;
    }
  });

  function updateSignin() {
    const signedIn = !!getSession();
    signinHint.hidden = signedIn;
    form.classList.toggle('is-anon', !signedIn);
  }
  const offSession = onSessionChange(updateSignin);
  updateSignin();

  function card(room) {
    const href = `#/room/${encodeURIComponent(room.roomId)}`;
    return h('a', { class: 'room-card', href, testid: 'room-card', dataset: { roomId: room.roomId } },
      h('div', { class: 'room-poster', style: posterStyle(room.roomId) },
        h('span', { class: 'live-pill' }, 'LIVE'),
        h('span', { class: 'poster-title' }, room.title)),
      h('div', { class: 'room-meta' },
        avatar(room.hostId, room.hostId),
        h('div', { class: 'room-meta-text' },
          h('div', { class: 'room-card-host' }, '@', room.hostId),
          h('div', { class: 'muted small' }, room.viewers === 1 ? '1 watching' : `${formatCount(room.viewers)} watching`)),
        h('div', { class: 'room-likes', title: 'likes' }, icon('heart', { size: 14 }), formatCount(room.likes))));
  }

  async function refresh() {
    try {
      const rooms = await listRooms();
      if (disposed) return;
      clear(grid);
      if (!rooms.length) {
        status.textContent = 'No one is live right now. Start the first room!';
        status.hidden = false;
      } else {
        status.hidden = true;
        for (const room of rooms) grid.append(card(room));
      }
    } catch (err) {
      if (disposed) return;
      status.textContent = `Could not load rooms: ${describeError(err)}`;
      status.hidden = false;
    } finally {
      if (!disposed) timer = setTimeout(refresh, document.hidden ? REFRESH_MS * 3 : REFRESH_MS);
    }
  }

  clear(root).append(
    h('section', { class: 'home' },
      h('div', { class: 'home-head' },
        h('h1', {}, 'Live now'),
        h('div', { class: 'home-actions' },
          h('button', { class: 'btn btn-ghost home-refresh', type: 'button', onclick: () => { clearTimeout(timer); refresh(); } }, icon('refresh', { size: 16 }), 'Refresh'),
          h('button', {
            class: 'btn btn-primary', type: 'button', testid: 'go-live',
            onclick: () => { form.scrollIntoView({ behavior: 'smooth', block: 'center' }); (getSession() ? titleInput : document.querySelector('[data-testid="signin-user"]'))?.focus(); },
          }, 'Go live'))),
      status,
      grid,
      form));
  refresh();

  return () => {
    disposed = true;
    clearTimeout(timer);
    offSession();
  };
}
