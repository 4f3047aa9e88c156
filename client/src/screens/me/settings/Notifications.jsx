import { useState } from 'preact/hooks';
import { PREFERENCES, phoneTimeZone, savePreferences, waitingChange } from '../../../data/settings.js';
import { useApi } from '../../../data/store.js';

// The notifications other than ritual reminders (those come with each ritual both agreed on).
const KINDS = [
  ['acknowledged', 'My partner noticed something of mine'],
  ['answered', 'A question of mine was answered'],
  ['consent', 'An agreement needs my consent'],
  ['pause', 'My partner asked for a pause'],
  ['daily', 'My partner answered today’s question'],
];

const hhmm = (time) => time?.slice(0, 5) ?? '';

/** Which notifications I get and my quiet hours. Saved through the outbox (the server takes the
 * whole document each time), so a change made offline is kept and sent later. */
export function Notifications({ outbox }) {
  const answer = useApi(PREFERENCES);
  const [chosen, setChosen] = useState(null);
  const shown = chosen || waitingChange(outbox, PREFERENCES) || answer.data;

  if (!shown) {
    return (
      <section class="card" aria-labelledby="notifications-title">
        <h2 id="notifications-title">Notifications</h2>
        <p class="quiet">
          {answer.offline ? 'These show once there is a connection.' : 'Loading…'}
        </p>
      </section>
    );
  }
  const save = (changes) => {
    const next = { ...shown, ...changes };
    setChosen(next);
    savePreferences(next);
  };
  return (
    <section class="card stack" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      <p class="quiet">On the phones where reminders are on. They never show a name or a word of
        what was written.</p>
      <ul class="plain switches">
        {KINDS.map(([kind, label]) => (
          <li key={kind}>
            <button type="button" role="switch" class="switch" aria-checked={shown[kind]}
              onClick={() => save({ [kind]: !shown[kind] })}>
              <span>{label}</span>
              <span class="switch-state" aria-hidden="true">{shown[kind] ? 'On' : 'Off'}</span>
            </button>
          </li>
        ))}
      </ul>
      <QuietHours preferences={shown} onSave={save} />
      {waitingChange(outbox, PREFERENCES) && <p class="quiet">Waiting to sync.</p>}
    </section>
  );
}

function QuietHours({ preferences, onSave }) {
  const set = preferences.quiet_from && preferences.quiet_until;
  const submit = (event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onSave({ quiet_from: form.get('from'), quiet_until: form.get('until'),
      time_zone: phoneTimeZone() });
  };
  return (
    <form class="stack" onSubmit={submit} aria-labelledby="quiet-title">
      <h3 id="quiet-title">Quiet hours</h3>
      <p data-testid="quiet-hours">
        {set
          ? `None of these between ${hhmm(preferences.quiet_from)} and ` +
            `${hhmm(preferences.quiet_until)} (${preferences.time_zone}); they wait until then.`
          : 'No quiet hours: these come when they happen.'}
        {' '}Ritual reminders still come at the time you both agreed on.
      </p>
      <div class="inline">
        <label class="grow">
          From
          <input name="from" type="time" required
            defaultValue={hhmm(preferences.quiet_from) || '22:00'} />
        </label>
        <label class="grow">
          Until
          <input name="until" type="time" required
            defaultValue={hhmm(preferences.quiet_until) || '07:00'} />
        </label>
      </div>
      <div class="row">
        <button type="submit">Save quiet hours</button>
        {set && (
          <button type="button" class="secondary"
            onClick={() => onSave({ quiet_from: null, quiet_until: null })}>
            No quiet hours
          </button>
        )}
      </div>
    </form>
  );
}
