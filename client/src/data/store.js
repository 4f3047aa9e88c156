// What the screens call. Reads: the last answer kept on the phone at once, then the server's
// (kept for next time). Writes: through the outbox, with ids made here. The person's session.
import { useEffect, useState } from 'preact/hooks';
import { Offline, get, send, setCsrfToken } from './api.js';
import { DB_NAME, forgetSeen, recall, remember, wipeDb } from './db.js';
import * as credentials from './credentials.js';
import { enqueue, flush, onOutboxChange } from './outbox.js';

// --- Reads ------------------------------------------------------------------------------------

const refreshers = new Set();

/** Ask every shown list to fetch again (after a sync, on becoming visible). */
export function refreshAll() {
  for (const refresh of refreshers) refresh();
}

/** {data, offline, failure}: what was seen last, replaced by the server's answer when it comes. */
export function useApi(path) {
  const [state, setState] = useState({ data: undefined, offline: false, failure: null });
  useEffect(() => {
    if (!path) return undefined;
    let live = true;
    let fresh = false; // the server answered: what the phone kept must not overwrite it
    const update = (next) => live && setState((previous) => ({ ...previous, ...next }));
    recall(path).then((data) => data !== undefined && !fresh && update({ data }));
    const refresh = () =>
      get(path)
        .then((data) => {
          fresh = true;
          update({ data, offline: false, failure: null });
          return remember(path, data);
        })
        .catch((failure) => update(failure instanceof Offline ? { offline: true } : { failure }));
    refresh();
    refreshers.add(refresh);
    return () => {
      live = false;
      refreshers.delete(refresh);
    };
  }, [path]);
  return state;
}

// A sync that sent something changes what the server has: show it.
onOutboxChange(({ sent } = {}) => sent > 0 && refreshAll());

// --- Writes -----------------------------------------------------------------------------------

/** Local time with its UTC offset, as the server wants `occurred_at`. */
export function localNow(date = new Date()) {
  const pad = (n) => String(Math.abs(n)).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

/** A new record's id, made on the phone: sending its PUT again can never make a second one. */
export const newId = () => crypto.randomUUID();

/** Any write from a screen to `{collection, id, action, item}` (outbox.urlOf): kept in the
 * outbox first, sent when there is a connection. `label` says in the person's words what it is
 * (the sync status shows it). */
export const write = (method, target, body, label) => enqueue(method, target, body, label);

/** A change to `record` of `collection`, based on the version the phone saw, with an id made
 * here for the step: sent again after later changes, the server finds it in the history and
 * changes nothing (step_replayed in server/records/rules.py). */
export function changeRecord(collection, record, changes, label) {
  return enqueue('PATCH', { collection, id: record.id },
    { ...changes, version: record.version, id: newId() }, label);
}

/** A new record of `collection` (checkins, questions, ...), stamped with the phone's local time. */
export function createRecord(collection, fields, label, id = newId()) {
  return enqueue('PUT', { collection, id }, { ...fields, occurred_at: localNow() }, label);
}

export const checkIn = (fields) => createRecord('checkins', fields, 'Check-in');
export const logAction = (what) => createRecord('actions', { what }, `Action: ${what}`);
export const askForPause = (minutes, note) => createRecord('pauses', { minutes, note }, 'Pause');

export function acknowledge(collection, record) {
  return enqueue('PUT', { collection, id: record.id, action: 'acknowledgement' }, { words: null },
    'I noticed');
}

export function endPause(pause) {
  return enqueue('POST', { collection: 'pauses', id: pause.id, action: 'end' }, { id: newId() },
    'End of a pause');
}

/** The creates of `collection` still in the outbox, oldest first. */
export function pendingWrites(entries, collection) {
  return entries.filter((entry) => entry.method === 'PUT' && entry.collection === collection
    && entry.id !== null && entry.action === null);
}

// --- Session ----------------------------------------------------------------------------------

/** The signed-in person, or null; offline: the person seen last on this phone (or null). */
export async function whoAmI() {
  try {
    // Not GET /api/me: its 401 to nobody would be an error in the console of every signed-out
    // start. This one answers "not signed in" as a plain answer.
    const { me } = await get('/api/auth/session');
    if (me) await remember('/api/me', me);
    return me;
  } catch (failure) {
    if (failure instanceof Offline && (await phoneKeepsData())) return (await recall('/api/me')) ?? null;
    throw failure;
  }
}

async function phoneKeepsData() {
  const known = await indexedDB.databases?.();
  return !known || known.some((database) => database.name === DB_NAME);
}

/** The person this phone saw last (before asking the server again), or undefined. */
export const lastKnownMe = () => recall('/api/me').catch(() => undefined);

/** When the space this phone knew has ended (or is no longer mine), forget the lists it kept of
 * it: my former partner's words must not stay readable here. My own waiting writes stay, and
 * nothing is forgotten while nothing changed (offline, my journal stays readable). */
export async function leftTheSpace(known, me) {
  const was = known?.space;
  if (!was || was.status === 'ended') return;
  if (was.id === me.space?.id && me.space?.status !== 'ended') return;
  await forgetSeen();
  await remember('/api/me', me);
}

/** Sign in (the password stays on this phone: data/credentials.js). */
export async function signIn(email, password) {
  return signedIn(await credentials.signIn(email, password));
}

export async function register(displayName, email, password) {
  return signedIn(await credentials.register(displayName, email, password));
}

async function signedIn({ csrf_token: token, sealing, ...me }) {
  setCsrfToken(token);
  await remember('/api/me', me);
  flush();
  return me;
}

/** Sign out and leave nothing behind on this phone: no data, no cached app, no push. */
export async function signOutAndWipe() {
  const quietly = (work) => work().catch(() => {});
  await quietly(async () => {
    const registration = await navigator.serviceWorker?.getRegistration();
    const subscription = await registration?.pushManager?.getSubscription();
    if (!subscription) return;
    await quietly(() => send('POST', '/api/push/unsubscribe', { endpoint: subscription.endpoint }));
    await subscription.unsubscribe();
  });
  // The server also answers with Clear-Site-Data; we do not rely on it (offline, old browsers).
  await quietly(() => send('POST', '/api/auth/logout'));
  setCsrfToken(null);
  await quietly(wipeDb);
  await quietly(async () => {
    for (const name of await caches.keys()) await caches.delete(name);
  });
  localStorage.clear();
  sessionStorage.clear();
}
