// Opens the viewer served by a running silo in headless Chromium, as two people would:
// sign in, go live, chat, like; the second viewer sees it all arrive. Exits 0 on success;
// on failure prints why and saves screenshots under /tmp.
//
//   REALTIME_URL=http://127.0.0.1:5080 CHROMIUM_PATH=/usr/bin/chromium node tests/browser.mjs
import { chromium } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';

const BASE = (process.env.REALTIME_URL || 'http://127.0.0.1:5080').replace(/\/+$/, '');
const EXECUTABLE = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.REALTIME_EVENT_TIMEOUT_MS || 15000);
const TOTAL_TIMEOUT_MS = Number(process.env.REALTIME_TEST_TIMEOUT_MS || 120000);
const HEADED = process.env.REALTIME_HEADED === '1';
const run = randomUUID().slice(0, 8);

let browser = null;
const pages = [];
const pageErrors = [];
let currentStep = 'start';
let passed = 0;

const tid = (id) => `[data-testid="${id}"]`;

async function step(name, fn) {
  currentStep = name;
  const started = Date.now();
  await fn();
  passed++;
  console.log(`ok - ${name} (${Date.now() - started} ms)`);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function fail(err) {
  console.error(`FAIL [${currentStep}]: ${err?.message ?? err}`);
  for (const [i, entry] of pages.entries()) {
    const file = `/tmp/realtime-browser-${run}-${entry.name}.png`;
    try {
      await entry.page.screenshot({ path: file, fullPage: true, timeout: 5000 });
      console.error(`  screenshot of ${entry.name} (page ${i + 1}, ${entry.page.url()}): ${file}`);
    } catch (shotErr) {
      console.error(`  no screenshot of ${entry.name}: ${shotErr.message}`);
    }
    for (const line of entry.console.slice(-15)) console.error(`  [${entry.name} console] ${line}`);
  }
  console.log(`${passed} passed, 1 failed`);
  try { await browser?.close(); } catch { /* ignore */ }
  process.exit(1);
}

const watchdog = setTimeout(() => fail(new Error(`the whole test took longer than ${TOTAL_TIMEOUT_MS} ms`)), TOTAL_TIMEOUT_MS);

async function openViewer(name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const entry = { name, page, console: [] };
  pages.push(entry);
  page.on('console', (msg) => entry.console.push(`${msg.type()}: ${msg.text()}`));
  page.on('pageerror', (err) => pageErrors.push(`${name}: ${err.message}`));
  const res = await page.goto(`${BASE}/`, { waitUntil: 'domcontentloaded' });
  check(res && res.ok(), `GET ${BASE}/ answered ${res?.status()} (is the web client copied into the silo's wwwroot?)`);
  await page.waitForFunction(() => typeof window.signalR?.HubConnectionBuilder === 'function', null, { timeout: TIMEOUT_MS })
    .catch(() => { throw new Error('signalR global missing: /lib/signalr.min.js did not load'); });
  return page;
}

async function waitConnected(page) {
  await page.waitForSelector(`${tid('connection-state')}[data-state="connected"]`, { timeout: TIMEOUT_MS })
    .catch(async () => {
      const state = await page.getAttribute(tid('connection-state'), 'data-state').catch(() => '?');
      throw new Error(`viewer never connected to /hubs/live (badge state: ${state})`);
    });
}

async function signIn(page, userId, displayName, language) {
  await page.fill(tid('signin-user'), userId);
  await page.fill(tid('signin-name'), displayName);
  await page.selectOption(tid('signin-language'), language);
  await page.click(tid('signin-submit'));
  await page.waitForSelector(`${tid('signin-status')}[data-user-id="${userId}"]`, { timeout: TIMEOUT_MS })
    .catch(async () => {
      const err = await page.textContent(tid('signin-error')).catch(() => '');
      throw new Error(`sign-in as ${userId} did not complete${err ? `: ${err}` : ''}`);
    });
  await waitConnected(page);
}

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

async function sendChat(page, text) {
  await page.fill(tid('chat-input'), text);
  await page.click(tid('chat-send'));
}

async function main() {
  check(existsSync(EXECUTABLE), `Chromium not found at ${EXECUTABLE} (apt-get install chromium, or set CHROMIUM_PATH)`);
  console.log(`viewer at ${BASE} in ${EXECUTABLE}`);
  browser = await chromium.launch({
    executablePath: EXECUTABLE,
    headless: !HEADED,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
      .filter((a) => !(HEADED && a.startsWith('--headless'))),
  });

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
    await page1.fill(tid('create-room-id'), roomId);
    await page1.fill(tid('create-room-title'), title);
    await page1.click(tid('create-room-submit'));
    await page1.waitForFunction((id) => location.hash === `#/room/${id}`, roomId, { timeout: TIMEOUT_MS })
      .catch(async () => {
        const err = await page1.textContent(tid('create-room-error')).catch(() => '');
        throw new Error(`did not navigate to the new room${err ? `: ${err}` : ''}`);
      });
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

  await browser.close();
}

main().then(() => {
  clearTimeout(watchdog);
  console.log('browser: all checks passed');
  console.log(`${passed} passed, 0 failed`);
  process.exit(0);
}, fail);
