import { consented, latestVersion, retireAskers, unsent, versionNumbered }
  from '../../../data/agreements.js';
import { categoryLabel } from './categories.js';
import { dateOf, dayOf } from './words.js';

/** Every agreement once, in the first group it belongs to: what waits to sync, what waits for
 * me, what is due for a look, what waits for my partner, what is in force, what was retired. */
function groupAgreements(agreements, me, partner, outbox) {
  const groups = { unsent: [], mine: [], review: [], theirs: [], inForce: [], retired: [] };
  for (const agreement of agreements) {
    const latest = latestVersion(agreement);
    const askers = retireAskers(agreement);
    const open = agreement.state !== 'retired';
    let group = 'retired';
    if (agreement.unsent || unsent(outbox, agreement.id).length) group = 'unsent';
    else if (open && (!consented(latest, me.id) || (askers.size && !askers.has(me.id)))) group = 'mine';
    else if (agreement.due_for_review) group = 'review';
    else if (open && (!consented(latest, partner?.user_id) || askers.size)) group = 'theirs';
    else if (open) group = 'inForce';
    groups[group].push(agreement);
  }
  return groups;
}

/** One line on where it stands, from my side. */
function standing(agreement, group, me, names) {
  const latest = latestVersion(agreement);
  const active = versionNumbered(agreement, agreement.active_version);
  const changed = active && latest !== active;
  switch (group) {
    case 'unsent':
      return 'Waiting to sync';
    case 'mine':
      if (!consented(latest, me.id)) {
        return `${names.who(latest.proposed_by_id)} proposed ${changed ? 'a change' : 'it'}; `
          + 'it waits for your answer';
      }
      return `${names.partnerName} asked to retire it`;
    case 'review':
      return `Time to look at it again (since ${dayOf(active.review_on)})`;
    case 'theirs':
      if (retireAskers(agreement).has(me.id)) return 'You asked to retire it';
      return `Waiting for ${names.partnerName} to agree${changed ? ' to the change' : ''}`;
    case 'inForce':
      if (agreement.state === 'paused') return `Paused by ${names.whom(agreement.paused_by_id)}`;
      return active.review_on ? `In force · look again on ${dayOf(active.review_on)}` : 'In force';
    default:
      return `Retired · ${dateOf(agreement.retired_at)}`;
  }
}

const HEADINGS = [
  ['unsent', 'Waiting to sync'],
  ['mine', 'Waiting for you'],
  ['review', 'Time to look again'],
  ['theirs', null], // "Waiting for <partner>"
  ['inForce', 'In force'],
];

export function AgreementList({ agreements, me, partner, names, outbox, onOpen }) {
  const groups = groupAgreements(agreements, me, partner, outbox);
  const card = (group) => (agreement) => (
    <li key={agreement.id} class={`card agreement-card ${agreement.state}`}
      data-testid="agreement-card">
      <h4>
        <button type="button" class="link" onClick={() => onOpen(agreement.id)}>
          {agreement.title}
        </button>
      </h4>
      <p class="quiet">{categoryLabel(agreement.category)}</p>
      <p class="terms-preview">{agreement.terms}</p>
      <p class={`standing ${group}`}>{standing(agreement, group, me, names)}</p>
    </li>
  );
  return (
    <>
      {HEADINGS.filter(([group]) => groups[group].length).map(([group, heading]) => (
        <section key={group} aria-labelledby={`agreements-${group}`} data-testid={`group-${group}`}>
          <h3 id={`agreements-${group}`}>{heading || `Waiting for ${names.partnerName}`}</h3>
          <ul class="plain">{groups[group].map(card(group))}</ul>
        </section>
      ))}
      {groups.retired.length > 0 && (
        <details class="retired" data-testid="group-retired">
          <summary>Retired ({groups.retired.length})</summary>
          <ul class="plain">{groups.retired.map(card('retired'))}</ul>
        </details>
      )}
    </>
  );
}
