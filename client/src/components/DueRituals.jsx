import { dueToday, markDay } from '../data/rituals.js';
import { useApi } from '../data/store.js';
import '../screens/together/rituals.css';
import { RitualLine } from './RitualLine.jsx';

/** Today's rituals with both partners' marks (the server's, mine laid over while it waits to
 * sync) and "we did it" / "we skipped it": one list for Today and for Together → Rituals.
 * `rituals` already carry the outbox's waiting writes (withWaitingRitualWrites). With no
 * `empty` words, nothing is shown on a day without rituals. */
export function DueRituals({ rituals, me, partnerName, heading, testId, empty }) {
  const due = dueToday(rituals);
  if (!due.length && !empty) return null;
  return (
    <section class="card" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>{heading}</h2>
      {due.length ? (
        <ul class="plain list">
          {due.map(({ ritual, day }) => (
            <DueRitual key={ritual.id} ritual={ritual} day={day.date} me={me}
              partnerName={partnerName} />
          ))}
        </ul>
      ) : (
        <p class="quiet">{empty}</p>
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
