"""Pauses ("I need a pause") as a record kind (server.records)."""

import marshmallow as ma
from marshmallow import validate

from server.fields import optional_text
from server.pauses.models import Pause
from server.records.kinds import RecordKind
from server.records.schemas import OccurredAt

DEFAULT_MINUTES = 20
MAX_MINUTES = 24 * 60


class PauseIn(ma.Schema):
    minutes = ma.fields.Integer(validate=validate.Range(1, MAX_MINUTES),
                                load_default=DEFAULT_MINUTES)
    note = optional_text(500)
    occurred_at = OccurredAt()


KIND = RecordKind(
    name="pause", model=Pause, create_schema=PauseIn, editable=("minutes", "note"),
    notifies="pause",
    out_fields=("minutes", "note", "until", "ended_at", "ended_by_id"),
    extra_out={"until": ma.fields.AwareDateTime(), "ended_at": ma.fields.AwareDateTime(
        allow_none=True), "ended_by_id": ma.fields.UUID(allow_none=True)},
)
