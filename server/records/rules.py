"""The rules every record follows, free of HTTP: scope, idempotent create, versioned update with
revisions, withdrawal, acknowledgement, paging."""

import hashlib
import json
import uuid
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from sqlalchemy import Select, bindparam, or_, select

from server.auth.models import User
from server.database import at_offset, utcnow
from server.errors import ApiError, StaleVersion, not_found
from server.extensions import db
from server.push.services import notify_partner
from server.records import pagination
from server.records.kinds import RecordKind
from server.records.models import Acknowledgement, Revision, Step
from server.space.services import current_space_id, live_space_id

ERASED = ""  # the fingerprint of a private record whose words were erased


def _jsonable(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def fingerprint(data: dict) -> str:
    canonical = json.dumps({k: _jsonable(v) for k, v in data.items()}, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def local_time(record) -> datetime:
    return at_offset(record.occurred_at, record.occurred_offset_minutes)


def scope(kind: RecordKind, user: User) -> list:
    """Where-clauses limiting a query to what this person may see of this kind: shared records of
    their live space, and whatever they wrote themselves (kept after a space ends). A private
    record: its author, only."""
    space_id = _scope_space_id(kind, user)
    return _scope(kind, space_id is not None, user.id, space_id)


def _scope_space_id(kind: RecordKind, user: User) -> uuid.UUID | None:
    """The space whose records this person sees of this kind: their live one (None outside a
    space, and always None for a private kind)."""
    return live_space_id(user) if kind.shared else None


def _scope(kind: RecordKind, in_space: bool, user_id, space_id) -> list:
    """scope()'s rule, with values or with parameters (a statement built once, see page())."""
    model = kind.model
    if not kind.shared:
        return [model.author_id == user_id, model.withdrawn_at.is_(None)]
    if not in_space:
        return [model.author_id == user_id]
    return [or_(model.space_id == space_id, model.author_id == user_id)]


def visible(kind: RecordKind, user: User, record_id: uuid.UUID):
    """The record if this person may see it; 404 otherwise (existence is never revealed)."""
    record = db.session.scalar(select(kind.model).where(kind.model.id == record_id,
                                                        *scope(kind, user)))
    if record is None:
        raise not_found(kind.name)
    return record


def refuse_unless_live(kind: RecordKind, user: User, record) -> None:
    """Records of an ended space, or withdrawn ones, are read-only."""
    if record.withdrawn_at is not None:
        raise ApiError(409, "withdrawn", f"This {kind.name} was withdrawn.")
    if kind.shared and live_space_id(user) != record.space_id:
        raise ApiError(409, "space_ended", f"This {kind.name} belongs to a shared space "
                       "that has ended; it can be read, not changed.")


def _refuse_unless_author(kind: RecordKind, user: User, record) -> None:
    if record.author_id != user.id:
        raise ApiError(403, "not_author", f"Only the person who wrote this {kind.name} can "
                       "change or withdraw it.")
    refuse_unless_live(kind, user, record)


def check_version(kind: RecordKind, record, version: int) -> None:
    """An update names the version it was based on; a stale one gets the current record."""
    if version != record.version:
        raise StaleVersion(kind, record, f"This {kind.name} was changed since you saw it (now "
                           f"version {record.version}). Compare and try again.",
                           {"version": f"Current version is {record.version}."})


def apply_change(kind: RecordKind, user: User, record, values: dict,
                 step_id: uuid.UUID | None = None) -> bool:
    """Set fields, bump the version and, for shared records, keep a revision (who, when, each
    field's old and new value). Returns False when nothing actually changed. The UPDATE is
    conditional on the version this request read (version_id_col): if another request changed
    the record since, it fails and this request runs again to get its 409."""
    changes = {name: {"from": _jsonable(getattr(record, name)), "to": _jsonable(value)}
               for name, value in values.items() if getattr(record, name) != value}
    if not changes:
        return False
    for name in changes:
        setattr(record, name, values[name])
    record.version += 1
    record.updated_at = utcnow()
    if kind.shared:
        db.session.add(Revision(record_kind=kind.name, record_id=record.id,
                                space_id=record.space_id, author_id=user.id,
                                version=record.version, changes=changes, step_id=step_id))
    take_step(kind, user, record, step_id)
    db.session.flush()
    return True


def create(kind: RecordKind, user: User, record_id: uuid.UUID, data: dict) -> tuple:
    """Create a record with the phone's id. Sending the same create again returns the stored
    record; the same id with a different body is a conflict. Returns the record and whether
    this request created it."""
    space_id = current_space_id(user) if kind.shared else None
    print_ = fingerprint(data)
    existing = db.session.get(kind.model, record_id)
    if existing is None:
        fields = dict(data)
        occurred_at = fields.pop("occurred_at")
        # occurred_at in UTC, as the database gives it back: the answer is made from these
        # values (nothing is read back) and must equal what a later read or replay answers.
        record = kind.model(id=record_id, author_id=user.id, create_fingerprint=print_,
                            occurred_at=occurred_at.astimezone(UTC),
                            occurred_offset_minutes=int(occurred_at.utcoffset() / timedelta(
                                minutes=1)))
        if space_id is not None:
            record.space_id = space_id
        if kind.build is not None:
            kind.build(record, user, fields)
        else:
            for name, value in fields.items():
                setattr(record, name, value)
        db.session.add(record)
        # The same create arriving twice at once: the loser's insert breaks the primary key and
        # its request runs again (server.transaction), to find this record here as a replay.
        db.session.flush()
        if kind.notifies is not None:
            notify_partner(user.id, kind.notifies)
        return record, True
    same_place = existing.author_id == user.id and (
        space_id is None or existing.space_id == space_id)  # a private kind has no space_id
    if same_place and existing.create_fingerprint == ERASED:
        return existing, False  # an erased private record stays erased, whatever a replay carries
    if not same_place or existing.create_fingerprint != print_:
        raise ApiError(409, "id_conflict", f"A different {kind.name} was already saved with this "
                       "id. Create it again with a new id.", {"id": "Already used."})
    return existing, False


def update(kind: RecordKind, user: User, record, data: dict) -> None:
    """The author changes their record, based on the version their phone saw."""
    _refuse_unless_author(kind, user, record)
    if step_replayed(kind, user, record, data.get("id")):
        return  # an outbox sent this change again after later ones: it is in the history already
    check_version(kind, record, data["version"])
    apply_change(kind, user, record, {k: v for k, v in data.items() if k in kind.editable},
                 data.get("id"))


def step_replayed(kind: RecordKind, user: User, record, step_id: uuid.UUID | None) -> bool:
    """Is the step with this id (made on the phone) on this record already? Then the phone's
    outbox sent it again — perhaps after later steps, its own or the partner's — and it must
    change nothing: no conflict, no second revision, no pause after the partner resumed. The
    same id on another record, or by someone else, is refused. A step without an id (queued by
    an older build of the app) is not recognised here: its service falls back to its state.
    (Agreements keep their steps as events, with the same kind of id:
    agreements.services._replayed.)"""
    return replayed_on((kind.name, record.id), user, step_id)


def take_step(kind: RecordKind, user: User, record, step_id: uuid.UUID | None) -> None:
    """Keep the step's id, whether or not it changed anything (a pause of a paused ritual is
    still that step: sent again after a resume, it must not pause)."""
    keep_step((kind.name, record.id), user, step_id)


def replayed_on(on: tuple[str, uuid.UUID], user: User, step_id: uuid.UUID | None) -> bool:
    """step_replayed() for what is not a record (a couple's mark on an idea of the bank):
    `on` names it as (what, id)."""
    if step_id is None:
        return False
    made = db.session.get(Step, step_id)
    if made is None:
        return False
    if (made.record_kind, made.record_id, made.author_id) != (*on, user.id):
        raise ApiError(409, "id_conflict", "A different step was saved with this id.",
                       {"id": "Already used."})
    return True


def keep_step(on: tuple[str, uuid.UUID], user: User, step_id: uuid.UUID | None) -> None:
    """take_step() for what is not a record. The same step arriving twice at once: the loser's
    insert breaks the primary key and its request runs again (server.transaction), to find the
    step here."""
    if step_id is not None:
        db.session.add(Step(id=step_id, record_kind=on[0], record_id=on[1], author_id=user.id))
        db.session.flush()


def withdraw(kind: RecordKind, user: User, record) -> None:
    """Withdraw a record. Shared ones stay as a tombstone both partners see; a private one has
    its words erased at once. Withdrawing twice is harmless (an offline replay)."""
    if record.withdrawn_at is not None and record.author_id == user.id:
        return
    _refuse_unless_author(kind, user, record)
    record.withdrawn_at = utcnow()
    record.version += 1
    if not kind.shared:
        # Erase the words, and the hash of them too: a short entry could be guessed from it.
        for name in kind.editable:
            setattr(record, name, None)
        record.create_fingerprint = ERASED
    db.session.flush()


def revisions(kind: RecordKind, record) -> list[Revision]:
    return list(db.session.scalars(
        select(Revision).where(Revision.record_kind == kind.name, Revision.record_id == record.id)
        .order_by(Revision.created_at)
    ))


def acknowledge(kind: RecordKind, user: User, record, words: str | None) -> bool:
    """The partner's "I noticed". Once per person; the same again is a replay (returns False),
    other words a conflict. Returns True when newly stored."""
    if record.author_id == user.id:
        raise ApiError(403, "own_record", "You cannot acknowledge your own entry.")
    refuse_unless_live(kind, user, record)
    query = select(Acknowledgement).where(Acknowledgement.record_kind == kind.name,
                                          Acknowledgement.record_id == record.id,
                                          Acknowledgement.author_id == user.id)
    existing = db.session.scalar(query)
    if existing is None:
        # Once per person (a unique rule): of two at once, the loser runs again as a replay.
        db.session.add(Acknowledgement(record_kind=kind.name, record_id=record.id,
                                       space_id=record.space_id, author_id=user.id, words=words))
        db.session.flush()
        notify_partner(user.id, "acknowledged")
        return True
    if existing.words != words:
        raise ApiError(409, "already_acknowledged", "You already acknowledged this with other "
                       "words.", {"words": "Already acknowledged."})
    return False


def acknowledgements_for(kind: RecordKind, records: list) -> dict[uuid.UUID, list]:
    """Acknowledgements of a page of records, fetched in one query."""
    if not kind.acknowledgeable or not records:
        return {}
    found: dict[uuid.UUID, list] = {}
    rows = db.session.scalars(
        select(Acknowledgement).where(Acknowledgement.record_kind == kind.name,
                                      Acknowledgement.record_id.in_([r.id for r in records]))
        .order_by(Acknowledgement.created_at))
    for row in rows:
        found.setdefault(row.record_id, []).append(row)
    return found


# Statements are built once per process for each shape (functools.cache, the one pattern the
# app uses for them): building one cost more than running it. The person, their space, the
# bounds and the cursor are parameters.
@cache
def _page_statement(kind: RecordKind, in_space: bool, since: bool, until: bool,
                    author: str | None, cursor: bool, limit: int) -> Select:
    model = kind.model
    where = _scope(kind, in_space, bindparam("user_id"), bindparam("space_id"))
    if since:
        where.append(model.occurred_at >= bindparam("since"))
    if until:
        where.append(model.occurred_at < bindparam("until"))
    if author == "me":
        where.append(model.author_id == bindparam("user_id"))
    elif author == "partner":
        where.append(model.author_id != bindparam("user_id"))
    if cursor:
        where.append(pagination.after(model.occurred_at, model.id))
    return (select(model).where(*where).order_by(model.occurred_at.desc(), model.id.desc())
            .limit(limit + 1))


def page(kind: RecordKind, user: User, query: dict):
    """One page of records, newest first, with the cursor of the next page (or None)."""
    space_id = _scope_space_id(kind, user)
    parameters = {"user_id": user.id, "space_id": space_id, "since": query.get("since"),
                  "until": query.get("until")}
    if query.get("cursor"):
        parameters.update(pagination.after_parameters(query["cursor"]))
    limit = query["limit"]
    statement = _page_statement(kind, space_id is not None, query.get("since") is not None,
                                query.get("until") is not None, query.get("author"),
                                bool(query.get("cursor")), limit)
    rows = list(db.session.scalars(statement, parameters))
    next_cursor = pagination.encode(rows[limit - 1].occurred_at, rows[limit - 1].id) \
        if len(rows) > limit else None
    return rows[:limit], next_cursor
