"""Experiences (time together) as a record kind (server.records), with both reflections."""

import marshmallow as ma
from marshmallow import validate

from server.experiences.models import Experience
from server.fields import optional_text, required_text
from server.records.kinds import RecordKind
from server.records.schemas import OccurredAt


class ReflectionOut(ma.Schema):
    id = ma.fields.UUID()
    author_id = ma.fields.UUID()
    author_name = ma.fields.String()
    text = ma.fields.String(allow_none=True)
    joy = ma.fields.Integer()
    version = ma.fields.Integer()
    updated_at = ma.fields.AwareDateTime()


class ExperienceIn(ma.Schema):
    title = required_text(200)
    what_we_did = optional_text(4000)
    idea_id = ma.fields.String(validate=validate.Length(max=40), allow_none=True)
    occurred_at = OccurredAt()


KIND = RecordKind(
    name="experience", model=Experience, create_schema=ExperienceIn,
    editable=("title", "what_we_did"), out_fields=("title", "what_we_did", "idea_id",
                                                    "reflections"),
    # Once the space has ended, the former partner's reflection goes (records.former_partner).
    describe=lambda experience, former_partner: {
        "reflections": former_partner.keep(experience.reflections)},
    extra_out={"reflections": ma.fields.List(ma.fields.Nested(ReflectionOut))},
)
