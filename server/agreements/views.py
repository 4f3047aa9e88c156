import uuid

import marshmallow as ma
from flask_login import current_user, login_required
from marshmallow import validate

from server.agreements import services
from server.agreements.models import CATEGORIES, Agreement
from server.api import Blueprint
from server.fields import Day, optional_text, required_text
from server.records import service
from server.records.kinds import RecordKind
from server.records.present import present_one
from server.records.routes import add_record_routes
from server.records.schemas import OccurredAt

bp = Blueprint("agreements", __name__, url_prefix="/api/agreements",
               description="Agreements both partners consent to")


class VersionFields(ma.Schema):
    title = required_text(200)
    terms = required_text(4000, metadata={"description": "What we agree to"})
    why = optional_text(2000, metadata={"description": "Why it protects us"})
    category = ma.fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    review_on = Day(allow_none=True, metadata={"description": "When to look again"})


class AgreementIn(VersionFields):
    occurred_at = OccurredAt()


class ChangeIn(VersionFields):
    based_on = ma.fields.Integer(required=True, validate=validate.Range(min=1),
                                 metadata={"description": "The latest version number seen"})


class ConsentIn(ma.Schema):
    version_number = ma.fields.Integer(required=True, validate=validate.Range(min=1))


STEP_ID = {"description": "Made on the phone: the same step sent again changes nothing"}


class WithdrawIn(ma.Schema):
    reason = required_text(2000)
    id = ma.fields.UUID(load_default=None, metadata=STEP_ID)


class ResumeIn(ma.Schema):
    id = ma.fields.UUID(load_default=None, metadata=STEP_ID)


class ConsentOut(ma.Schema):
    user_id = ma.fields.UUID()
    at = ma.fields.AwareDateTime()


class VersionOut(VersionFields):
    id = ma.fields.UUID()
    number = ma.fields.Integer()
    proposed_by_id = ma.fields.UUID(allow_none=True)
    proposed_at = ma.fields.AwareDateTime()
    consents = ma.fields.List(ma.fields.Nested(ConsentOut))


class AgreementStepOut(ma.Schema):
    step = ma.fields.String()
    actor_id = ma.fields.UUID(allow_none=True)
    version_number = ma.fields.Integer(allow_none=True)
    reason = ma.fields.String(allow_none=True)
    at = ma.fields.AwareDateTime()


def describe(agreement: Agreement, partner) -> dict:
    """State and the words in force. After the end (records.former_partner) I see the versions
    I said yes to — proposing is saying yes, and words I consented to are my commitment too,
    whoever wrote them first — but not a change the former partner proposed that I never
    accepted, nor the reason they gave for withdrawing consent. Their steps stay, without words:
    they explain the state."""
    active = services.active_version(agreement)
    versions = partner.keep(agreement.versions,
                            owners=lambda version: [c.user_id for c in version.consents])
    shown = active or versions[-1]
    pending = services.pending_version(agreement)
    if pending not in versions:
        pending = None
    return {
        "state": services.state_of(agreement),
        "due_for_review": services.due_for_review(agreement),
        **{name: getattr(shown, name) for name in services.VERSION_FIELDS},
        "active_version": active.number if active else None,
        "pending_version": pending.number if pending else None,
        "versions": versions,
        "events": [{"step": e.step, "actor_id": e.actor_id, "version_number": e.version_number,
                    "reason": partner.words(e.actor_id, e.reason), "at": e.at}
                   for e in agreement.events],
        "pause_reason": partner.words(agreement.paused_by_id, agreement.pause_reason),
    }


KIND = RecordKind(
    name="agreement", model=Agreement, create_schema=AgreementIn, editable=(),
    withdrawable=False, build=services.build, describe=describe,
    notifies="consent",  # a proposal needs the partner's yes
    out_fields=("versions", "events", "paused_by_id", "pause_reason", "retired_at"),
    extra_out={
        "state": ma.fields.String(metadata={"description": "proposed | active | paused | "
                                                          "retired"}),
        "due_for_review": ma.fields.Boolean(),
        "title": ma.fields.String(), "terms": ma.fields.String(),
        "why": ma.fields.String(allow_none=True), "category": ma.fields.String(),
        "review_on": ma.fields.Date(allow_none=True),
        "active_version": ma.fields.Integer(allow_none=True),
        "pending_version": ma.fields.Integer(allow_none=True),
        "versions": ma.fields.List(ma.fields.Nested(VersionOut)),
        "events": ma.fields.List(ma.fields.Nested(AgreementStepOut)),
        "paused_by_id": ma.fields.UUID(allow_none=True),
        "pause_reason": ma.fields.String(allow_none=True),
        "retired_at": ma.fields.AwareDateTime(allow_none=True),
    },
)
AgreementOut = add_record_routes(bp, KIND, "")


def _visible(record_id):
    return service.visible(KIND, current_user, record_id)


def _present(agreement):
    return present_one(KIND, current_user, agreement)


@bp.route("/<uuid:record_id>/consent", methods=["POST"])
@login_required
@bp.arguments(ConsentIn)
@bp.response(200, AgreementOut)
def consent(data, record_id: uuid.UUID):
    """Accept a version (the proposal, or a proposed change)."""
    agreement = _visible(record_id)
    services.consent(KIND, current_user, agreement, data["version_number"])
    return _present(agreement)


@bp.route("/<uuid:record_id>/versions/<uuid:version_id>", methods=["PUT"])
@login_required
@bp.arguments(ChangeIn)
@bp.response(201, AgreementOut)
def propose_change(data, record_id: uuid.UUID, version_id: uuid.UUID):
    """Propose a change: a new version both must accept; the current one stays until then."""
    agreement = _visible(record_id)
    services.propose_change(KIND, current_user, agreement, version_id, data)
    return _present(agreement)


@bp.route("/<uuid:record_id>/withdraw", methods=["POST"])
@login_required
@bp.arguments(WithdrawIn)
@bp.response(200, AgreementOut)
def withdraw_consent(data, record_id: uuid.UUID):
    """Withdraw my consent: the agreement pauses, with my reason."""
    agreement = _visible(record_id)
    services.withdraw_consent(KIND, current_user, agreement, data["reason"], data["id"])
    return _present(agreement)


@bp.route("/<uuid:record_id>/resume", methods=["POST"])
@login_required
@bp.arguments(ResumeIn)
@bp.response(200, AgreementOut)
def resume(data, record_id: uuid.UUID):
    """Give my consent again after withdrawing it."""
    agreement = _visible(record_id)
    services.resume(KIND, current_user, agreement, data["id"])
    return _present(agreement)


@bp.route("/<uuid:record_id>/retire", methods=["POST"])
@login_required
@bp.response(200, AgreementOut)
def retire(record_id: uuid.UUID):
    """Ask to retire it; it retires when both asked."""
    agreement = _visible(record_id)
    services.retire(KIND, current_user, agreement)
    return _present(agreement)
