// REST calls to the silo: dev tokens, live rooms, notes, the translation glossary, moderation,
// room products and orders, and topics.
import { getToken } from './session.js';

/** An error from the REST API: HTTP status plus the problem document's code and detail. */
export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail || code || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

const fallbackCodes = { 400: 'invalid', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 429: 'rate_limited' };

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(new URL(path.replace(/^\//, ''), document.baseURI), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(0, 'unavailable', 'Cannot reach the server');
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) {
    const code = data?.code ?? fallbackCodes[res.status] ?? 'error';
    const detail = data?.detail ?? data?.title ?? (res.status === 401 ? 'sign in to do that' : res.statusText);
    throw new ApiError(res.status, code, detail);
  }
  return data;
}

/** POST /api/auth/dev-token -> token string. */
export async function devToken(userId, displayName, language) {
  const data = await request('POST', '/api/auth/dev-token', { userId, displayName, language });
  if (!data?.token) throw new ApiError(500, 'error', 'The server sent no token');
  return data.token;
}

/** GET /api/rooms -> [{roomId, title, hostId, viewers, likes}] */
export async function listRooms(limit) {
  const q = limit ? `?limit=${encodeURIComponent(limit)}` : '';
  return (await request('GET', `/api/rooms${q}`)) ?? [];
}

/** POST /api/rooms -> the created room (201). */
export async function createRoom(roomId, title) {
  return request('POST', '/api/rooms', { roomId, title });
}

/** POST /api/notes -> the created Note {noteId, authorId, title, body, language, createdAt} (201). */
export async function createNote(title, body, language) {
  const payload = { title, body };
  if (language) payload.language = language;
  return request('POST', '/api/notes', payload);
}

/** GET /api/notes/{noteId} -> Note. */
export async function getNote(noteId) {
  return request('GET', `/api/notes/${encodeURIComponent(noteId)}`);
}

/** GET /api/glossary -> {version, entries: [{sourceLanguage, term, translations}], keep: [{term, note}]} */
export async function getGlossary() {
  return request('GET', '/api/glossary');
}

/** PUT /api/glossary/entries: adds or replaces the entry for (sourceLanguage, term); -> the glossary. */
export async function putGlossaryEntry(sourceLanguage, term, translations) {
  return request('PUT', '/api/glossary/entries', { sourceLanguage, term, translations });
}

/** DELETE /api/glossary/entries -> the glossary (404 when there is no such entry). */
export async function deleteGlossaryEntry(sourceLanguage, term) {
  const q = new URLSearchParams({ sourceLanguage, term });
  return request('DELETE', `/api/glossary/entries?${q}`);
}

/** PUT /api/glossary/keep: a term left untranslated, with the note readers see; -> the glossary. */
export async function putKeptTerm(term, note) {
  return request('PUT', '/api/glossary/keep', { term, note });
}

/** DELETE /api/glossary/keep -> the glossary (404 when the term is not kept). */
export async function deleteKeptTerm(term) {
  return request('DELETE', `/api/glossary/keep?${new URLSearchParams({ term })}`);
}

/** GET /api/moderation/queue?status=pending|decided[&language=xx] -> ReviewItem[] (admins; 401/403 otherwise). */
export async function getReviewQueue(status = 'pending', language) {
  const q = new URLSearchParams({ status });
  if (language) q.set('language', language);
  return (await request('GET', `/api/moderation/queue?${q}`)) ?? [];
}

/** POST /api/moderation/queue/{id}/approve|reject -> the decided ReviewItem (409 when already decided). */
export async function decideReviewItem(id, decision) {
  return request('POST', `/api/moderation/queue/${encodeURIComponent(id)}/${decision === 'approve' ? 'approve' : 'reject'}`);
}

/** GET /api/moderation/terms -> {terms: [{language, term, action}], version}. */
export async function getModerationTerms() {
  return request('GET', '/api/moderation/terms');
}

/** PUT /api/moderation/terms with every list at once -> {terms, version}. */
export async function putModerationTerms(terms) {
  return request('PUT', '/api/moderation/terms', { terms });
}

/** POST /api/rooms/{roomId}/products (the room's host) -> the created Product (201). */
export async function createProduct(roomId, { title, priceCents, currency, stock, imageUrl }) {
  const body = { title, priceCents, currency, stock };
  if (imageUrl) body.imageUrl = imageUrl;
  return request('POST', `/api/rooms/${encodeURIComponent(roomId)}/products`, body);
}

/** GET /api/rooms/{roomId}/products -> Product[] (anyone). */
export async function listProducts(roomId) {
  return (await request('GET', `/api/rooms/${encodeURIComponent(roomId)}/products`)) ?? [];
}

/** GET /api/rooms/{roomId}/orders -> Order[] (the room's host; 403 otherwise). */
export async function listOrders(roomId) {
  return (await request('GET', `/api/rooms/${encodeURIComponent(roomId)}/orders`)) ?? [];
}

/** GET /api/topics/trending?window=1h|24h -> {window, topics: [{tag, notes, views, growth}]}. */
export async function trendingTopics(window = '1h') {
  return request('GET', `/api/topics/trending?${new URLSearchParams({ window })}`);
}

/** GET /api/topics/{tag} -> {tag, notes, views, participants, latestNotes: Note[]} (404 unknown). */
export async function getTopic(tag) {
  return request('GET', `/api/topics/${encodeURIComponent(tag)}`);
}
