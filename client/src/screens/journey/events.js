// What each timeline event says, in plain words. The timeline answers with kinds and who, never
// the words of a record, so these lines are all the timeline shows.

/** The kinds a person can narrow the timeline to: [name, label, the server's kinds]. */
export const FILTERS = [
  ['all', 'Everything', null],
  ['checkins', 'Check-ins', ['checkin']],
  ['actions', 'Consistent actions', ['action']],
  ['noticed', 'Noticed', ['acknowledgement']],
  ['questions', 'Questions and answers', ['question', 'answer']],
  ['agreements', 'Agreements', ['agreement', 'agreement_step']],
  ['rituals', 'Rituals', ['ritual', 'ritual_done']],
  ['together', 'Time together', ['experience']],
  ['setbacks', 'Setbacks', ['setback']],
  ['pauses', 'Pauses', ['pause']],
  ['journal', 'My private journal', ['journal_entry']],
];

const RECORDS = { checkin: 'check-in', action: 'action', experience: 'time together' };

const AGREEMENT_STEPS = {
  proposed: 'proposed an agreement',
  accepted: 'accepted an agreement',
  change_proposed: 'proposed a change to an agreement',
  change_accepted: 'accepted a change to an agreement',
  consent_withdrawn: 'paused an agreement',
  consent_restored: 'gave consent to an agreement again',
  retire_requested: 'asked to retire an agreement',
  retired: 'retired an agreement',
};

const DOINGS = {
  checkin: 'checked in',
  action: 'logged a consistent action',
  journal_entry: 'wrote in your private journal',
  agreement: 'wrote down an agreement',
  pause: 'asked for a pause',
  experience: 'recorded time together',
  ritual: 'suggested a ritual',
  question: 'asked a question',
  answer: 'answered a question',
  setback: 'noted a setback',
};

/** "Ben logged a consistent action", "You noticed Ben’s check-in". */
export function sentence(event, partnerName) {
  const who = event.is_mine ? 'You' : event.author_name || partnerName;
  if (event.kind === 'acknowledgement') {
    const whose = event.is_mine ? `${partnerName}’s` : 'your';
    return `${who} noticed ${whose} ${RECORDS[event.detail] || 'record'}`;
  }
  if (event.kind === 'agreement_step') {
    return `${who} ${AGREEMENT_STEPS[event.detail] || 'changed an agreement'}`;
  }
  if (event.kind === 'ritual_done') {
    return `${who} ${event.detail === 'done' ? 'kept a ritual' : 'let a ritual pass this time'}`;
  }
  return `${who} ${DOINGS[event.kind] || 'added something'}`;
}
