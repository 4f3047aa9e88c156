// The optional app lock: a PIN kept on this phone only, as a salted PBKDF2 hash, never the PIN.
// After `minutes` without a touch (or when the app comes back after that long) the lock shows.
import { deviceSetting, setDeviceSetting } from './db.js';

const ITERATIONS = 210000;
const LAST_ACTIVE = 'kintsugi-last-active';

async function hashPin(pin, salt) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false,
    ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt,
    iterations: ITERATIONS }, key, 256);
  return new Uint8Array(bits);
}

/** {minutes} when a lock is set, else null. */
export async function lockSettings() {
  const lock = await deviceSetting('lock');
  return lock ? { minutes: lock.minutes } : null;
}

export async function setLock(pin, minutes) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  await setDeviceSetting('lock', { salt, hash: await hashPin(pin, salt), minutes });
  touch();
}

export async function removeLock() {
  await setDeviceSetting('lock', undefined);
}

export async function pinMatches(pin) {
  const lock = await deviceSetting('lock');
  if (!lock) return true;
  const hash = await hashPin(pin, lock.salt);
  // Compare every byte, so the time taken says nothing about how much matched.
  let difference = hash.length ^ lock.hash.length;
  for (let i = 0; i < hash.length; i += 1) difference |= hash[i] ^ lock.hash[i];
  return difference === 0;
}

export function touch() {
  localStorage.setItem(LAST_ACTIVE, String(Date.now()));
}

export function idleMinutes() {
  const last = Number(localStorage.getItem(LAST_ACTIVE) || 0);
  return (Date.now() - last) / 60000;
}
