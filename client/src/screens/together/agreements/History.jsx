import { Words } from './Words.jsx';
import { momentOf, stepInWords } from './words.js';

/** Everything that happened to it, both partners see the same: each step, and every version with
 * who proposed it and who agreed when. Nothing is ever rewritten. */
export function History({ agreement, names }) {
  const versions = [...agreement.versions].reverse();
  return (
    <section class="card" aria-labelledby="history-title" data-testid="agreement-history">
      <h3 id="history-title">History</h3>
      {agreement.events.length ? (
        <ol class="plain list history">
          {agreement.events.map((event, index) => (
            <li key={index}>
              <span class="quiet">{momentOf(event.at)}</span>
              <br />
              {stepInWords(event, names.who)}
              {event.reason && <> — “{event.reason}”</>}
            </li>
          ))}
        </ol>
      ) : (
        <p class="quiet">Nothing yet: it is still on this phone.</p>
      )}
      <h3>Every version</h3>
      <ol class="plain agreement-versions">
        {versions.map((version) => (
          <li key={version.number} class="version" data-testid={`version-${version.number}`}>
            <h4>
              Version {version.number}
              <span class="quiet"> · {standingOf(agreement, version)}</span>
            </h4>
            <p class="quiet">
              Proposed by {names.whom(version.proposed_by_id)} · {momentOf(version.proposed_at)}
            </p>
            <Words version={version} />
            <p class="consents">
              {version.consents.length ? 'Agreed: ' : 'Nobody agreed yet.'}
              {version.consents.map((consent) => `${names.who(consent.user_id)} (${momentOf(consent.at)})`)
                .join(', ')}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

function standingOf(agreement, version) {
  if (version.number === agreement.active_version) {
    return agreement.state === 'active' ? 'in force' : agreement.state;
  }
  if (version.number === agreement.pending_version && agreement.state !== 'retired') {
    return 'waiting for agreement';
  }
  if (agreement.active_version && version.number < agreement.active_version) return 'replaced';
  return 'not agreed';
}
