// Live commerce in a room: the pinned product's card on the stage (price, units left live, Buy
// with an idempotent clientOrderId, sold out, confirmations and refusals) and the host's product
// panel (add a product, the room's products with units left live, Pin/Unpin, orders live).
import { hub } from './hub.js';
import { createProduct, listProducts, listOrders } from './api.js';
import { getSession } from './session.js';
import { icon } from './icons.js';
import { h, clear, newId, describeError, formatTime, formatFull } from './ui.js';

export const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'TWD', 'KRW', 'SGD', 'AUD', 'CAD'];
const QUANTITY_MAX = 10;
const ORDERS_SHOWN = 200;
const PENDING_KEY = (roomId, userId) => `realtime.pendingOrder.${userId}.${roomId}`;

/** Digits after the decimal point in `currency` (2 for CNY/USD, 0 for JPY/KRW, 3 for KWD...). */
export function minorDigits(currency) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return 2;
  }
}

/** A price in the currency's minor units (cents, fen) as the reader's locale writes it. */
export function formatPrice(minor, currency) {
  const digits = minorDigits(currency);
  const value = Number(minor) / 10 ** digits;
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${currency ?? ''}`.trim();
  }
}

/**
 * "19.99" in `currency` -> 1999 minor units (no floating point), or null when it is not a price
 * with at most the currency's digits.
 */
export function parsePrice(text, currency) {
  const m = /^\s*(\d{1,12})(?:[.,](\d+))?\s*$/.exec(String(text ?? ''));
  if (!m) return null;
  const digits = minorDigits(currency);
  const fraction = m[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || 0);
}

const httpUrl = (url) => {
  if (!url) return null;
  try {
    const u = new URL(url, location.href);
    return /^https?:$/.test(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
};

/** What a refused Reserve means for the buyer, per error code. */
function refusalText(err, { quantity, remaining }) {
  switch (err.code) {
    case 'sold_out':
      return remaining > 0 && quantity > remaining
        ? `Only ${remaining} left: choose fewer and try again.`
        : 'Sold out: every unit is taken. Nothing was reserved.';
    case 'rate_limited': return 'Too many orders at once: wait a moment, then try again.';
    case 'invalid': return `The order was not accepted${err.detail ? `: ${err.detail}` : ''}.`;
    case 'unauthenticated': return 'Sign in to buy.';
    case 'not_found': return 'This product is no longer on sale here.';
    case 'forbidden': return `You cannot buy here${err.detail ? `: ${err.detail}` : ''}.`;
    default: return describeError(err);
  }
}

/**
 * The commerce parts of room `roomId`. `isHost()` says whether the signed-in user hosts it.
 * Returns { card, panel, applySnapshot(pinnedProduct), afterJoin(), renderHost(), dispose() }.
 */
export function createCommerce(roomId, { isHost }) {
  let disposed = false;
  let pinned = null; // the Product on the stage
  const remaining = new Map(); // productId -> units left (events, acks and snapshots)
  const products = new Map(); // productId -> Product (host panel)
  const orders = new Map(); // orderId -> Order (host panel)
  let quantity = 1;
  let buying = false;
  let message = null; // { kind: 'ok'|'error'|'info', text, code?, orderId?, productId }
  let pending = loadPending(); // { productId, quantity, clientOrderId }: a Reserve not yet answered
  let hostLoaded = false;
  let hostLoading = null;
  let userId = getSession()?.userId ?? null;

  // ---- storage of the unanswered order (a reconnect or a reload retries it with the same id) ----
  function loadPending() {
    const userId = getSession()?.userId;
    if (!userId) return null;
    try {
      const p = JSON.parse(sessionStorage.getItem(PENDING_KEY(roomId, userId)) ?? 'null');
      return p?.clientOrderId && p.productId ? p : null;
    } catch {
      return null;
    }
  }

  function savePending() {
    const userId = getSession()?.userId;
    if (!userId) return;
    try {
      if (pending) sessionStorage.setItem(PENDING_KEY(roomId, userId), JSON.stringify(pending));
      else sessionStorage.removeItem(PENDING_KEY(roomId, userId));
    } catch { /* storage blocked: memory only */ }
  }

  const left = (p) => (remaining.has(p.productId) ? remaining.get(p.productId) : p.remaining);

  // ---- the pinned product's card ----
  const card = h('div', { class: 'product-card', testid: 'product-card', hidden: true, 'aria-live': 'polite' });

  function renderCard() {
    if (!pinned) {
      card.hidden = true;
      clear(card);
      delete card.dataset.productId;
      return;
    }
    const p = pinned;
    const units = left(p);
    const soldOut = units <= 0;
    card.hidden = false;
    card.dataset.productId = p.productId;
    card.dataset.remaining = String(units);
    card.classList.toggle('sold-out', soldOut);
    const image = httpUrl(p.imageUrl);
    const signedIn = !!getSession();
    const waiting = buying || (pending && pending.productId === p.productId);
    const qty = h('select', { class: 'buy-quantity', testid: 'buy-quantity', 'aria-label': 'Quantity', disabled: soldOut || waiting });
    for (let n = 1; n <= QUANTITY_MAX; n++) qty.append(h('option', { value: String(n), selected: n === quantity }, `× ${n}`));
    qty.addEventListener('change', () => { quantity = Number(qty.value) || 1; });
    const buyButton = h('button', {
      class: 'btn btn-primary btn-sm buy-button', type: 'button', testid: 'buy-button',
      disabled: soldOut || waiting, dataset: { soldOut: String(soldOut) },
      title: signedIn ? undefined : 'Sign in to buy',
      onclick: buy,
    }, soldOut ? 'Sold out' : waiting ? 'Ordering…' : h('span', { class: 'with-icon' }, icon('bag', { size: 15 }), 'Buy'));
    const msg = message && message.productId === p.productId ? message : null;
    clear(card).append(
      image
        ? h('img', { class: 'product-image', testid: 'product-image', src: image, alt: p.title, loading: 'lazy', onerror: (ev) => { ev.target.hidden = true; } })
        : h('div', { class: 'product-image product-image-blank', 'aria-hidden': 'true' }, icon('bag', { size: 26 })),
      h('div', { class: 'product-info' },
        h('div', { class: 'product-title', testid: 'product-title', title: p.title }, p.title),
        h('div', { class: 'product-line' },
          h('span', { class: 'product-price', testid: 'product-price', dataset: { priceCents: String(p.priceCents), currency: p.currency } }, formatPrice(p.priceCents, p.currency)),
          h('span', { class: `product-remaining${soldOut ? ' none' : units <= 3 ? ' few' : ''}`, testid: 'product-remaining', dataset: { value: String(units) } },
            soldOut ? 'Sold out' : `${units} left`)),
        h('div', { class: 'product-buy' }, qty, buyButton),
        msg && h('div', {
          class: `buy-message buy-${msg.kind}`, testid: 'buy-message', role: msg.kind === 'error' ? 'alert' : 'status',
          dataset: { kind: msg.kind, code: msg.code ?? '', orderId: msg.orderId ?? '' },
        }, msg.text)));
  }

  function setMessage(m) {
    message = m;
    renderCard();
  }

  async function buy() {
    const p = pinned;
    if (!p || buying) return;
    if (!getSession()) { setMessage({ kind: 'error', code: 'unauthenticated', text: 'Sign in to buy.', productId: p.productId }); return; }
    // One click, one order: a new clientOrderId, unless the last click's order was never
    // answered (the connection dropped): then it is the same purchase and keeps its id.
    if (!pending || pending.productId !== p.productId || pending.quantity !== quantity) {
      pending = { productId: p.productId, quantity, clientOrderId: newId() };
      savePending();
    }
    await attempt();
  }

  /** Sends the pending order (first try or a retry with the same clientOrderId). */
  async function attempt() {
    if (!pending || buying || disposed) return;
    const order = pending;
    buying = true;
    if (pinned?.productId === order.productId) setMessage(null);
    try {
      const ack = await hub.invoke('Reserve', roomId, order.productId, order.clientOrderId, order.quantity);
      if (pending?.clientOrderId === order.clientOrderId) { pending = null; savePending(); }
      if (disposed) return;
      if (typeof ack?.remaining === 'number') {
        // The ack's count is as of its order; a later productStock may already be lower.
        const known = remaining.get(order.productId);
        remaining.set(order.productId, known === undefined ? ack.remaining : Math.min(known, ack.remaining));
      }
      message = {
        kind: 'ok', productId: order.productId, orderId: ack?.orderId ?? '',
        text: `Ordered! ${order.quantity > 1 ? `${order.quantity} units, ` : ''}order ${ack?.orderId ?? ''}${ack?.duplicate ? ' (taken before the connection dropped)' : ''}`,
      };
    } catch (err) {
      if (disposed) return;
      if (!err.code || err.code === 'unavailable') {
        // No answer: the order may or may not have been taken. Keep its id; the next connect
        // sends it again and the server answers with the same order if it has it.
        message = { kind: 'info', code: 'unavailable', productId: order.productId, text: 'Connection lost: your order goes out again (only once) as soon as we are back online.' };
      } else {
        if (pending?.clientOrderId === order.clientOrderId) { pending = null; savePending(); }
        const units = remaining.get(order.productId) ?? (pinned?.productId === order.productId ? pinned.remaining : 0);
        if (err.code === 'sold_out' && !(units > 0 && order.quantity > units)) remaining.set(order.productId, 0);
        message = { kind: 'error', code: err.code, productId: order.productId, text: refusalText(err, { quantity: order.quantity, remaining: units }) };
      }
    } finally {
      buying = false;
      if (!disposed) { renderCard(); renderProducts(); }
    }
  }

  // ---- the host's product panel ----
  const titleInput = h('input', { testid: 'product-title-input', placeholder: 'Product name', maxlength: '200', autocomplete: 'off', required: true });
  const priceInput = h('input', { testid: 'product-price-input', placeholder: '19.99', inputmode: 'decimal', autocomplete: 'off', required: true, size: '8' });
  const currencySelect = h('select', { testid: 'product-currency', 'aria-label': 'Currency' },
    CURRENCIES.map((c) => h('option', { value: c }, c)));
  const stockInput = h('input', { testid: 'product-stock-input', type: 'number', min: '1', step: '1', value: '10', required: true, 'aria-label': 'Units' });
  const imageInput = h('input', { testid: 'product-image-input', type: 'url', placeholder: 'https://… (optional)', autocomplete: 'off' });
  const addButton = h('button', { class: 'btn btn-primary btn-sm', type: 'submit', testid: 'product-add' }, icon('plus', { size: 15 }), 'Add');
  const formError = h('p', { class: 'form-error small', testid: 'product-form-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'product-form', testid: 'product-form', novalidate: true },
    h('label', { class: 'field grow' }, h('span', {}, 'Product'), titleInput),
    h('label', { class: 'field' }, h('span', {}, 'Price'), h('span', { class: 'price-field' }, priceInput, currencySelect)),
    h('label', { class: 'field narrow' }, h('span', {}, 'Units'), stockInput),
    h('label', { class: 'field grow' }, h('span', {}, 'Image'), imageInput),
    addButton);
  const productList = h('ul', { class: 'product-list', testid: 'product-list' });
  const productsEmpty = h('p', { class: 'muted small', testid: 'product-list-empty' }, 'No products yet: add one, then pin it to the stage.');
  const orderCount = h('span', { class: 'badge badge-host', testid: 'order-count', dataset: { value: '0' } }, '0');
  const orderList = h('ol', { class: 'order-list', testid: 'order-list', 'aria-live': 'polite' });
  const ordersEmpty = h('p', { class: 'muted small', testid: 'order-list-empty' }, 'Orders show up here the moment they are placed.');
  const panelStatus = h('span', { class: 'muted small', testid: 'product-panel-status' });
  const panel = h('section', { class: 'product-panel card', testid: 'product-panel', hidden: true },
    h('div', { class: 'product-panel-head' }, h('span', { class: 'host-panel-title' }, icon('bag'), 'Products'), panelStatus),
    form, formError,
    productsEmpty, productList,
    h('div', { class: 'product-panel-head' }, h('span', { class: 'host-panel-title' }, 'Orders ', orderCount)),
    ordersEmpty, orderList);

  function showFormError(text) {
    formError.textContent = text ?? '';
    formError.hidden = !text;
  }
  for (const input of [titleInput, priceInput, stockInput, imageInput]) input.addEventListener('input', () => showFormError(null));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const title = titleInput.value.trim();
    const currency = currencySelect.value;
    const priceCents = parsePrice(priceInput.value, currency);
    const stock = Number(stockInput.value);
    const image = imageInput.value.trim();
    if (!title) return showFormError('Name the product.');
    if (priceCents === null) {
      const d = minorDigits(currency);
      return showFormError(`Price: a number${d ? ` with at most ${d} decimals` : ' without decimals'} in ${currency}.`);
    }
    if (!Number.isInteger(stock) || stock < 1) return showFormError('Units: a whole number, at least 1.');
    if (image && !httpUrl(image)) return showFormError('Image: an http(s) address, or leave it empty.');
    addButton.disabled = true;
    try {
      const product = await createProduct(roomId, { title, priceCents, currency, stock, imageUrl: image || undefined });
      if (disposed) return;
      if (product?.productId) {
        products.set(product.productId, product);
        remaining.set(product.productId, Math.min(remaining.get(product.productId) ?? product.remaining, product.remaining));
      }
      titleInput.value = '';
      priceInput.value = '';
      imageInput.value = '';
      renderProducts();
      titleInput.focus();
    } catch (err) {
      if (err.status === 403) showFormError('Only the host can add products to this room.');
      else if (err.status === 401) showFormError('Your sign-in is missing or expired: sign in again.');
      else if (err.status === 400) showFormError(`Not accepted${err.code && err.code !== 'invalid' ? ` (${err.code})` : ''}: ${err.detail}`);
      else showFormError(describeError(err));
    } finally {
      addButton.disabled = false;
    }
  });

  async function pinProduct(productId) {
    try {
      await hub.invoke('PinProduct', roomId, productId);
    } catch (err) {
      const text = err.code === 'forbidden' ? 'Only the host can pin products.'
        : err.code === 'not_found' ? 'That product does not exist in this room.'
          : describeError(err);
      panelStatus.textContent = text;
      panelStatus.dataset.code = err.code ?? '';
    }
  }

  function renderProducts() {
    if (panel.hidden) return;
    const list = [...products.values()].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
    productsEmpty.hidden = list.length > 0;
    clear(productList).append(...list.map((p) => {
      const units = left(p);
      const isPinned = pinned?.productId === p.productId;
      return h('li', { class: `product-row${isPinned ? ' pinned' : ''}`, testid: 'product-row', dataset: { productId: p.productId, pinned: String(isPinned) } },
        httpUrl(p.imageUrl) ? h('img', { class: 'product-thumb', src: httpUrl(p.imageUrl), alt: '', loading: 'lazy' }) : h('span', { class: 'product-thumb product-image-blank' }, icon('bag', { size: 16 })),
        h('div', { class: 'product-row-text' },
          h('div', { class: 'product-row-title' }, p.title),
          h('div', { class: 'muted small' },
            formatPrice(p.priceCents, p.currency), ' · ',
            h('span', { testid: 'product-row-remaining', dataset: { value: String(units) } }, units <= 0 ? 'sold out' : `${units} of ${p.stock} left`))),
        h('button', {
          class: `btn btn-sm${isPinned ? ' btn-ghost' : ''}`, type: 'button', testid: 'product-pin', dataset: { pinned: String(isPinned) },
          onclick: () => pinProduct(isPinned ? null : p.productId),
        }, icon('pin', { size: 14 }), isPinned ? 'Unpin' : 'Pin'));
    }));
  }

  function orderRow(o) {
    const product = products.get(o.productId) ?? (pinned?.productId === o.productId ? pinned : null);
    return h('li', { class: 'order-row', testid: 'order-row', dataset: { orderId: o.orderId, productId: o.productId, userId: o.userId } },
      h('div', { class: 'order-main' },
        h('strong', { testid: 'order-buyer' }, o.displayName || o.userId), ' ',
        h('span', { class: 'muted small' }, `@${o.userId}`)),
      h('div', { class: 'order-what small' },
        `${o.quantity} × ${product?.title ?? o.productId} · `,
        h('strong', {}, formatPrice(o.priceCents * o.quantity, o.currency))),
      h('time', { class: 'muted small', datetime: o.createdAt ?? '', title: `${formatFull(o.createdAt)} · ${o.orderId}` }, formatTime(o.createdAt)));
  }

  function renderOrders() {
    if (panel.hidden) return;
    const list = [...orders.values()].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)) || String(b.orderId).localeCompare(String(a.orderId)));
    ordersEmpty.hidden = list.length > 0;
    orderCount.textContent = String(list.length);
    orderCount.dataset.value = String(list.length);
    clear(orderList).append(...list.slice(0, ORDERS_SHOWN).map(orderRow));
  }

  function addOrder(o) {
    if (!o?.orderId || orders.has(o.orderId)) return false;
    orders.set(o.orderId, o);
    return true;
  }

  /** Reads the room's products and orders (on the host's first join and every rejoin). */
  function loadHost() {
    if (hostLoading) return hostLoading;
    hostLoading = (async () => {
      try {
        const [ps, os] = await Promise.all([listProducts(roomId), listOrders(roomId)]);
        if (disposed) return;
        for (const p of ps ?? []) {
          products.set(p.productId, p);
          // The list is a read from the past; events that came since are newer.
          if (!remaining.has(p.productId)) remaining.set(p.productId, p.remaining);
          else remaining.set(p.productId, Math.min(remaining.get(p.productId), p.remaining));
        }
        for (const o of os ?? []) addOrder(o);
        hostLoaded = true;
        panelStatus.textContent = '';
      } catch (err) {
        if (!disposed) panelStatus.textContent = `Could not load products: ${describeError(err)}`;
      } finally {
        hostLoading = null;
        if (!disposed) { renderProducts(); renderOrders(); }
      }
    })();
    return hostLoading;
  }

  function renderHost() {
    const host = isHost();
    const was = !panel.hidden;
    panel.hidden = !host;
    if (host && !was) { renderProducts(); renderOrders(); if (!hostLoaded) loadHost(); }
    renderCard();
  }

  // ---- hub events ----
  function onPinned(ev) {
    if (ev?.roomId !== roomId) return;
    setPinnedProduct(ev.product ?? null);
  }

  function setPinnedProduct(product) {
    const changed = (pinned?.productId ?? null) !== (product?.productId ?? null);
    pinned = product;
    if (product) {
      if (isHost()) products.set(product.productId, { ...(products.get(product.productId) ?? {}), ...product });
      remaining.set(product.productId, product.remaining);
    }
    if (changed) quantity = 1;
    renderCard();
    renderProducts();
  }

  function onStock(ev) {
    if (ev?.roomId !== roomId || !ev.productId || typeof ev.remaining !== 'number') return;
    remaining.set(ev.productId, ev.remaining);
    if (pinned?.productId === ev.productId) renderCard();
    if (products.has(ev.productId)) renderProducts();
  }

  function onOrder(o) {
    if (o?.roomId !== roomId) return;
    if (addOrder(o)) renderOrders();
  }

  const offs = [
    hub.on('productPinned', onPinned),
    hub.on('productStock', onStock),
    hub.on('orderPlaced', onOrder),
  ];

  return {
    card,
    panel,
    /** The JoinRoom snapshot's pinnedProduct (undefined: the server does not send one yet). */
    applySnapshot(product) {
      if (product === undefined) return;
      setPinnedProduct(product ?? null);
    },
    /** After every (re)join: an unanswered order goes out again with its id; the host re-reads. */
    afterJoin() {
      if (isHost()) loadHost();
      if (pending && getSession()) attempt();
    },
    /** Host status or identity changed. */
    renderHost() {
      const now = getSession()?.userId ?? null;
      if (now !== userId) {
        userId = now;
        pending = loadPending();
        message = null;
        orders.clear();
        hostLoaded = false;
        panel.hidden = true;
      }
      renderHost();
    },
    dispose() {
      disposed = true;
      for (const off of offs) off();
    },
  };
}
