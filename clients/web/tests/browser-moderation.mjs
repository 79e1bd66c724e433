// The moderation page in headless Chromium, against a silo started with
// Auth__Admins=<REALTIME_ADMIN_ID> (default "moderator"): only the admin gets the Moderation
// link and the queue; the admin adds a `review` term in the page's editor; a chat line with it is
// held (its writer sees it marked "pending review", a viewer does not get it) until the admin
// approves it from the queue, when the viewer sees it arrive; a comment reported by a note's
// author shows in the queue with the report and, rejected there, disappears from the author's
// open thread. Exits 0 on success; on failure prints why and saves screenshots under /tmp.
//
//   REALTIME_URL=http://127.0.0.1:5080 REALTIME_ADMIN_ID=moderator node tests/browser-moderation.mjs
import {
  BASE, TIMEOUT_MS, check, createRoom, openViewer, pageErrors, run, runBrowserTest, sendChat, signIn, step, tid, waitConnected,
} from './harness.mjs';

const ADMIN = process.env.REALTIME_ADMIN_ID || 'moderator';
/** The queue page polls every few seconds; allow a few rounds on top of the event timeout. */
const QUEUE_TIMEOUT_MS = TIMEOUT_MS + 10000;

const chatTexts = (page) => page.$$eval('[data-testid="chat-list"] [data-testid="chat-line"] [data-testid="chat-text"]', (els) => els.map((e) => e.textContent));
const commentTexts = (page) => page.$$eval('[data-testid="comment-list"] [data-testid="comment-item"] [data-testid="comment-text"]', (els) => els.map((e) => e.textContent));

/** Waits for the queue item whose text contains `text` (refreshing the list) and returns its selector. */
async function waitForReviewItem(page, text, who) {
  const found = await page.waitForFunction(
    (t) => [...document.querySelectorAll('[data-testid="review-list"] [data-testid="review-item"]')]
      .find((el) => el.querySelector('[data-testid="review-text"]')?.textContent.includes(t))?.dataset.id ?? false,
    text, { timeout: QUEUE_TIMEOUT_MS, polling: 250 },
  ).catch(async () => {
    const items = await page.$$eval('[data-testid="review-item"]', (els) => els.map((e) => `${e.dataset.kind}: ${e.textContent.trim().slice(0, 80)}`)).catch(() => []);
    const status = await page.textContent(tid('mod-status')).catch(() => '');
    throw new Error(`${who}: no queue item with "${text}" (items: ${JSON.stringify(items)}${status ? `; status: ${status}` : ''})`);
  });
  const id = await found.jsonValue();
  return `${tid('review-item')}[data-id="${id}"]`;
}

