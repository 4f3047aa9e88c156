// The one way a write leaves the phone. Each write is stored first (with the id the phone made
// for the record), then sent in order. PUT with the phone's id is idempotent on the server, so
// sending an entry twice — from two tabs, from the service worker, after a crash — adds nothing.
// Flushed on `online`, on becoming visible, at start and from the service worker's `sync` event.
// A 409 (someone changed it meanwhile) or another refusal is kept and shown, never dropped.
// Used by the page and by the service worker: no window, no document here.
import { ApiFailure, send } from './api.js';
import { db } from './db.js';

export const SYNC_TAG = 'outbox';
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('kintsugi-outbox') : null;
const listeners = new Set();
let flushing = null;

function changed(sent = 0) {
  channel?.postMessage({ sent });
  for (const listener of listeners) listener({ sent });
}

/** Call `listener({sent})` whenever the outbox changes, here or in another tab or the worker. */
export function onOutboxChange(listener) {
  listeners.add(listener);
  const relay = (event) => listener(event.data);
  channel?.addEventListener('message', relay);
  return () => {
    listeners.delete(listener);
    channel?.removeEventListener('message', relay);
  };
}

/** The address of a write to `{collection, id, action, item}`: /api/<collection>[/<id>]
 * [/<action>][/<item>], e.g. {collection: 'questions', id, action: 'answers', item: answerId}. */
export function urlOf({ collection, id = null, action = null, item = null }) {
  return [`/api/${collection}`, id, action, item].filter((part) => part !== null)
    .map((part, index) => (index ? encodeURIComponent(part) : part)).join('/');
}

/** Keep a write and try to send it. The entry says what it is about — `collection`, the record's
 * `id`, the `action` on it (null: the record itself) and an `item` of it (an answer's id, a day)
 * — so the lists laid over with waiting writes read these, never the address. `label` says in
 * the person's words what it is. */
export async function enqueue(method, target, body, label) {
  const { collection, id = null, action = null, item = null } = target;
  const entry = { method, url: urlOf(target), collection, id, action, item, body, label,
    createdAt: new Date().toISOString(), state: 'waiting' };
  entry.seq = await (await db()).add('outbox', entry);
  changed();
  askForBackgroundSync();
  flush();
  return entry;
}

export async function entries() {
  return (await db()).getAll('outbox');
}

/** Send every waiting entry in order; one flush at a time across tabs and the worker. */
export function flush() {
  flushing ??= withLock(sendWaiting).finally(() => {
    flushing = null;
  });
  return flushing;
}

function withLock(work) {
  const locks = globalThis.navigator?.locks;
  return locks ? locks.request('kintsugi-outbox', work) : work();
}

async function sendWaiting() {
  const database = await db();
  let sent = 0;
  for (const entry of await database.getAll('outbox')) {
    if (entry.state !== 'waiting') continue;
    try {
      await send(entry.method, entry.url, entry.body);
      await database.delete('outbox', entry.seq);
      sent += 1;
    } catch (failure) {
      if (alreadyDone(entry, failure)) {
        await database.delete('outbox', entry.seq);
        sent += 1;
        continue;
      }
      if (!(failure instanceof ApiFailure) || stopsTheFlush(failure.status)) break;
      // 409 and other refusals: kept, with the server's word (and its version, for a 409).
      await database.put('outbox', {
        ...entry,
        state: failure.status === 409 ? 'conflict' : 'refused',
        error: failure.error,
        current: failure.error.current ?? null,
      });
    }
  }
  changed(sent);
  return sent;
}

/** A refusal that says the write has done its work already (an entry sent twice): a delete of
 * what is gone (a private journal entry, once deleted, answers 404 even to its author), or a
 * stale change whose every field the record now holds (409 with the current record). */
function alreadyDone(entry, failure) {
  if (!(failure instanceof ApiFailure)) return false;
  if (entry.method === 'DELETE') return failure.status === 404;
  const current = failure.error.current;
  if (entry.method !== 'PATCH' || failure.status !== 409 || !current || !entry.body) return false;
  return Object.entries(entry.body).every(([name, value]) =>
    name === 'version' || name === 'id' || JSON.stringify(current[name]) === JSON.stringify(value));
}

// Not the entry's fault: try again later (offline, signed out, rate limit, server trouble).
function stopsTheFlush(status) {
  return status === 401 || status === 408 || status === 429 || status >= 500;
}

/** Keep the other version: this change is let go, by the person's choice. */
export async function discard(seq) {
  await (await db()).delete('outbox', seq);
  changed();
}

/** The conflicted entry's body, based on what the server has now — a record's `version`, or the
 * number a `based_on` names (the latest answer, the latest agreement version) — or null when the
 * server's answer does not say what to base it on. */
export function bodyOnTop(entry) {
  const { body, error, current } = entry;
  if (body && 'based_on' in body) {
    return Number.isInteger(error?.based_on) ? { ...body, based_on: error.based_on } : null;
  }
  if (body && 'version' in body && current?.version) return { ...body, version: current.version };
  return null;
}

/** Send my change again on top of the version that is there now. */
export async function resendOnTop(seq) {
  const database = await db();
  const entry = await database.get('outbox', seq);
  const body = entry && bodyOnTop(entry);
  if (!body) return;
  await database.put('outbox', { ...entry, body, state: 'waiting', error: null, current: null });
  changed();
  return flush();
}

function askForBackgroundSync() {
  // Where the browser has Background Sync, the worker flushes even if the app is closed.
  globalThis.navigator?.serviceWorker?.ready
    .then((registration) => registration.sync?.register(SYNC_TAG))
    .catch(() => {});
}
