import { useState } from 'preact/hooks';
import { changeRecord, createRecord, useApi } from '../../data/store.js';
import { keepFresh } from '../../data/keptFresh.js';
import { withWaitingWrites } from '../../data/waiting.js';
import { EmptyList, VersionLine, writtenOn } from './parts.jsx';
import './me.css';

const MINE = '/api/setbacks?author=me&limit=100';
keepFresh('setbacks', [MINE]);

const FIELDS = [
  ['what_happened', 'What happened', true],
  ['how_it_felt', 'How it felt (if you want to say)', false],
];

/** My setbacks: logged honestly, changed openly (every version stays), never a reset. A
 * setback is shared with the partner, so it is logged only while paired; those logged before
 * stay readable here. */
export function Setbacks({ partner, outbox, paired }) {
  const partnerName = partner?.display_name || 'Your partner';
  const answer = useApi(MINE);
  const shown = withWaitingWrites(answer.data?.items || [], outbox, 'setbacks');
  return (
    <>
      <section class="card stack" aria-labelledby="setbacks-title">
        <h2 id="setbacks-title">Setbacks</h2>
        <p>A hard day or a step back is part of the way, not the end of it. Logging one resets
          nothing: every kept day and every action still counts.</p>
        {paired ? (
          <>
            <p class="quiet">{partnerName} sees what you write here, and both of you see
              setbacks on your Journey.</p>
            <SetbackForm submit="Log this setback"
              onSave={(fields) => createRecord('setbacks', fields, 'Setback')} />
          </>
        ) : (
          <p class="quiet">Setbacks are shared with a partner, so they are logged while you
            share a space. For anything that is yours alone, the journal is here.</p>
        )}
      </section>
      <section aria-labelledby="my-setbacks-title">
        <h2 id="my-setbacks-title">My setbacks</h2>
        {shown.length ? (
          <ul class="plain entries" data-testid="my-setbacks">
            {shown.map((setback) => <li key={setback.id}><Setback setback={setback} /></li>)}
          </ul>
        ) : (
          <EmptyList answer={answer}>
            None logged. If one comes, it will be met here gently.
          </EmptyList>
        )}
      </section>
    </>
  );
}

/** Both fields, for a new setback or a change; blank optional words are sent as nothing. */
function SetbackForm({ setback = {}, submit, onSave, onCancel }) {
  const empty = { what_happened: setback.what_happened || '', how_it_felt: setback.how_it_felt || '' };
  const [values, setValues] = useState(empty);
  const clean = {
    what_happened: values.what_happened.trim(), how_it_felt: values.how_it_felt.trim() || null };
  return (
    <form class="stack" onSubmit={(event) => {
      event.preventDefault();
      if (!clean.what_happened) return;
      onSave(clean);
      setValues(empty); // a new one starts blank again; a change closes the form anyway
    }}>
      {FIELDS.map(([name, label, required]) => (
        <label key={name}>
          {label}
          <textarea rows="3" maxLength={4000} required={required} value={values[name]}
            onInput={(event) => setValues({ ...values, [name]: event.currentTarget.value })} />
        </label>
      ))}
      <div class="row">
        <button type="submit" disabled={!clean.what_happened}>{submit}</button>
        {onCancel && <button type="button" class="secondary" onClick={onCancel}>Cancel</button>}
      </div>
    </form>
  );
}

function Setback({ setback }) {
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState(false);
  const titleId = `setback-${setback.id}`;
  const save = (fields) => {
    // Only what changed, based on the version seen: the server keeps the old words as a revision.
    const changes = Object.fromEntries(Object.entries(fields)
      .filter(([name, value]) => value !== (setback[name] ?? null)));
    if (Object.keys(changes).length) {
      changeRecord('setbacks', setback, changes, 'Setback changed');
    }
    setEditing(false);
  };
  return (
    <article class="card entry" aria-labelledby={titleId}>
      <h3 id={titleId}>{writtenOn(setback.occurred_at)}</h3>
      {editing ? (
        <SetbackForm setback={setback} submit="Save the change" onSave={save}
          onCancel={() => setEditing(false)} />
      ) : (
        <>
          <p class="entry-text">{setback.what_happened}</p>
          {setback.how_it_felt && <p class="entry-text"><strong>How it felt:</strong> {setback.how_it_felt}</p>}
          <VersionLine record={setback} />
          <div class="row">
            <button type="button" class="secondary" onClick={() => setEditing(true)}>Edit</button>
            {setback.version > 1 && !setback.waiting && (
              <button type="button" class="secondary" aria-expanded={history}
                onClick={() => setHistory(!history)}>
                Earlier versions
              </button>
            )}
          </div>
          {history && <Revisions setback={setback} />}
        </>
      )}
    </article>
  );
}

const LABELS = Object.fromEntries(FIELDS.map(([name, label]) => [name, label.split(' (')[0]]));

/** Every change, with the words as they were before: nothing is changed silently. */
function Revisions({ setback }) {
  const { data, offline } = useApi(`/api/setbacks/${setback.id}/revisions`);
  if (!data) return <p class="quiet">{offline ? 'Earlier versions need a connection.' : 'Loading…'}</p>;
  return (
    <ol class="plain versions-list" data-testid="setback-revisions">
      {data.map((revision) => (
        <li key={revision.version}>
          <p class="quiet">Version {revision.version} · {writtenOn(revision.created_at)}</p>
          {Object.entries(revision.changes).map(([name, change]) => (
            <p key={name}>
              {LABELS[name] || name}: was “{change.from ?? ''}”, now “{change.to ?? ''}”
            </p>
          ))}
        </li>
      ))}
    </ol>
  );
}
