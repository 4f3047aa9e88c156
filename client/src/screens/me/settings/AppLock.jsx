import { useEffect, useState } from 'preact/hooks';
import { lockSettings, removeLock, setLock } from '../../../data/lock.js';

/** A PIN for this app on this phone, kept here only (hashed), never sent. */
export function AppLock({ onChange }) {
  const [lock, setLockState] = useState(undefined);
  useEffect(() => {
    lockSettings().then(setLockState);
  }, []);
  const save = async (event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await setLock(form.get('pin'), Number(form.get('minutes')));
    const now = await lockSettings();
    setLockState(now);
    onChange(now);
  };
  if (lock === undefined) return null;
  return (
    <section class="card stack" aria-labelledby="lock-title">
      <h2 id="lock-title">App lock</h2>
      {lock ? (
        <>
          <p>On: Kintsugi locks after {lock.minutes} minutes without use.</p>
          <button type="button" class="secondary" onClick={async () => {
            await removeLock();
            setLockState(null);
            onChange(null);
          }}>
            Turn off the app lock
          </button>
        </>
      ) : (
        <form class="stack" onSubmit={save}>
          <p class="quiet">A PIN for this app on this phone. It is kept here only, never sent.</p>
          <label>
            PIN (4 to 8 digits)
            <input name="pin" type="password" inputmode="numeric" autocomplete="new-password"
              required pattern="[0-9]{4,8}" />
          </label>
          <label>
            Lock after
            <select name="minutes">
              {[1, 5, 15, 30].map((m) => <option key={m} value={m} selected={m === 5}>{m} minutes</option>)}
            </select>
          </label>
          <button type="submit">Turn on the app lock</button>
        </form>
      )}
    </section>
  );
}
