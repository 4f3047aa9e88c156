// Which screen is shown, kept in the address (so a reload or a notification lands there) with
// replaceState only: the app is one history entry, which quick exit replaces.
// An address is /<tab>, /<tab>/<section> or /<tab>/<section>/<page>, e.g. /together/agreements,
// /me/settings or /me/settings/privacy (a page within a section).
import { useEffect, useState } from 'preact/hooks';

export const TABS = ['today', 'truth', 'together', 'journey', 'me'];
const listeners = new Set();

/** {tab, section, page}: section is '' when the address names none (the tab shows its first),
 * page '' when it names no page within the section. */
export function currentRoute(pathname = location.pathname) {
  const [tab, section = '', page = ''] = pathname.split('/').slice(1);
  return TABS.includes(tab) ? { tab, section, page } : { tab: 'today', section: '', page: '' };
}

export function go(tab, section = '', page = '') {
  history.replaceState(null, '', `/${[tab, section, page].filter(Boolean).join('/')}`);
  const route = currentRoute();
  for (const listener of listeners) listener(route);
  scrollTo(0, 0);
}

/** Open a URL handed over by a notification click (same origin only). */
export function openUrl(url) {
  const target = new URL(url, location.href);
  if (target.origin !== location.origin) return;
  const { tab, section, page } = currentRoute(target.pathname);
  go(tab, section, page);
}

export function useRoute() {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    listeners.add(setRoute);
    return () => listeners.delete(setRoute);
  }, []);
  return route;
}
