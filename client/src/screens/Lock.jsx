import { useState } from 'preact/hooks';
import { pinMatches, touch } from '../data/lock.js';

/** The app lock. Forgetting the PIN is not a dead end: signing out wipes this phone. */
export function Lock({ onUnlock, onSignOut }) {
  const [problem, setProblem] = useState('');
  async function unlock(event) {
    event.preventDefault();
    const pin = new FormData(event.currentTarget).get('pin');
    if (await pinMatches(pin)) {
      touch();
      onUnlock();
    } else {
      setProblem('That PIN is not the one set on this phone.');
      event.currentTarget.reset();
    }
  }
  return (
    <main class="screen lock" id="main">
      <h1>Kintsugi is locked</h1>
      <form class="stack" onSubmit={unlock}>
        <label>
          PIN
          <input name="pin" type="password" inputmode="numeric" autocomplete="off" required
            pattern="[0-9]{4,8}" autofocus />
        </label>
        {problem && <p class="problem-text" role="alert">{problem}</p>}
        <button type="submit">Unlock</button>
      </form>
      <p class="quiet">Forgot the PIN? Sign out: this clears everything on this phone, and you
        sign in again.</p>
      <button type="button" class="secondary" onClick={onSignOut}>Sign out and clear this phone</button>
    </main>
  );
}
