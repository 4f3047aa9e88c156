// While the app is open, online and visible, what the partner does appears without reopening:
// at once when a push arrives (the service worker tells open windows), and otherwise by a
// gentle refresh of the lists on screen. Nothing is fetched while the app is hidden; becoming
// visible again fetches at once (app.jsx).
import { refreshAll } from './store.js';

export const REFRESH_SECONDS = 6;

export function keepLive() {
  let timer = null;
  const tick = () => navigator.onLine && refreshAll();
  const follow = () => {
    clearInterval(timer);
    timer = document.visibilityState === 'visible' ? setInterval(tick, REFRESH_SECONDS * 1000) : null;
  };
  document.addEventListener('visibilitychange', follow);
  follow();
  navigator.serviceWorker?.addEventListener('message', (event) => {
    if (event.data?.type === 'refresh') refreshAll();
  });
}
