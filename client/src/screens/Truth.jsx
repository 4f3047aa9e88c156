import { useLedger } from '../data/questions.js';
import { Ledger } from './truth/Ledger.jsx';
import { QuestionView } from './truth/QuestionView.jsx';
import './truth/truth.css';

/** The question ledger: what waits for my answer, what I wait on, asking, and each question with
 * every version of its answer. The address's section is the open question's id. */
export function Truth({ me, partner, outbox, section }) {
  const ledger = useLedger(outbox);
  const partnerName = partner?.display_name || 'your partner';
  return (
    <main class="screen truth" id="main">
      <h1>Truth</h1>
      {section ? (
        <QuestionView question={ledger.all.find((question) => question.id === section)}
          loaded={ledger.loaded} me={me} partnerName={partnerName} />
      ) : (
        <Ledger ledger={ledger} partnerName={partnerName} />
      )}
    </main>
  );
}
