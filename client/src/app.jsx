import { useEffect, useState } from 'preact/hooks';

// The welcome page until the full phone app arrives: it says what Kintsugi is and checks the API.
export function App() {
  const [health, setHealth] = useState('checking');

  useEffect(() => {
    fetch('/api/health', { credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((body) => setHealth(body.status))
      .catch(() => setHealth('unreachable'));
  }, []);

  return (
    <main class="welcome">
      <h1>Kintsugi</h1>
      <p>
        A private space for two partners rebuilding trust after a betrayal. The break stays
        visible; the mended bowl is stronger.
      </p>
      <p class="status" data-testid="health">
        Server: <span>{health}</span>
      </p>
    </main>
  );
}
