import { useApi } from '../../data/store.js';
import {
  acceptRitual, dueToday, markDay, pauseRitual, switchReminder, withWaitingRitualWrites,
} from '../../data/rituals.js';
import { RitualForm } from './RitualForm.jsx';
import { RitualLine } from './RitualLine.jsx';
import './rituals.css';

/** Rituals both agreed on: what is due today, what waits for a yes, ours, and a new one. */
export function Rituals({ me, partner, outbox }) {
  const partnerName = partner?.display_name || 'Your partner';
  const answer = useApi('/api/rituals?limit=100');
  const rituals = withWaitingRitualWrites(answer.data?.items || [], outbox)
    .filter((ritual) => !ritual.withdrawn_at);
  const proposed = rituals.filter((ritual) => ritual.state === 'proposed');
  const agreed = rituals.filter((ritual) => ritual.state !== 'proposed');
  return (
    <>
      <DueToday rituals={rituals} me={me} partnerName={partnerName} />
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
              {agreed.map((ritual) => <AgreedRitual key={ritual.id} ritual={ritual} />)}
            </ul>
            <p class="quiet">Reminders come to the phones where you turned them on in Me ›
              Settings. They never show what the ritual is.</p>
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

function AgreedRitual({ ritual }) {
  const paused = ritual.state === 'paused';
  return (
    <li data-testid="ritual">
      <RitualLine ritual={ritual} />
      {paused && <p class="paused-note">Paused. No reminders until one of you resumes it.</p>}
      <div class="row ritual-controls">
        <button type="button" role="switch" class="reminder-switch" aria-checked={ritual.reminder_on}
          aria-label={`Remind me of ${ritual.title}`}
          onClick={() => switchReminder(ritual, !ritual.reminder_on)}>
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

function DueToday({ rituals, me, partnerName }) {
  const due = dueToday(rituals);
  return (
    <section class="card" aria-labelledby="due-title" data-testid="rituals-due">
      <h2 id="due-title">Due today</h2>
      {due.length ? (
        <ul class="plain list">
          {due.map(({ ritual, day }) => (
            <DueRitual key={ritual.id} ritual={ritual} day={day.date} me={me}
              partnerName={partnerName} />
          ))}
        </ul>
      ) : (
        <p class="quiet">Nothing today. Rest is part of it too.</p>
      )}
    </section>
  );
}

const MARKS = [['done', 'We did it'], ['skipped', 'We skipped it']];
const MARK_WORDS = { done: 'done', skipped: 'skipped' };

function DueRitual({ ritual, day, me, partnerName }) {
  const occurrences = useApi(`/api/rituals/${ritual.id}/occurrences?from=${day}`).data || [];
  const marks = occurrences.find((occurrence) => occurrence.local_date === day)?.marks || [];
  const mine = ritual.my_marks[day] ?? marks.find((mark) => mark.user_id === me.id)?.status;
  const theirs = marks.find((mark) => mark.user_id !== me.id)?.status;
  return (
    <li data-testid="due-ritual">
      <RitualLine ritual={ritual} />
      <div class="chips marks-chips" role="group" aria-label={`Today: ${ritual.title}`}>
        {MARKS.map(([status, words]) => (
          <button key={status} type="button" class="chip" aria-pressed={mine === status}
            onClick={() => mine !== status && markDay(ritual, day, status)}>
            {words}
          </button>
        ))}
      </div>
      <p class="quiet marks">
        {mine ? `You: ${MARK_WORDS[mine]}` : 'You: not yet'}
        {ritual.my_marks[day] && ' (waiting to sync)'}
        {' · '}
        {partnerName}: {theirs ? MARK_WORDS[theirs] : 'not yet'}
      </p>
    </li>
  );
}
