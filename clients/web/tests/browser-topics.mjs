// Topics and trending in headless Chromium: a reader keeps the home page open while an author
// posts two notes tagged #TeaTime_<run> over REST; the tag (case-folded to teatime_<run>) appears
// in the trending list without a reload and its count reaches two; its link opens the topic page,
// which shows the counters (2 notes, 1 participant) and both notes; a note opened in another
// browser raises the topic's views live; in a note, the hashtags of its title and text (Latin or
// Chinese) are links, and one leads back to the topic page. Exits 0 on success; on failure prints
// why and saves screenshots under /tmp.
//
//   REALTIME_URL=http://127.0.0.1:5080 CHROMIUM_PATH=/usr/bin/chromium node tests/browser-topics.mjs
import {
  BASE, TIMEOUT_MS, check, openViewer, pageErrors, run, runBrowserTest, signIn, step, tid, waitConnected,
} from './harness.mjs';

async function rest(method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  return { status: res.status, data };
}

async function devToken(userId, displayName) {
  const { status, data } = await rest('POST', '/api/auth/dev-token', { userId, displayName, language: 'en' });
  check(status === 200 && data?.token, `dev token for ${userId}: ${status} ${JSON.stringify(data)}`);
  return data.token;
}

async function postNote(token, title, body) {
  const { status, data } = await rest('POST', '/api/notes', { title, body, language: 'en' }, token);
  check(status === 201 && data?.noteId, `POST /api/notes answered ${status} ${JSON.stringify(data)}`);
  return data;
}

/** Waits for the topic page's counter `key` to reach `atLeast` (exactly, when `exact`). */
async function waitCounter(page, key, value, { exact = true, who = 'the reader' } = {}) {
  await page.waitForFunction(
    ([k, v, e]) => {
      const n = Number(document.querySelector(`[data-testid="topic-${k}"]`)?.dataset.value);
      return e ? n === v : n >= v;
    },
    [key, value, exact], { timeout: TIMEOUT_MS },
  ).catch(async () => {
    const shown = await page.getAttribute(tid(`topic-${key}`), 'data-value').catch(() => '?');
    throw new Error(`${who}: the topic's ${key} should be ${exact ? '' : 'at least '}${value}, it shows ${shown}`);
  });
}

