import { useApi } from '../../data/store.js';
import { EmptyList, writtenOn } from './parts.jsx';
import './me.css';

const spelledOut = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long',
  year: 'numeric' });
const day = (iso) => spelledOut.format(new Date(iso));

// What each kind is called, and the words that say what it was (the person's own, as the
// former-partner rule leaves them: the server never sends the other person's words).
const KINDS = {
  checkin: ['Check-in', (r) => [r.feelings?.join(', '), r.want_you_to_know, r.need_from_you]],
  action: ['Action', (r) => [r.what]],
  question: ['Question', (r) => [r.text, ...(r.answers || []).map((a) => `Answer: ${a.text}`)]],
  agreement: ['Agreement', (r) => [r.title, r.terms]],
  experience: ['Time together', (r) => [r.title, r.what_we_did]],
  ritual: ['Ritual', (r) => [r.title]],
  pause: ['Pause', (r) => [r.note]],
  setback: ['Setback', (r) => [r.what_happened, r.how_it_felt]],
};

function recordsOf(space) {
  return Object.entries(space.records)
    .flatMap(([kind, records]) => records.map((record) => ({ ...record, kind })))
    .filter((record) => KINDS[record.kind] && !record.withdrawn_at)
    .sort((a, b) => (a.occurred_at < b.occurred_at ? 1 : -1));
}

/** My own history of the shared spaces that ended: read-only, what the server lets me keep. */
export function History() {
  const answer = useApi('/api/space/history');
  const spaces = answer.data || [];
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Spaces that ended</h2>
      <p class="quiet">What you kept of each shared space, to read. It can no longer be changed,
        and your former partner's words are not shown.</p>
      {spaces.length ? spaces.map((space) => <EndedSpace key={space.id} space={space} />) : (
        <EmptyList answer={answer}>No shared space of yours has ended.</EmptyList>
      )}
    </section>
  );
}

function EndedSpace({ space }) {
  const records = recordsOf(space);
  const title = `${day(space.joined_at)} to ${day(space.ended_at)}`;
  return (
    <section class="card stack" aria-label={`Shared space, ${title}`} data-testid="ended-space">
      <h3>Shared space, {title}</h3>
      <p class="quiet">Read-only: this space has ended.</p>
      {records.length ? (
        <ul class="plain entries">
          {records.map((record) => {
            const [label, words] = KINDS[record.kind];
            return (
              <li key={record.id}>
                <article class="entry" aria-label={label}>
                  <p class="quiet">{label} · {writtenOn(record.occurred_at)}</p>
                  {words(record).filter(Boolean).map((text) => <p key={text} class="entry-text">{text}</p>)}
                </article>
              </li>
            );
          })}
        </ul>
      ) : <p class="quiet">Nothing of yours was kept from it.</p>}
    </section>
  );
}
