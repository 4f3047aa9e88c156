import { useEffect, useRef, useState } from 'preact/hooks';
import { AGREEMENTS, latestVersion, propose, proposeChange, unsentProposals }
  from '../../data/agreements.js';
import { useApi } from '../../data/store.js';
import { AgreementDetail } from './agreements/AgreementDetail.jsx';
import { AgreementForm } from './agreements/AgreementForm.jsx';
import { AgreementList } from './agreements/AgreementList.jsx';
import { namer } from './agreements/words.js';
import './agreements/agreements.css';

/** Agreements both partners consent to: the list, one agreement, proposing one, changing one.
 * Which of these is shown is kept here (the address names only the section). */
export function Agreements({ me, partner, outbox }) {
  const { data, offline, failure } = useApi(AGREEMENTS);
  const [view, setView] = useState({ name: 'list' });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Another view replaced this one: start at its top, and tell a screen reader where we are.
    scrollTo(0, 0);
    document.querySelector('#main h2')?.focus({ preventScroll: true });
  }, [view]);

  const known = data?.items || [];
  const agreements = [...unsentProposals(outbox, known, me), ...known];
  const names = namer(me, partner);
  const chosen = view.id && agreements.find((agreement) => agreement.id === view.id);
  const list = () => setView({ name: 'list' });
  const openOne = (id) => setView({ name: 'open', id });

  if (view.name === 'propose') {
    return (
      <AgreementForm heading="Propose an agreement" examples submitLabel="Propose it"
        intro={`It counts once ${names.partnerName} agrees too. Until then it is only a proposal.`}
        onCancel={list} onSubmit={(fields) => {
          propose(fields);
          list();
        }} />
    );
  }
  if (chosen && view.name === 'change') {
    const latest = latestVersion(chosen);
    return (
      <AgreementForm heading="Propose a change" submitLabel="Propose the change"
        initial={latest} onCancel={() => openOne(chosen.id)}
        intro={`Change the words below. What is in force now stays until ${names.partnerName} `
          + 'agrees to the change; you will both see the old and the new words side by side.'}
        onSubmit={(fields) => {
          proposeChange(chosen, latest.number, fields);
          openOne(chosen.id);
        }} />
    );
  }
  if (chosen) {
    return (
      <AgreementDetail agreement={chosen} names={names} me={me} outbox={outbox} onBack={list}
        onChange={() => setView({ name: 'change', id: chosen.id })} />
    );
  }

  return (
    <section class="agreements" aria-labelledby="agreements-title">
      <h2 id="agreements-title" tabIndex={-1}>Agreements</h2>
      <p class="quiet">
        Agreements protect you both. One of you proposes; it counts once both of you agree.
        Either of you can withdraw consent, with a reason, and that pauses it.
      </p>
      <div class="row">
        <button type="button" onClick={() => setView({ name: 'propose' })}>Propose an agreement</button>
      </div>
      {failure && <p class="problem-text" role="alert">The agreements could not be loaded: {failure.message}</p>}
      {data === undefined && offline && !agreements.length && (
        <p class="quiet">Your agreements show here once this phone has been online.</p>
      )}
      {data !== undefined && !agreements.length && (
        <p class="card quiet" data-testid="no-agreements">
          No agreements yet. Start with what would help most right now; one small agreement is
          enough.
        </p>
      )}
      <AgreementList agreements={agreements} me={me} partner={partner} names={names}
        outbox={outbox} onOpen={openOne} />
    </section>
  );
}
