import { useEffect, useState } from 'preact/hooks';
import { reminderState, turnOffReminders, turnOnReminders } from '../../../data/push.js';

const EXPLAIN = {
  unsupported: 'This browser cannot show reminders. On iPhone, add Kintsugi to the Home Screen first.',
  denied: 'Notifications are blocked for Kintsugi in this browser’s settings.',
  off: 'Reminders for the rituals you agreed on. They only ever say “You have a reminder”.',
  on: 'Reminders are on for this phone. They only ever say “You have a reminder”.',
};

/** Push on this phone: asked for only when the person taps. */
export function Reminders() {
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
      <h2 id="reminders-title">Reminders on this phone</h2>
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
