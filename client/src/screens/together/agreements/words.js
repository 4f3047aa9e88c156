// Agreements in a person's words: who ("you" or the partner's name), when (a date that still
// reads right months later), and each step of the history.

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long',
  year: 'numeric' });
const momentFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short',
  year: 'numeric', hour: 'numeric', minute: '2-digit' });

/** A review date (YYYY-MM-DD) as a day of the phone's calendar, never shifted by a time zone. */
export function dayOf(isoDate) {
  const [year, month, day] = isoDate.split('-').map(Number);
  return dayFormat.format(new Date(year, month - 1, day));
}

export const momentOf = (iso) => (iso ? momentFormat.format(new Date(iso)) : '');
export const dateOf = (iso) => (iso ? dayFormat.format(new Date(iso)) : '');

/** YYYY-MM-DD, `months` from today in the phone's calendar (for the review date shortcuts). */
export function monthsFromToday(months) {
  const date = new Date();
  date.setMonth(date.getMonth() + months);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Names for the people of this space: `who(id)` starts a sentence ("You", "Ben"), `whom(id)`
 * goes inside one ("proposed by you"). Someone who left the space is "your former partner". */
export function namer(me, partner) {
  const partnerName = partner?.display_name || 'Your partner';
  const who = (userId) => {
    if (userId === me.id) return 'You';
    if (partner && userId === partner.user_id) return partnerName;
    return 'Your former partner';
  };
  const whom = (userId) => (partner && userId === partner.user_id ? partnerName
    : who(userId).toLowerCase());
  return { partnerName, who, whom };
}

const STEPS = {
  proposed: (n) => `proposed it (version ${n})`,
  accepted: (n) => `agreed (version ${n})`,
  change_proposed: (n) => `proposed a change (version ${n})`,
  change_accepted: (n) => `agreed to the change (version ${n})`,
  consent_withdrawn: () => 'withdrew consent; it is paused',
  consent_restored: () => 'gave consent again',
  retire_requested: () => 'asked to retire it',
  retired: () => 'It was retired',
};

/** One step of the history as a sentence: "Ben agreed to the change (version 2)". */
export function stepInWords(event, who) {
  const words = (STEPS[event.step] || (() => event.step.replace(/_/g, ' ')))(event.version_number);
  return event.step === 'retired' ? words : `${who(event.actor_id)} ${words}`;
}
