// Times and dates as a person reads them, in this phone's language settings.
const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric',
  minute: '2-digit' });

export const timeOf = (iso) => clock.format(new Date(iso));
export const today = () => day.format(new Date());

export function when(iso) {
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay ? `today ${clock.format(date)}` : dayAndTime.format(date);
}

/** Today's date (YYYY-MM-DD) and ISO weekday (1 = Monday) in a time zone. */
export function todayIn(timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric',
    month: '2-digit', day: '2-digit', weekday: 'short' }).formatToParts(new Date())
    .map((part) => [part.type, part.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday };
}
