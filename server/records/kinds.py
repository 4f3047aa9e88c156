"""A RecordKind tells the shared machinery how one kind of record looks and who may see it."""

from dataclasses import dataclass, field

import marshmallow as ma


@dataclass(frozen=True)
class RecordKind:
    name: str  # "checkin": used in revisions, acknowledgements, the timeline and URLs' endpoints
    model: type
    create_schema: type[ma.Schema]  # the fields the phone sends to create one
    editable: tuple[str, ...]  # fields an update may change
    out_fields: tuple[str, ...]  # the record's own fields in answers (besides the common ones)
    # Shared: both partners of the space read it, updates keep revisions, deletion leaves a
    # tombstone. Private (the journal): its author alone, anywhere, ever.
    shared: bool = True
    acknowledgeable: bool = False
    extra_out: dict = field(default_factory=dict)  # name → marshmallow field, for out_fields
