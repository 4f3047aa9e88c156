// Everything that takes the password: signing in, registering, confirming it, changing it,
// deleting the account. Each derives on this phone what the server gets instead of the password
// (data/sealing.js) and keeps the journal key here. Nothing here is ever put in the outbox.
import { ApiFailure, send } from './api.js';
import { deviceSetting, setDeviceSetting } from './db.js';
import { derive, freshKdf, newJournalKey, passwordProblem, unwrapKey, wrapKey } from './sealing.js';

const KEY = 'journal-key';
const listeners = new Set();

/** This phone's journal key (a non-extractable CryptoKey), or undefined until the password
 * opened it here. */
export const journalKey = () => deviceSetting(KEY);

/** Call `listener()` when this phone's journal key arrives. */
export function onJournalKey(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function keep(wrapped, wrapping) {
  await setDeviceSetting(KEY, await unwrapKey(wrapped, wrapping));
  for (const listener of listeners) listener();
}

const prelogin = (email) => send('POST', '/api/auth/prelogin', { email });

/** A refusal the phone makes itself, shaped as the server's (the screens explain both alike). */
function refused(field, message) {
  return new ApiFailure(422, { code: 'validation_error', message, fields: { [field]: message } });
}

async function refuseWeak(password, field) {
  const problem = await passwordProblem(password);
  if (problem) throw refused(field, problem);
}

/** Open the journal from a sign-in or confirmation answer's `sealing`; an account from before
 * sealing (no kdf) is moved to it now. */
async function open(sealing, wrapping, password, email, auth) {
  if (sealing.kdf) return keep(sealing.wrapped_journal_key, wrapping);
  return moveToSealing(sealing, password, email, auth);
}

/** An account from before sealing: a fresh salt and a new journal key, the same password. Its
 * plaintext entries are sealed by the journal screen once the key is here. */
async function moveToSealing(sealing, password, email, currentAuth) {
  const kdf = freshKdf(sealing.parameters);
  const { auth, wrapping } = await derive(password, kdf);
  const wrapped = await wrapKey(await newJournalKey(), wrapping);
  try {
    await send('POST', '/api/me/sealing', { current_auth: currentAuth, new_auth: auth,
      new_kdf: kdf, wrapped_journal_key: wrapped });
  } catch (failure) {
    // Another phone of mine moved it a moment ago: open its key instead.
    if (failure instanceof ApiFailure && failure.error.code === 'already_sealed') {
      return openJournal(email, password);
    }
    throw failure;
  }
  return keep(wrapped, wrapping);
}

export async function signIn(email, password) {
  const kdf = await prelogin(email);
  const { auth, wrapping } = await derive(password, kdf);
  const me = await send('POST', '/api/auth/login', { email, auth });
  await open(me.sealing, wrapping, password, email, auth);
  return me;
}

export async function register(displayName, email, password) {
  await refuseWeak(password, 'password');
  // Today's parameters (for an email without an account the answer's salt is made up: a new
  // account takes a random one of its own).
  const kdf = freshKdf(await prelogin(email));
  const { auth, wrapping } = await derive(password, kdf);
  const wrapped = await wrapKey(await newJournalKey(), wrapping);
  await send('POST', '/api/auth/register', { display_name: displayName, email, auth, kdf,
    wrapped_journal_key: wrapped });
  // Signing in with the same derivation: 401 when the email had an account already.
  const me = await send('POST', '/api/auth/login', { email, auth });
  await open(me.sealing, wrapping, password, email, auth);
  return me;
}

/** Open the journal on this phone with the password (no export window opens). */
export async function openJournal(email, password) {
  const { auth, wrapping } = await derive(password, await prelogin(email));
  const sealing = await send('POST', '/api/me/journal-key', { auth });
  await open(sealing, wrapping, password, email, auth);
}

/** Confirm the password (the exports' window) and open the journal on this phone with it. */
export async function confirmPassword(email, password) {
  const { auth, wrapping } = await derive(password, await prelogin(email));
  const answer = await send('POST', '/api/me/reauthenticate', { auth });
  await open(answer.sealing, wrapping, password, email, auth);
  return answer;
}

/** A new password: the journal key is unwrapped with the old one and wrapped with the new one
 * here; the server ends every other session. */
export async function changePassword(email, current, next) {
  await refuseWeak(next, 'new_password');
  const now = await derive(current, await prelogin(email));
  const { sealing } = await send('POST', '/api/me/reauthenticate', { auth: now.auth });
  if (!sealing.kdf) {
    await open(sealing, now.wrapping, current, email, now.auth);
    return changePassword(email, current, next);
  }
  const key = await unwrapKey(sealing.wrapped_journal_key, now.wrapping, true);
  const kdf = freshKdf(sealing.parameters);
  const fresh = await derive(next, kdf);
  const wrapped = await wrapKey(key, fresh.wrapping);
  await send('POST', '/api/me/password', { current_auth: now.auth, new_auth: fresh.auth,
    new_kdf: kdf, wrapped_journal_key: wrapped });
  return keep(wrapped, fresh.wrapping);
}

export async function deleteAccount(email, password) {
  const { auth } = await derive(password, await prelogin(email));
  return send('POST', '/api/me/delete', { auth });
}
