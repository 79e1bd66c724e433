// Drives a running silo with the official @microsoft/signalr client under Node, the way outside
// clients do: WebSockets only, no negotiate request. Exits 0 when every check passes.
//
//   REALTIME_URL=http://127.0.0.1:5080 node tests/official-client.mjs
import * as signalR from '@microsoft/signalr';
import { randomUUID } from 'node:crypto';
import { BASE, check, envNumber, run, runTest, step } from './harness.mjs';

const EVENT_TIMEOUT_MS = envNumber('REALTIME_EVENT_TIMEOUT_MS', 10000);
const connections = [];

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms); }),
  ]);
}

/**
 * Starts listening for `event` now (before the action that causes it) and resolves with the
 * first payload that matches `predicate`.
 */
function expectEvent(connection, event, predicate, what) {
  let handler;
  const seen = [];
  const promise = new Promise((resolve) => {
    handler = (payload) => {
      seen.push(payload);
      if (predicate(payload)) resolve(payload);
    };
    connection.on(event, handler);
  });
  return withTimeout(promise, EVENT_TIMEOUT_MS, `${what} (saw ${seen.length} '${event}' events: ${JSON.stringify(seen.slice(-3))})`)
    .finally(() => connection.off(event, handler));
}

/**
 * The contract's error text of a failed hub call. ASP.NET Core SignalR wraps every HubException
 * as "An unexpected error occurred invoking '<Method>' on the server. HubException: <message>",
 * so the code-first message is what follows that fixed wrapper (or the whole text when a server
 * sends it bare).
 */
function contractMessage(method, raw) {
  const wrapper = `An unexpected error occurred invoking '${method}' on the server. HubException: `;
  return raw.startsWith(wrapper) ? raw.slice(wrapper.length) : raw;
}

/** Expects `connection.invoke(method, ...args)` to be rejected with a `code:` hub error. */
async function expectHubError(connection, method, args, code, what) {
  let result;
  try {
    result = await withTimeout(connection.invoke(method, ...args), EVENT_TIMEOUT_MS, what);
  } catch (err) {
    const raw = String(err?.message ?? err);
    const message = contractMessage(method, raw);
    check(message.startsWith(`${code}:`), `${what}: expected an error starting with "${code}:", got "${raw}"`);
    return message;
  }
  throw new Error(`${what}: expected "${code}:" but the call succeeded with ${JSON.stringify(result)}`);
}

async function http(method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await withTimeout(
    fetch(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .catch((err) => { throw new Error(`${method} ${BASE}${path}: cannot reach the silo (${err?.cause?.code ?? err?.cause?.message ?? err.message})`); }),
    EVENT_TIMEOUT_MS, `${method} ${path}`);
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: res.status, json, text };
}

async function devToken(userId, displayName, language) {
  const res = await http('POST', '/api/auth/dev-token', { userId, displayName, language });
  check(res.status === 200 || res.status === 201, `POST /api/auth/dev-token: expected 200, got ${res.status} ${res.text.slice(0, 200)}`);
  check(typeof res.json?.token === 'string' && res.json.token.length > 0, `dev-token response has no token: ${res.text.slice(0, 200)}`);
  return res.json.token;
}

