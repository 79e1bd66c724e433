// Direct messages in headless Chromium, as two people would use them: Ann opens a conversation
// with Bob from his chat line's message button and writes; Bob's envelope badge rises without a
// reload, the conversation tops his list, and opening it shows the message and clears the badge;
// the next message appears live in his open thread. A phone number is refused with the
// contact-details explanation and nothing is added; once Bob blocks Ann her next message is
// refused as blocked, and after he unblocks her it goes through. Exits 0 on success; on failure
// prints why and saves screenshots under /tmp.
//
//   REALTIME_URL=http://127.0.0.1:5080 CHROMIUM_PATH=/usr/bin/chromium node tests/browser-messages.mjs
import {
  BASE, TIMEOUT_MS, check, createRoom, openViewer, pageErrors, run, runBrowserTest, sendChat, signIn, step, tid, waitConnected,
} from './harness.mjs';

const conversationIdFor = (a, b) => (a < b ? `${a}.${b}` : `${b}.${a}`);

/** The texts of the messages in the open thread, in order. */
const threadTexts = (page) => page.$$eval('[data-testid="dm-list"] [data-testid="dm-message"] [data-testid="dm-text"]', (els) => els.map((e) => e.textContent));

async function waitForMessage(page, text, who, { mine } = {}) {
  await page.waitForFunction(
    ([t, m]) => [...document.querySelectorAll('[data-testid="dm-list"] [data-testid="dm-message"]')]
      .some((el) => el.querySelector('[data-testid="dm-text"]')?.textContent === t && (m === undefined || el.classList.contains('mine') === m)),
    [text, mine], { timeout: TIMEOUT_MS },
  ).catch(async () => {
    const texts = await threadTexts(page).catch(() => []);
    const error = await page.textContent(tid('dm-error')).catch(() => '');
    const status = await page.textContent(tid('dm-status')).catch(() => '');
    throw new Error(`${who} does not see the message "${text}"${mine === undefined ? '' : mine ? ' on the right' : ' on the left'} (thread: ${JSON.stringify(texts)}${error ? `; error: ${error}` : ''}${status ? `; status: ${status}` : ''})`);
  });
}

async function waitForBadge(page, expected, who) {
  await page.waitForFunction(
    (n) => {
      const b = document.querySelector('[data-testid="messages-badge"]');
      return b && Number(b.dataset.value) === n && b.hidden === (n === 0);
    },
    expected, { timeout: TIMEOUT_MS },
  ).catch(async () => {
    const v = await page.getAttribute(tid('messages-badge'), 'data-value').catch(() => '?');
    throw new Error(`${who}: the messages badge should be ${expected === 0 ? 'hidden (0)' : expected}, it is ${v}`);
  });
}

/**
 * Sends from the open thread and waits for the acknowledgement (input cleared) or the error line
 * (a send hides the previous error at once, so an old one is never read as this one's).
 */
async function sendDirect(page, text) {
  await page.fill(tid('dm-input'), text);
  await page.click(tid('dm-send'));
  await page.waitForFunction(
    (t) => {
      const input = document.querySelector('[data-testid="dm-input"]');
      const error = document.querySelector('[data-testid="dm-error"]');
      return (input && input.value !== t) || (error && !error.hidden);
    },
    text, { timeout: TIMEOUT_MS },
  );
  const error = await page.$eval(tid('dm-error'), (el) => (el.hidden ? null : { code: el.dataset.code, text: el.textContent }));
  return error;
}

