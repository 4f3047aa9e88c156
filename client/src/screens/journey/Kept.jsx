import { todayIn } from '../../components/time.js';
import { WINDOWS, actionDaysPath, keptIn, keptWords, ritualKept } from '../../data/kept.js';
import { phoneZone } from '../../data/rituals.js';
import { useApi } from '../../data/store.js';

const LONGEST = WINDOWS.at(-1)[0];

/** Consistency over weeks and months, in words: each of us for small actions, each ritual kept.
 * Counted afresh for every window, so nothing resets. */
export function Kept({ partnerName }) {
  const rituals = (useApi('/api/rituals?limit=100').data?.items || [])
    .filter((ritual) => !ritual.withdrawn_at && ritual.partner_accepted_at);
  return (
    // Folded behind its title: Today already says the last 7 days; weeks and months are here
    // for whoever wants them, and Progress stays within three phone heights.
    <details class="card more stack" data-testid="kept">
      <summary>Kept over time</summary>
      <ActionsKept who="You" person="me" />
      <ActionsKept who={partnerName} person="partner" />
      {rituals.map((ritual) => <RitualKept key={ritual.id} ritual={ritual} />)}
    </details>
  );
}

function ActionsKept({ who, person }) {
  const dates = useApi(actionDaysPath(person, LONGEST)).data?.dates;
  if (!dates) return null;
  const today = todayIn(phoneZone()).date;
  return (
    <div>
      <h3>Small actions · {who}</h3>
      <ul class="plain">
        {WINDOWS.map(([days, window]) => (
          <li key={days}>{keptWords(keptIn(dates, today, days), window)}</li>
        ))}
      </ul>
    </div>
  );
}

function RitualKept({ ritual }) {
  const from = new Date(Date.now() - LONGEST * 86400000).toISOString().slice(0, 10);
  const occurrences = useApi(`/api/rituals/${ritual.id}/occurrences?from=${from}`).data;
  if (!occurrences) return null;
  return (
    <div>
      <h3>{ritual.title}</h3>
      <ul class="plain">
        {WINDOWS.map(([days, window]) => {
          const { due, kept } = ritualKept(ritual, occurrences, days);
          return (
            <li key={days}>{due ? `kept on ${kept} of ${due} ${due === 1 ? 'day' : 'days'} it was due in ${window}`
              : `not due in ${window}`}</li>
          );
        })}
      </ul>
    </div>
  );
}
