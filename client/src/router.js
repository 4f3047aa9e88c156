// Which screen is shown, kept in the address (so a reload or a notification lands there) with
// replaceState only: the app is one history entry, which quick exit replaces.
// An address is /<tab> or /<tab>/<section>, e.g. /together/agreements or /me/settings.
import { useEffect, useState } from 'preact/hooks';

export const TABS = ['today', 'truth', 'together', 'journey', 'me'];
const listeners = new Set();

/** {tab, section}: section is '' when the address names none (the tab shows its first). */
export function currentRoute(pathname = location.pathname) {
  const [tab, section = ''] = pathname.split('/').slice(1);
  return TABS.includes(tab) ? { tab, section } : { tab: 'today', section: '' };
}

export function go(tab, section = '') {
  history.replaceState(null, '', section ? `/${tab}/${section}` : `/${tab}`);
  const route = currentRoute();
  for (const listener of listeners) listener(route);
  scrollTo(0, 0);
}

/** Open a URL handed over by a notification click (same origin only). */
export function openUrl(url) {
  const target = new URL(url, location.href);
  if (target.origin !== location.origin) return;
  const { tab, section } = currentRoute(target.pathname);
  go(tab, section);
}

export function useRoute() {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    listeners.add(setRoute);
    return () => listeners.delete(setRoute);
  }, []);
  return route;
}