async function connect(token, label) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${BASE}/hubs/live`, {
      accessTokenFactory: () => token ?? '',
      skipNegotiation: true,
      transport: signalR.HttpTransportType.WebSockets,
    })
    .configureLogging(signalR.LogLevel.Error)
    .build();
  connections.push(connection);
  await withTimeout(connection.start(), EVENT_TIMEOUT_MS, `${label} to connect to ${BASE}/hubs/live`);
  return connection;
}

function checkChatMessage(msg, what) {
  for (const field of ['roomId', 'seq', 'messageId', 'userId', 'displayName', 'text', 'language', 'replyToSeq', 'sentAt', 'translation']) {
    check(field in msg, `${what}: ChatMessage lacks field "${field}": ${JSON.stringify(msg)}`);
  }
}

async function main() {
  console.log(`official SignalR client (${signalR.VERSION ?? 'unknown version'}) against ${BASE}`);
  const alice = { userId: `ann_${run}`, displayName: 'Ann', language: 'en' };
  const bob = { userId: `bo_${run}`, displayName: 'Bo', language: 'en' };
  const roomId = `js-${run}`;
  const title = `Official client check ${run}`;
  let a; let b; let anon;

  await step('dev tokens for two users', async () => {
    alice.token = await devToken(alice.userId, alice.displayName, alice.language);
    bob.token = await devToken(bob.userId, bob.displayName, bob.language);
  });

  await step('create a room over REST (201, then 409 again, 401 without a token)', async () => {
    const created = await http('POST', '/api/rooms', { roomId, title }, alice.token);
    check(created.status === 201, `POST /api/rooms: expected 201, got ${created.status} ${created.text.slice(0, 300)}`);
    const again = await http('POST', '/api/rooms', { roomId, title }, alice.token);
    check(again.status === 409, `POST /api/rooms for an existing room: expected 409, got ${again.status}`);
    const anonymous = await http('POST', '/api/rooms', { roomId: `${roomId}-x`, title }, null);
    check(anonymous.status === 401, `POST /api/rooms without a token: expected 401, got ${anonymous.status}`);
    const bad = await http('POST', '/api/rooms', { roomId: 'not a valid id!', title }, alice.token);
    check(bad.status === 400, `POST /api/rooms with a bad id: expected 400, got ${bad.status}`);
    check(bad.json?.code === 'invalid', `400 problem document should have code "invalid": ${bad.text.slice(0, 300)}`);
  });

  await step('the room is listed by GET /api/rooms', async () => {
    // The list may lag a create by a moment (it is a directory refreshed in the background):
    // poll until the room shows up, within the event timeout.
    const started = Date.now();
    let row;
    let list;
    for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
      list = await http('GET', '/api/rooms');
      check(list.status === 200 && Array.isArray(list.json), `GET /api/rooms: expected 200 with an array, got ${list.status} ${list.text.slice(0, 200)}`);
      row = list.json.find((r) => r.roomId === roomId);
      if (row || Date.now() - started > EVENT_TIMEOUT_MS) break;
      await new Promise((r) => setTimeout(r, delay));
    }
    check(row, `GET /api/rooms does not list ${roomId} within ${EVENT_TIMEOUT_MS} ms of its creation`);
    if (Date.now() - started > 100) console.log(`  (the room appeared in GET /api/rooms ${Date.now() - started} ms after its creation)`);
    for (const field of ['roomId', 'title', 'hostId', 'viewers', 'likes']) {
      check(field in row, `GET /api/rooms row lacks "${field}": ${JSON.stringify(row)}`);
    }
    check(row.title === title && row.hostId === alice.userId, `room row is wrong: ${JSON.stringify(row)}`);
  });

  await step('both users connect (skipNegotiation + WebSockets) and join', async () => {
    [a, b] = await Promise.all([connect(alice.token, 'alice'), connect(bob.token, 'bob')]);
    const [sa, sb] = await Promise.all([
      withTimeout(a.invoke('JoinRoom', roomId, null), EVENT_TIMEOUT_MS, 'alice JoinRoom'),
      withTimeout(b.invoke('JoinRoom', roomId, null), EVENT_TIMEOUT_MS, 'bob JoinRoom'),
    ]);
    for (const [snap, who] of [[sa, 'alice'], [sb, 'bob']]) {
      check(snap && snap.roomId === roomId, `${who}'s snapshot is for ${snap?.roomId}`);
      check(snap.title === title, `${who}'s snapshot title is ${JSON.stringify(snap.title)}`);
      check(snap.hostId === alice.userId, `${who}'s snapshot hostId is ${snap.hostId}, expected ${alice.userId}`);
      check(Array.isArray(snap.messages), `${who}'s snapshot has no messages array`);
      check(typeof snap.epoch === 'string' && snap.epoch.length > 0, `${who}'s snapshot epoch is not a string: ${JSON.stringify(snap.epoch)}`);
      check(snap.recovered === true, `${who}'s snapshot recovered should be true for sinceSeq null`);
      check('pinned' in snap && 'slowModeSeconds' in snap && 'lastSeq' in snap, `${who}'s snapshot lacks fields: ${JSON.stringify(Object.keys(snap))}`);
    }
  });

  let firstSeq;
  const text = `hello from Ann ✨ ${run}`;
  await step('alice sends chat; bob receives the chat event with the acknowledged seq and text', async () => {
    const received = expectEvent(b, 'chat', (m) => m?.roomId === roomId && m.text === text, `bob to receive "${text}"`);
    const clientMessageId = randomUUID();
    const ack = await withTimeout(a.invoke('SendChat', roomId, clientMessageId, text, null), EVENT_TIMEOUT_MS, 'SendChat ack');
    check(ack && typeof ack.seq === 'number' && ack.seq > 0, `ChatAck has no positive seq: ${JSON.stringify(ack)}`);
    check(ack.duplicate === false, `first send should not be a duplicate: ${JSON.stringify(ack)}`);
    check(typeof ack.messageId === 'string' && ack.messageId, `ChatAck has no messageId: ${JSON.stringify(ack)}`);
    const msg = await received;
    checkChatMessage(msg, 'chat event');
    check(msg.seq === ack.seq, `bob got seq ${msg.seq}, the ack said ${ack.seq}`);
    check(msg.messageId === ack.messageId, `bob got messageId ${msg.messageId}, the ack said ${ack.messageId}`);
    check(msg.userId === alice.userId && msg.displayName === alice.displayName, `wrong author: ${msg.userId} / ${msg.displayName}`);
    firstSeq = ack.seq;

    const retry = await withTimeout(a.invoke('SendChat', roomId, clientMessageId, text, null), EVENT_TIMEOUT_MS, 'retried SendChat');
    check(retry.duplicate === true && retry.seq === ack.seq, `a retry with the same clientMessageId should be a duplicate of seq ${ack.seq}: ${JSON.stringify(retry)}`);
  });

  await step('bob replies; alice receives it in seq order with replyToSeq', async () => {
    const replyText = `hi Ann 👋 ${run}`;
    const received = expectEvent(a, 'chat', (m) => m?.roomId === roomId && m.text === replyText, 'alice to receive the reply');
    const ack = await withTimeout(b.invoke('SendChat', roomId, randomUUID(), replyText, firstSeq), EVENT_TIMEOUT_MS, 'reply ack');
    const msg = await received;
    check(msg.seq === ack.seq && msg.seq > firstSeq, `reply seq ${msg.seq} should be ${ack.seq} and > ${firstSeq}`);
    check(msg.replyToSeq === firstSeq, `replyToSeq is ${msg.replyToSeq}, expected ${firstSeq}`);
  });

  await step('invalid calls reject with "invalid:"', async () => {
    await expectHubError(a, 'SendChat', [roomId, randomUUID(), '   ', null], 'invalid', 'SendChat with blank text');
    await expectHubError(a, 'SendChat', [roomId, randomUUID(), 'x'.repeat(501), null], 'invalid', 'SendChat with 501 characters');
    await expectHubError(a, 'Like', [roomId, 0], 'invalid', 'Like with count 0');
    await expectHubError(a, 'SetLanguage', ['not a language tag!'], 'invalid', 'SetLanguage with a malformed tag');
  });

  await step('unknown room: JoinRoom rejects with "not_found:"', async () => {
    await expectHubError(b, 'JoinRoom', [`nope-${run}`, null], 'not_found', 'JoinRoom on an unknown room');
  });

  await step('likes: Like(roomId, n) shows up in roomCounters for the other viewer', async () => {
    const counters = expectEvent(a, 'roomCounters', (c) => c?.roomId === roomId && c.likes >= 7, 'roomCounters with 7 likes');
    await withTimeout(b.invoke('Like', roomId, 3), EVENT_TIMEOUT_MS, 'Like 3');
    await withTimeout(b.invoke('Like', roomId, 4), EVENT_TIMEOUT_MS, 'Like 4');
    const c = await counters;
    check(c.likes === 7, `expected exactly 7 likes, got ${c.likes}`);
    check(c.viewers === 2, `expected 2 viewers (alice and bob), got ${c.viewers}`);
  });

  await step('anonymous connection may watch but not like', async () => {
    anon = await connect(null, 'anonymous');
    const snap = await withTimeout(anon.invoke('JoinRoom', roomId, firstSeq - 1), EVENT_TIMEOUT_MS, 'anonymous JoinRoom');
    check(snap.recovered === true, 'resume from an existing seq should be recovered');
    check(snap.messages.length >= 2 && snap.messages[0].seq === firstSeq, `resume from ${firstSeq - 1} should start at ${firstSeq}: ${JSON.stringify(snap.messages.map((m) => m.seq))}`);
    for (let i = 1; i < snap.messages.length; i++) {
      check(snap.messages[i].seq > snap.messages[i - 1].seq, 'resumed messages are not in seq order');
    }
    check(snap.likes === 7, `snapshot likes should be 7, got ${snap.likes}`);
    await expectHubError(anon, 'Like', [roomId, 1], 'unauthenticated', 'anonymous Like');
    await expectHubError(anon, 'SendChat', [roomId, randomUUID(), 'hi', null], 'unauthenticated', 'anonymous SendChat');
  });

  await step('disconnect', async () => {
    await Promise.all(connections.map((c) => c.stop()));
  });
}

runTest('official-client', main, { totalTimeoutMs: envNumber('REALTIME_TEST_TIMEOUT_MS', 90000) });
