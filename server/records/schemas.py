"""Request and answer shapes every record kind shares; each kind's own shapes are derived from
its create schema, so a field is described once."""

import copy
from functools import cache

import marshmallow as ma
from marshmallow import validate

from server.fields import Moment
from server.records.kinds import RecordKind


class OccurredAt(Moment):
    """When it happened, as the phone's local time with its UTC offset (e.g. 21:05+01:00)."""

    def __init__(self, **kwargs):
        super().__init__(required=True, metadata={
            "description": "Local time with UTC offset, e.g. 2026-11-24T21:05:00+01:00"}, **kwargs)


class ListQuery(ma.Schema):
    since = Moment(data_key="from", metadata={"description": "Inclusive"})
    until = Moment(data_key="to", metadata={"description": "Exclusive"})
    author = ma.fields.String(validate=validate.OneOf(["me", "partner"]))
    cursor = ma.fields.String(validate=validate.Length(max=200))
    limit = ma.fields.Integer(validate=validate.Range(1, 100), load_default=30)


STEP_ID = {"description": "Made on the phone for this step: the same step sent again (an "
                          "outbox replay) changes nothing, even after later steps"}


class StepIn(ma.Schema):
    """A step with nothing to say but its id (a pause, a resume, the end of a pause). Optional:
    an outbox queued by an older build sends the step without one (see ARCHITECTURE.md)."""

    id = ma.fields.UUID(load_default=None, metadata=STEP_ID)


class VersionIn(ma.Schema):
    version = ma.fields.Integer(required=True, validate=validate.Range(min=1))
    id = ma.fields.UUID(load_default=None, metadata=STEP_ID)


class AcknowledgementIn(ma.Schema):
    words = ma.fields.String(validate=validate.Length(max=500), allow_none=True,
                             load_default=None)


class AcknowledgementOut(ma.Schema):
    author_id = ma.fields.UUID()
    author_name = ma.fields.String()
    words = ma.fields.String(allow_none=True)
    created_at = ma.fields.AwareDateTime()


class RevisionOut(ma.Schema):
    version = ma.fields.Integer()
    author_id = ma.fields.UUID(allow_none=True)
    author_name = ma.fields.String(allow_none=True)
    created_at = ma.fields.AwareDateTime()
    changes = ma.fields.Dict(metadata={"description": "field → {from, to}"})


COMMON_OUT = {
    "id": ma.fields.UUID(),
    "kind": ma.fields.String(),
    "author_id": ma.fields.UUID(),
    "author_name": ma.fields.String(allow_none=True),
    "is_mine": ma.fields.Boolean(),
    "version": ma.fields.Integer(),
    "occurred_at": ma.fields.AwareDateTime(),
    "received_at": ma.fields.AwareDateTime(),
    "updated_at": ma.fields.AwareDateTime(),
    "withdrawn_at": ma.fields.AwareDateTime(allow_none=True,
                                            metadata={"description": "Set on a tombstone"}),
}


def _title(kind: RecordKind) -> str:
    return "".join(part.title() for part in kind.name.split("_"))


def _dump_copy(field: ma.fields.Field) -> ma.fields.Field:
    dumped = copy.deepcopy(field)
    # A tombstone has no content: in answers, no field of the create body is required.
    dumped.allow_none = True
    dumped.required = False
    dumped.load_only = False
    return dumped


@cache
def out_schema(kind: RecordKind) -> type[ma.Schema]:
    """The answer schema of a kind, made once (the routes, the export and a 409's `current`
    share it)."""
    declared = kind.create_schema._declared_fields
    fields = {**COMMON_OUT,
              **{name: _dump_copy(declared[name]) for name in kind.out_fields if name in declared},
              **kind.extra_out}
    if kind.acknowledgeable:
        fields["acknowledgements"] = ma.fields.List(ma.fields.Nested(AcknowledgementOut))
    return ma.Schema.from_dict(fields, name=f"{_title(kind)}Out")


def update_schema(kind: RecordKind) -> type[ma.Schema]:
    declared = kind.create_schema._declared_fields
    fields = {}
    for name in kind.editable:
        field = copy.deepcopy(declared[name])
        field.required = False
        field.load_default = ma.missing
        fields[name] = field
    fields["version"] = copy.deepcopy(VersionIn._declared_fields["version"])
    fields["id"] = copy.deepcopy(VersionIn._declared_fields["id"])
    return ma.Schema.from_dict(fields,
                               name=f"{_title(kind)}Update")


def page_schema(kind: RecordKind, out: type[ma.Schema]) -> type[ma.Schema]:
    return ma.Schema.from_dict({
        "items": ma.fields.List(ma.fields.Nested(out)),
        "next_cursor": ma.fields.String(allow_none=True),
    }, name=f"{_title(kind)}Page")
