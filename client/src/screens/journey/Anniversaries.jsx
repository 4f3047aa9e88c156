import { useState } from 'preact/hooks';
import { localNow, useApi, write } from '../../data/store.js';

const DISCOVERY_URL = '/api/journey/discovery-date';
const longDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
const YEARS = ['', 'One year', 'Two years', 'Three years', 'Four years', 'Five years', 'Six years',
  'Seven years', 'Eight years', 'Nine years', 'Ten years'];
// How many days ahead a coming date is mentioned.
const SOON_DAYS = 14;

const dateOf = (iso) => {
  const [year, month, day] = iso.split('-').map(Number);
  return longDate.format(new Date(year, month - 1, day));
};
const yearsIn = (years) => YEARS[years] || `${years} years`;
const inDays = (days) => (days === 1 ? 'Tomorrow' : `In ${days} days`);

/** The start of the work, remembered quietly; the day it came to light, never celebrated: only
 * a word to be gentle when it comes round. */
function words(date) {
  if (date.kind === 'space_started') {
    if (date.years >= 1 && date.days_until === 0) {
      return `${yearsIn(date.years)} today since you began this work together. `
        + 'Take a moment for it, in whatever way feels right to you both.';
    }
    if (date.years >= 1 && date.days_until <= SOON_DAYS) {
      return `${inDays(date.days_until)}, it will be ${yearsIn(date.years).toLowerCase()} since you `
        + 'began this work together.';
    }
    return `You began this work together on ${dateOf(date.date)}.`;
  }
  if (date.days_until > SOON_DAYS || date.years < 1) return null;
  const when = date.days_until === 0 ? 'Today marks' : `${inDays(date.days_until)} it will be`;
  return `${when} ${yearsIn(date.years).toLowerCase()} since it came to light. Days around it can `
    + `be heavy, for both of you. Be gentle with yourselves${date.days_until === 0 ? ' today' : ''}; `
    + 'a pause is always there if a conversation gets too much.';
}

export function Anniversaries({ me, outbox }) {
  const { data: dates } = useApi('/api/journey/anniversaries');
  const shown = (dates || []).map((date) => [date, words(date)]).filter(([, text]) => text);
  const mine = dates?.find((date) => date.kind === 'discovery' && date.person_id === me.id);
  const waiting = outbox.filter((entry) => entry.url === DISCOVERY_URL).at(-1);
  const discovery = waiting ? waiting.body.date : mine?.date ?? null;
  return (
    <section class="card anniversaries" aria-labelledby="dates-title" data-testid="anniversaries">
      <h2 id="dates-title">Dates</h2>
      {dates === undefined ? <p class="quiet" aria-busy="true">Loading…</p> : (
        <ul class="plain">
          {shown.map(([date, text]) => <li key={`${date.kind}-${date.person_id}`}>{text}</li>)}
        </ul>
      )}
      <DiscoveryDate saved={discovery} waiting={Boolean(waiting)} />
    </section>
  );
}

/** The day it came to light, if a person wants to note it: so the app can be gentle then. */
function DiscoveryDate({ saved, waiting }) {
  const [day, setDay] = useState(null);
  const value = day ?? saved ?? '';
  const save = (date) => {
    write('PUT', { collection: 'journey', action: 'discovery-date' }, { date },
      date ? 'The day it came to light' : 'Date removed');
    setDay(null);
  };
  return (
    <details class="discovery">
      <summary>The day it came to light</summary>
      <p class="quiet">
        If you want, note the day it came to light. Kintsugi never marks it as a celebration; when
        it comes round, it only reminds you both to be gentle. Both of you can see this date.
      </p>
      <form class="inline" onSubmit={(event) => {
        event.preventDefault();
        if (value) save(value);
      }}>
        <label class="grow">
          Date
          <input type="date" value={value} max={localNow().slice(0, 10)}
            onInput={(event) => setDay(event.currentTarget.value)} />
        </label>
        <button type="submit" disabled={!value || value === saved}>Save</button>
      </form>
      {saved && (
        <p>
          Noted: {dateOf(saved)}{waiting && <span class="quiet"> · waiting to sync</span>}{' '}
          <button type="button" class="link" onClick={() => save(null)}>Remove it</button>
        </p>
      )}
    </details>
  );
}
