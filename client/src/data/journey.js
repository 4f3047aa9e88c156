// Older pages of the journey timeline. The first page is an ordinary useApi() read; the pages
// after it are fetched when the person scrolls, and each is kept on the phone under its own
// address, so what was scrolled through before can be scrolled through again offline.
import { Offline, get } from './api.js';
import { recall, remember } from './db.js';

/** {page, offline}: the server's page (kept for next time), or offline the kept one (or none). */
export async function olderTimelinePage(path) {
  try {
    const page = await get(path);
    await remember(path, page);
    return { page, offline: false };
  } catch (failure) {
    if (!(failure instanceof Offline)) throw failure;
    return { page: await recall(path), offline: true };
  }
}
