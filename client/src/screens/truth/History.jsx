import { useApi } from '../../data/store.js';
import { Moment } from './moments.jsx';
import { askerOf, happened, isAnswer } from './words.js';

/** Everything that happened to a question, oldest first, with who and when: the server keeps a
 * revision of every step, and both partners read the same list. */
export function History({ question, me }) {
  const revisions = useApi(`/api/questions/${question.id}/revisions`).data || [];
  let answersSoFar = 0;
  const events = revisions.map((revision) => {
    const words = happened(revision, answersSoFar, me);
    if (isAnswer(revision)) answersSoFar += 1;
    return { key: revision.version, words, at: revision.created_at };
  });
  return (
    <section class="card" data-testid="history" aria-labelledby="history-title">
      <h2 id="history-title">What happened, and when</h2>
      <ol class="plain list history">
        <li>
          {askerOf(question)} asked · {question.occurred_at && <Moment at={question.occurred_at} />}
        </li>
        {events.map((event) => (
          <li key={event.key}>{event.words} · <Moment at={event.at} /></li>
        ))}
      </ol>
    </section>
  );
}
