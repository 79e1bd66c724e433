// Notes and the inbox in headless Chromium, as two people would use them: the author posts a
// note; someone else opens its link and comments; the author's inbox bell rises at once (no
// reload) and the comment appears in the author's open thread; a like shows live; the author
// replies and the reply sits indented under the comment; opening the bell lists the
// notification and clears the badge. Exits 0 on success; on failure prints why and saves
// screenshots under /tmp.
//
//   REALTIME_URL=http://127.0.0.1:5080 CHROMIUM_PATH=/usr/bin/chromium node tests/browser-notes.mjs
import {
  BASE, TIMEOUT_MS, check, openViewer, pageErrors, run, runBrowserTest, signIn, step, tid, waitConnected,
} from './harness.mjs';

async function waitForTitle(page, title, who) {
  await page.waitForFunction(
    (t) => document.querySelector('[data-testid="note-title"]')?.textContent === t, title, { timeout: TIMEOUT_MS },
  ).catch(async () => {
    const shown = await page.textContent(tid('note-title')).catch(() => '(no note-title)');
    const status = await page.textContent(tid('note-status')).catch(() => '');
    throw new Error(`${who}: the note title should be "${title}", it is "${shown}"${status ? ` (${status})` : ''}`);
  });
}

/** Waits until a comment containing `text` is in the page's thread; `reply`: only inside a reply list. */
async function waitForComment(page, text, who, { reply = false } = {}) {
  await page.waitForFunction(
    ([t, r]) => [...document.querySelectorAll(`[data-testid="comment-list"] ${r ? '.comment-replies ' : ''}[data-testid="comment-item"]`)]
      .some((el) => el.querySelector('[data-testid="comment-text"]')?.textContent.includes(t)),
    [text, reply], { timeout: TIMEOUT_MS },
  ).catch(async () => {
    const items = await page.$$eval('[data-testid="comment-item"]', (els) => els.map((e) => e.textContent.trim()).slice(-5)).catch(() => []);
    const error = await page.textContent(tid('comment-error')).catch(() => '');
    throw new Error(`${who} does not see the ${reply ? 'reply' : 'comment'} "${text}" (last comments: ${JSON.stringify(items)}${error ? `; comment error: ${error}` : ''})`);
  });
}

async function waitForValue(page, testid, expected, who) {
  await page.waitForFunction(
    ([id, n]) => Number(document.querySelector(`[data-testid="${id}"]`)?.dataset.value ?? -1) === n,
    [testid, expected], { timeout: TIMEOUT_MS },
  ).catch(async () => {
    const v = await page.getAttribute(tid(testid), 'data-value').catch(() => '?');
    throw new Error(`${who}: ${testid} should be ${expected}, it is ${v}`);
  });
}

async function postComment(page, text) {
  await page.fill(tid('comment-input'), text);
  await page.click(tid('comment-send'));
}

