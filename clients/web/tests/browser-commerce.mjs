// Live commerce in headless Chromium, as a host and two viewers would use it (each in their own
// browser context): the host adds a product with two units in the room's product panel and pins
// it; the viewers see its card appear on the stage live; the first buys one, but the answer is
// lost with her connection: the viewer reconnects, sends the order again with the same
// clientOrderId and shows "Ordered!" with the order the server had taken; both see one left; asking for more than is left is refused as sold out; the second
// viewer buys the last unit and both cards turn to "Sold out" with Buy disabled; the host sees
// both orders arrive live, and again from the orders list after a reload; unpinning removes the
// card. Exits 0 on success; on failure prints why and saves screenshots under /tmp.
//
//   REALTIME_URL=http://127.0.0.1:5080 CHROMIUM_PATH=/usr/bin/chromium node tests/browser-commerce.mjs
import {
  BASE, TIMEOUT_MS, check, createRoom, openViewer, pageErrors, run, runBrowserTest, signIn, step, tid, waitConnected,
} from './harness.mjs';

const card = tid('product-card');

/** Waits until the product card of `page` shows `remaining` units left (the attribute and the text). */
async function waitRemaining(page, remaining, who) {
  await page.waitForFunction(
    (n) => {
      const c = document.querySelector('[data-testid="product-card"]');
      const r = c && !c.hidden && c.querySelector('[data-testid="product-remaining"]');
      return r && Number(r.dataset.value) === n && (n === 0 ? /sold out/i.test(r.textContent) : r.textContent.includes(String(n)));
    },
    remaining, { timeout: TIMEOUT_MS },
  ).catch(async () => {
    const shown = await page.$eval(`${card} ${tid('product-remaining')}`, (el) => el.textContent).catch(() => '(no card)');
    throw new Error(`${who} should see ${remaining} left on the product card, it shows "${shown}"`);
  });
}

/** Clicks Buy and waits for the answer under the card: { kind, code, orderId, text }. */
async function buy(page, who, quantity = 1) {
  await page.selectOption(`${card} ${tid('buy-quantity')}`, String(quantity));
  await page.click(`${card} ${tid('buy-button')}`);
  const message = `${card} ${tid('buy-message')}`;
  await page.waitForSelector(`${message}[data-kind="ok"], ${message}[data-kind="error"]`, { timeout: TIMEOUT_MS })
    .catch(async () => {
      const shown = await page.textContent(message).catch(() => '(nothing)');
      throw new Error(`${who}'s Buy got no answer (message: ${shown})`);
    });
  return page.$eval(message, (el) => ({ kind: el.dataset.kind, code: el.dataset.code, orderId: el.dataset.orderId, text: el.textContent }));
}

async function waitOrders(page, orderIds, who) {
  await page.waitForFunction(
    (ids) => {
      const rows = [...document.querySelectorAll('[data-testid="order-list"] [data-testid="order-row"]')].map((r) => r.dataset.orderId);
      const count = document.querySelector('[data-testid="order-count"]');
      return ids.every((id) => rows.includes(id)) && rows.length === ids.length && Number(count?.dataset.value) === ids.length;
    },
    orderIds, { timeout: TIMEOUT_MS },
  ).catch(async () => {
    const rows = await page.$$eval(`${tid('order-list')} ${tid('order-row')}`, (els) => els.map((e) => e.dataset.orderId)).catch(() => []);
    throw new Error(`${who} should list the orders ${JSON.stringify(orderIds)}, the panel lists ${JSON.stringify(rows)}`);
  });
}

/**
 * Puts `page`'s hub WebSockets through a relay that can lose the answer to one Reserve: when
 * armed, it passes the call on, keeps the server's answer from the page and closes the
 * connection, as a network drop at the worst moment would. Every Reserve's clientOrderId is
 * recorded in `sent`.
 */
async function lossyHub(page) {
  const relay = { armed: false, invocationId: null, lost: null, sent: [] };
  const frames = (msg) => (typeof msg === 'string' ? msg.split('\x1e').filter(Boolean).map((f) => { try { return JSON.parse(f); } catch { return null; } }) : []);
  await page.routeWebSocket(/\/hubs\/live/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((msg) => {
      for (const m of frames(msg)) {
        if (m?.type === 1 && m.target === 'Reserve') {
          relay.sent.push(m.arguments?.[2]);
          if (relay.armed && !relay.invocationId) relay.invocationId = m.invocationId;
        }
      }
      server.send(msg);
    });
    server.onMessage((msg) => {
      if (relay.armed && relay.invocationId && frames(msg).some((m) => m?.type === 3 && m.invocationId === relay.invocationId)) {
        relay.lost = frames(msg).find((m) => m?.invocationId === relay.invocationId);
        relay.armed = false;
        ws.close({ code: 1006, reason: 'network drop (test)' }).catch(() => {});
        server.close().catch(() => {});
        return;
      }
      ws.send(msg);
    });
    ws.onClose(() => server.close().catch(() => {}));
    server.onClose(() => ws.close().catch(() => {}));
  });
  return relay;
}

