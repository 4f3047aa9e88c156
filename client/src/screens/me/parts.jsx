// Small pieces the Me sections share: when something was written, which version it is, and a
// field that keeps its own text while the person types.
import { useState } from 'preact/hooks';

// Entries are read weeks later: the date is spelled out, never "Tue" alone.
const written = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric',
  month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' });

export const writtenOn = (iso) => written.format(new Date(iso));

/** "Waiting to sync", or the version and when it last changed (nothing for a first version). */
export function VersionLine({ record }) {
  if (record.waiting) return <p class="quiet" data-testid="waiting">Waiting to sync</p>;
  if (record.version <= 1) return null;
  return (
    <p class="quiet">
      Version {record.version} · changed {writtenOn(record.updated_at)}
    </p>
  );
}

/** What an empty list says: its own words once the server (or the phone's copy) answered;
 * otherwise whether it is loading, offline with nothing kept, or could not be loaded. */
export function EmptyList({ answer, children }) {
  if (answer.data !== undefined) return <p class="quiet">{children}</p>;
  if (answer.failure) {
    return <p class="problem-text" role="alert">This could not be loaded just now.</p>;
  }
  if (answer.offline) return <p class="quiet">This shows here once the phone is online.</p>;
  return <p class="quiet">Loading…</p>;
}

/** A yes/no asked in place (a confirm() dialog would be easy to tap through, and is unstyled). */
export function AskFirst({ question, yes, no = 'Keep it', onYes, children }) {
  const [asking, setAsking] = useState(false);
  if (!asking) return children(() => setAsking(true));
  return (
    <div class="ask-first" role="group" aria-label={question}>
      <p>{question}</p>
      <div class="row">
        <button type="button" onClick={() => {
          setAsking(false);
          onYes();
        }}>
          {yes}
        </button>
        <button type="button" class="secondary" onClick={() => setAsking(false)}>{no}</button>
      </div>
    </div>
  );
}
