"""Setbacks as a record kind (server.records)."""

import marshmallow as ma

from server.fields import optional_text, required_text
from server.records.kinds import RecordKind
from server.records.schemas import OccurredAt
from server.setbacks.models import Setback


class SetbackIn(ma.Schema):
    what_happened = required_text(4000)
    how_it_felt = optional_text(4000)
    occurred_at = OccurredAt()


CONTENT = ("what_happened", "how_it_felt")
KIND = RecordKind(name="setback", model=Setback, create_schema=SetbackIn, editable=CONTENT,
                  out_fields=CONTENT)
