import { useState } from 'preact/hooks';
import { askToRetire, consentTo, consented, giveConsentAgain, latestVersion, retireAskers, unsent,
  versionNumbered, withdrawConsent } from '../../../data/agreements.js';
import { History } from './History.jsx';
import { SideBySide, Words } from './Words.jsx';
import { dateOf, dayOf, momentOf } from './words.js';

/** One agreement: where it stands, what waits for whom, what either of us can do, its history. */
export function AgreementDetail({ agreement, names, me, outbox, onBack, onChange }) {
  const waiting = unsent(outbox, agreement.id);
  const open = agreement.state !== 'retired' && !agreement.unsent;
  return (
    <article class="agreement-detail" aria-labelledby="agreement-title">
      <button type="button" class="link back" onClick={onBack}>← All agreements</button>
      <h2 id="agreement-title" tabIndex={-1}>{agreement.title}</h2>
      <Standing agreement={agreement} names={names} />
      {waiting.length > 0 && <Unsent waiting={waiting} />}
      <Terms agreement={agreement} names={names} me={me} waiting={waiting} />
      <Review agreement={agreement} />
      {open && (
        <Choices agreement={agreement} names={names} me={me} waiting={waiting}
          onChange={onChange} />
      )}
      <History agreement={agreement} names={names} />
    </article>
  );
}

function Standing({ agreement, names }) {
  const { state } = agreement;
  if (state === 'retired') {
    return <p class="pill offline" data-testid="agreement-state">Retired · {dateOf(agreement.retired_at)}</p>;
  }
  if (state === 'paused') {
    return (
      <div class="card pause" data-testid="agreement-state">
        <p><strong>Paused.</strong> {names.who(agreement.paused_by_id)} withdrew consent:</p>
        {agreement.pause_reason && <p>“{agreement.pause_reason}”</p>}
      </div>
    );
  }
  if (state === 'active') {
    const active = versionNumbered(agreement, agreement.active_version);
    const since = active.consents.map((consent) => consent.at).sort().at(-1);
    return <p class="pill calm" data-testid="agreement-state">In force since {dateOf(since)}</p>;
  }
  return (
    <p class="pill" data-testid="agreement-state">
      Proposed · in force once both of you agree
    </p>
  );
}

function Unsent({ waiting }) {
  return (
    <section class="card" aria-labelledby="unsent-title" data-testid="agreement-unsent">
      <h3 id="unsent-title">Waiting to sync</h3>
      <p class="quiet">Kept on this phone; it is sent as soon as there is a connection.</p>
      <ul class="plain">
        {waiting.map((entry, index) => <li key={index}>{entry.label}</li>)}
      </ul>
    </section>
  );
}

/** The words in force, and a proposed change next to them; the consent this version waits for. */
function Terms({ agreement, names, me, waiting }) {
  const latest = latestVersion(agreement);
  const active = versionNumbered(agreement, agreement.active_version);
  const changeOnPhone = waiting.filter((entry) => entry.what === 'change').at(-1);
  const proposed = changeOnPhone
    ? { ...changeOnPhone.body, proposed_by_id: me.id, unsent: true }
    : latest !== active && latest;

  if (active && proposed && agreement.state !== 'retired') {
    return (
      <section class="card" aria-labelledby="change-title" data-testid="proposed-change">
        <h3 id="change-title">A change is proposed</h3>
        <p class="quiet">
          {names.who(proposed.proposed_by_id)} proposed new words
          {proposed.unsent ? ' · waiting to sync' : ` · ${momentOf(proposed.proposed_at)}`}.
          The words in force stay until both of you agree to the change.
        </p>
        <SideBySide before={active} after={proposed} beforeLabel={`In force (version ${active.number})`}
          afterLabel={proposed.unsent ? 'Proposed' : `Proposed (version ${proposed.number})`} />
        {!proposed.unsent && (
          <Consent agreement={agreement} version={proposed} names={names} me={me}
            waiting={waiting} label="I agree to the change" />
        )}
      </section>
    );
  }
  const shown = active || latest;
  return (
    <section class="card" aria-labelledby="terms-title" data-testid="agreement-terms">
      <h3 id="terms-title">{active ? 'What we agreed' : 'What is proposed'}</h3>
      <Words version={shown} skipTitle />
      {!active && !agreement.unsent && agreement.state !== 'retired' && (
        <Consent agreement={agreement} version={latest} names={names} me={me} waiting={waiting}
          label="I agree" />
      )}
    </section>
  );
}

function Consent({ agreement, version, names, me, waiting, label }) {
  if (agreement.state === 'retired') return null;
  const mineOnPhone = waiting.some((entry) => entry.what === 'consent'
    && entry.body.version_number === version.number);
  if (mineOnPhone) return <p class="noticed">✓ You agreed · waiting to sync</p>;
  if (!consented(version, me.id)) {
    return (
      <>
        <div class="row">
          <button type="button" onClick={() => consentTo(agreement, version.number, version.title)}>
            {label}
          </button>
        </div>
        <p class="quiet">Not ready? It can wait, or you can propose other words.</p>
      </>
    );
  }
  return (
    <p class="quiet" data-testid="waiting-for-partner">
      You agreed. Waiting for {names.partnerName} to agree too.
    </p>
  );
}