async function main() {
  const written = `TeaTime_${run}`;
  const tag = written.toLowerCase();
  const cjk = `抹茶${run}`;
  const author = { userId: `tea_author_${run}`, name: 'Tea Author' };
  const reader = { userId: `tea_reader_${run}`, name: 'Tea Reader' };
  let page; let other;
  let notes = [];

  await step('a reader opens the home page and sees the trending list', async () => {
    page = await openViewer('reader');
    await waitConnected(page);
    await signIn(page, reader.userId, reader.name, 'en');
    await page.waitForSelector(`${tid('trending')}[data-window="1h"]`)
      .catch(() => { throw new Error('the home page has no trending list (1 h)'); });
    await page.waitForFunction(() => {
      const s = document.querySelector('[data-testid="trending-status"]');
      return s && (s.hidden || !/loading/i.test(s.textContent));
    }, null, { timeout: TIMEOUT_MS });
    const status = await page.textContent(tid('trending-status'));
    check(!/could not load|not available/i.test(status), `the trending list did not load: ${status}`);
    const pressed = await page.getAttribute(tid('trending-window-1h'), 'aria-pressed');
    check(pressed === 'true', 'the 1 h window should be selected by default');
  });

  await step(`two notes tagged #${written} are posted over REST`, async () => {
    const token = await devToken(author.userId, author.name);
    notes = [
      await postNote(token, `Morning brew #${written}`, `Oolong at dawn, nothing better. #${written} #${cjk}`),
      await postNote(token, `Cold brew for the afternoon`, `Twelve hours in the fridge. #${written.toUpperCase()}`),
    ];
  });

  await step('the tag appears in the trending list without a reload, with both notes', async () => {
    const item = `${tid('trending-item')}[data-tag="${tag}"]`;
    await page.waitForSelector(item, { timeout: TIMEOUT_MS })
      .catch(async () => {
        const tags = await page.$$eval(tid('trending-item'), (els) => els.map((e) => e.dataset.tag)).catch(() => []);
        throw new Error(`#${tag} did not appear in the trending list live (it lists ${JSON.stringify(tags)})`);
      });
    await page.waitForSelector(`${item}[data-notes="2"]`, { timeout: TIMEOUT_MS })
      .catch(async () => { throw new Error(`#${tag} should count 2 notes, it counts ${await page.getAttribute(item, 'data-notes')}`); });
    const text = await page.textContent(`${item} ${tid('trending-tag')}`);
    check(text === `#${tag}`, `the trending entry should read #${tag}, it reads "${text}"`);
  });

  await step('the 24 h window lists it too, and 1 h comes back', async () => {
    await page.click(tid('trending-window-24h'));
    await page.waitForSelector(`${tid('trending')}[data-window="24h"] ${tid('trending-item')}[data-tag="${tag}"]`)
      .catch(() => { throw new Error(`#${tag} is not in the 24 h list`); });
    await page.click(tid('trending-window-1h'));
    await page.waitForSelector(`${tid('trending')}[data-window="1h"] ${tid('trending-item')}[data-tag="${tag}"]`);
  });

  await step('its topic page shows the counters and both notes', async () => {
    await page.click(`${tid('trending-item')}[data-tag="${tag}"] ${tid('trending-tag')}`);
    await page.waitForFunction((t) => location.hash === `#/topic/${encodeURIComponent(t)}`, tag, { timeout: TIMEOUT_MS });
    await page.waitForSelector(`${tid('topic-view')}[data-tag="${tag}"]`);
    const title = await page.textContent(tid('topic-title'));
    check(title === `#${tag}`, `the topic page should be titled #${tag}, it says "${title}"`);
    await waitCounter(page, 'notes', 2);
    await waitCounter(page, 'participants', 1);
    for (const note of notes) {
      await page.waitForSelector(`${tid('topic-note')}[data-note-id="${note.noteId}"]`)
        .catch(() => { throw new Error(`the topic page does not list the note "${note.title}"`); });
    }
  });

  await step('a note opened in another browser raises the topic\'s views live', async () => {
    const before = Number(await page.getAttribute(tid('topic-views'), 'data-value'));
    other = await openViewer('other');
    await signIn(other, `tea_other_${run}`, 'Tea Other', 'en');
    await other.goto(`${BASE}/#/note/${notes[1].noteId}`, { waitUntil: 'domcontentloaded' });
    await waitConnected(other);
    await other.waitForSelector(`${tid('note-title')}:has-text("Cold brew")`);
    await waitCounter(page, 'views', before + 1, { exact: false, who: 'the reader (live)' });
  });

  await step('hashtags in a note are links, and one leads to its topic page', async () => {
    await page.click(`${tid('topic-note')}[data-note-id="${notes[0].noteId}"] ${tid('topic-note-title')}`);
    await page.waitForSelector(`${tid('note-view')}[data-note-id="${notes[0].noteId}"]`);
    const titleLink = `${tid('note-title')} a${tid('hashtag')}[data-tag="${tag}"]`;
    await page.waitForSelector(titleLink).catch(() => { throw new Error(`#${written} in the note's title is not a link`); });
    check(await page.getAttribute(titleLink, 'href') === `#/topic/${tag}`, 'the title\'s hashtag should link to its topic page');
    check(await page.textContent(titleLink) === `#${written}`, 'the link should show the tag as written');
    const bodyTags = await page.$$eval(`${tid('note-body')} a${tid('hashtag')}`, (els) => els.map((e) => [e.dataset.tag, e.getAttribute('href')]));
    check(JSON.stringify(bodyTags) === JSON.stringify([[tag, `#/topic/${tag}`], [cjk, `#/topic/${encodeURIComponent(cjk)}`]]),
      `the body's hashtags (Latin and Chinese) should be links to their topics, they are ${JSON.stringify(bodyTags)}`);
    const bodyText = await page.textContent(tid('note-body'));
    check(bodyText === notes[0].body, `the body should read as written, it reads "${bodyText}"`);
    await page.click(`${tid('note-body')} a${tid('hashtag')}[data-tag="${tag}"]`);
    await page.waitForSelector(`${tid('topic-view')}[data-tag="${tag}"]`);
    await waitCounter(page, 'notes', 2, { who: 'the reader (back on the topic)' });
  });

  await step('no uncaught errors in the pages', async () => {
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  });
}

runBrowserTest('browser-topics', 'topics', main);
