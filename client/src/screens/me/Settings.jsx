import { useEffect, useState } from 'preact/hooks';
import { InstallHint } from '../../components/InstallHint.jsx';
import { send } from '../../data/api.js';
import { lockSettings, removeLock, setLock } from '../../data/lock.js';
import { reminderState, turnOffReminders, turnOnReminders } from '../../data/push.js';

/** Settings for this person and this phone. */
export function Settings({ me, partner, onSignOut, onSpaceLeft, onLockChange }) {
  return (
    <>
      <section class="card">
        <h2>{me.display_name}</h2>
        <p class="quiet">{me.email}</p>
        {partner && <p>Sharing a space with {partner.display_name}.</p>}
      </section>
      <Reminders />
      <AppLock onChange={onLockChange} />
      <InstallHint always />
      <section class="card stack">
        <h2>Leaving</h2>
        <p class="quiet">Either of you can end the shared space at any time, alone. What you wrote
          yourself stays yours.</p>
        <button type="button" class="secondary" onClick={async () => {
          if (!confirm('End the shared space for both of you? This cannot be undone.')) return;
          await send('POST', '/api/space/leave').then(onSpaceLeft).catch(() =>
            alert('That needs a connection. Nothing was changed.'));
        }}>
          Leave our space
        </button>
        <button type="button" onClick={onSignOut}>Sign out and clear this phone</button>
      </section>
    </>
  );
}

const EXPLAIN = {
  unsupported: 'This browser cannot show reminders. On iPhone, add Kintsugi to the Home Screen first.',
  denied: 'Notifications are blocked for Kintsugi in this browser’s settings.',
  off: 'Reminders for the rituals you agreed on. They only ever say “You have a reminder”.',
  on: 'Reminders are on for this phone. They only ever say “You have a reminder”.',
};

function Reminders() {
  const [state, setState] = useState(null);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    reminderState().then(setState);
  }, []);
  const run = (work) => () => {
    setProblem('');
    work().then(setState, () => setProblem('That did not work. Check the connection and try again.'));
  };
  if (!state) return null;
  return (
    <section class="card stack" aria-labelledby="reminders-title">
      <h2 id="reminders-title">Reminders</h2>
      <p data-testid="push-state">{EXPLAIN[state]}</p>
      {state === 'off' && (
        <button type="button" onClick={run(turnOnReminders)}>Turn on reminders</button>
      )}
      {state === 'on' && (
        <button type="button" class="secondary" onClick={run(turnOffReminders)}>
          Turn off reminders on this phone
        </button>
      )}
      {problem && <p class="problem-text" role="alert">{problem}</p>}
    </section>
  );
}

function AppLock({ onChange }) {
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