function Review({ agreement }) {
  const active = versionNumbered(agreement, agreement.active_version);
  if (!active?.review_on || agreement.state === 'retired') return null;
  if (agreement.due_for_review) {
    return (
      <section class="card caution" aria-labelledby="review-title" data-testid="review-due">
        <h3 id="review-title">Time to look at it again</h3>
        <p>
          You planned to look at it together on {dayOf(active.review_on)}. Does it still fit? Propose
          a change to adjust the words or to set the next date.
        </p>
      </section>
    );
  }
  return <p class="quiet" data-testid="review-date">You look at it again together on {dayOf(active.review_on)}.</p>;
}

/** What either of us can do now. Each write waits in the outbox until it reaches the server. */
function Choices({ agreement, names, me, waiting, onChange }) {
  const did = (what) => waiting.some((entry) => entry.what === what);
  const { state } = agreement;
  return (
    <section class="card stack" aria-labelledby="choices-title">
      <h3 id="choices-title">What you can do</h3>
      {did('change')
        ? <p class="quiet">Your change waits to sync.</p>
        : (
          <div>
            <button type="button" class="secondary" onClick={onChange}>Propose a change</button>
          </div>
        )}
      {state === 'active' && !did('withdraw') && <Withdraw agreement={agreement} names={names} />}
      {did('withdraw') && <p class="quiet">You withdrew your consent · waiting to sync.</p>}
      {state === 'paused' && agreement.paused_by_id === me.id && (did('resume')
        ? <p class="quiet">You gave your consent again · waiting to sync.</p>
        : (
          <div>
            <p class="quiet">When you are ready, you can give your consent again.</p>
            <button type="button" onClick={() => giveConsentAgain(agreement)}>
              Give my consent again
            </button>
          </div>
        ))}
      {state === 'paused' && agreement.paused_by_id !== me.id && (
        <p class="quiet">Only {names.whom(agreement.paused_by_id)} can give consent again.</p>
      )}
      <Retire agreement={agreement} names={names} me={me} asked={did('retire')} />
    </section>
  );
}

function Withdraw({ agreement, names }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <div>
        <button type="button" class="secondary" onClick={() => setOpen(true)}>
          Withdraw my consent
        </button>
      </div>
    );
  }
  const send = (event) => {
    event.preventDefault();
    if (!reason.trim()) return;
    withdrawConsent(agreement, reason.trim());
    setOpen(false);
  };
  return (
    <form class="stack" onSubmit={send} data-testid="withdraw-form">
      <p class="quiet">
        The agreement pauses until you give your consent again. {names.partnerName} sees your
        reason. It is fine to need this.
      </p>
      <label>
        Why I am withdrawing my consent
        <textarea rows="3" value={reason} maxLength={2000}
          onInput={(event) => setReason(event.currentTarget.value)} />
      </label>
      <div class="row">
        <button type="submit" disabled={!reason.trim()}>Pause this agreement</button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </form>
  );
}

/** Retiring needs both to ask; a proposal never agreed to, its proposer takes back alone. */
function Retire({ agreement, names, me, asked }) {
  const [confirming, setConfirming] = useState(false);
  const askers = retireAskers(agreement);
  const takeBack = agreement.state === 'proposed' && agreement.is_mine;
  if (agreement.state === 'proposed' && !takeBack) return null;
  if (asked || askers.has(me.id)) {
    return (
      <p class="quiet" data-testid="retire-asked">
        You asked to retire it{asked && ' · waiting to sync'}. It retires when
        {' '}{names.partnerName} asks too.
      </p>
    );
  }
  const partnerAsked = [...askers].some((id) => id !== me.id);
  const [question, action] = takeBack
    ? ['Take back this proposal? It stays in the history.', 'Take back my proposal']
    : partnerAsked
      ? [`Retire it together with ${names.partnerName}? It stays in the history.`, 'Retire it together']
      : ['Ask to retire it? It retires once both of you ask, and stays in the history.',
        'Ask to retire it'];
  return (
    <div class="stack">
      {partnerAsked && <p data-testid="partner-asked-retire">{names.partnerName} asked to retire it.</p>}
      {confirming ? (
        <>
          <p>{question}</p>
          <div class="row">
            <button type="button" onClick={() => {
              askToRetire(agreement);
              setConfirming(false);
            }}>
              Yes, {action.charAt(0).toLowerCase() + action.slice(1)}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>Not now</button>
          </div>
        </>
      ) : (
        <div>
          <button type="button" class="secondary" onClick={() => setConfirming(true)}>{action}</button>
        </div>
      )}
    </div>
  );
}
