"""Rituals as a record kind (server.records): active once the partner said yes."""

import marshmallow as ma
from flask_login import current_user
from marshmallow import validate, validates

from server.agreements.kind import KIND as AGREEMENT
from server.errors import ApiError
from server.fields import WallTime, iana_zone, required_text
from server.records import rules
from server.records.kinds import RecordKind
from server.records.schemas import OccurredAt
from server.rituals import services
from server.rituals.models import ACTIVITIES, Ritual


def distinct(values):
    if len(set(values)) != len(values):
        raise ma.ValidationError("Name each day once.")


class RitualIn(ma.Schema):
    title = required_text(200)
    activity = ma.fields.String(required=True, validate=validate.OneOf(ACTIVITIES))
    weekdays = ma.fields.List(
        ma.fields.Integer(validate=validate.Range(1, 7)), required=True,
        validate=[validate.Length(min=1, max=7), distinct],
        metadata={"description": "ISO weekdays: 1 = Monday … 7 = Sunday"})
    local_time = WallTime(required=True, metadata={"description": "Wall time, e.g. 21:00"})
    time_zone = ma.fields.String(required=True, validate=[validate.Length(max=64), iana_zone],
                                 metadata={"description": "IANA zone, e.g. Europe/Berlin"})
    agreement_id = ma.fields.UUID(allow_none=True)
    occurred_at = OccurredAt()

    @validates("agreement_id")
    def agreement_is_ours(self, value, **kwargs):
        if value is not None:
            try:
                rules.visible(AGREEMENT, current_user, value)
            except ApiError:
                raise ma.ValidationError("No such agreement in your space.") from None


SCHEDULE_FIELDS = ("title", "activity", "weekdays", "local_time", "time_zone", "agreement_id")
KIND = RecordKind(
    name="ritual", model=Ritual, create_schema=RitualIn, editable=(), shared_delete_route=False,
    out_fields=(*SCHEDULE_FIELDS, "partner_accepted_at", "paused_at", "next_fire_at"),
    # Nothing of a ritual is the partner's words: their yes and their marks are facts.
    describe=lambda ritual, _former_partner: {"state": services.state_of(ritual),
                             "reminder_on": services.reminder_on(ritual, current_user.id)},
    extra_out={"state": ma.fields.String(metadata={"description": "proposed | active | paused"}),
               "reminder_on": ma.fields.Boolean(metadata={"description": "For me"}),
               "partner_accepted_at": ma.fields.AwareDateTime(allow_none=True),
               "paused_at": ma.fields.AwareDateTime(allow_none=True),
               "next_fire_at": ma.fields.AwareDateTime(allow_none=True)},
)