async function main() {
  const author = { userId: `author_${run}`, name: 'Mei', language: 'en' };
  const reader = { userId: `reader_${run}`, name: 'Leo', language: 'en' };
  const title = `Best dumplings in town ${run}`;
  const body = `Tried six places this week.\nThe winner is the tiny shop by the station 🥟 ${run}`;
  let pageA; let pageB; let noteId;

  await step('the author signs in', async () => {
    pageA = await openViewer('author');
    await waitConnected(pageA);
    await signIn(pageA, author.userId, author.name, author.language);
    await pageA.waitForSelector(tid('inbox-bell'), { state: 'visible', timeout: TIMEOUT_MS })
      .catch(() => { throw new Error('no inbox bell in the header for a signed-in user'); });
    const hidden = await pageA.$eval(tid('inbox-badge'), (el) => el.hidden);
    check(hidden, 'the inbox badge should be hidden while nothing is unread');
  });

  await step('the author posts a note and lands on it', async () => {
    await pageA.fill(tid('note-title-input'), title);
    await pageA.fill(tid('note-body-input'), body);
    await pageA.click(tid('note-create-submit'));
    await pageA.waitForFunction(() => /^#\/note\/[A-Za-z0-9_-]+/.test(location.hash), null, { timeout: TIMEOUT_MS })
      .catch(async () => {
        const err = await pageA.textContent(tid('note-create-error')).catch(() => '');
        throw new Error(`did not navigate to the new note${err ? `: ${err}` : ''}`);
      });
    noteId = await pageA.evaluate(() => decodeURIComponent(/^#\/note\/([^/?#]+)/.exec(location.hash)[1]));
    await waitForTitle(pageA, title, 'author');
    const shownBody = await pageA.textContent(tid('note-body'));
    check(shownBody === body, `the note body should be shown as written, it is ${JSON.stringify(shownBody)}`);
    await waitForValue(pageA, 'note-like-count', 0, 'author');
  });

  await step('the note is listed on the author\'s home page and opens from there', async () => {
    await pageA.click('a.brand');
    const card = `${tid('note-card')}[data-note-id="${noteId}"]`;
    await pageA.waitForSelector(card, { timeout: TIMEOUT_MS })
      .catch(() => { throw new Error(`note ${noteId} is not in the home page's list of notes`); });
    await pageA.click(`${card} a`);
    await waitForTitle(pageA, title, 'author (back on the note)');
  });

  await step('another user signs in and opens the note\'s link', async () => {
    pageB = await openViewer('reader');
    await signIn(pageB, reader.userId, reader.name, reader.language);
    await pageB.goto(`${BASE}/#/note/${encodeURIComponent(noteId)}`, { waitUntil: 'domcontentloaded' });
    await waitConnected(pageB);
    await waitForTitle(pageB, title, 'reader');
    const pressed = await pageB.getAttribute(tid('note-like'), 'aria-pressed');
    check(pressed === 'false', `the reader has not liked the note yet, note-like says aria-pressed=${pressed}`);
  });

  const comment = `Which station? I need these ${run}`;
  await step('the reader comments and sees the comment in the thread', async () => {
    await postComment(pageB, comment);
    await waitForComment(pageB, comment, 'reader');
    // The line can arrive before its acknowledgement, which is what clears the input: wait for both.
    await pageB.waitForFunction((sel) => document.querySelector(sel)?.value === '', tid('comment-input'), { timeout: TIMEOUT_MS }).catch(() => {});
    const left = await pageB.inputValue(tid('comment-input'));
    check(left === '', `the comment input should be cleared after sending, has "${left}"`);
  });

  await step('the author\'s inbox badge rises to 1 without a reload', async () => {
    await pageA.waitForSelector(`${tid('inbox-badge')}:not([hidden])`, { timeout: TIMEOUT_MS })
      .catch(() => { throw new Error('the inbox badge did not appear for the note\'s author'); });
    await waitForValue(pageA, 'inbox-badge', 1, 'author');
    const text = (await pageA.textContent(tid('inbox-badge'))).trim();
    check(text === '1', `the badge should read 1, it reads "${text}"`);
  });

  await step('the comment appears live in the author\'s open thread', async () => {
    await waitForComment(pageA, comment, 'author (live)');
    await waitForValue(pageA, 'note-comment-count', 1, 'author');
  });

  await step('the reader likes the note and the author sees the count live', async () => {
    await pageB.click(tid('note-like'));
    await pageB.waitForSelector(`${tid('note-like')}[aria-pressed="true"]`, { timeout: TIMEOUT_MS });
    await waitForValue(pageB, 'note-like-count', 1, 'reader');
    await waitForValue(pageA, 'note-like-count', 1, 'author');
  });

  const reply = `The one on Market Street @${reader.userId} ${run}`;
  await step('the author replies and the reply sits under the comment for the reader', async () => {
    const item = pageA.locator(tid('comment-item'), { hasText: comment });
    await item.locator(tid('comment-reply')).click();
    await pageA.waitForSelector(`${tid('comment-reply-bar')}:not([hidden])`, { timeout: TIMEOUT_MS });
    await postComment(pageA, reply);
    await waitForComment(pageA, reply, 'author', { reply: true });
    await waitForComment(pageB, reply, 'reader (live)', { reply: true });
    // The reader was replied to (and mentioned): one notification for them.
    await waitForValue(pageB, 'inbox-badge', 1, 'reader');
  });

  await step('opening the bell lists the notifications and marks them read', async () => {
    await pageA.click(tid('inbox-bell'));
    await pageA.waitForSelector(`${tid('inbox-list')}:not([hidden])`, { timeout: TIMEOUT_MS });
    await pageA.waitForFunction(
      (t) => [...document.querySelectorAll('[data-testid="inbox-list"] [data-testid="inbox-item"]')]
        .some((el) => el.textContent.includes(t) && el.dataset.kind === 'comment'),
      comment.slice(0, 40), { timeout: TIMEOUT_MS },
    ).catch(async () => {
      const items = await pageA.$$eval('[data-testid="inbox-item"]', (els) => els.map((e) => `${e.dataset.kind}: ${e.textContent.trim()}`)).catch(() => []);
      throw new Error(`the inbox list has no comment notification (items: ${JSON.stringify(items)})`);
    });
    await pageA.waitForSelector(`${tid('inbox-badge')}[hidden]`, { state: 'attached', timeout: TIMEOUT_MS })
      .catch(async () => {
        const v = await pageA.getAttribute(tid('inbox-badge'), 'data-value').catch(() => '?');
        throw new Error(`the badge should hide once the list is opened (MarkInboxRead), it shows ${v}`);
      });
  });

  await step('a notification opens its note', async () => {
    await pageB.goto(`${BASE}/#/`, { waitUntil: 'domcontentloaded' });
    await pageB.reload({ waitUntil: 'domcontentloaded' });
    await waitConnected(pageB);
    await waitForValue(pageB, 'inbox-badge', 1, 'reader (after a reload)');
    await pageB.click(tid('inbox-bell'));
    await pageB.click(`${tid('inbox-list')} ${tid('inbox-item')}[data-note-id="${noteId}"]`);
    await waitForTitle(pageB, title, 'reader (from the inbox)');
    await waitForComment(pageB, reply, 'reader (from the inbox)', { reply: true });
  });

  await step('no uncaught errors in the pages', async () => {
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  });
}

runBrowserTest('browser-notes', 'notes', main);
