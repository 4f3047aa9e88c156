"""A RecordKind tells the shared machinery how one kind of record looks and who may see it."""

from collections.abc import Callable
from dataclasses import dataclass, field

import marshmallow as ma


# eq=False: a kind is itself (hashed by identity), so statements and schemas built for it can be
# cached with functools.cache.
@dataclass(frozen=True, eq=False)
class RecordKind:
    name: str  # "checkin": used in revisions, acknowledgements, the timeline and URLs' endpoints
    model: type
    create_schema: type[ma.Schema]  # the fields the phone sends to create one
    editable: tuple[str, ...]  # fields the author may change with PATCH (none: no PATCH route)
    out_fields: tuple[str, ...]  # the record's own fields in answers (besides the common ones)
    # Shared: both partners of the space read it, updates keep revisions, deletion leaves a
    # tombstone. Private (the journal): its author alone, anywhere, ever.
    shared: bool = True
    acknowledgeable: bool = False
    # The shared DELETE route (withdraw). False where the domain has its own way out:
    # agreements retire once both ask; a ritual's own DELETE also stops its reminders.
    shared_delete_route: bool = True
    extra_out: dict = field(default_factory=dict)  # name → marshmallow field, for out_fields
    # Fills a new record from the create body (default: set the fields of the same names);
    # a kind whose words live elsewhere (agreement versions) builds them here.
    build: Callable | None = None
    # The notification a new record of this kind queues for its author's partner (None: none);
    # records.rules.create calls push.services.notify_partner with it.
    notifies: str | None = None
    # The record as the API answers it, where that is not the shared shape (records.present):
    # called with the record, gives JSON-ready data (a stale change's `current`).
    as_answered: Callable | None = None
    # Derived values for answers (e.g. an agreement's state), merged over out_fields; called
    # with the record and the FormerPartner rule for its viewer (records.former_partner).
    describe: Callable | None = None
