// Rituals as the screens use them: what is due today, every write through the outbox, and the
// list laid over with what still waits in the outbox (so a tap shows at once, offline too).
import { todayIn } from '../components/time.js';
import { createRecord, newId, write } from './store.js';
import { waitingFor, withWaitingWrites } from './waiting.js';

export const ACTIVITIES = [
  ['checkin', 'Check-in'],
  ['talk', 'Talk'],
  ['walk', 'Walk'],
  ['date', 'Date'],
  ['other', 'Something else'],
];

// ISO weekdays, as the server counts them: 1 = Monday … 7 = Sunday.
export const WEEKDAYS = [[1, 'Mon', 'Monday'], [2, 'Tue', 'Tuesday'], [3, 'Wed', 'Wednesday'],
  [4, 'Thu', 'Thursday'], [5, 'Fri', 'Friday'], [6, 'Sat', 'Saturday'], [7, 'Sun', 'Sunday']];

/** The time zone this phone is set to: a new ritual's default. */
export const phoneZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Every zone the phone knows (the server checks the name against the IANA list). */
export function knownZones() {
  const zones = Intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes(phoneZone()) ? zones : [phoneZone(), ...zones];
}

/** "Every day", "Weekdays", or the days by name. */
export function daysInWords(weekdays) {
  const days = [...weekdays].sort();
  if (days.length === 7) return 'Every day';
  if (days.join() === '1,2,3,4,5') return 'Weekdays';
  if (days.join() === '6,7') return 'Weekends';
  return days.map((day) => WEEKDAYS[day - 1][1]).join(', ');
}

export const proposeRitual = (fields) =>
  createRecord('rituals', fields, `New ritual: ${fields.title}`);

// Every step after the proposal carries an id made here: sent again by the outbox, after later
// steps (the partner's resume after my pause), it changes nothing (server twin:
// step_replayed in server/records/rules.py).

// The yes names the version it was given to: sent late, to a ritual changed since, it comes
// back as a conflict to look at, never as a yes to a schedule not seen.
export const acceptRitual = (ritual) =>
  write('POST', { collection: 'rituals', id: ritual.id, action: 'accept' },
    { version: ritual.version, id: newId() },
    `Yes to: ${ritual.title}`);

export const pauseRitual = (ritual, paused) =>
  write('POST', { collection: 'rituals', id: ritual.id, action: paused ? 'pause' : 'resume' }, { id: newId() },
    `${paused ? 'Paused' : 'Resumed'}: ${ritual.title}`);

export const switchReminder = (ritual, enabled) =>
  write('PUT', { collection: 'rituals', id: ritual.id, action: 'reminder' }, { enabled, id: newId() },
    `Reminder ${enabled ? 'on' : 'off'}: ${ritual.title}`);

/** "We did it" (done) or "we skipped it" (skipped) for one local day of the ritual. */
export const markDay = (ritual, localDate, status) =>
  write('PUT', { collection: 'rituals', id: ritual.id, action: 'occurrences', item: localDate },
    { status, id: newId() },
    `Ritual ${status === 'done' ? 'done' : 'skipped'}: ${ritual.title}`);

const live = (ritual) => !ritual.withdrawn_at;

/** The active rituals that fall on today (in each one's own zone), by time, with that day. */
export function dueToday(rituals) {
  return rituals
    .filter((ritual) => live(ritual) && ritual.state === 'active')
    .map((ritual) => ({ ritual, day: todayIn(ritual.time_zone) }))
    .filter(({ ritual, day }) => ritual.weekdays.includes(day.weekday))
    .sort((a, b) => a.ritual.local_time.localeCompare(b.ritual.local_time));
}

// Mirrors state_of in server/rituals/services.py.
function stateOf(ritual) {
  if (ritual.paused_at) return 'paused';
  return ritual.partner_accepted_at ? 'active' : 'proposed';
}

/** The rituals with the writes still waiting laid over them: new ones (proposed, mine), a yes,
 * a pause or resume, my reminder switch, and my marks (`my_marks`: local date → status). */
export function withWaitingRitualWrites(rituals, outbox) {
  const writes = waitingFor(outbox, 'rituals');
  return withWaitingWrites(rituals, outbox, 'rituals').map((record) => {
    let ritual = record.state ? { ...record } : { ...record, state: 'proposed', reminder_on: true };
    ritual.my_marks = {};
    for (const entry of writes) {
      const { id, action, item: day } = entry;
      if (id !== ritual.id) continue;
      if (action === 'accept') ritual.partner_accepted_at ??= entry.createdAt;
      if (action === 'pause') ritual.paused_at ??= entry.createdAt;
      if (action === 'resume') ritual.paused_at = null;
      if (action === 'reminder') ritual.reminder_on = entry.body.enabled;
      if (action === 'occurrences') ritual.my_marks[day] = entry.body.status;
      ritual = { ...ritual, state: stateOf(ritual) };
    }
    return ritual;
  });
}
