"""Consent rules. An agreement is active only with both partners' yes to the same version; a
change is a new version that needs both again while the old one stays in force; either partner
may withdraw consent (the agreement pauses); retiring needs both — except a proposal the other
never accepted, which its proposer may take back alone."""

import uuid

from server.agreements.models import Agreement, AgreementEvent, AgreementVersion, Consent
from server.auth.models import User
from server.database import new_id, utcnow
from server.errors import ApiError, StaleVersion
from server.extensions import db
from server.push.services import notify_partner
from server.records import rules
from server.space.services import current_space

VERSION_FIELDS = ("title", "terms", "why", "category", "review_on")


def _event(agreement: Agreement, user: User, step: str, number=None, reason=None,
           event_id=None) -> None:
    agreement.events.append(AgreementEvent(id=event_id or new_id(), space_id=agreement.space_id,
                                           actor_id=user.id, step=step, version_number=number,
                                           reason=reason))


def _replayed(agreement: Agreement, user: User, event_id, step: str) -> bool:
    """True when this step, with the id the phone made for it, is already recorded: the phone's
    outbox sent it again, and doing it again would undo what happened since (a resume after a
    withdrawal, say). The same id for another step is refused."""
    if event_id is None:
        return False
    existing = db.session.get(AgreementEvent, event_id)
    if existing is None:
        return False
    if (existing.agreement_id, existing.step, existing.actor_id) != (agreement.id, step, user.id):
        raise ApiError(409, "id_conflict", "A different step was saved with this id.",
                       {"id": "Already used."})
    return True


def _new_version(agreement, user, version_id, number, data) -> AgreementVersion:
    version = AgreementVersion(id=version_id, number=number, proposed_by_id=user.id,
                               create_fingerprint=rules.fingerprint(data),
                               **{name: data.get(name) for name in VERSION_FIELDS})
    version.consents.append(Consent(user_id=user.id))  # proposing is consenting
    agreement.versions.append(version)
    return version


def _step_taken(agreement: Agreement) -> None:
    """Every step moves the agreement's version, in an UPDATE conditional on the version this
    request read: two steps at the same moment (both partners asking to retire, a consent and a
    change) cannot both decide from the same picture; the later runs again on the new one."""
    agreement.version += 1
    agreement.updated_at = utcnow()
    db.session.flush()


def build(agreement: Agreement, user: User, data: dict) -> None:
    """The first version, proposed (and so consented to) by its author."""
    _new_version(agreement, user, agreement.id, 1, data)
    _event(agreement, user, "proposed", 1)


def active_version(agreement: Agreement) -> AgreementVersion | None:
    agreed = [v for v in agreement.versions if len({c.user_id for c in v.consents}) >= 2]
    return agreed[-1] if agreed else None


def pending_version(agreement: Agreement) -> AgreementVersion | None:
    active = active_version(agreement)
    latest = agreement.versions[-1] if agreement.versions else None
    return latest if latest is not None and latest is not active else None


def state_of(agreement: Agreement) -> str:
    if agreement.retired_at is not None:
        return "retired"
    if agreement.paused_at is not None:
        return "paused"
    return "active" if active_version(agreement) is not None else "proposed"


def due_for_review(agreement: Agreement) -> bool:
    active = active_version(agreement)
    review_on = active.review_on if active else None
    return (state_of(agreement) in ("active", "paused") and review_on is not None
            and review_on <= utcnow().date())


def _refuse_unless_open(kind, user, agreement) -> None:
    rules.refuse_unless_live(kind, user, agreement)
    if agreement.retired_at is not None:
        raise ApiError(409, "retired", "This agreement was retired.")


