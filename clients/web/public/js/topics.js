// Topics: the home page's trending list (1 h / 24 h, live over `trending`) and a topic's page
// `#/topic/{tag}` (live counters over `topicCounters`, its latest notes).
import { hub } from './hub.js';
import { trendingTopics, getTopic } from './api.js';
import { rememberNote } from './note-store.js';
import { icon } from './icons.js';
import { h, clear, formatCount, formatAgo, formatFull, posterStyle, avatar, describeError } from './ui.js';
import { normaliseTag, withHashtags, topicHref } from './hashtags.js';

export const WINDOWS = ['1h', '24h'];
const WINDOW_KEY = 'realtime.trendingWindow';
const TRENDING_SHOWN = 10;
const POLL_MS = 60000; // a safety net: the list is pushed live
const EXCERPT = 140;

/** "+150%", "−20%", "new": growth as the server gives it (a ratio against the window before). */
export function formatGrowth(growth) {
  if (growth === null || growth === undefined || Number.isNaN(Number(growth))) return '';
  const g = Number(growth);
  if (!Number.isFinite(g)) return 'new';
  const pct = Math.round(g * 100);
  if (pct === 0) return '±0%';
  return `${pct > 0 ? '+' : '−'}${formatCount(Math.abs(pct))}%`;
}

/** Renders the trending list into `root`; returns a dispose function. */
export function mountTrending(root) {
  let disposed = false;
  let windowName = WINDOWS.includes(localStorage.getItem(WINDOW_KEY)) ? localStorage.getItem(WINDOW_KEY) : '1h';
  let watching = false;
  let pollTimer = null;
  let loadToken = 0;
  let lastTopics = null;

  const list = h('ol', { class: 'trending-list', testid: 'trending-list', 'aria-live': 'polite' });
  const status = h('p', { class: 'muted small', testid: 'trending-status' }, 'Loading…');
  const toggles = WINDOWS.map((w) => h('button', {
    class: 'seg-button', type: 'button', testid: `trending-window-${w}`, dataset: { window: w },
    onclick: () => setWindow(w),
  }, w === '1h' ? '1 h' : '24 h'));
  const section = h('section', { class: 'trending card', testid: 'trending', dataset: { window: windowName } },
    h('div', { class: 'trending-head' },
      h('h2', { class: 'with-icon' }, icon('trend', { size: 18 }), 'Trending topics'),
      h('div', { class: 'seg', role: 'group', 'aria-label': 'Trending over' }, toggles)),
    status,
    list);
  clear(root).append(section);

  function renderToggles() {
    section.dataset.window = windowName;
    for (const b of toggles) {
      const on = b.dataset.window === windowName;
      b.classList.toggle('on', on);
      b.setAttribute('aria-pressed', String(on));
    }
  }

  function render(data) {
    const topics = (data?.topics ?? []).slice(0, TRENDING_SHOWN);
    lastTopics = topics;
    list.dataset.window = data?.window ?? windowName;
    if (!topics.length) {
      status.textContent = windowName === '1h' ? 'Nothing is trending this hour yet: tag a note with #something.' : 'Nothing is trending today yet: tag a note with #something.';
      status.hidden = false;
    } else {
      status.hidden = true;
    }
    clear(list).append(...topics.map((t, i) => {
      const growth = formatGrowth(t.growth);
      return h('li', { class: 'trending-item', testid: 'trending-item', dataset: { tag: t.tag, notes: String(t.notes ?? 0), views: String(t.views ?? 0) } },
        h('span', { class: 'trending-rank' }, String(i + 1)),
        h('a', { class: 'trending-tag', href: topicHref(t.tag), testid: 'trending-tag' }, `#${t.tag}`),
        h('span', { class: 'trending-stats muted small' },
          h('span', { testid: 'trending-notes' }, `${formatCount(t.notes ?? 0)} ${t.notes === 1 ? 'note' : 'notes'}`), ' · ',
          h('span', { testid: 'trending-views' }, `${formatCount(t.views ?? 0)} ${t.views === 1 ? 'view' : 'views'}`)),
        growth && h('span', { class: `trending-growth${Number(t.growth) < 0 ? ' down' : ''}`, testid: 'trending-growth' }, growth));
    }));
  }

  async function load() {
    const token = ++loadToken;
    const w = windowName;
    try {
      const data = await trendingTopics(w);
      if (disposed || token !== loadToken || w !== windowName) return;
      render(data);
    } catch (err) {
      if (disposed || token !== loadToken) return;
      if (!lastTopics) {
        status.textContent = err.status === 404 ? 'Trending topics are not available on this server.' : `Could not load trending topics: ${describeError(err)}`;
        status.hidden = false;
      }
    } finally {
      if (token === loadToken) schedulePoll();
    }
  }

  function schedulePoll() {
    clearTimeout(pollTimer);
    if (!disposed) pollTimer = setTimeout(load, POLL_MS);
  }

  function setWindow(w) {
    if (w === windowName) return;
    windowName = w;
    localStorage.setItem(WINDOW_KEY, w);
    lastTopics = null;
    clear(list);
    status.textContent = 'Loading…';
    status.hidden = false;
    renderToggles();
    load();
  }

  async function watch() {
    try {
      await hub.invoke('WatchTrending');
      watching = true;
    } catch (err) {
      console.warn('WatchTrending failed', err);
    }
    // After a reconnect what was pushed meanwhile is lost: read the list again.
    load();
  }

  const offs = [
    hub.on('trending', (ev) => {
      if (disposed || !ev || (ev.window ?? windowName) !== windowName) return;
      loadToken++; // a read in flight is older than this
      render(ev);
      schedulePoll();
    }),
    hub.onConnected(watch),
  ];

  renderToggles();
  load();
  if (hub.state === 'connected') watch();

  return () => {
    disposed = true;
    clearTimeout(pollTimer);
    for (const off of offs) off();
    if (watching && hub.state === 'connected') hub.invoke('UnwatchTrending').catch(() => {});
  };
}

