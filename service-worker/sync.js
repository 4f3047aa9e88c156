// Background Sync: the browser wakes the worker when the connection is back, even if the app is
// closed, and the worker sends the outbox itself (the same module the page uses).
import { SYNC_TAG, flush } from '../client/src/data/outbox.js';

export function isOutboxSync(event) {
  return event.tag === SYNC_TAG;
}

export async function flushOutbox() {
  const sent = await flush();
  // Tell open windows, so the lists show what arrived on the server.
  for (const client of await self.clients.matchAll({ type: 'window' })) {
    client.postMessage({ type: 'synced', sent });
  }
}
