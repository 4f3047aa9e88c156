// Consistency as the design asks for it: "kept on X of the last N days", counted afresh over a
// window, so a missed day never resets anything. Days are YYYY-MM-DD strings in a zone's own
// calendar (actions: this phone's; a ritual: its own zone).
import { todayIn } from '../components/time.js';
import { phoneZone } from './rituals.js';

/** The windows Journey shows: a week, four weeks, three months. */
export const WINDOWS = [[7, 'the last 7 days'], [28, 'the last 4 weeks'], [91, 'the last 3 months']];

export const actionDaysPath = (person, days) =>
  `/api/actions/consistency?days=${days}&person=${person}&tz=${encodeURIComponent(phoneZone())}`;

const DAY = 86400000;
const dayNumber = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;

/** The last `days` days up to `today` (both YYYY-MM-DD), oldest first, each with its ISO weekday. */
export function lastDays(today, days) {
  const last = dayNumber(today);
  return Array.from({ length: days }, (_, index) => {
    const at = new Date((last - days + 1 + index) * DAY);
    return { date: at.toISOString().slice(0, 10), weekday: ((at.getUTCDay() + 6) % 7) + 1 };
  });
}

/** On how many of the last `days` days (to `today`) a date of `dates` falls. */
export function keptIn(dates, today, days) {
  const from = dayNumber(today) - days + 1;
  return new Set(dates.filter((date) => dayNumber(date) >= from && dayNumber(date) <= dayNumber(today))).size;
}

/** A ritual over the last `days` days: the days it was due (its weekdays, from the day both
 * agreed) and the days one of us marked "we did it". */
export function ritualKept(ritual, occurrences, days) {
  const today = todayIn(ritual.time_zone).date;
  const agreed = ritual.partner_accepted_at
    ? new Intl.DateTimeFormat('en-CA', { timeZone: ritual.time_zone })
      .format(new Date(ritual.partner_accepted_at))
    : today;
  const due = lastDays(today, days)
    .filter((day) => day.date >= agreed && ritual.weekdays.includes(day.weekday)).length;
  const done = occurrences
    .filter((occurrence) => occurrence.marks.some((mark) => mark.status === 'done'))
    .map((occurrence) => occurrence.local_date);
  return { due, kept: Math.min(keptIn(done, today, days), due) };
}

/** Words for days kept in a window: gentle, never a streak. */
export const keptWords = (kept, window) =>
  (kept ? `kept on ${kept} of ${window}` : `nothing logged in ${window} yet`);