function excerpt(text) {
  const chars = Array.from(String(text ?? ''));
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join('')}…` : chars.join('');
}

/** One note in a topic's list: its cover and title link to it, its text shows its hashtags as links. */
function noteCard(note) {
  const href = `#/note/${encodeURIComponent(note.noteId)}`;
  return h('article', { class: 'topic-note', testid: 'topic-note', dataset: { noteId: note.noteId } },
    h('a', { class: 'topic-note-cover', href, style: posterStyle(note.noteId), 'aria-hidden': 'true', tabindex: '-1' }),
    h('div', { class: 'topic-note-body' },
      h('a', { class: 'topic-note-title', href, testid: 'topic-note-title' }, note.title),
      note.body && h('p', { class: 'topic-note-text' }, withHashtags(excerpt(note.body))),
      h('div', { class: 'topic-note-meta muted small' },
        avatar(note.authorId, note.authorId), `@${note.authorId}`, ' · ',
        h('time', { datetime: note.createdAt ?? '', title: formatFull(note.createdAt) }, formatAgo(note.createdAt)))));
}

/** Renders the topic page of `tag` into `root`; returns a dispose function. */
export function mountTopic(root, rawTag) {
  const tag = normaliseTag(rawTag);
  let disposed = false;
  let watching = false;
  let counters = { notes: 0, views: 0, participants: 0 };
  let known = false;
  let refreshTimer = null;
  let loading = null;
  let reloadAfter = false;
  const shownNotes = new Map(); // noteId -> Note

  const counterEl = (key, label) => h('div', { class: 'topic-counter' },
    h('strong', { testid: `topic-${key}`, dataset: { value: '0' } }, '0'),
    h('span', { class: 'muted small' }, label));
  const notesEl = counterEl('notes', 'notes');
  const viewsEl = counterEl('views', 'views');
  const peopleEl = counterEl('participants', 'people');
  const list = h('div', { class: 'topic-notes', testid: 'topic-notes', 'aria-live': 'polite' });
  const status = h('p', { class: 'muted', testid: 'topic-status' }, 'Loading…');
  const view = h('section', { class: 'topic-page', testid: 'topic-view', dataset: { tag } },
    h('div', { class: 'topic-hero', style: posterStyle(`#${tag}`) },
      h('a', { class: 'stage-back', href: '#/', 'aria-label': 'Back home' }, icon('back', { size: 20 })),
      h('div', { class: 'topic-hero-text' },
        h('h1', { class: 'topic-title', testid: 'topic-title' }, `#${tag}`),
        h('div', { class: 'topic-counters' }, notesEl, viewsEl, peopleEl))),
    h('h2', { class: 'topic-subhead' }, 'Latest notes'),
    status,
    list);
  clear(root).append(view);
  document.title = `#${tag} · Realtime`;

  function renderCounters() {
    for (const [el, key] of [[notesEl, 'notes'], [viewsEl, 'views'], [peopleEl, 'participants']]) {
      const strong = el.querySelector('strong');
      const value = Number(counters[key] ?? 0);
      strong.textContent = formatCount(value);
      strong.dataset.value = String(value);
    }
  }

  function renderNotes(notes) {
    shownNotes.clear();
    for (const n of notes ?? []) shownNotes.set(n.noteId, n);
    clear(list).append(...[...shownNotes.values()].map(noteCard));
    if (!shownNotes.size) {
      status.textContent = known ? 'No notes to show yet.' : `No notes with #${tag} yet. Post one with #${tag} in it and it shows up here.`;
      status.hidden = false;
    } else {
      status.hidden = true;
    }
  }

  /** Reads the topic (first load, reconnects, and when its note count grows). */
  function load() {
    if (loading) { reloadAfter = true; return loading; }
    loading = (async () => {
      try {
        const topic = await getTopic(tag);
        if (disposed) return;
        known = true;
        // Counters pushed since the read began are newer than the read: keep the larger.
        counters = {
          notes: Math.max(counters.notes ?? 0, topic.notes ?? 0),
          views: Math.max(counters.views ?? 0, topic.views ?? 0),
          participants: Math.max(counters.participants ?? 0, topic.participants ?? 0),
        };
        renderCounters();
        renderNotes(topic.latestNotes);
        for (const n of topic.latestNotes ?? []) rememberNote(n);
      } catch (err) {
        if (disposed) return;
        if (err.status === 404) {
          known = false;
          renderNotes([]);
        } else {
          status.textContent = `Could not load #${tag}: ${describeError(err)}`;
          status.hidden = false;
        }
      } finally {
        loading = null;
        if (reloadAfter && !disposed) { reloadAfter = false; load(); }
      }
    })();
    return loading;
  }

  function onCounters(ev) {
    if (disposed || !ev || (normaliseTag(ev.tag) ?? ev.tag) !== tag) return;
    const grew = (ev.notes ?? 0) > (counters.notes ?? 0);
    counters = { notes: ev.notes ?? 0, views: ev.views ?? 0, participants: ev.participants ?? 0 };
    renderCounters();
    if (grew) {
      // A new note: read the latest notes again (at most every half second).
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(load, 500);
    }
  }

  async function watch() {
    try {
      await hub.invoke('WatchTopic', tag);
      watching = true;
    } catch (err) {
      console.warn('WatchTopic failed', err);
    }
    load();
  }

  const offs = [hub.on('topicCounters', onCounters), hub.onConnected(watch)];
  renderCounters();
  if (hub.state === 'connected') watch();
  else load();

  return () => {
    disposed = true;
    clearTimeout(refreshTimer);
    for (const off of offs) off();
    if (watching && hub.state === 'connected') hub.invoke('UnwatchTopic', tag).catch(() => {});
    document.title = 'Realtime · Live';
  };
}

