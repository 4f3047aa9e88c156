import marshmallow as ma
from marshmallow import validate, validates_schema

from server.fields import optional_text
from server.records.schemas import OccurredAt

# Named, not scored: every feeling is allowed here.
FEELINGS = (
    "anger", "grief", "confusion", "fear", "numbness", "shame", "hope", "calm", "gratitude",
    "love", "sadness", "anxiety", "loneliness", "relief", "jealousy", "overwhelm", "tenderness",
    "betrayal", "guilt", "exhaustion",
)
MEASURES = ("trust", "safety", "connection")


def zero_to_ten(**kwargs):
    # strict: 2.5 is refused, not silently stored as 2
    return ma.fields.Integer(strict=True, validate=validate.Range(0, 10), allow_none=True,
                             **kwargs)


def no_repeats(values):
    if len(set(values)) != len(values):
        raise ma.ValidationError("Name each feeling once.")


class CheckinIn(ma.Schema):
    feelings = ma.fields.List(ma.fields.String(validate=validate.OneOf(FEELINGS)),
                              validate=[validate.Length(max=len(FEELINGS)), no_repeats],
                              load_default=list)
    intensity = zero_to_ten()
    trust = zero_to_ten()
    safety = zero_to_ten()
    connection = zero_to_ten()
    want_you_to_know = optional_text(4000)
    need_from_you = optional_text(4000)
    occurred_at = OccurredAt()

    @validates_schema
    def says_something(self, data, **kwargs):
        content = [data.get(name) for name in (*MEASURES, "want_you_to_know", "need_from_you")]
        if not data.get("feelings") and all(value in (None, "") for value in content):
            raise ma.ValidationError("Name a feeling, a measure or a note.", "feelings")


class VocabularyOut(ma.Schema):
    feelings = ma.fields.List(ma.fields.String())
    measures = ma.fields.List(ma.fields.String())
