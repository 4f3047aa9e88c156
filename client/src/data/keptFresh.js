// The phone keeps the last answer of each list to show it offline. A list on screen is fetched
// again after every sync, but one that is not shown would keep its old answer: write a journal
// entry, go to Today, lose the connection, come back to the journal, and the entry would be
// missing. So once writes to a collection have left the outbox, the lists of it that this phone
// keeps are fetched and kept again, shown or not.
import { get } from './api.js';
import { recall, remember } from './db.js';
import { entries, onOutboxChange } from './outbox.js';

const about = (all, collection) => all.some((entry) => entry.url.startsWith(`/api/${collection}/`));

/** Keep `paths` (GET paths of `collection`'s lists) fresh after this phone's writes to it.
 * Called once, when a screen's module loads; it opens nothing until the outbox changes. */
export function keepFresh(collection, paths) {
  let written = false; // a write to the collection was seen in the outbox since the last fetch
  const note = (all) => {
    written ||= about(all, collection);
    return all;
  };
  onOutboxChange(async ({ sent } = {}) => {
    const all = note(await entries());
    if (!sent || !written) return;
    written = about(all, collection); // some still waiting: fetch again after those too
    for (const path of paths) {
      // Only lists this phone already keeps (opened once), and quietly: offline, it stays.
      if ((await recall(path)) === undefined) continue;
      await get(path).then((answer) => remember(path, answer)).catch(() => {});
    }
  });
}
