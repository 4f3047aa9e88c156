"""Agreements as a record kind (server.records): their words live in versions both consent to."""

import marshmallow as ma
from marshmallow import validate

from server.agreements import services
from server.agreements.models import CATEGORIES, Agreement
from server.fields import Day, optional_text, required_text
from server.records.kinds import RecordKind
from server.records.schemas import OccurredAt


class VersionFields(ma.Schema):
    title = required_text(200)
    terms = required_text(4000, metadata={"description": "What we agree to"})
    why = optional_text(2000, metadata={"description": "Why it protects us"})
    category = ma.fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    review_on = Day(allow_none=True, metadata={"description": "When to look again"})


class AgreementIn(VersionFields):
    occurred_at = OccurredAt()


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


def describe(agreement: Agreement, former_partner) -> dict:
    """State and the words in force. After the end (records.former_partner) I see the versions
    I said yes to — proposing is saying yes, and words I consented to are my commitment too,
    whoever wrote them first — but not a change the former partner proposed that I never
    accepted, nor the reason they gave for withdrawing consent. Their steps stay, without words:
    they explain the state."""
    active = services.active_version(agreement)
    versions = former_partner.keep(agreement.versions,
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
                    "reason": former_partner.words(e.actor_id, e.reason), "at": e.at}
                   for e in agreement.events],
        "pause_reason": former_partner.words(agreement.paused_by_id, agreement.pause_reason),
    }


KIND = RecordKind(
    name="agreement", model=Agreement, create_schema=AgreementIn, editable=(),
    shared_delete_route=False, build=services.build, describe=describe,
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