async function main() {
  const writer = { userId: `writer_${run}`, name: 'Wren', language: 'en' };
  const viewer = { userId: `viewer_${run}`, name: 'Vic', language: 'en' };
  const term = `zorblax${run.replace(/[^a-f]/g, '')}q`;
  const roomId = `mod_room_${run}`;
  let admin; let pageW; let pageV; let termsVersion;

  await step('the admin signs in and gets the Moderation link and the queue', async () => {
    admin = await openViewer('admin');
    await waitConnected(admin);
    await signIn(admin, ADMIN, 'Mod', 'en');
    await admin.waitForSelector(tid('moderation-link'), { state: 'visible', timeout: TIMEOUT_MS })
      .catch(() => { throw new Error(`no Moderation link for ${ADMIN} (is the silo started with Auth__Admins=${ADMIN}?)`); });
    await admin.click(tid('moderation-link'));
    await admin.waitForSelector(tid('moderation-page'));
    await admin.waitForFunction(() => /^v\d+$/.test(document.querySelector('[data-testid="terms-version"]')?.textContent ?? ''), null, { timeout: TIMEOUT_MS })
      .catch(async () => { throw new Error(`the term lists did not load: ${await admin.textContent(tid('terms-error'))}`); });
    termsVersion = await admin.textContent(tid('terms-version'));
  });

  await step('someone who is not an admin gets no link and a refusal on the page', async () => {
    pageW = await openViewer('writer');
    await signIn(pageW, writer.userId, writer.name, writer.language);
    await pageW.goto(`${BASE}/#/moderation`, { waitUntil: 'domcontentloaded' });
    await waitConnected(pageW);
    await pageW.waitForFunction(() => /only moderators/i.test(document.querySelector('[data-testid="mod-status"]')?.textContent ?? ''), null, { timeout: TIMEOUT_MS })
      .catch(async () => { throw new Error(`a non-admin should be told the queue is for moderators, the page says "${await pageW.textContent(tid('mod-status'))}"`); });
    const visible = await pageW.isVisible(tid('moderation-link'));
    check(!visible, 'a non-admin should not get the Moderation link');
  });

  await step('the admin adds a review term in the editor and saves the lists', async () => {
    const rowsBefore = await admin.$$eval(tid('term-row'), (els) => els.length);
    await admin.click(tid('terms-add'));
    const row = admin.locator(tid('term-row')).nth(rowsBefore);
    await row.locator(tid('term-language')).fill('en');
    await row.locator(tid('term-term')).fill(term);
    await row.locator(tid('term-action')).selectOption('review');
    await admin.click(tid('terms-save'));
    await admin.waitForFunction((v) => {
      const el = document.querySelector('[data-testid="terms-version"]');
      return el && el.textContent !== v && /^v\d+$/.test(el.textContent);
    }, termsVersion, { timeout: TIMEOUT_MS }).catch(async () => {
      throw new Error(`saving did not answer a new version (still ${termsVersion}): ${await admin.textContent(tid('terms-error'))}`);
    });
    // Read back from the server.
    await admin.reload({ waitUntil: 'domcontentloaded' });
    await admin.waitForSelector(`${tid('term-row')}[data-term="${term}"][data-action="review"]`)
      .catch(() => { throw new Error('the saved term is not in the lists after a reload'); });
  });

  await step('an empty term is refused before it is sent', async () => {
    await admin.click(tid('terms-add'));
    await admin.click(tid('terms-save'));
    await admin.waitForSelector(`${tid('terms-error')}:not([hidden])`);
    await admin.locator(tid('term-remove')).last().click();
  });

  await step('the writer goes live and a viewer joins', async () => {
    await pageW.goto(`${BASE}/#/`, { waitUntil: 'domcontentloaded' });
    await createRoom(pageW, roomId, `Moderation test ${run}`);
    await pageW.waitForSelector(tid('room-title'));
    pageV = await openViewer('viewer');
    await signIn(pageV, viewer.userId, viewer.name, viewer.language);
    await pageV.goto(`${BASE}/#/room/${roomId}`, { waitUntil: 'domcontentloaded' });
    await waitConnected(pageV);
    await pageV.waitForSelector(`${tid('room-title')}:has-text("Moderation test")`);
    await sendChat(pageW, `Welcome everyone ${run}`);
    await pageV.waitForFunction((t) => [...document.querySelectorAll('[data-testid="chat-text"]')].some((e) => e.textContent === t), `Welcome everyone ${run}`);
  });

  const heldLine = `Have you tried ${term} yet?`;
  await step('a line with the review term is held: its writer sees it pending', async () => {
    await sendChat(pageW, heldLine);
    await pageW.waitForSelector(`${tid('chat-notice')}[data-kind="held"]:not([hidden])`)
      .catch(async () => {
        const error = await pageW.textContent(tid('chat-error')).catch(() => '');
        throw new Error(`the send was not acknowledged as held${error ? `: ${error}` : ''}`);
      });
    await pageW.waitForSelector(`${tid('chat-pending')}:has-text("${term}")`)
      .catch(() => { throw new Error('the writer does not see the held line marked pending review'); });
  });

  let heldItem;
  await step('the admin finds the held line in the queue', async () => {
    await admin.goto(`${BASE}/#/moderation`, { waitUntil: 'domcontentloaded' });
    await admin.waitForSelector(tid('moderation-page'));
    heldItem = await waitForReviewItem(admin, term, 'admin');
    const info = await admin.$eval(heldItem, (el) => ({ ...el.dataset, held: !!el.querySelector('[data-testid="review-held"]'), author: el.querySelector('[data-testid="review-author"]')?.textContent }));
    check(info.kind === 'chat', `the item should be a chat line, it is ${info.kind}`);
    check(info.held, 'the item should carry the held badge');
    check(info.author === `@${writer.userId}`, `the item's author should be @${writer.userId}, it is ${info.author}`);
    // The viewer has not received it (the writer's ack and the queue entry are both in by now).
    const seen = await chatTexts(pageV);
    check(!seen.includes(heldLine), 'the viewer received the held line before it was approved');
  });

  await step('approving it releases the line to the viewer', async () => {
    await admin.click(`${heldItem} ${tid('review-approve')}`);
    await admin.waitForSelector(heldItem, { state: 'detached' });
    await pageV.waitForFunction((t) => [...document.querySelectorAll('[data-testid="chat-list"] [data-testid="chat-line"] [data-testid="chat-text"]')].some((e) => e.textContent === t), heldLine, { timeout: TIMEOUT_MS })
      .catch(async () => { throw new Error(`the viewer did not get the approved line (chat: ${JSON.stringify(await chatTexts(pageV))})`); });
    const count = (await chatTexts(pageV)).filter((t) => t === heldLine).length;
    check(count === 1, `the approved line should show once, it shows ${count} times`);
    await pageW.waitForSelector(`${tid('chat-line')}:has-text("${term}")`);
    await pageW.waitForSelector(tid('chat-pending'), { state: 'detached' })
      .catch(() => { throw new Error('the writer still sees the approved line as pending'); });
  });

  await step('the decided tab says who approved it', async () => {
    await admin.click(tid('mod-tab-decided'));
    const item = await waitForReviewItem(admin, term, 'admin (decided)');
    const decided = await admin.$eval(item, (el) => ({ status: el.dataset.status, by: el.querySelector('[data-testid="review-decided-by"]')?.textContent }));
    check(decided.status === 'approved', `the decided item should be approved, it is ${decided.status}`);
    check(decided.by === `@${ADMIN}`, `it should name @${ADMIN} as the moderator, it names ${decided.by}`);
    await admin.click(tid('mod-tab-pending'));
  });

  const spam = `Cheap followers, visit my profile ${run}`;
  let noteId;
  await step('the writer posts a note and the viewer comments on it', async () => {
    await pageW.goto(`${BASE}/#/`, { waitUntil: 'domcontentloaded' });
    await pageW.fill(tid('note-title-input'), `Studio tour ${run}`);
    await pageW.fill(tid('note-body-input'), 'Where the streams happen.');
    await pageW.click(tid('note-create-submit'));
    await pageW.waitForFunction(() => /^#\/note\/[A-Za-z0-9_-]+/.test(location.hash), null, { timeout: TIMEOUT_MS });
    noteId = await pageW.evaluate(() => decodeURIComponent(/^#\/note\/([^/?#]+)/.exec(location.hash)[1]));
    await pageW.waitForSelector(`${tid('note-title')}:has-text("Studio tour")`);
    await pageV.goto(`${BASE}/#/note/${encodeURIComponent(noteId)}`, { waitUntil: 'domcontentloaded' });
    await pageV.waitForSelector(`${tid('note-title')}:has-text("Studio tour")`);
    await pageV.fill(tid('comment-input'), spam);
    await pageV.click(tid('comment-send'));
    await pageW.waitForSelector(`${tid('comment-item')}:has-text("${spam}")`)
      .catch(() => { throw new Error('the comment did not reach the note\'s author'); });
  });

  await step('the author reports the comment with a reason', async () => {
    const item = pageW.locator(tid('comment-item'), { hasText: spam });
    await item.locator(tid('comment-report')).click();
    await pageW.waitForSelector(`${tid('report-dialog')}[open]`);
    await pageW.selectOption(tid('report-choice'), 'spam');
    await pageW.fill(tid('report-reason'), 'selling followers');
    await pageW.click(tid('report-submit'));
    await pageW.waitForSelector(`${tid('report-dialog')}[open]`, { state: 'detached' })
      .catch(async () => { throw new Error(`the report was not accepted: ${await pageW.textContent(tid('report-error'))}`); });
  });

  await step('the admin sees the reported comment and rejects it; it leaves the author\'s thread', async () => {
    const item = await waitForReviewItem(admin, spam, 'admin (reported comment)');
    const info = await admin.$eval(item, (el) => ({
      kind: el.dataset.kind,
      reported: el.querySelector('[data-testid="review-reported"]')?.textContent ?? null,
      reports: el.querySelector('[data-testid="review-reports"]')?.textContent ?? '',
    }));
    check(info.kind === 'comment', `the item should be a comment, it is ${info.kind}`);
    check(info.reported && /1/.test(info.reported), `the item should be marked reported once, it says ${info.reported}`);
    check(info.reports.includes('selling followers') && info.reports.includes(writer.userId), `the report's reason and reporter should show, got "${info.reports}"`);
    await admin.click(`${item} ${tid('review-reject')}`);
    await admin.waitForSelector(item, { state: 'detached' });
    await pageW.waitForFunction((t) => ![...document.querySelectorAll('[data-testid="comment-list"] [data-testid="comment-text"]')].some((e) => e.textContent.includes(t)), spam, { timeout: TIMEOUT_MS })
      .catch(async () => { throw new Error(`the rejected comment is still in the author's thread: ${JSON.stringify(await commentTexts(pageW))}`); });
    await pageV.waitForFunction((t) => ![...document.querySelectorAll('[data-testid="comment-list"] [data-testid="comment-text"]')].some((e) => e.textContent.includes(t)), spam, { timeout: TIMEOUT_MS })
      .catch(async () => { throw new Error(`the rejected comment is still in its writer's thread: ${JSON.stringify(await commentTexts(pageV))}`); });
  });

  await step('the admin restores the term lists', async () => {
    await admin.waitForSelector(`${tid('term-row')}[data-term="${term}"]`);
    await admin.locator(`${tid('term-row')}[data-term="${term}"] ${tid('term-remove')}`).click();
    const version = await admin.textContent(tid('terms-version'));
    await admin.click(tid('terms-save'));
    await admin.waitForFunction((v) => document.querySelector('[data-testid="terms-version"]')?.textContent !== v, version, { timeout: TIMEOUT_MS });
    const left = await admin.$$(`${tid('term-row')}[data-term="${term}"]`);
    check(left.length === 0, 'the test term should be gone from the lists');
  });

  await step('no uncaught errors in the pages', async () => {
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  });
}

runBrowserTest('browser-moderation', 'moderation', main, { totalTimeoutMs: Number(process.env.REALTIME_TEST_TIMEOUT_MS || 180000) });
