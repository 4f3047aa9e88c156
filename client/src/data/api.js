// fetch for our API: same-origin cookies, the CSRF header on every state-changing request, JSON
// in and out. Works in the page and in the service worker.

export class Offline extends Error {
  constructor() {
    super('No connection');
  }
}

/** An answer that is not 2xx; `error` is the server's {code, message, fields}. */
export class ApiFailure extends Error {
  constructor(status, error) {
    super(error?.message || `The server answered ${status}`);
    this.status = status;
    this.error = error || {};
  }
}

let csrfToken = null;

export function setCsrfToken(token) {
  csrfToken = token || null;
}

async function freshCsrfToken() {
  const answer = await call('GET', '/api/auth/csrf');
  csrfToken = answer.csrf_token;
  return csrfToken;
}

async function call(method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers['X-CSRFToken'] = token;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new Offline();
  }
  const payload = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw new ApiFailure(response.status, payload?.error);
  return payload;
}

export function get(path) {
  return call('GET', path);
}

/** POST/PUT/PATCH/DELETE with the CSRF token; a stale token is renewed once. */
export async function send(method, path, body) {
  const token = csrfToken || (await freshCsrfToken());
  try {
    return await call(method, path, body, token);
  } catch (failure) {
    if (failure instanceof ApiFailure && failure.error.code === 'csrf_failed') {
      return call(method, path, body, await freshCsrfToken());
    }
    throw failure;
  }
}

/** GET a file the server makes (not JSON, e.g. the readable export): its contents and the name
 * the server suggests. A refusal is an ApiFailure with the server's JSON error, as for call(). */
export async function getFile(path) {
  let response;
  try {
    response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new Offline();
  }
  if (!response.ok) {
    const payload = await response.json().catch(() => null);
    throw new ApiFailure(response.status, payload?.error);
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  return { blob: await response.blob(), name: /filename="([^"]+)"/.exec(disposition)?.[1] };
}
