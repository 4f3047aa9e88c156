import { render } from 'preact';
import { App } from './app.jsx';
import { keepLive } from './data/live.js';
import { openUrl } from './router.js';
import { listenForShiftThreeTimes } from './safety/quickExit.js';
import './styles.css';

listenForShiftThreeTimes();
keepLive();
render(<App />, document.getElementById('app'));

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js', { scope: '/' });
  // A tapped notification, when the app was already open: go where it points.
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data?.type === 'navigate') openUrl(event.data.url);
  });
}
