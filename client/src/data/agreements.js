// Agreements as the screen needs them: every write through the outbox (with ids made here, so a
// replay adds nothing), and what still waits in the outbox for one agreement, so the screen can
// show at once what the person did while the server has not heard it yet.
import { createRecord, newId, pendingWrites, write } from './store.js';

export const AGREEMENTS = '/api/agreements?limit=100';
const about = (agreementId, action = null, item = null) =>
  ({ collection: 'agreements', id: agreementId, action, item });

export function propose(fields, id = newId()) {
  return createRecord('agreements', fields, `New agreement: ${fields.title}`, id);
}

/** A new version on top of `basedOn` (the latest one seen); the id makes a replay harmless. */
export function proposeChange(agreement, basedOn, fields) {
  return write('PUT', about(agreement.id, 'versions', newId()), { ...fields, based_on: basedOn },
    `Change to: ${agreement.title}`);
}

export function consentTo(agreement, number, title) {
  return write('POST', about(agreement.id, 'consent'), { version_number: number },
    `I agree: ${title}`);
}

// Withdrawing and giving consent again carry an id made here: sent again after the other one
// happened, each would otherwise undo it.
export function withdrawConsent(agreement, reason) {
  return write('POST', about(agreement.id, 'withdraw'), { reason, id: newId() },
    `Consent withdrawn: ${agreement.title}`);
}

export function giveConsentAgain(agreement) {
  return write('POST', about(agreement.id, 'resume'), { id: newId() },
    `Consent given again: ${agreement.title}`);
}

export function askToRetire(agreement) {
  return write('POST', about(agreement.id, 'retire'), undefined, `Retire: ${agreement.title}`);
}

const waiting = (outbox) => outbox.filter((entry) => entry.state === 'waiting');

/** What this phone did to one agreement that the server has not heard yet, oldest first:
 * [{what: 'proposed' | 'change' | 'consent' | 'withdraw' | 'resume' | 'retire', body, label}]. */
export function unsent(outbox, agreementId) {
  return waiting(outbox)
    .filter((entry) => entry.collection === 'agreements' && entry.id === agreementId)
    .map((entry) => {
      const what = entry.action === null ? 'proposed'
        : entry.action === 'versions' ? 'change' : entry.action;
      return { what, body: entry.body, label: entry.label };
    });
}

/** Proposals made on this phone that the server does not have yet, shaped like the server's
 * answer (version 1, consented by its proposer) so the list and the detail can show them.
 * Mirrors build() and state_of() in server/agreements/services.py. */
export function unsentProposals(outbox, known, me) {
  const ids = new Set(known.map((agreement) => agreement.id));
  return pendingWrites(waiting(outbox), 'agreements')
    .map((entry) => ({ id: entry.id, entry }))
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

/** Who asked to retire it so far (it retires once both asked: retire() in
 * server/agreements/services.py). */
export function retireAskers(agreement) {
  return new Set(agreement.events.filter((event) => event.step === 'retire_requested')
    .map((event) => event.actor_id));
}
