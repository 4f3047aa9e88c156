import { useState } from 'preact/hooks';
import { ask } from '../../data/questions.js';
import { go } from '../../router.js';
import { Moment } from './moments.jsx';
import { askerOf, standing } from './words.js';

/** The ledger at a glance: what waits for me, what I wait on, a place to ask, the rest. */
export function Ledger({ ledger, partnerName }) {
  // Until the lists have come (from the server or this phone), "nothing waits" would be untrue.
  let unknown = null;
  if (!ledger.loaded) {
    unknown = ledger.offline ? 'Not on this phone yet: it shows once you are online.' : 'Loading…';
  }
  return (
    <>
      <p class="truth-lead">
        Questions asked and answered honestly, at a pace you can both bear. Nothing here is
        changed silently: every version of an answer stays, with its time.
      </p>
      <QuestionList id="to-answer" title="For you to answer" questions={ledger.toAnswer}
        partnerName={partnerName} empty={unknown || 'Nothing is waiting for your answer.'} />
      <QuestionList id="waiting-on" title={`Waiting on ${partnerName}`}
        questions={ledger.waitingOn} partnerName={partnerName}
        empty={unknown || 'None of your questions is waiting for an answer.'} />
      <AskForm partnerName={partnerName} />
      {ledger.settled.length > 0 && (
        <QuestionList id="settled" title="Answered and set aside" questions={ledger.settled}
          partnerName={partnerName} />
      )}
    </>
  );
}

function QuestionList({ id, title, questions, partnerName, empty }) {
  return (
    <section class="card" data-testid={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {questions.length ? (
        <ul class="plain list questions">
          {questions.map((question) => (
            <li key={question.id}>
              <a href={`/truth/${question.id}`} onClick={(event) => {
                event.preventDefault();
                go('truth', question.id);
              }}>
                {question.withdrawn_at ? 'A withdrawn question' : question.text}
              </a>
              <p class="quiet">
                {askerOf(question)} asked{' '}
                {question.occurred_at && <Moment at={question.occurred_at} />}
                {' · '}{standing(question, partnerName)}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p class="quiet">{empty}</p>
      )}
    </section>
  );
}

function AskForm({ partnerName }) {
  const [text, setText] = useState('');
  const [asked, setAsked] = useState(false);
  const submit = (event) => {
    event.preventDefault();
    if (!text.trim()) return;
    ask(text.trim());
    setText('');
    setAsked(true);
  };
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="ask-title">
      <h2 id="ask-title">Ask {partnerName} a question</h2>
      <p class="gentle">
        Ask what you truly need to know; a question can wait until you are ready for its
        answer.
      </p>
      <label>
        Your question
        <textarea rows="3" maxLength={2000} value={text}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setAsked(false);
          }} />
      </label>
      <button type="submit" disabled={!text.trim()}>Ask</button>
      {asked && (
        <p class="quiet" role="status">Asked. You will find it under “Waiting on {partnerName}”.</p>
      )}
    </form>
  );
}