async function main() {
  const ann = { userId: `ann_${run}`, name: 'Ann', language: 'en' };
  const bob = { userId: `bob_${run}`, name: 'Bob', language: 'en' };
  const conversationId = conversationIdFor(ann.userId, bob.userId);
  const roomId = `dm_room_${run}`;
  let pageA; let pageB;

  await step('Ann goes live and Bob chats in her room', async () => {
    pageA = await openViewer('ann');
    await waitConnected(pageA);
    await signIn(pageA, ann.userId, ann.name, ann.language);
    await pageA.waitForSelector(`${tid('messages-link')}`, { state: 'visible', timeout: TIMEOUT_MS })
      .catch(() => { throw new Error('no messages link in the header for a signed-in user'); });
    await createRoom(pageA, roomId, `Messages test ${run}`);
    await pageA.waitForSelector(tid('room-title'));

    pageB = await openViewer('bob');
    await signIn(pageB, bob.userId, bob.name, bob.language);
    await pageB.goto(`${BASE}/#/room/${roomId}`, { waitUntil: 'domcontentloaded' });
    await waitConnected(pageB);
    await pageB.waitForSelector(`${tid('room-title')}:has-text("Messages test")`);
    await waitForBadge(pageB, 0, 'Bob (before any message)');
    await sendChat(pageB, `Hi Ann, great stream ${run}`);
    await pageA.waitForSelector(`${tid('chat-line')}[data-user-id="${bob.userId}"]`)
      .catch(() => { throw new Error('Bob\'s chat line did not reach Ann'); });
  });

  await step('a chat line has a message button for its author, but not for yourself', async () => {
    await sendChat(pageA, `Thanks for coming ${run}`);
    const own = `${tid('chat-line')}[data-user-id="${ann.userId}"]`;
    await pageA.waitForSelector(own);
    const mine = await pageA.$$(`${own} ${tid('line-message')}`);
    check(mine.length === 0, 'Ann\'s own chat line should have no message button');
    const anon = await openViewer('anonymous', `/#/room/${roomId}`);
    await waitConnected(anon);
    await anon.waitForSelector(`${tid('chat-line')}[data-user-id="${bob.userId}"]`);
    const anonButtons = await anon.$$(tid('line-message'));
    check(anonButtons.length === 0, 'a signed-out viewer should get no message buttons');
  });

  await step('Ann opens the conversation from Bob\'s chat line', async () => {
    const line = pageA.locator(`${tid('chat-line')}[data-user-id="${bob.userId}"]`).first();
    await line.hover();
    await line.locator(tid('line-message')).click();
    await pageA.waitForFunction((id) => location.hash === `#/messages/${id}`, conversationId, { timeout: TIMEOUT_MS })
      .catch(async () => { throw new Error(`the message button should open #/messages/${conversationId}, the page is at ${await pageA.evaluate(() => location.hash)}`); });
    await pageA.waitForSelector(`${tid('dm-view')}[data-other-user-id="${bob.userId}"]`);
    await pageA.waitForSelector(`${tid('dm-status')}:empty`, { state: 'attached' })
      .catch(async () => { throw new Error(`the conversation did not load: ${await pageA.textContent(tid('dm-status'))}`); });
  });

  await step('Bob opens his (empty) conversation list', async () => {
    await pageB.click(tid('messages-link'));
    await pageB.waitForSelector(tid('messages-page'));
    await pageB.waitForSelector(`${tid('conversations-status')}:empty`, { state: 'attached' });
  });

  const first = `Hello Bob, want to co-host next week? ${run}`;
  await step('Ann sends a message and sees it on her side', async () => {
    const error = await sendDirect(pageA, first);
    check(!error, `the message was refused: ${error?.text}`);
    await waitForMessage(pageA, first, 'Ann', { mine: true });
  });

  await step('Bob\'s badge rises to 1 and the conversation tops his list live', async () => {
    await waitForBadge(pageB, 1, 'Bob');
    const item = `${tid('conversation-item')}[data-conversation-id="${conversationId}"]`;
    await pageB.waitForSelector(`${item}[data-unread="1"]`)
      .catch(() => { throw new Error('the conversation with Ann (1 unread) did not appear in Bob\'s list'); });
    const top = await pageB.$eval(`${tid('conversation-list')} ${tid('conversation-item')}`, (el) => el.dataset.conversationId);
    check(top === conversationId, `the newest conversation should be first, the first is ${top}`);
    const last = await pageB.textContent(`${item} ${tid('conversation-last')}`);
    check(last.includes('Hello Bob'), `the list should show the last line, it shows "${last}"`);
    const name = await pageB.textContent(`${item} ${tid('conversation-name')}`);
    check(name === ann.name, `the list should name the other person "${ann.name}", it says "${name}"`);
  });

  await step('opening the conversation shows the message and clears Bob\'s badge', async () => {
    await pageB.click(`${tid('conversation-item')}[data-conversation-id="${conversationId}"]`);
    await pageB.waitForSelector(`${tid('dm-view')}[data-other-user-id="${ann.userId}"]`);
    await waitForMessage(pageB, first, 'Bob', { mine: false });
    await waitForBadge(pageB, 0, 'Bob (thread open)');
  });

  const second = `Bring the good microphone ${run}`;
  await step('the next message appears live in Bob\'s open thread, in order', async () => {
    const error = await sendDirect(pageA, second);
    check(!error, `the message was refused: ${error?.text}`);
    await waitForMessage(pageB, second, 'Bob (live)', { mine: false });
    await waitForMessage(pageA, second, 'Ann', { mine: true });
    const texts = await threadTexts(pageB);
    check(texts.indexOf(first) >= 0 && texts.indexOf(first) < texts.indexOf(second), `messages out of order: ${JSON.stringify(texts)}`);
    await waitForBadge(pageB, 0, 'Bob (read while open)');
  });

  await step('a phone number is refused with the contact-details explanation and nothing is added', async () => {
    const before = await threadTexts(pageA);
    check(JSON.stringify(before) === JSON.stringify([first, second]), `Ann's thread should hold the two messages, it holds ${JSON.stringify(before)}`);
    const error = await sendDirect(pageA, 'call me 138 0013 8000');
    check(error?.code === 'contact_blocked', `a phone number should be refused as contact_blocked, got ${JSON.stringify(error)}`);
    check(/contact details are not allowed/i.test(error.text), `the error should explain that contact details are not allowed, it says "${error.text}"`);
    const after = await threadTexts(pageA);
    check(JSON.stringify(after) === JSON.stringify(before), `nothing should be added to the thread: ${JSON.stringify(after)}`);
    const left = await pageA.inputValue(tid('dm-input'));
    check(left.includes('138'), 'the refused text should stay in the input for editing');
  });

  await step('once Bob blocks Ann her next message is refused as blocked', async () => {
    await pageB.click(tid('dm-block'));
    await pageB.waitForSelector(`${tid('dm-block')}[data-blocked="true"]`)
      .catch(() => { throw new Error('the block button did not switch to Unblock'); });
    const error = await sendDirect(pageA, `Are you still there? ${run}`);
    check(error?.code === 'blocked', `a message to someone who blocked you should be refused as blocked, got ${JSON.stringify(error)}`);
    check(/blocked/i.test(error.text), `the error should say so, it says "${error.text}"`);
  });

  const third = `Sorry about that ${run}`;
  await step('after Bob unblocks her, Ann\'s message goes through', async () => {
    await pageB.click(tid('dm-block'));
    await pageB.waitForSelector(`${tid('dm-block')}[data-blocked="false"]`);
    const error = await sendDirect(pageA, third);
    check(!error, `the message was refused after unblocking: ${error?.text}`);
    await waitForMessage(pageB, third, 'Bob (after unblocking)', { mine: false });
    const texts = await threadTexts(pageB);
    check(!texts.some((t) => t.includes('138') || t.includes('still there')), `refused messages reached Bob: ${JSON.stringify(texts)}`);
  });

  await step('after a reload the thread is read back from history', async () => {
    await pageB.reload({ waitUntil: 'domcontentloaded' });
    await waitConnected(pageB);
    await waitForMessage(pageB, third, 'Bob (after a reload)', { mine: false });
    const texts = await threadTexts(pageB);
    check(JSON.stringify(texts) === JSON.stringify([first, second, third]), `the thread should hold exactly the three delivered messages, it holds ${JSON.stringify(texts)}`);
    await waitForBadge(pageB, 0, 'Bob (after a reload)');
  });

  await step('no uncaught errors in the pages', async () => {
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  });
}

runBrowserTest('browser-messages', 'messages', main);
