// Background Sync: the browser wakes the worker when the connection is back, even if the app is
// closed, and the worker sends the outbox itself (the same module the page uses).
import { SYNC_TAG, flush } from '../client/src/data/outbox.js';

export function isOutboxSync(event) {
  return event.tag === SYNC_TAG;
}

/** Open windows hear about it through the outbox's BroadcastChannel and refresh their lists. */
export function flushOutbox() {
  return flush();
}
