// What the reader may do with a question: the partner it was asked of answers (or asks for
// time); the asker says whether the answer helped, follows up, or sets it aside.
import { useState } from 'preact/hooks';
import { answer, needTime, park, reopen, respond, unpark } from '../../data/questions.js';
import { localDate } from './moments.jsx';

// The partner who asked, named mid-sentence.
const askerName = (question) => question.author_name || 'your partner';

/** A first answer, or a revised one (a new version; the earlier stays, with its time). The
 * form is keyed by the latest answer, so a new answer starts it again from that text. */
export function AnswerForm({ question }) {
  const latest = question.answers.at(-1);
  const [text, setText] = useState(latest?.text || '');
  const changed = text.trim() && text.trim() !== latest?.text;
  const submit = (event) => {
    event.preventDefault();
    if (changed) answer(question, text.trim());
  };
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="answer-title">
      <h2 id="answer-title">{latest ? 'Add to or correct your answer' : 'Answer this question'}</h2>
      <p class="quiet">
        {latest
          ? `Your earlier answer stays visible to ${askerName(question)}, with its time. `
            + 'Nothing is overwritten.'
          : 'Answer as fully and honestly as you can. If you are not ready, you can ask for time.'}
      </p>
      <label>
        {latest ? 'Your answer, revised' : 'Your answer'}
        <textarea rows="5" maxLength={8000} value={text}
          onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <button type="submit" disabled={!changed}>
        {latest ? 'Share the revised answer' : 'Share my answer'}
      </button>
    </form>
  );
}

/** Ask for time with a come-back date, or, once asked, move that date. */
export function NeedsTimeForm({ question }) {
  const asked = question.state === 'needs_time';
  const [until, setUntil] = useState(asked && question.needs_time_until || localDate(7));
  const unchanged = asked && until === question.needs_time_until;
  const submit = (event) => {
    event.preventDefault();
    if (!unchanged) needTime(question, until);
  };
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="time-title">
      <h2 id="time-title">{asked ? 'Need more time?' : 'Not ready to answer yet?'}</h2>
      <p class="quiet">
        {asked
          ? 'You can choose another day to come back to it; '
          : 'It is all right to take time. Say when you will come back to it; '}
        {askerName(question)} will see that date.
      </p>
      <label>
        I will come back to it by
        <input type="date" min={localDate()} value={until}
          onInput={(event) => setUntil(event.currentTarget.value)} />
      </label>
      <button type="submit" class="secondary" disabled={unchanged}>
        {asked ? 'Change the date' : 'I need time'}
      </button>
    </form>
  );
}

/** The asker's side: did the answer help, a follow-up, set aside or bring back. */
export function AskerChoices({ question, partnerName }) {
  const answered = question.state === 'answered';
  return (
    <>
      {answered && !question.asker_response && (
        <section class="card" aria-labelledby="helped-title">
          <h2 id="helped-title">Did this answer help?</h2>
          <div class="row">
            <button type="button" onClick={() => respond(question, 'helped')}>This helped</button>
            <button type="button" class="secondary"
              onClick={() => respond(question, 'still_questions')}>
              I still have questions
            </button>
          </div>
        </section>
      )}
      {answered && <FollowUpForm question={question} partnerName={partnerName}
        invited={question.asker_response === 'still_questions'} />}
      <section class="card stack" aria-labelledby="aside-title">
        <h2 id="aside-title">
          {question.state === 'parked' ? 'Set aside' : 'Too much right now?'}
        </h2>
        <p class="quiet">
          {question.state === 'parked'
            ? 'This question waits until you bring it back.'
            : 'You can set this question aside; it waits, and you can bring it back whenever '
              + 'you want.'}
        </p>
        {question.state === 'parked' ? (
          <button type="button" class="secondary" onClick={() => unpark(question)}>
            Bring it back
          </button>
        ) : (
          <button type="button" class="secondary" onClick={() => park(question)}>
            Set it aside for now
          </button>
        )}
      </section>
    </>
  );
}

function FollowUpForm({ question, partnerName, invited }) {
  const [text, setText] = useState('');
  const submit = (event) => {
    event.preventDefault();
    if (text.trim()) reopen(question, text.trim());
  };
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">Ask again, with a follow-up</h2>
      <p class="quiet">
        {invited
          ? 'Say what is still unclear; it'
          : 'If something is still unclear, your follow-up'}
        {' '}goes to {partnerName} with the question and the answer so far.
      </p>
      <label>
        Your follow-up
        <textarea rows="3" maxLength={2000} value={text}
          onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <button type="submit" disabled={!text.trim()}>Ask again</button>
    </form>
  );
}
