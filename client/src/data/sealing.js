// The private journal, sealed on this phone: the password never leaves it, and the server keeps
// only ciphertext. (The server's side, and why each step is as it is: server/auth/sealing.py.)
//
//   master    = Argon2id(password, the account's salt, its parameters)      (hash-wasm, WASM)
//   auth      = HKDF-SHA256(master, 'kintsugi/auth/v1')       → all the server ever receives
//   wrapping  = HKDF-SHA256(master, 'kintsugi/journal-wrapping/v1')  → never leaves the phone
//   journal key: random AES-256-GCM, made on the first phone; the server keeps it wrapped
//   an entry  = AES-256-GCM(journal key, fresh 96-bit nonce, JSON {prompt, text} padded with
//               spaces to a multiple of 256 bytes, additional data 'kintsugi/journal/v1 <id>
//               <version>'): moved to another entry or rolled back to an older version, it
//               does not open.
//
// The unwrapped journal key is kept in this phone's IndexedDB as a non-extractable CryptoKey
// (the page can use it, nothing can read its bytes) until sign-out, which deletes the database.
// No window or document here: the service worker may import the store that imports this.

const AUTH_INFO = 'kintsugi/auth/v1';
const WRAP_INFO = 'kintsugi/journal-wrapping/v1';
const KEY_AD = 'kintsugi/journal-key/v1';
const PADDING = 256;
const PREFIX = 'v1.';
const encoder = new TextEncoder();

export function b64(bytes) {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function unb64(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

const joined = (first, second) => {
  const all = new Uint8Array(first.byteLength + second.byteLength);
  all.set(new Uint8Array(first));
  all.set(new Uint8Array(second), first.byteLength);
  return all;
};

/** Argon2id in WebAssembly, loaded only when a password is typed (sign-in, password screens). */
export async function masterKey(password, kdf) {
  const { argon2id } = await import('hash-wasm');
  return argon2id({
    password, salt: unb64(kdf.salt), parallelism: kdf.parallelism, iterations: kdf.iterations,
    memorySize: kdf.memory_kib, hashLength: 32, outputType: 'binary',
  });
}

async function hkdf(master, info, usage) {
  const base = await crypto.subtle.importKey('raw', master, 'HKDF', false, ['deriveBits',
    'deriveKey']);
  const params = { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0),
    info: encoder.encode(info) };
  if (!usage) return crypto.subtle.deriveBits(params, base, 256);
  return crypto.subtle.deriveKey(params, base, { name: 'AES-GCM', length: 256 }, false, usage);
}

/** What a password gives: the authentication value (base64url) and the wrapping key. */
export async function derive(password, kdf) {
  const master = await masterKey(password, kdf);
  const [auth, wrapping] = await Promise.all([
    hkdf(master, AUTH_INFO),
    hkdf(master, WRAP_INFO, ['wrapKey', 'unwrapKey']),
  ]);
  master.fill(0);
  return { auth: b64(auth), wrapping };
}

/** A new random salt with the parameters of a prelogin answer. */
export function freshKdf(parameters) {
  return {
    algorithm: 'argon2id', salt: b64(crypto.getRandomValues(new Uint8Array(16))),
    memory_kib: parameters.memory_kib, iterations: parameters.iterations,
    parallelism: parameters.parallelism,
  };
}

/** A new journal key: extractable only so it can be wrapped once; keep the result of
 * unwrapKey (non-extractable) on the phone. */
export const newJournalKey = () =>
  crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);

export async function wrapKey(journalKey, wrapping) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrapped = await crypto.subtle.wrapKey('raw', journalKey, wrapping,
    { name: 'AES-GCM', iv, additionalData: encoder.encode(KEY_AD) });
  return PREFIX + b64(joined(iv, wrapped));
}

/** The journal key from its wrapped form; `extractable` only to wrap it anew (a new password). */
export function unwrapKey(wrapped, wrapping, extractable = false) {
  const raw = unb64(wrapped.slice(PREFIX.length));
  return crypto.subtle.unwrapKey('raw', raw.slice(12), wrapping,
    { name: 'AES-GCM', iv: raw.slice(0, 12), additionalData: encoder.encode(KEY_AD) },
    { name: 'AES-GCM', length: 256 }, extractable, ['encrypt', 'decrypt']);
}

const entryAd = (id, version) => encoder.encode(`kintsugi/journal/v1 ${id} ${version}`);

/** Seal an entry's words for the version the server will give it (1 when created, the version
 * a change is based on + 1). */
export async function sealEntry(key, id, version, { prompt = null, text }) {
  const plain = encoder.encode(JSON.stringify({ prompt, text }));
  const padded = new Uint8Array(Math.ceil(plain.length / PADDING) * PADDING).fill(0x20);
  padded.set(plain);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv,
    additionalData: entryAd(id, version) }, key, padded);
  return PREFIX + b64(joined(iv, sealed));
}

/** The entry's {prompt, text}; throws when it does not open: another key, another entry's or
 * version's ciphertext, or changed on the way. */
export async function openEntry(key, id, version, sealed) {
  const raw = unb64(sealed.slice(PREFIX.length));
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: raw.slice(0, 12),
    additionalData: entryAd(id, version) }, key, raw.slice(12));
  return JSON.parse(new TextDecoder().decode(plain));
}

// --- Choosing a password: only the phone sees it, so only the phone can refuse a weak one ------

let common = null;

/** The 20,000 most common passwords (from the server, once, when a password is being chosen). */
async function commonPasswords() {
  common ??= fetch('/api/auth/common-passwords', { credentials: 'same-origin' })
    .then((response) => {
      if (!response.ok) throw new Error('The list of common passwords did not come.');
      return response.text();
    })
    .then((text) => new Set(text.split('\n').map((line) => line.trim().toLowerCase())))
    .catch((failure) => {
      common = null;
      throw failure;
    });
  return common;
}

/** Why this password may not be chosen, or null. */
export async function passwordProblem(password) {
  if (password.length < 8) return 'Use at least 8 characters.';
  if (password.length > 128) return 'Use at most 128 characters.';
  if ((await commonPasswords()).has(password.trim().toLowerCase())) {
    return 'This password is too common; choose one that is hard to guess.';
  }
  return null;
}
