// Opens the viewer served by a running silo in headless Chromium, as two people would:
// sign in, go live, chat, like; the second viewer sees it all arrive. Exits 0 on success;
// on failure prints why and saves screenshots under /tmp.
//
//   REALTIME_URL=http://127.0.0.1:5080 CHROMIUM_PATH=/usr/bin/chromium node tests/browser.mjs
import {
  TIMEOUT_MS, check, createRoom, openViewer, pageErrors, run, runBrowserTest, sendChat, signIn, step, tid, waitConnected,
} from './harness.mjs';

/** Waits until a chat line containing `text` is in the page's chat list. */
async function waitForChatLine(page, text, who) {
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('[data-testid="chat-list"] [data-testid="chat-line"]')]
      .some((li) => li.textContent.includes(t)),
    text, { timeout: TIMEOUT_MS },
  ).catch(async () => {
    const lines = await page.$$eval('[data-testid="chat-line"]', (els) => els.map((e) => e.textContent.trim()).slice(-5)).catch(() => []);
    const error = await page.textContent(tid('chat-error')).catch(() => '');
    throw new Error(`${who} does not see the chat line "${text}" (last lines: ${JSON.stringify(lines)}${error ? `; chat error: ${error}` : ''})`);
  });
}

async function waitForCount(page, testid, atLeast, who) {
  await page.waitForFunction(
    ([id, n]) => Number(document.querySelector(`[data-testid="${id}"]`)?.dataset.value ?? -1) >= n,
    [testid, atLeast], { timeout: TIMEOUT_MS },
  ).catch(async () => {
    const v = await page.getAttribute(tid(testid), 'data-value').catch(() => '?');
    throw new Error(`${who}: ${testid} should reach ${atLeast}, it shows ${v}`);
  });
}

async function main() {
  const host = { userId: `host_${run}`, name: 'Mei', language: 'en' };
  const fan = { userId: `fan_${run}`, name: 'Leo', language: 'en' };
  const roomId = `web-${run}`;
  const title = `Browser check ${run}`;
  let page1; let page2;

  await step('viewer loads anonymously and connects', async () => {
    page1 = await openViewer('host');
    await waitConnected(page1);
  });

  await step('host signs in with a dev token', async () => {
    await signIn(page1, host.userId, host.name, host.language);
  });

  await step('host creates a room and lands on it', async () => {
    await createRoom(page1, roomId, title);
    await page1.waitForFunction(
      (t) => document.querySelector('[data-testid="room-title"]')?.textContent === t, title, { timeout: TIMEOUT_MS },
    ).catch(() => { throw new Error(`room title never became "${title}" (JoinRoom failed?)`); });
    await page1.waitForSelector(`${tid('host-panel')}:not([hidden])`, { timeout: TIMEOUT_MS })
      .catch(() => { throw new Error('host controls are not shown to the room host'); });
  });

  const first = `hello live room 🎉 ${run}`;
  await step('host sends a chat line and sees it in the chat list', async () => {
    await sendChat(page1, first);
    await waitForChatLine(page1, first, 'host');
    // The line can arrive before its acknowledgement, which is what clears the input: wait for both.
    await page1.waitForFunction((sel) => document.querySelector(sel)?.value === '', tid('chat-input'), { timeout: TIMEOUT_MS }).catch(() => {});
    const left = await page1.inputValue(tid('chat-input'));
    check(left === '', `chat input should be cleared after sending, has "${left}"`);
  });

  await step('host taps like and the like count rises', async () => {
    const before = Number(await page1.getAttribute(tid('like-count'), 'data-value'));
    for (let i = 0; i < 5; i++) await page1.click(tid('like-button'));
    await waitForCount(page1, 'like-count', before + 5, 'host');
  });

  await step('a second viewer signs in and finds the room in the live list', async () => {
    page2 = await openViewer('fan');
    await signIn(page2, fan.userId, fan.name, fan.language);
    await page2.waitForSelector(`${tid('room-card')}[data-room-id="${roomId}"]`, { timeout: TIMEOUT_MS })
      .catch(() => { throw new Error(`room ${roomId} is not in the live room list`); });
    await page2.click(`${tid('room-card')}[data-room-id="${roomId}"]`);
    await page2.waitForFunction(
      (t) => document.querySelector('[data-testid="room-title"]')?.textContent === t, title, { timeout: TIMEOUT_MS },
    );
    const hostPanelHidden = await page2.$eval(tid('host-panel'), (el) => el.hidden);
    check(hostPanelHidden, 'host controls should be hidden from a viewer who is not the host');
  });

  await step('the second viewer sees earlier chat and the likes (server-confirmed)', async () => {
    await waitForChatLine(page2, first, 'fan (from the join snapshot)');
    await waitForCount(page2, 'like-count', 5, 'fan');
  });

  await step('host sees two viewers', async () => {
    await waitForCount(page1, 'viewer-count', 2, 'host');
  });

  const second = `second line, live 🚀 ${run}`;
  await step('a new chat line arrives live on the second page', async () => {
    await sendChat(page1, second);
    await waitForChatLine(page2, second, 'fan (live)');
  });

  const reply = `greetings from the audience ${run}`;
  await step('the second viewer chats back and the host sees it', async () => {
    await sendChat(page2, reply);
    await waitForChatLine(page1, reply, 'host (live)');
  });

  await step('likes from the second viewer reach the host', async () => {
    const before = Number(await page1.getAttribute(tid('like-count'), 'data-value'));
    for (let i = 0; i < 3; i++) await page2.click(tid('like-button'));
    await waitForCount(page1, 'like-count', before + 3, 'host');
  });

  await step('no uncaught errors in the pages', async () => {
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  });
}

runBrowserTest('browser', 'browser', main);
