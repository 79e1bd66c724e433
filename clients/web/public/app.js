// Realtime viewer: sign-in bar, inbox bell, messages and moderation links, connection badge and
// hash routing (#/, #/room/{roomId}, #/note/{noteId}, #/topic/{tag}, #/glossary,
// #/messages[/{conversationId}] and #/moderation).
import { hub } from './js/hub.js';
import { devToken } from './js/api.js';
import { getSession, setSession, onSessionChange, getReadLanguage, setReadLanguage } from './js/session.js';
import { languageSelect, languageName } from './js/languages.js';
import { mountHome } from './js/rooms.js';
import { mountRoom } from './js/room.js';
import { mountNotesHome } from './js/notes.js';
import { mountNote } from './js/note.js';
import { mountGlossary } from './js/glossary.js';
import { createInbox } from './js/inbox.js';
import { createMessagesLink } from './js/direct.js';
import { mountConversations, mountConversation } from './js/messages.js';
import { mountModeration, createModerationLink } from './js/moderation.js';
import { mountTrending, mountTopic } from './js/topics.js';
import { isTag } from './js/hashtags.js';
import { h, clear, avatar, describeError, toast } from './js/ui.js';
import { icon } from './js/icons.js';

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

// ---- connection badge ----
const badge = document.querySelector('[data-testid="connection-state"]');
const badgeText = { connected: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', disconnected: 'Offline' };
hub.onState((state) => {
  badge.dataset.state = state;
  badge.textContent = badgeText[state] ?? state;
  badge.title = state === 'connected' ? 'Connected to the live hub' : 'Not connected; retrying automatically';
});

// ---- sign-in bar and inbox bell ----
const signinHost = document.querySelector('[data-testid="signin-bar"]');
const inbox = createInbox();
const messagesLink = createMessagesLink();
const moderationLink = createModerationLink();

function renderSignin() {
  clear(signinHost);
  const session = getSession();
  if (session) {
    signinHost.append(
      h('a', { class: 'header-link', href: '#/glossary', testid: 'glossary-link', title: 'Translation glossary' },
        icon('globe', { size: 18 }), h('span', { class: 'header-link-text' }, 'Glossary')),
      moderationLink,
      messagesLink,
      inbox,
      h('div', { class: 'signed-in', testid: 'signin-status', dataset: { userId: session.userId } },
        avatar(session.userId, session.displayName),
        h('div', { class: 'signed-in-text' },
          h('strong', {}, session.displayName),
          h('span', { class: 'muted small' }, `@${session.userId} · ${languageName(session.language)}`)),
        h('button', { class: 'btn btn-ghost btn-sm', type: 'button', testid: 'signout', onclick: signOut }, 'Sign out')));
    return;
  }
  const user = h('input', { testid: 'signin-user', placeholder: 'user id', autocomplete: 'username', maxlength: '64', spellcheck: 'false', 'aria-label': 'User id' });
  const name = h('input', { testid: 'signin-name', placeholder: 'display name', autocomplete: 'nickname', maxlength: '40', 'aria-label': 'Display name' });
  const lang = languageSelect(getReadLanguage(), { testid: 'signin-language', 'aria-label': 'Your language' });
  const submit = h('button', { class: 'btn btn-primary btn-sm', type: 'submit', testid: 'signin-submit' }, 'Sign in');
  const error = h('span', { class: 'form-error small', testid: 'signin-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'signin-form', novalidate: true }, user, name, lang, submit, error);
  user.addEventListener('input', () => {
    error.hidden = true;
    if (!name.dataset.touched) name.value = user.value.slice(0, 40);
  });
  name.addEventListener('input', () => { if (name.value) name.dataset.touched = '1'; else delete name.dataset.touched; });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const userId = user.value.trim();
    const displayName = (name.value.trim() || userId).slice(0, 40);
    const language = lang.value;
    const fail = (text) => { error.textContent = text; error.hidden = false; };
    if (!ID_RE.test(userId)) return fail('User id: 1–64 letters, digits, "-" or "_"');
    submit.disabled = true;
    try {
      const token = await devToken(userId, displayName, language);
      setReadLanguage(language);
      setSession({ userId, displayName, language, token });
      toast(`Welcome, ${displayName}!`, 'ok', 2000);
    } catch (err) {
      if (err.status === 404) fail('Sign-in with dev tokens is switched off on this server.');
      else fail(describeError(err));
      submit.disabled = false;
    }
  });
  signinHost.append(form);
}

function signOut() {
  setSession(null);
}

onSessionChange(() => {
  renderSignin();
  // A new identity needs a new connection (the token is sent when connecting).
  hub.restart();
});
renderSignin();

// ---- routing ----
const main = document.querySelector('[data-testid="main"]');
let dispose = null;
let currentKey = null;

/** Home: the live rooms, trending topics, then notes (the new-note form and the notes kept on this device). */
function mountHomePage(root) {
  const roomsHost = h('div', { class: 'home-rooms' });
  const trendingHost = h('div', { class: 'home-trending' });
  const notesHost = h('div', { class: 'home-notes' });
  clear(root).append(roomsHost, trendingHost, notesHost);
  const disposers = [mountHome(roomsHost), mountTrending(trendingHost), mountNotesHome(notesHost)];
  return () => { for (const d of disposers) d(); };
}

function parseRoute(hash) {
  if (/^#\/glossary\/?(?:[?#]|$)/.test(hash)) return { kind: 'glossary', key: 'glossary' };
  if (/^#\/moderation\/?(?:[?#]|$)/.test(hash)) return { kind: 'moderation', key: 'moderation' };
  if (/^#\/messages\/?(?:[?#]|$)/.test(hash)) return { kind: 'messages', key: 'messages' };
  const dm = /^#\/messages\/([^/?#]+)/.exec(hash);
  if (dm) {
    let id = null;
    try { id = decodeURIComponent(dm[1]); } catch { id = null; }
    return { kind: 'conversation', id, key: `conversation:${id}` };
  }
  const topic = /^#\/topic\/([^/?#]+)/.exec(hash);
  if (topic) {
    let tag = null;
    try { tag = decodeURIComponent(topic[1]).replace(/^#/, ''); } catch { tag = null; }
    return { kind: 'topic', id: tag, key: `topic:${tag}` };
  }
  const m = /^#\/(room|note)\/([^/?#]+)/.exec(hash);
  if (!m) return { kind: 'home', key: 'home' };
  let id = null;
  try { id = decodeURIComponent(m[2]); } catch { id = null; }
  return { kind: m[1], id, key: `${m[1]}:${id}` };
}

function route() {
  const r = parseRoute(location.hash || '#/');
  if (r.key === currentKey) return;
  currentKey = r.key;
  if (dispose) { try { dispose(); } catch (err) { console.error(err); } }
  dispose = null;
  document.body.dataset.view = r.kind;
  window.scrollTo(0, 0);
  if ((r.kind === 'room' || r.kind === 'note') && (!r.id || !ID_RE.test(r.id))) {
    clear(main).append(h('section', { class: 'empty-state' },
      h('h1', {}, `That is not a ${r.kind} address`),
      h('a', { class: 'btn btn-primary', href: '#/' }, 'Back home')));
    return;
  }
  if (r.kind === 'topic' && (!r.id || !isTag(r.id))) {
    clear(main).append(h('section', { class: 'empty-state' },
      h('h1', {}, 'That is not a topic address'),
      h('p', { class: 'muted' }, 'A topic is a hashtag: letters or digits in any script, and "_".'),
      h('a', { class: 'btn btn-primary', href: '#/' }, 'Back home')));
    return;
  }
  if (r.kind === 'room') dispose = mountRoom(main, r.id);
  else if (r.kind === 'topic') dispose = mountTopic(main, r.id);
  else if (r.kind === 'note') dispose = mountNote(main, r.id);
  else if (r.kind === 'glossary') dispose = mountGlossary(main);
  else if (r.kind === 'moderation') dispose = mountModeration(main);
  else if (r.kind === 'messages') dispose = mountConversations(main);
  else if (r.kind === 'conversation') dispose = mountConversation(main, r.id ?? '');
  else {
    dispose = mountHomePage(main);
    document.title = 'Realtime · Live';
  }
}

window.addEventListener('hashchange', route);
route();
hub.start();
