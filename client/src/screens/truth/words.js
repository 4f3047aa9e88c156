// Where a question stands and what happened to it, in plain words from the reader's side.
import { dayOf } from './moments.jsx';

/** Who asked, as the reader says it. */
export const askerOf = (question) =>
  (question.is_mine ? 'You' : question.author_name || 'Your partner');

const untilWords = (question) =>
  question.needs_time_until ? `, until ${dayOf(question.needs_time_until)}` : '';

/** One line: where this question stands now. `answererName` is who answers it. */
export function standing(question, answererName) {
  if (question.unsent) return 'Waiting to sync';
  if (question.withdrawn_at) return 'Withdrawn by the person who asked';
  const waiting = question.waiting ? ' · waiting to sync' : '';
  const answerer = question.is_mine ? answererName : 'You';
  const words = {
    open: question.follow_up ? 'Asked again, with a follow-up' : 'Not answered yet',
    needs_time: `${answerer} asked for time${untilWords(question)}`,
    answered: {
      helped: 'Answered · this helped',
      still_questions: 'Answered · still questions',
    }[question.asker_response] || 'Answered',
    parked: 'Set aside for now',
  }[question.state];
  return `${words}${waiting}`;
}

/** A revision of the question (from /revisions) as a sentence, "You" for the reader's own.
 * `answersSoFar` counts the answers in earlier revisions, so a later one reads "answered
 * again". */
export function happened(revision, answersSoFar, me) {
  const who = revision.author_id === me.id ? 'You' : revision.author_name || 'Your partner';
  const changes = revision.changes || {};
  const state = changes.state || {};
  if (changes.answer) return `${who} revised the answer`;
  if (state.from === 'parked') return `${who} brought the question back`;
  if (state.to === 'parked') return `${who} set the question aside for now`;
  if (state.to === 'answered') return answersSoFar ? `${who} answered again` : `${who} answered`;
  if (changes.follow_up) return `${who} asked a follow-up: “${changes.follow_up.to}”`;
  if (state.to === 'needs_time' || changes.needs_time_until) {
    const until = changes.needs_time_until?.to;
    return `${who} asked for time${until ? `, until ${dayOf(until)}` : ''}`;
  }
  if (changes.asker_response?.to === 'helped') return `${who} said this helped`;
  if (changes.asker_response?.to === 'still_questions') {
    return `${who} still ${who === 'You' ? 'have' : 'has'} questions`;
  }
  if (changes.text) return `${who} reworded the question`;
  return `${who} changed it`;
}

/** True when a revision is an answer arriving (first or later). */
export const isAnswer = (revision) =>
  Boolean(revision.changes?.answer) || revision.changes?.state?.to === 'answered'
    && revision.changes.state.from !== 'parked';
