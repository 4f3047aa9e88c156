// A list as the person expects to see it right after they acted, connection or not: the
// server's records with the writes still waiting in the outbox laid over them (new ones first,
// changes applied, withdrawn ones gone). Writes the server refused are left out: the sync
// status shows those, with both versions, until the person decides.

/** The record id a write to /api/<collection>/<id>[/...] is about, or null. */
function recordId(entry, collection) {
  const [, api, kind, id] = entry.url.split('/');
  return api === 'api' && kind === collection ? id : null;
}

/** Waiting writes to one collection, in the order they were made. */
export function waitingFor(outbox, collection) {
  return outbox.filter((entry) => entry.state === 'waiting' && recordId(entry, collection));
}

/** `records` (the server's, newest first) with what waits in the outbox for `collection`.
 * Each record shown gets `waiting: true` when something about it is not on the server yet.
 * `withNew: false` leaves out records not created yet (for a list's later pages). */
export function withWaitingWrites(records, outbox, collection, { withNew = true } = {}) {
  const writes = waitingFor(outbox, collection);
  const known = new Set(records.map((record) => record.id));
  const created = !withNew ? [] : writes
    .filter((entry) => entry.method === 'PUT' && entry.url.split('/').length === 4)
    .map((entry) => ({ ...entry.body, id: recordId(entry, collection), version: 1, is_mine: true }))
    .filter((record) => !known.has(record.id))
    .reverse();
  const shown = [];
  for (const record of [...created, ...records]) {
    const about = writes.filter((entry) => recordId(entry, collection) === record.id);
    if (about.some((entry) => entry.method === 'DELETE')) continue;
    let now = record;
    for (const entry of about) {
      if (entry.method !== 'PATCH') continue;
      // The server counts a version for each change, so the next change names the right one.
      const { version, ...changes } = entry.body;
      now = { ...now, ...changes, version: version + 1 };
    }
    shown.push(about.length || !known.has(record.id) ? { ...now, waiting: true } : now);
  }
  return shown;
}