async function main() {
  const host = { userId: `seller_${run}`, name: 'Sally Seller' };
  const ann = { userId: `ann_${run}`, name: 'Ann' };
  const bob = { userId: `bob_${run}`, name: 'Bob' };
  const roomId = `shop_${run}`;
  const title = `Jade bracelet ${run}`;
  let pageH; let pageA; let pageB;
  let productId;
  let annRelay;

  await step('the host goes live and gets the product panel', async () => {
    pageH = await openViewer('host');
    await waitConnected(pageH);
    await signIn(pageH, host.userId, host.name, 'en');
    await createRoom(pageH, roomId, `Shop live ${run}`);
    await pageH.waitForSelector(`${tid('product-panel')}:not([hidden])`)
      .catch(() => { throw new Error('the host has no product panel in their room'); });
    await pageH.waitForSelector(`${tid('product-list-empty')}:not([hidden])`);
  });

  await step('the host adds a product with 2 units; a bad price is refused before sending', async () => {
    await pageH.fill(tid('product-title-input'), title);
    await pageH.fill(tid('product-price-input'), '19.999');
    await pageH.selectOption(tid('product-currency'), 'CNY');
    await pageH.fill(tid('product-stock-input'), '2');
    await pageH.click(tid('product-add'));
    await pageH.waitForSelector(`${tid('product-form-error')}:not([hidden])`);
    const error = await pageH.textContent(tid('product-form-error'));
    check(/price/i.test(error), `a price with three decimals in CNY should be refused, the form says "${error}"`);
    await pageH.fill(tid('product-price-input'), '19.99');
    await pageH.click(tid('product-add'));
    const row = `${tid('product-row')}`;
    await pageH.waitForSelector(row).catch(async () => {
      throw new Error(`the product did not appear in the host's list (form: ${await pageH.textContent(tid('product-form-error'))})`);
    });
    productId = await pageH.getAttribute(row, 'data-product-id');
    const left = await pageH.textContent(`${row} ${tid('product-row-remaining')}`);
    check(left.includes('2 of 2'), `the new product should have 2 of 2 left, the list says "${left}"`);
  });

  await step('two viewers open the room: no product card yet, and no product panel', async () => {
    pageA = await openViewer('ann');
    annRelay = await lossyHub(pageA); // the connection opened at sign-in goes through it
    await signIn(pageA, ann.userId, ann.name, 'en');
    await pageA.goto(`${BASE}/#/room/${roomId}`, { waitUntil: 'domcontentloaded' });
    await waitConnected(pageA);
    pageB = await openViewer('bob');
    await signIn(pageB, bob.userId, bob.name, 'en');
    await pageB.goto(`${BASE}/#/room/${roomId}`, { waitUntil: 'domcontentloaded' });
    await waitConnected(pageB);
    for (const [page, who] of [[pageA, 'Ann'], [pageB, 'Bob']]) {
      await page.waitForSelector(`${tid('room-title')}:has-text("Shop live")`);
      check(await page.$eval(card, (el) => el.hidden), `${who} should see no product card before anything is pinned`);
      check(await page.$eval(tid('product-panel'), (el) => el.hidden), `${who} is not the host and should have no product panel`);
    }
  });

  await step('the host pins it and the card appears live for both viewers', async () => {
    await pageH.click(`${tid('product-row')}[data-product-id="${productId}"] ${tid('product-pin')}`);
    await pageH.waitForSelector(`${tid('product-row')}[data-product-id="${productId}"] ${tid('product-pin')}[data-pinned="true"]`)
      .catch(() => { throw new Error('the Pin button did not turn into Unpin'); });
    for (const [page, who] of [[pageA, 'Ann'], [pageB, 'Bob']]) {
      await page.waitForSelector(`${card}[data-product-id="${productId}"]:not([hidden])`)
        .catch(() => { throw new Error(`the pinned product did not appear on ${who}'s stage`); });
      const shownTitle = await page.textContent(`${card} ${tid('product-title')}`);
      check(shownTitle === title, `${who}'s card should be titled "${title}", it says "${shownTitle}"`);
      const price = await page.textContent(`${card} ${tid('product-price')}`);
      const expected = await page.evaluate(() => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'CNY' }).format(19.99));
      check(price === expected, `${who}'s card should show the price as ${expected}, it shows "${price}"`);
      await waitRemaining(page, 2, who);
    }
  });

  let annOrder;
  await step('Ann buys one, loses the answer with her connection, and the retry after the reconnect gets the same order', async () => {
    annRelay.armed = true;
    const answer = await buy(pageA, 'Ann');
    check(annRelay.lost, 'the relay should have kept the first answer from the page');
    const taken = annRelay.lost.result?.orderId;
    check(taken, `the server should have taken the first order: ${JSON.stringify(annRelay.lost)}`);
    check(answer.kind === 'ok', `Ann's order was refused: ${answer.text}`);
    check(answer.text.includes('Ordered!') && answer.orderId && answer.text.includes(answer.orderId), `the confirmation should say "Ordered!" with the order id, it says "${answer.text}"`);
    check(annRelay.sent.length === 2 && annRelay.sent[0] === annRelay.sent[1], `the retry should send the same clientOrderId once more, the page sent ${JSON.stringify(annRelay.sent)}`);
    check(answer.orderId === taken, `the retry should be answered with the order taken the first time (${taken}), the page shows ${answer.orderId}`);
    annOrder = answer.orderId;
    await waitRemaining(pageA, 1, 'Ann');
    await waitRemaining(pageB, 1, 'Bob (live)');
  });

  await step('asking for more units than are left is refused as sold out, and nothing changes', async () => {
    const answer = await buy(pageA, 'Ann', 2);
    check(answer.kind === 'error' && answer.code === 'sold_out', `two units with one left should be refused as sold_out, got ${JSON.stringify(answer)}`);
    check(/only 1 left/i.test(answer.text), `the refusal should say only 1 is left, it says "${answer.text}"`);
    await waitRemaining(pageA, 1, 'Ann (after the refusal)');
    await pageA.selectOption(`${card} ${tid('buy-quantity')}`, '1');
  });

  let bobOrder;
  await step('Bob buys the last unit and both cards turn to sold out', async () => {
    const answer = await buy(pageB, 'Bob');
    check(answer.kind === 'ok', `Bob's order was refused: ${answer.text}`);
    bobOrder = answer.orderId;
    check(bobOrder !== annOrder, 'Bob and Ann got the same order id');
    for (const [page, who] of [[pageB, 'Bob'], [pageA, 'Ann (live)']]) {
      await waitRemaining(page, 0, who);
      const button = await page.$eval(`${card} ${tid('buy-button')}`, (el) => ({ disabled: el.disabled, text: el.textContent }));
      check(button.disabled && /sold out/i.test(button.text), `${who}'s Buy should be disabled and say "Sold out", it is ${JSON.stringify(button)}`);
    }
  });

  await step('the host sees both orders live and the product sold out in the panel', async () => {
    await waitOrders(pageH, [annOrder, bobOrder], 'the host');
    const buyers = await pageH.$$eval(`${tid('order-list')} ${tid('order-row')}`, (els) => els.map((e) => e.dataset.userId).sort());
    check(JSON.stringify(buyers) === JSON.stringify([ann.userId, bob.userId].sort()), `the orders should be Ann's and Bob's, they are ${JSON.stringify(buyers)}`);
    await pageH.waitForFunction(
      (id) => document.querySelector(`[data-testid="product-row"][data-product-id="${id}"] [data-testid="product-row-remaining"]`)?.dataset.value === '0',
      productId, { timeout: TIMEOUT_MS },
    ).catch(() => { throw new Error('the host\'s product list should show the product sold out'); });
  });

  await step('after a reload the host reads the same orders back', async () => {
    await pageH.reload({ waitUntil: 'domcontentloaded' });
    await waitConnected(pageH);
    await waitOrders(pageH, [annOrder, bobOrder], 'the host (after a reload)');
    await pageH.waitForSelector(`${tid('product-row')}[data-product-id="${productId}"] ${tid('product-pin')}[data-pinned="true"]`)
      .catch(() => { throw new Error('after a reload the product should still show as pinned'); });
  });

  await step('unpinning takes the card off the viewers\' stage', async () => {
    await pageH.click(`${tid('product-row')}[data-product-id="${productId}"] ${tid('product-pin')}`);
    for (const [page, who] of [[pageA, 'Ann'], [pageB, 'Bob']]) {
      await page.waitForSelector(`${card}[hidden]`, { state: 'attached', timeout: TIMEOUT_MS })
        .catch(() => { throw new Error(`the card should leave ${who}'s stage when the host unpins it`); });
    }
  });

  await step('no uncaught errors in the pages', async () => {
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  });
}

runBrowserTest('browser-commerce', 'commerce', main);
