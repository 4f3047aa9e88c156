// Kintsugi's service worker: only wiring. The shell (precache.js), reminders (push.js) and the
// outbox replay (sync.js) live in their own modules.
import { servePrecachedShell } from './precache.js';
import { openTarget, refreshOpenWindows, showPush } from './push.js';
import { flushOutbox, isOutboxSync } from './sync.js';

servePrecachedShell(self.__WB_MANIFEST);

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) =>
  event.waitUntil(Promise.all([showPush(event), refreshOpenWindows()])));

self.addEventListener('notificationclick', (event) => {
  const opening = openTarget(event.notification);
  // A click made by the browser can keep the worker alive until the window is open.
  if (event.isTrusted) event.waitUntil(opening);
});

self.addEventListener('sync', (event) => {
  if (isOutboxSync(event)) event.waitUntil(flushOutbox());
});
