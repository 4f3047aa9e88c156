// The phone's own store (IndexedDB through idb). Shared by the page and the service worker, so it
// must not touch window or document.
//
//   outbox  {seq, method, url, body, label, createdAt, state: 'waiting'|'conflict'|'refused',
//            error?, current?}            every write, in the order the person made it
//   seen    {key: API path, value, savedAt}    the last answer of each GET, shown offline
//   device  {key, value}                        this phone's settings (app lock, ...)
import { deleteDB, openDB } from 'idb';

export const DB_NAME = 'kintsugi';
const VERSION = 1;

let opening = null;

export function db() {
  opening ??= openDB(DB_NAME, VERSION, {
    upgrade(database) {
      database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      database.createObjectStore('seen', { keyPath: 'key' });
      database.createObjectStore('device', { keyPath: 'key' });
    },
    // Another tab (or a logout) wants the database gone: let go of it at once.
    blocking() {
      closeDb();
    },
  });
  return opening;
}

export async function closeDb() {
  const pending = opening;
  opening = null;
  if (pending) (await pending.catch(() => null))?.close();
}

/** Forget everything this phone keeps (logout). The server's Clear-Site-Data may be deleting
 * it at the same moment, which can make our request fail: try again until it is gone. */
export async function wipeDb() {
  await closeDb();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      await deleteDB(DB_NAME);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

export async function remember(key, value) {
  await (await db()).put('seen', { key, value, savedAt: Date.now() });
}

/** Forget every answer kept for offline use (the outbox and this phone's settings stay). */
export async function forgetSeen() {
  await (await db()).clear('seen');
}

export async function recall(key) {
  return (await (await db()).get('seen', key))?.value;
}

export async function deviceSetting(key) {
  return (await (await db()).get('device', key))?.value;
}

export async function setDeviceSetting(key, value) {
  const database = await db();
  if (value === undefined) await database.delete('device', key);
  else await database.put('device', { key, value });
}
