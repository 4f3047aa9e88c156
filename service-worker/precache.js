// The app shell, precached at install: the app opens with no network. Navigations get the shell
// (the app picks the screen from the address); /api is never answered from a cache.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

export function servePrecachedShell(manifest) {
  precacheAndRoute(manifest);
  cleanupOutdatedCaches();
  registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api\//],
  }));
}
