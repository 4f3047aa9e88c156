import { RESPONSES } from '../../data/questions.js';
import { go } from '../../router.js';
import { AnswerForm, AskerChoices, NeedsTimeForm } from './Choices.jsx';
import { History } from './History.jsx';
import { Moment, dayOf, localDate } from './moments.jsx';
import { askerOf } from './words.js';

/** One question: its words, where it stands, every version of its answer with its time, what
 * the reader may do next, and everything that happened to it. */
export function QuestionView({ question, loaded, me, partnerName }) {
  const back = (
    <a class="back-link" href="/truth" onClick={(event) => {
      event.preventDefault();
      go('truth');
    }}>
      ← All questions
    </a>
  );
  if (!question) {
    return (
      <>
        {back}
        <section class="card" aria-labelledby="missing-title">
          <h2 id="missing-title">
            {loaded ? 'This question is not here' : 'Opening the question…'}
          </h2>
          {loaded && <p>It may have been withdrawn, or it belongs to a space that has ended.</p>}
        </section>
      </>
    );
  }
  const answererName = question.is_mine ? partnerName : 'You';
  const live = !question.withdrawn_at && !question.unsent;
  return (
    <>
      {back}
      <section class="card" data-testid="question" aria-labelledby="question-title">
        <h2 id="question-title">
          {question.is_mine ? 'Your question' : `${askerOf(question)}’s question`}
        </h2>
        {question.withdrawn_at ? (
          <p class="quiet">This question was withdrawn by the person who asked it.</p>
        ) : (
          <p class="question-text">{question.text}</p>
        )}
        <p class="quiet">
          {askerOf(question)} asked {question.occurred_at && <Moment at={question.occurred_at} />}
        </p>
        {question.unsent && <p class="quiet" data-testid="waiting">Waiting to sync</p>}
        <Standing question={question} answererName={answererName} />
      </section>
      {!question.withdrawn_at && <Answers question={question} answererName={answererName} />}
      {live && !question.is_mine && question.state !== 'parked' && (
        <>
          <AnswerForm question={question} key={question.answers.at(-1)?.id ?? 'first'} />
          {question.state !== 'answered' && (
            <NeedsTimeForm question={question} key={question.needs_time_until ?? 'none'} />
          )}
        </>
      )}
      {live && question.is_mine && <AskerChoices question={question} partnerName={partnerName} />}
      {!question.unsent && <History question={question} me={me} />}
    </>
  );
}

/** Needs time, a follow-up, set aside: the state in words (a plain "open" needs none). */
function Standing({ question, answererName }) {
  const until = question.needs_time_until;
  return (
    <>
      {question.state === 'needs_time' && (
        <p class="state-note" data-testid="state-note">
          {until ? (
            <>{answererName} asked for time and will come back to it
              by <time dateTime={until}>{dayOf(until)}</time>.</>
          ) : `${answererName} asked for time before answering.`}
          {/* A passed date is said plainly, without blame: a moment to look at it again. */}
          {until && until < localDate() && (question.is_mine
            ? ' That day has passed. You could ask how they are doing with it.'
            : ' That day has passed. When you are ready, answer, or choose another day.')}
        </p>
      )}
      {question.state === 'parked' && (
        <p class="state-note" data-testid="state-note">
          Set aside for now. It can be brought back at any time.
        </p>
      )}
      {question.follow_up && (
        <p class="follow-up" data-testid="follow-up">
          <strong>Follow-up:</strong> {question.follow_up}
        </p>
      )}
    </>
  );
}

/** Every version of the answer, oldest first, each with its time: nothing is overwritten. */
function Answers({ question, answererName }) {
  const { answers } = question;
  const response = RESPONSES[question.asker_response];
  return (
    <section class="card" data-testid="answers" aria-labelledby="answers-title">
      <h2 id="answers-title">{answers.length > 1 ? 'Every version of the answer' : 'Answer'}</h2>
      {answers.length === 0 && (
        <p class="quiet">
          No answer yet.{question.is_mine && ` ${answererName} can take the time they need.`}
        </p>
      )}
      {answers.length > 1 && (
        <p class="quiet">The answer was revised. Every version stays, with its time.</p>
      )}
      {answers.length > 0 && <ol class="answer-versions">
        {answers.map((answer, index) => (
          <li key={answer.id} data-testid="answer-version">
            <p class="answer-meta">
              <strong>
                {answer.number === 1 ? 'First answer' : `Revision ${answer.number - 1}`}
              </strong>
              {' · '}<Moment at={answer.created_at} />
              {index === answers.length - 1 && answers.length > 1 && ' · latest'}
            </p>
            <p class="answer-text">{answer.text}</p>
            {answer.waiting && <p class="quiet" data-testid="waiting">Waiting to sync</p>}
          </li>
        ))}
      </ol>}
      {response && (
        <p class="response" data-testid="response">
          {askerOf(question)} said: “{response}.”
        </p>
      )}
      {question.waiting > 0 && !answers.some((answer) => answer.waiting) && (
        <p class="quiet" data-testid="waiting">Your last step is waiting to sync.</p>
      )}
    </section>
  );
}
