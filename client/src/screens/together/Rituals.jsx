import { useEffect, useState } from 'preact/hooks';
import { reminderState, turnOnReminders } from '../../data/push.js';
import { useApi } from '../../data/store.js';
import {
  acceptRitual, pauseRitual, switchReminder, withWaitingRitualWrites,
} from '../../data/rituals.js';
import { RitualForm } from './RitualForm.jsx';
import { DueRituals } from '../../components/DueRituals.jsx';
import { RitualLine } from '../../components/RitualLine.jsx';
import './rituals.css';

/** Rituals both agreed on: what is due today, what waits for a yes, ours, and a new one. */
export function Rituals({ me, partner, outbox }) {
  const partnerName = partner?.display_name || 'Your partner';
  const answer = useApi('/api/rituals?limit=100');
  const rituals = withWaitingRitualWrites(answer.data?.items || [], outbox)
    .filter((ritual) => !ritual.withdrawn_at);
  const proposed = rituals.filter((ritual) => ritual.state === 'proposed');
  const agreed = rituals.filter((ritual) => ritual.state !== 'proposed');
  const [phone, allowOnPhone] = usePhoneReminders();
  return (
    <>
      <DueRituals rituals={rituals} me={me} partnerName={partnerName} heading="Due today"
        testId="rituals-due" empty="Nothing today. Rest is part of it too." />
      {proposed.length > 0 && (
        <section class="card" aria-labelledby="proposed-title" data-testid="rituals-proposed">
          <h2 id="proposed-title">Waiting for a yes</h2>
          <ul class="plain list">
            {proposed.map((ritual) => (
              <li key={ritual.id}>
                <RitualLine ritual={ritual} />
                {ritual.is_mine ? (
                  <p class="quiet">
                    Waiting for {partnerName}’s yes. It starts when you both agree.
                  </p>
                ) : (
                  <div class="row">
                    <p class="grow">{partnerName} suggested this.</p>
                    <button type="button" aria-label={`Yes, let’s do it: ${ritual.title}`}
                      onClick={() => acceptRitual(ritual)}>
                      Yes, let’s do it
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="card" aria-labelledby="ours-title" data-testid="rituals-ours">
        <h2 id="ours-title">Our rituals</h2>
        {agreed.length ? (
          <>
            <ul class="plain list">
              {agreed.map((ritual) => <AgreedRitual key={ritual.id} ritual={ritual}
                remindsHere={phone === 'on'} allowOnPhone={allowOnPhone} />)}
            </ul>
            <PhoneReminders state={phone} allow={allowOnPhone} />
          </>
        ) : (
          <p class="quiet">
            {answer.data || answer.offline
              ? 'None yet. A ritual is something small you both agree to do, again and '
                + 'again — an evening check-in, a Sunday walk.'
              : 'Loading…'}
          </p>
        )}
      </section>
      <RitualForm partnerName={partnerName} />
    </>
  );
}

/** This phone's side of "Remind me": 'on' only when it may show notifications and is subscribed;
 * 'unknown' until asked. `allow()` asks (on a tap only) and subscribes. */
function usePhoneReminders() {
  const [state, setState] = useState('unknown');
  useEffect(() => {
    reminderState().then(setState, () => setState('off'));
  }, []);
  const allow = () => turnOnReminders().catch(() => 'off').then((now) => {
    setState(now);
    return now;
  });
  return [state, allow];
}

const PHONE_WORDS = {
  off: 'Notifications are off on this phone, so no reminder comes here.',
  denied: 'This phone blocks notifications from Kintsugi. Allow them in the browser’s site '
    + 'settings, then come back.',
  unsupported: 'This browser cannot show reminders. On iPhone, add Kintsugi to the Home Screen '
    + 'first.',
};

function PhoneReminders({ state, allow }) {
  if (state === 'on') {
    return <p class="quiet">Reminders come to this phone. They never show what the ritual is.</p>;
  }
  if (state === 'unknown') return null;
  return (
    <div class="stack" data-testid="phone-reminders">
      <p class="quiet">{PHONE_WORDS[state]}</p>
      {state === 'off' && (
        <button type="button" class="secondary" onClick={allow}>
          Allow notifications on this phone
        </button>
      )}
    </div>
  );
}

/** "Remind me" shows on only when it is true for this phone: my wish (kept on the server, for
 * all my phones) and this phone allowed and subscribed. Switching it on here first asks. */
function AgreedRitual({ ritual, remindsHere, allowOnPhone }) {
  const paused = ritual.state === 'paused';
  const on = ritual.reminder_on && remindsHere;
  const flip = async () => {
    if (on) return switchReminder(ritual, false);
    if (!remindsHere && (await allowOnPhone()) !== 'on') return undefined;
    if (!ritual.reminder_on) switchReminder(ritual, true);
    return undefined;
  };
  return (
    <li data-testid="ritual">
      <RitualLine ritual={ritual} />
      {paused && <p class="paused-note">Paused. No reminders until one of you resumes it.</p>}
      <div class="row ritual-controls">
        <button type="button" role="switch" class="reminder-switch" aria-checked={on}
          aria-label={`Remind me of ${ritual.title}`} onClick={flip}>
          <span class="track" aria-hidden="true" />
          Remind me
        </button>
        <button type="button" class="secondary"
          aria-label={`${paused ? 'Resume' : 'Pause'} ${ritual.title}`}
          onClick={() => pauseRitual(ritual, !paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
      </div>
    </li>
  );
}

