// Times as the ledger shows them. Questions and answers are read again weeks later, so a moment
// names its day and month, never a weekday alone.
const moment = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric',
  month: 'short', hour: 'numeric', minute: '2-digit' });
// A come-back date is a calendar day, not an instant: read and shown in UTC so no offset moves it.
const calendarDay = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric',
  month: 'long', timeZone: 'UTC' });

export const momentOf = (iso) => moment.format(new Date(iso));
export const dayOf = (isoDate) => calendarDay.format(new Date(`${isoDate}T00:00:00Z`));

/** The phone's local date `days` from today, as YYYY-MM-DD (what a date input holds). */
export function localDate(days = 0) {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A moment as a <time> element: the words for the person, the instant for machines. */
export function Moment({ at }) {
  return <time dateTime={at}>{momentOf(at)}</time>;
}
