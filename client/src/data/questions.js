// The question ledger on the phone: every write through the outbox (ids made here, so a replay
// adds nothing), and the questions as they will be once what waits in the outbox has reached the
// server — so the person sees at once what they did, connection or not.
import { createRecord, newId, useApi, write } from './store.js';

// Both partners' questions (newest first), and the two lists that wait for someone (complete,
// oldest first: the ledger's page could miss an old question still waiting).
export const LEDGER = '/api/questions?limit=100';
export const TO_ANSWER = '/api/questions/to-answer';
export const WAITING = '/api/questions/waiting';

export const RESPONSES = { helped: 'This helped', still_questions: 'I still have questions' };

// Labels name the kind of write, never its words: the sync status shows them on every tab.
export function ask(text, id = newId()) {
  return createRecord('questions', { text }, 'Question', id);
}

// What the server will have at least, once this phone's last write to a question has landed:
// {version, answers}. Between a write leaving the outbox and the refreshed question arriving,
// the phone still holds the older question; the next step must not be based on that.
const landed = new Map();
// The question as last shown with writes waiting, by id; let go once the server has caught up.
const shownLast = new Map();

function expectLanded(question, answers) {
  landed.set(question.id, { version: question.nextVersion + 1, answers });
}

/** A first answer or a revised one: always a new answer on top of the latest one seen. */
export function answer(question, text) {
  expectLanded(question, question.basedOn + 1);
  return write('PUT', { collection: 'questions', id: question.id, action: 'answers', item: newId() },
    { text, based_on: question.basedOn }, question.basedOn ? 'Revised answer' : 'Answer');
}

export const needTime = (question, until) =>
  move(question, 'needs-time', { until: until || null }, 'I need time');
export const reopen = (question, followUp) =>
  move(question, 'reopen', { follow_up: followUp }, 'Follow-up question');
export const respond = (question, response) =>
  move(question, 'response', { response }, RESPONSES[response]);
export const park = (question) => move(question, 'park', {}, 'Question set aside');
export const unpark = (question) => move(question, 'unpark', {}, 'Question brought back');

function move(question, action, fields, label) {
  expectLanded(question, question.basedOn);
  // The step's id, made here: sent again after later moves, it changes nothing on the server.
  return write('POST', { collection: 'questions', id: question.id, action },
    { ...fields, version: question.nextVersion, id: newId() }, label);
}

// --- What the screen shows ----------------------------------------------------------------------

const aboutQuestions = (entry) => entry.state === 'waiting' && entry.collection === 'questions';

// How each waiting write changes a question, as the server will change it (null: it has).
// Mirrors server/questions/services.py (answer, needs_time, reopen, respond, park): a change
// there is a change here.
const EFFECTS = {
  answers: (question, entry, answerId) => question.answers.some((a) => a.id === answerId)
    ? null // sent already; the outbox has not let go of it yet
    : {
      ...question, state: 'answered', needs_time_until: null, asker_response: null,
      answers: [...question.answers, { id: answerId, number: question.answers.length + 1,
        text: entry.body.text, created_at: entry.createdAt, waiting: true }],
    },
  'needs-time': (question, entry) =>
    ({ ...question, state: 'needs_time', needs_time_until: entry.body.until }),
  reopen: (question, entry) => ({
    ...question, state: 'open', follow_up: entry.body.follow_up,
    asker_response: question.answers.length ? 'still_questions' : null,
  }),
  response: (question, entry) => ({ ...question, asker_response: entry.body.response }),
  park: (question) => ({ ...question, state: 'parked' }),
  unpark: (question) => ({ ...question, state: question.answers.length ? 'answered' : 'open' }),
};

/** `question` with this phone's waiting writes laid over it. `waiting` counts them;
 * `nextVersion` is the version the next move must name (each waiting write will count one on the
 * server: the screen only offers moves that change something), `basedOn` the number of the
 * latest answer a new one goes on top of. */
export function asItWillBe(question, outbox) {
  let shown = { ...question, waiting: 0 };
  for (const entry of outbox) {
    const effect = aboutQuestions(entry) && entry.id === question.id && EFFECTS[entry.action];
    const changed = effect && effect(shown, entry, entry.item);
    if (changed) shown = { ...changed, waiting: shown.waiting + 1 };
  }
  // A write the server refused did not land: then only the server's word counts.
  const refused = outbox.some((entry) => entry.state !== 'waiting'
    && entry.collection === 'questions' && entry.id === question.id);
  const sure = (!refused && landed.get(question.id)) || { version: 0, answers: 0 };
  if (shown.waiting) {
    shownLast.set(question.id, shown);
  } else if (question.version < sure.version && shownLast.has(question.id)) {
    // Sent, and the question the phone holds is from before: keep showing what was sent (not
    // a step back to the older question) until the server's newer one arrives.
    const held = shownLast.get(question.id);
    shown = { ...held, waiting: 0, answers: held.answers.map(({ waiting, ...sent }) => sent) };
  } else {
    shownLast.delete(question.id); // the server has caught up: nothing to hold
  }
  return { ...shown, nextVersion: Math.max(question.version + shown.waiting, sure.version),
    basedOn: Math.max(shown.answers.at(-1)?.number ?? 0, sure.answers) };
}

/** Questions asked on this phone that the server does not have yet, shaped like its answer.
 * (Nothing is kept in memory once sent: a question's words must not outlive a sign-out.) */
function unsentQuestions(outbox, known) {
  return outbox
    .filter((entry) => aboutQuestions(entry) && entry.method === 'PUT' && entry.action === null)
    .map((entry) => ({
      ...entry.body, id: entry.id, version: 1, is_mine: true, state: 'open', answers: [],
      needs_time_until: null, follow_up: null, asker_response: null, unsent: true,
    }))
    .filter((question) => !known.has(question.id));
}

// Offsets differ (a question asked while travelling): compare instants, not strings.
const byOldest = (a, b) => Date.parse(a.occurred_at) - Date.parse(b.occurred_at);
const OPEN = new Set(['open', 'needs_time']);

/** The whole ledger as it will be: {toAnswer, waitingOn, settled, all, loaded, offline}. The
 * two lists that wait for someone come oldest first; the settled ones (answered, set aside,
 * withdrawn) newest first. */
export function useLedger(outbox) {
  const ledger = useApi(LEDGER);
  const toAnswer = useApi(TO_ANSWER);
  const waiting = useApi(WAITING);
  const found = new Map();
  // The waiting lists are complete; the ledger's page fills in the rest (one copy of each).
  for (const question of [...(toAnswer.data || []), ...(waiting.data || []),
    ...(ledger.data?.items || [])]) {
    // A withdrawn question (a tombstone) comes without its words or answers.
    if (!found.has(question.id)) found.set(question.id, { answers: [], ...question });
  }
  const all = [...unsentQuestions(outbox, new Set(found.keys())), ...found.values()]
    .map((question) => asItWillBe(question, outbox));
  const open = all.filter((question) => !question.withdrawn_at && OPEN.has(question.state));
  return {
    all,
    toAnswer: open.filter((question) => !question.is_mine).sort(byOldest),
    waitingOn: open.filter((question) => question.is_mine).sort(byOldest),
    settled: all.filter((question) => !open.includes(question))
      .sort((a, b) => byOldest(b, a)),
    loaded: [ledger, toAnswer, waiting].every((state) => state.data !== undefined),
    offline: [ledger, toAnswer, waiting].some((state) => state.offline),
  };
}
