// What the client test scripts share: configuration from the environment, numbered steps and
// checks, one failure path (the failing step, screenshots of every open page, the
// "N passed, N failed" line, exit code 1), a watchdog over the whole run, and the viewer helpers
// the Chromium scripts drive the web client with.
//
//   REALTIME_URL               the silo (default http://127.0.0.1:5080)
//   CHROMIUM_PATH              the browser (default /usr/bin/chromium)
//   REALTIME_EVENT_TIMEOUT_MS  how long to wait for one thing to show
//   REALTIME_TEST_TIMEOUT_MS   how long the whole run may take
//   REALTIME_HEADED=1          show the browser window
//   REALTIME_TEST_VERBOSE=1    print the stack of a failure
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';

/** A number from the environment, or `fallback` when it is unset or empty. */
export const envNumber = (name, fallback) => Number(process.env[name] || fallback);

export const BASE = (process.env.REALTIME_URL || 'http://127.0.0.1:5080').replace(/\/+$/, '');
/** Short and unique per run: user, room and note ids carry it so runs never collide. */
export const run = randomUUID().slice(0, 8);

let currentStep = 'start';
let passed = 0;

export async function step(name, fn) {
  currentStep = name;
  const started = Date.now();
  await fn();
  passed++;
  console.log(`ok - ${name} (${Date.now() - started} ms)`);
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * Runs `main` under a watchdog of `totalTimeoutMs` and exits: 0 after
 * "<label>: all checks passed", 1 after the failing step's error. `report(err)` adds diagnostics
 * before the summary line; `cleanup()` runs after it.
 */
export function runTest(label, main, { totalTimeoutMs, report = async () => {}, cleanup = async () => {} }) {
  async function fail(err) {
    console.error(`FAIL [${currentStep}]: ${err?.message ?? err}`);
    if (err?.stack && process.env.REALTIME_TEST_VERBOSE) console.error(err.stack);
    await report(err);
    console.log(`${passed} passed, 1 failed`);
    try { await cleanup(); } catch { /* ignore */ }
    process.exit(1);
  }
  const watchdog = setTimeout(() => fail(new Error(`the whole test took longer than ${totalTimeoutMs} ms`)), totalTimeoutMs);
  main().then(() => {
    clearTimeout(watchdog);
    console.log(`${label}: all checks passed`);
    console.log(`${passed} passed, 0 failed`);
    process.exit(0);
  }, fail);
}

// ---- Chromium and the web client ----

export const TIMEOUT_MS = envNumber('REALTIME_EVENT_TIMEOUT_MS', 15000);
const EXECUTABLE = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const HEADED = process.env.REALTIME_HEADED === '1';

let browser = null;
const pages = [];
/** Uncaught errors of every page opened, as "<viewer>: <message>". */
export const pageErrors = [];

export const tid = (id) => `[data-testid="${id}"]`;

async function screenshotPages(prefix) {
  for (const [i, entry] of pages.entries()) {
    const file = `/tmp/realtime-${prefix}-${run}-${entry.name}.png`;
    try {
      await entry.page.screenshot({ path: file, fullPage: true, timeout: 5000 });
      console.error(`  screenshot of ${entry.name} (page ${i + 1}, ${entry.page.url()}): ${file}`);
    } catch (shotErr) {
      console.error(`  no screenshot of ${entry.name}: ${shotErr.message}`);
    }
    for (const line of entry.console.slice(-15)) console.error(`  [${entry.name} console] ${line}`);
  }
}

/**
 * `runTest` for a Chromium script: `main` gets a launched browser, which is closed after it;
 * a failure saves /tmp/realtime-<screenshotPrefix>-<run>-<viewer>.png for every open page.
 */
export function runBrowserTest(label, screenshotPrefix, main, { totalTimeoutMs = envNumber('REALTIME_TEST_TIMEOUT_MS', 120000) } = {}) {
  runTest(label, async () => {
    await launchBrowser();
    await main();
    await browser.close();
  }, {
    totalTimeoutMs,
    report: () => screenshotPages(screenshotPrefix),
    cleanup: () => browser?.close(),
  });
}

async function launchBrowser() {
  check(existsSync(EXECUTABLE), `Chromium not found at ${EXECUTABLE} (apt-get install chromium, or set CHROMIUM_PATH)`);
  console.log(`viewer at ${BASE} in ${EXECUTABLE}`);
  // Loaded here so that the Node-only scripts do not need the browser driver installed.
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: EXECUTABLE,
    headless: !HEADED,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
      .filter((a) => !(HEADED && a.startsWith('--headless'))),
  });
}

/** Opens the web client at `path` in a fresh browser context (its own storage: one person). */
export async function openViewer(name, path = '/') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const entry = { name, page, console: [] };
  pages.push(entry);
  page.on('console', (msg) => entry.console.push(`${msg.type()}: ${msg.text()}`));
  page.on('pageerror', (err) => pageErrors.push(`${name}: ${err.message}`));
  const res = await page.goto(`${BASE}${path}`, { waitUntil: 'domcontentloaded' });
  check(res && res.ok(), `GET ${BASE}${path} answered ${res?.status()} (is the web client copied into the silo's wwwroot?)`);
  await page.waitForFunction(() => typeof window.signalR?.HubConnectionBuilder === 'function', null, { timeout: TIMEOUT_MS })
    .catch(() => { throw new Error('signalR global missing: /lib/signalr.min.js did not load'); });
  return page;
}

export async function waitConnected(page) {
  await page.waitForSelector(`${tid('connection-state')}[data-state="connected"]`, { timeout: TIMEOUT_MS })
    .catch(async () => {
      const state = await page.getAttribute(tid('connection-state'), 'data-state').catch(() => '?');
      throw new Error(`viewer never connected to /hubs/live (badge state: ${state})`);
    });
}

/** Signs in through the header form (a dev token) and waits for the hub to reconnect as that user. */
export async function signIn(page, userId, displayName, language) {
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

/** Creates a room from the home page form and waits to be taken to it. */
export async function createRoom(page, roomId, title) {
  await page.fill(tid('create-room-id'), roomId);
  await page.fill(tid('create-room-title'), title);
  await page.click(tid('create-room-submit'));
  await page.waitForFunction((id) => location.hash === `#/room/${id}`, roomId, { timeout: TIMEOUT_MS })
    .catch(async () => {
      const err = await page.textContent(tid('create-room-error')).catch(() => '');
      throw new Error(`did not navigate to the new room${err ? `: ${err}` : ''}`);
    });
}

export async function sendChat(page, text) {
  await page.fill(tid('chat-input'), text);
  await page.click(tid('chat-send'));
}