def consent(kind, user: User, agreement: Agreement, number: int) -> None:
    """Say yes to one version. Saying it twice is harmless (even once it was retired: the phone
    only sent it again); an outdated version is refused."""
    rules.refuse_unless_live(kind, user, agreement)
    version = next((v for v in agreement.versions if v.number == number), None)
    if version is None:
        raise ApiError(404, "not_found", "This version does not exist.", {"version_number":
                                                                            "Unknown."})
    if any(c.user_id == user.id for c in version.consents):
        return
    _refuse_unless_open(kind, user, agreement)
    if version is not agreement.versions[-1]:
        raise ApiError(409, "superseded", "A newer version was proposed since; consider that one.",
                       {"version_number": f"Latest is {agreement.versions[-1].number}."})
    version.consents.append(Consent(user_id=user.id))
    _event(agreement, user, "accepted" if number == 1 else "change_accepted", number)
    _step_taken(agreement)


def propose_change(kind, user, agreement, version_id: uuid.UUID, data: dict) -> None:
    """A new version; the current one stays in force until both say yes to the new one."""
    existing = db.session.get(AgreementVersion, version_id)
    fields = {k: v for k, v in data.items() if k != "based_on"}
    if existing is not None:
        if (existing.agreement_id != agreement.id
                or existing.create_fingerprint != rules.fingerprint(fields)):
            raise ApiError(409, "id_conflict", "A different version was saved with this id.",
                           {"id": "Already used."})
        return
    _refuse_unless_open(kind, user, agreement)
    latest = agreement.versions[-1].number
    if data["based_on"] != latest:
        raise StaleVersion(kind, agreement, f"The agreement changed since you saw it (now "
                           f"version {latest}).", {"based_on": f"Now {latest}."},
                           extra={"based_on": latest})
    _new_version(agreement, user, version_id, latest + 1, fields)
    _event(agreement, user, "change_proposed", latest + 1)
    _step_taken(agreement)
    notify_partner(user.id, "consent")  # the change needs their yes


def withdraw_consent(kind, user, agreement, reason: str, event_id=None) -> None:
    """Pause it, with a reason both see. Pausing again is harmless."""
    rules.refuse_unless_live(kind, user, agreement)
    if _replayed(agreement, user, event_id, "consent_withdrawn"):
        return
    _refuse_unless_open(kind, user, agreement)
    if agreement.paused_at is not None:
        return
    if active_version(agreement) is None:
        raise ApiError(409, "not_active", "Only an active agreement can be paused; a proposal "
                       "can simply not be accepted, or be taken back by its proposer.")
    agreement.paused_at, agreement.paused_by_id, agreement.pause_reason = utcnow(), user.id, reason
    _event(agreement, user, "consent_withdrawn", reason=reason, event_id=event_id)
    _step_taken(agreement)


def resume(kind, user, agreement, event_id=None) -> None:
    """The person who paused it gives their consent again."""
    rules.refuse_unless_live(kind, user, agreement)
    if _replayed(agreement, user, event_id, "consent_restored"):
        return
    _refuse_unless_open(kind, user, agreement)
    if agreement.paused_at is None:
        return
    if agreement.paused_by_id not in (user.id, None):
        raise ApiError(403, "not_paused_by_you", "Only the partner who withdrew consent can "
                       "give it again.")
    agreement.paused_at = agreement.paused_by_id = agreement.pause_reason = None
    _event(agreement, user, "consent_restored", event_id=event_id)
    _step_taken(agreement)


def retire(kind, user, agreement) -> None:
    """Ask to retire it; it retires once both asked. A proposal never accepted: its proposer
    takes it back alone."""
    rules.refuse_unless_live(kind, user, agreement)
    if agreement.retired_at is not None:
        return
    asked = {e.actor_id for e in agreement.events if e.step == "retire_requested"}
    if user.id in asked:
        return  # asked already: the phone only sent it again
    _event(agreement, user, "retire_requested")
    asked.add(user.id)
    members = {m.user_id for m in current_space(user).memberships if m.left_at is None}
    never_active = active_version(agreement) is None
    if (never_active and user.id == agreement.author_id) or members <= asked:
        agreement.retired_at = utcnow()
        _event(agreement, user, "retired")
    _step_taken(agreement)
