// A list as the person expects to see it right after they acted, connection or not: the
// server's records with the writes still waiting in the outbox laid over them (new ones first,
// changes applied, withdrawn ones gone). Writes the server refused are left out: the sync
// status shows those, with both versions, until the person decides.

/** Waiting writes to records of one collection, in the order they were made. */
export function waitingFor(outbox, collection) {
  return outbox.filter((entry) => entry.state === 'waiting' && entry.collection === collection
    && entry.id !== null);
}

/** `records` (the server's, newest first) with what waits in the outbox for `collection`.
 * Each record shown gets `waiting: true` when something about it is not on the server yet.
 * `withNew: false` leaves out records not created yet (for a list's later pages). */
export function withWaitingWrites(records, outbox, collection, { withNew = true } = {}) {
  const writes = waitingFor(outbox, collection);
  const known = new Set(records.map((record) => record.id));
  const created = !withNew ? [] : writes
    .filter((entry) => entry.method === 'PUT' && entry.action === null)
    .map((entry) => ({ ...entry.body, id: entry.id, version: 1, is_mine: true }))
    .filter((record) => !known.has(record.id))
    .reverse();
  const shown = [];
  for (const record of [...created, ...records]) {
    const about = writes.filter((entry) => entry.id === record.id);
    if (about.some((entry) => entry.method === 'DELETE')) continue;
    let now = record;
    for (const entry of about) {
      if (entry.method !== 'PATCH') continue;
      // The server counts a version for each change (apply_change in server/records/rules.py),
      // so the next change names the right one.
      const { version, id: _step, ...changes } = entry.body;
      now = { ...now, ...changes, version: version + 1 };
    }
    shown.push(about.length || !known.has(record.id) ? { ...now, waiting: true } : now);
  }
  return shown;
}
