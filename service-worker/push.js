// Pushes arrive in the Declarative Web Push JSON shape:
//   {"web_push": 8030, "notification": {"title", "body", "navigate", "tag", "silent"}}
// Safari can show that without us; here the worker shows it. The words are generic by design
// (the server never puts names or content in a push); the tag lets a repeat replace the first.
const FALLBACK = { title: 'Kintsugi', body: 'You have a reminder', navigate: '/' };

export function notificationFrom(data) {
  let message = null;
  try {
    message = data?.json();
  } catch {
    message = null;
  }
  const notification = { ...FALLBACK, ...(message?.notification || {}) };
  return {
    title: notification.title,
    options: {
      body: notification.body,
      tag: notification.tag,
      silent: Boolean(notification.silent),
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { navigate: new URL(notification.navigate || '/', self.location.origin).href },
    },
  };
}

export async function showPush(event) {
  const { title, options } = notificationFrom(event.data);
  await self.registration.showNotification(title, options);
}

/** A push means something changed on the server: open windows of the app fetch again, so the
 * partner's new check-in or "I noticed" shows at once (the push itself names nothing). */
export async function refreshOpenWindows() {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) client.postMessage({ type: 'refresh' });
}

/** Focus a window of the app and tell it where to go, or open one at the target. */
export async function openTarget(notification) {
  notification.close();
  const target = notification.data?.navigate || new URL('/', self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (!open) return self.clients.openWindow(target);
  open.postMessage({ type: 'navigate', url: target });
  return open.focus().catch(() => open);
}
