// Agreements as the screen needs them: every write through the outbox (with ids made here, so a
// replay adds nothing), and what still waits in the outbox for one agreement, so the screen can
// show at once what the person did while the server has not heard it yet.
import { createRecord, newId, pendingWrites, write } from './store.js';

export const AGREEMENTS = '/api/agreements?limit=100';
const BASE = '/api/agreements/';

export function propose(fields, id = newId()) {
  return createRecord('agreements', fields, `New agreement: ${fields.title}`, id);
}

/** A new version on top of `basedOn` (the latest one seen); the id makes a replay harmless. */
export function proposeChange(agreement, basedOn, fields) {
  return write('PUT', `${BASE}${agreement.id}/versions/${newId()}`, { ...fields, based_on: basedOn },
    `Change to: ${agreement.title}`);
}

export function consentTo(agreement, number, title) {
  return write('POST', `${BASE}${agreement.id}/consent`, { version_number: number },
    `I agree: ${title}`);
}

// Withdrawing and giving consent again carry an id made here: sent again after the other one
// happened, each would otherwise undo it.
export function withdrawConsent(agreement, reason) {
  return write('POST', `${BASE}${agreement.id}/withdraw`, { reason, id: newId() },
    `Consent withdrawn: ${agreement.title}`);
}

export function giveConsentAgain(agreement) {
  return write('POST', `${BASE}${agreement.id}/resume`, { id: newId() },
    `Consent given again: ${agreement.title}`);
}

export function askToRetire(agreement) {
  return write('POST', `${BASE}${agreement.id}/retire`, undefined, `Retire: ${agreement.title}`);
}

const waiting = (outbox) => outbox.filter((entry) => entry.state === 'waiting');

/** What this phone did to one agreement that the server has not heard yet, oldest first:
 * [{what: 'proposed' | 'change' | 'consent' | 'withdraw' | 'resume' | 'retire', body, label}]. */
export function unsent(outbox, agreementId) {
  const prefix = `${BASE}${agreementId}`;
  return waiting(outbox)
    .filter((entry) => entry.url === prefix || entry.url.startsWith(`${prefix}/`))
    .map((entry) => {
      const rest = entry.url.slice(prefix.length).split('/')[1];
      const what = rest === undefined ? 'proposed' : rest === 'versions' ? 'change' : rest;
      return { what, body: entry.body, label: entry.label };
    });
}

/** Proposals made on this phone that the server does not have yet, shaped like the server's
 * answer (version 1, consented by its proposer) so the list and the detail can show them. */
export function unsentProposals(outbox, known, me) {
  const ids = new Set(known.map((agreement) => agreement.id));
  return pendingWrites(waiting(outbox), BASE)
    .map((entry) => ({ id: entry.url.slice(BASE.length), entry }))
    .filter(({ id }) => !ids.has(id))
    .map(({ id, entry }) => {
      const { occurred_at: occurredAt, ...words } = entry.body;
      return {
        ...words, id, unsent: true, is_mine: true, author_id: me.id, state: 'proposed',
        occurred_at: occurredAt, active_version: null, pending_version: 1, due_for_review: false,
        events: [],
        versions: [{ ...words, number: 1, proposed_by_id: me.id, proposed_at: occurredAt,
          consents: [{ user_id: me.id, at: occurredAt }] }],
      };
    });
}

// --- Reading one agreement ----------------------------------------------------------------------

export const latestVersion = (agreement) => agreement.versions.at(-1);

export function versionNumbered(agreement, number) {
  return agreement.versions.find((version) => version.number === number) || null;
}

export const consented = (version, userId) =>
  Boolean(userId) && version.consents.some((consent) => consent.user_id === userId);

/** Who asked to retire it so far (it retires once both asked). */
export function retireAskers(agreement) {
  return new Set(agreement.events.filter((event) => event.step === 'retire_requested')
    .map((event) => event.actor_id));
}
