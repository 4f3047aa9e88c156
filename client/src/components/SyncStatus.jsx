import { useEffect, useState } from 'preact/hooks';
import { bodyOnTop, discard, entries, flush, onOutboxChange, resendOnTop } from '../data/outbox.js';

/** The outbox as the person sees it: how much waits, and anything that needs a decision. */
export function useOutbox() {
  const [all, setAll] = useState([]);
  useEffect(() => {
    const read = () => entries().then(setAll).catch(() => {});
    read();
    return onOutboxChange(read);
  }, []);
  return all;
}

export function SyncStatus({ outbox, online }) {
  const waiting = outbox.filter((entry) => entry.state === 'waiting').length;
  const problems = outbox.filter((entry) => entry.state !== 'waiting');
  return (
    <>
      <div class="sync" aria-live="polite">
        {!online && <p class="pill offline">Offline · kept on this phone</p>}
        {waiting > 0 && (
          <p class="pill waiting" data-testid="sync-status">
            Waiting to sync ({waiting})
            {online && <button type="button" class="link" onClick={() => flush()}>Send now</button>}
          </p>
        )}
      </div>
      {problems.length > 0 && (
        <div class="problems">
          {problems.map((entry) => <Problem key={entry.seq} entry={entry} />)}
        </div>
      )}
    </>
  );
}

const HIDDEN = new Set(['occurred_at', 'version', 'id', 'kind', 'author_id', 'is_mine',
  'received_at', 'updated_at', 'acknowledgements', 'author_name']);

function Fields({ record }) {
  const shown = Object.entries(record || {}).filter(([name, value]) =>
    !HIDDEN.has(name) && value !== null && value !== '' && !(Array.isArray(value) && !value.length));
  if (!shown.length) return <p class="quiet">(nothing)</p>;
  return (
    <dl class="fields">
      {shown.map(([name, value]) => [
        <dt key={`${name}-name`}>{name.replace(/_/g, ' ')}</dt>,
        <dd key={`${name}-value`}>{Array.isArray(value) ? value.join(', ') : String(value)}</dd>,
      ])}
    </dl>
  );
}

/** A 409 or a refusal: shown with both versions until the person decides. Never dropped. */
function Problem({ entry }) {
  const conflict = entry.state === 'conflict';
  return (
    <section class="card problem" data-testid="sync-problem" aria-label="A change that needs you">
      <h2>{conflict ? 'This changed somewhere else' : 'This could not be saved'}</h2>
      <p>{entry.label}: {entry.error?.message}</p>
      <div class="versions">
        <div>
          <h3>Yours</h3>
          <Fields record={entry.body} />
        </div>
        {conflict && (
          <div>
            <h3>Now on the server</h3>
            <Fields record={entry.current} />
          </div>
        )}
      </div>
      <div class="row">
        {conflict && bodyOnTop(entry) && (
          <button type="button" onClick={() => resendOnTop(entry.seq)}>Keep mine</button>
        )}
        <button type="button" class="secondary" onClick={() => discard(entry.seq)}>
          {conflict ? 'Keep the other' : 'Let it go'}
        </button>
      </div>
    </section>
  );
}
