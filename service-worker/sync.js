// Background Sync: the browser wakes the worker when the connection is back, even if the app is
// closed, and the worker sends the outbox itself (the same module the page uses).
import { SYNC_TAG, entries, flush } from '../client/src/data/outbox.js';

export function isOutboxSync(event) {
  return event.tag === SYNC_TAG;
}

/** Open windows hear about it through the outbox's BroadcastChannel and refresh their lists.
 * If writes are still waiting (the connection dropped again), failing makes the browser retry. */
export async function flushOutbox() {
  await flush();
  const waiting = (await entries()).filter((entry) => entry.state === 'waiting');
  if (waiting.length) throw new Error(`${waiting.length} writes still waiting`);
}
