// Which screen is shown, kept in the address (so a reload or a notification lands there) with
// replaceState only: the app is one history entry, which quick exit replaces.
import { useEffect, useState } from 'preact/hooks';

export const TABS = ['today', 'truth', 'together', 'journey', 'me'];
const listeners = new Set();

export function currentTab() {
  const name = location.pathname.split('/')[1];
  return TABS.includes(name) ? name : 'today';
}

export function go(tab) {
  history.replaceState(null, '', `/${tab}`);
  for (const listener of listeners) listener(tab);
  scrollTo(0, 0);
}

/** Open a URL handed over by a notification click (same origin only). */
export function openUrl(url) {
  const target = new URL(url, location.href);
  if (target.origin === location.origin) go(TABS.includes(target.pathname.split('/')[1])
    ? target.pathname.split('/')[1] : 'today');
}

export function useTab() {
  const [tab, setTab] = useState(currentTab);
  useEffect(() => {
    listeners.add(setTab);
    return () => listeners.delete(setTab);
  }, []);
  return tab;
}
