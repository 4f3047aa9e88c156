// What the Settings section does with the server. Two kinds of write:
// - choices that can wait for a connection (notification switches, quiet hours, my name) go
//   through the outbox: each is a whole-document PUT/PATCH, so a replay changes nothing twice;
// - account actions that must be sure when the person is told they happened (ending a session,
//   removing a device, a new password, the export, leaving, deleting the account) are sent at
//   once and say plainly when there is no connection. Nothing of them is kept for later: a
//   person who fears someone has their account must not believe a session ended while it waits.
import { ApiFailure, Offline, get, getFile, send } from './api.js';
import * as credentials from './credentials.js';
import { readableJournal } from './readableJournal.js';
import { lastKnownMe, write } from './store.js';

export const PREFERENCES = '/api/push/preferences';

export const NEEDS_CONNECTION = 'That needs a connection. Nothing was changed.';

/** The words for a failed account action: offline, the server's own message, or a gentle
 * fallback. */
export function explain(failure) {
  if (failure instanceof Offline) return NEEDS_CONNECTION;
  if (failure instanceof ApiFailure) {
    const fields = Object.values(failure.error.fields || {});
    return fields.length ? fields.join(' ') : failure.message;
  }
  return 'Something went wrong. Nothing was changed. Please try again.';
}

/** Run an account action now, or refuse at once when the phone knows it is offline. */
function atOnce(action) {
  if (!navigator.onLine) return Promise.reject(new Offline());
  return action();
}

/** This phone's time zone, for quiet hours (the server checks it against the IANA list). */
export const phoneTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

// --- Through the outbox --------------------------------------------------------------------

/** The whole preferences document (PUT replaces it). */
export const savePreferences = (preferences) =>
  write('PUT', { collection: 'push', action: 'preferences' }, preferences, 'Notification settings');

export const rename = (displayName) =>
  write('PATCH', { collection: 'me' }, { display_name: displayName }, 'My name');

/** The newest change to `url` still waiting in the outbox (its body), else undefined. */
export function waitingChange(outbox, url) {
  return outbox.filter((entry) => entry.url === url && entry.state === 'waiting').at(-1)?.body;
}

// --- At once, with a connection ------------------------------------------------------------

export const endSession = (id) => atOnce(() => send('DELETE', `/api/sessions/${id}`));

/** End every session but this phone's. One that ended meanwhile (404) is already what we want. */
export const endOtherSessions = (sessions) => atOnce(async () => {
  for (const session of sessions.filter((one) => !one.current)) {
    await send('DELETE', `/api/sessions/${session.id}`).catch((failure) => {
      if (!(failure instanceof ApiFailure && failure.status === 404)) throw failure;
    });
  }
});

export const removeDevice = (id) => atOnce(() => send('DELETE', `/api/push/subscriptions/${id}`));

// The password never leaves the phone: these derive what the server gets (data/credentials.js).
const myEmail = async () => (await lastKnownMe())?.email;

export const changePassword = (currentPassword, newPassword) => atOnce(async () =>
  credentials.changePassword(await myEmail(), currentPassword, newPassword));

export const leaveSpace = () => atOnce(() => send('POST', '/api/space/leave'));

export const deleteAccount = (password) => atOnce(async () =>
  credentials.deleteAccount(await myEmail(), password));

/** The server asks for the password again before it hands over my data (a few minutes' window). */
export const needsPasswordAgain = (failure) =>
  failure instanceof ApiFailure && failure.error.code === 'reauthentication_required';

export const confirmPassword = (password) =>
  atOnce(async () => credentials.confirmPassword(await myEmail(), password));

/** Hand a file to the browser as a download on this phone; returns its name. */
function saveFile(file, name) {
  const url = URL.createObjectURL(file);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once click() returns; the URL is no longer needed after.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return name;
}

/** My export for machines: one JSON file. Returns the file's name. */
export const downloadExport = () => atOnce(async () => {
  const data = await get('/api/export');
  const name = `kintsugi-export-${data.exported_at.slice(0, 10)}.json`;
  return saveFile(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), name);
});

/** My export to read and print: one dated HTML document, made by the server. */
export const downloadReadableExport = () => atOnce(async () => {
  const { blob, name } = await getFile('/api/export/readable');
  return saveFile(blob, name || 'kintsugi.html');
});

/** My journal to read and print, opened and made on this phone (the server cannot read it). The
 * sealed entries come from the data export, so it asks for the password again as that does. */
export const downloadReadableJournal = () => atOnce(async () => {
  const data = await get('/api/export');
  const key = await credentials.journalKey();
  if (!key) {
    throw new ApiFailure(403, { code: 'reauthentication_required',
      message: 'Type your password to open your journal on this phone.' });
  }
  const prompts = await get('/api/journal/prompts');
  const html = await readableJournal(data.records.journal_entry, key, prompts,
    data.account.display_name);
  return saveFile(new Blob([html], { type: 'text/html' }),
    `kintsugi-journal-${data.exported_at.slice(0, 10)}.html`);
});
