"""Records as the API answers them: common fields, the kind's own fields (none on a tombstone),
acknowledgements and author names — with the former partner's words left out once the space
has ended (records.former_partner)."""

from sqlalchemy import select

from server.auth.models import User
from server.auth.sessions import known_names
from server.extensions import db
from server.records import rules
from server.records.former_partner import FormerPartner
from server.records.kinds import RecordKind
from server.records.schemas import out_schema


def names_of(user_ids, viewer: User | None = None) -> dict:
    """Display names by person id. The viewer's and their partner's are known already; anyone
    else's (a former partner's) is asked of the database."""
    ids = {i for i in user_ids if i is not None}
    names = {i: name for i, name in known_names().items() if i in ids}
    if viewer is not None and viewer.id in ids:
        names[viewer.id] = viewer.display_name
    missing = ids - names.keys()
    if missing:
        names.update(db.session.execute(
            select(User.id, User.display_name).where(User.id.in_(missing))).all())
    return names


class Presenter:
    """Shapes one page (or one record) for one viewer, loading names and acknowledgements once."""

    def __init__(self, kind: RecordKind, viewer: User, records: list,
                 acknowledgements: dict | None = None):
        self.kind = kind
        self.viewer = viewer
        self.acknowledgements = rules.acknowledgements_for(kind, records) \
            if acknowledgements is None else acknowledgements
        self.names = names_of(
            [r.author_id for r in records]
            + [a.author_id for acks in self.acknowledgements.values() for a in acks],
            viewer,
        )

    def __call__(self, record) -> dict:
        former_partner = FormerPartner(self.viewer, record)
        answer = {
            "id": record.id,
            "kind": self.kind.name,
            "author_id": record.author_id,
            "author_name": former_partner.name(record.author_id, self.names),
            "is_mine": record.author_id == self.viewer.id,
            "version": record.version,
            "occurred_at": rules.local_time(record),
            "received_at": record.received_at,
            "updated_at": record.updated_at,
            "withdrawn_at": record.withdrawn_at,
        }
        if record.withdrawn_at is None:
            answer.update({name: getattr(record, name) for name in self.kind.out_fields
                           if hasattr(record, name)})
            if self.kind.describe is not None:
                answer.update(self.kind.describe(record, former_partner))
        if self.kind.acknowledgeable:
            answer["acknowledgements"] = [
                # Their "I noticed" stays after the end, its words do not.
                {"author_id": a.author_id,
                 "author_name": former_partner.name(a.author_id, self.names),
                 "words": former_partner.words(a.author_id, a.words), "created_at": a.created_at}
                for a in self.acknowledgements.get(record.id, [])
            ]
        return answer


def present_one(kind: RecordKind, viewer: User, record, acknowledgements: dict | None = None
                ) -> dict:
    """One record; `acknowledgements` by record id when known already (a record created a
    moment ago has none), else they are fetched."""
    return Presenter(kind, viewer, [record], acknowledgements)(record)


def as_answered(kind: RecordKind, viewer: User, record) -> dict:
    """The record as the API answers it to this person, JSON-ready: a stale change's `current`."""
    if kind.as_answered is not None:
        return kind.as_answered(record)
    return out_schema(kind)().dump(present_one(kind, viewer, record))


def revisions_seen_by(kind: RecordKind, viewer: User, record) -> list[dict]:
    """A record's history as this person may read it: a tombstone's words are gone from its
    history too, and so are a former partner's (that they changed something, and when, stays)."""
    rows = rules.revisions(kind, record)
    names = names_of((r.author_id for r in rows), viewer)
    former_partner = FormerPartner(viewer, record)
    return [{"version": r.version, "author_id": r.author_id,
             "author_name": former_partner.name(r.author_id, names), "created_at": r.created_at,
             "changes": ({} if record.withdrawn_at or former_partner.hides(r.author_id)
                         else r.changes)}
            for r in rows]
