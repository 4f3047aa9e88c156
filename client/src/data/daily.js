// A question for today. The server gives my partner's answer only once we have both answered,
// so nothing of theirs can be kept on this phone before that. My answer goes through the outbox:
// offline it waits there (and shows as mine, waiting to sync) until it can be sent.
import { localNow, newId, useApi, write } from './store.js';

/** The phone's own calendar day, as the server wants `day`. */
export function localDay(date = new Date()) {
  return localNow(date).slice(0, 10);
}

export const todayPath = (day = localDay()) => `/api/daily/today?day=${day}`;

/** {question, waiting}: the server's view of today and my answer still in the outbox, if any. */
export function useTodaysQuestion(outbox) {
  const day = localDay();
  const answer = useApi(todayPath(day));
  const waiting = outbox.filter((entry) => entry.method === 'PUT' && entry.collection === 'daily'
    && entry.action === 'answers' && entry.body.day === day).at(-1);
  return { ...answer, day, waiting: waiting?.body };
}

export function answerToday(day, prompt, text) {
  return write('PUT', { collection: 'daily', action: 'answers', item: newId() },
    { day, prompt_id: prompt.id, text, occurred_at: localNow() }, 'Answer to today\'s question');
}

export function reviseAnswer(day, prompt, mine, text) {
  return write('PUT', { collection: 'daily', action: 'answers', item: mine.id },
    { day, prompt_id: prompt.id, text, occurred_at: mine.answered_at, version: mine.version,
      id: newId() },
    'Changed answer to today\'s question');
}
