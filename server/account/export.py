"""Export my data: everything a person may take with them, as one JSON document.

What goes in, for the signed-in person:
- their account (never the password hash) and their current space with its members' names;
- for every record kind in server.records.registry.KINDS:
  - shared kinds: the records of their current space (both partners', tombstones included) and
    the records they wrote themselves in spaces that have ended (a person keeps their own data
    after leaving);
  - private kinds (the journal): their own entries only;
  each exactly as the API shows it to them: what rules.scope() lets them see, shaped by the
  kind's Presenter and answer schema — so, on their records of an ended space, without their
  former partner's words (the one rule of records.former_partner).
Nothing private of anyone else is ever in it. Kinds are read from KINDS, so a new kind listed in
server.records.registry is exported without a change here.
"""

import marshmallow as ma
from sqlalchemy import select

from server.auth.models import User
from server.auth.schemas import SealingOut
from server.auth.services import sealing_of
from server.daily.schemas import DayOut
from server.daily.services import answered_days
from server.database import utcnow
from server.extensions import db
from server.records import rules
from server.records.kinds import RecordKind
from server.records.present import Presenter
from server.records.registry import KINDS
from server.records.schemas import out_schema
from server.space import services as space_services
from server.space.schemas import MemberOut

FORMAT = "kintsugi-export/1"
# How the sealed journal entries of this document open: all of it is in the document but the
# password.
SEALING_HOW = (
    "The journal entries are sealed on the phone. To open one: master = Argon2id(password, "
    "base64url-decode(kdf.salt), t=kdf.iterations, m=kdf.memory_kib KiB, p=kdf.parallelism, "
    "32 bytes); wrapping key = HKDF-SHA256(master, salt empty, info 'kintsugi/journal-wrapping/"
    "v1', 32 bytes); the journal key = AES-256-GCM-decrypt(wrapping key, nonce = the first 12 "
    "bytes after 'v1.' of wrapped_journal_key, the rest, additional data 'kintsugi/journal-key/"
    "v1'); an entry's words = AES-256-GCM-decrypt(journal key, nonce = the first 12 bytes of its "
    "base64url after 'v1.', the rest, additional data 'kintsugi/journal/v1 <entry id> "
    "<version>'), JSON {prompt, text} followed by spaces.")

class ExportAccountOut(ma.Schema):
    id = ma.fields.UUID()
    email = ma.fields.String()
    display_name = ma.fields.String()
    created_at = ma.fields.AwareDateTime()


class ExportSpaceOut(ma.Schema):
    id = ma.fields.UUID()
    status = ma.fields.String(metadata={"description": "waiting | paired"})
    role = ma.fields.String()
    created_at = ma.fields.AwareDateTime()
    members = ma.fields.List(ma.fields.Nested(MemberOut))


class ExportOut(ma.Schema):
    format = ma.fields.String(metadata={"description": "Version of this document's shape"})
    exported_at = ma.fields.AwareDateTime()
    account = ma.fields.Nested(ExportAccountOut)
    space = ma.fields.Nested(ExportSpaceOut, allow_none=True,
                             metadata={"description": "My current space (none when not in one)"})
    records = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.List(ma.fields.Dict()),
        metadata={"description": "Record kind (checkin, action, journal_entry, …) → records, "
                                 "newest first, each as that kind's own endpoints answer it"},
    )
    sealing = ma.fields.Nested(SealingOut, metadata={"description": SEALING_HOW})
    questions_for_today = ma.fields.List(ma.fields.Nested(DayOut), metadata={
        "description": "Days I answered, as GET /api/daily/answered gives them"})


def _dump(kind: RecordKind, presented: list[dict]) -> list[dict]:
    return out_schema(kind)().dump(presented, many=True)


def records_of(kind: RecordKind, user: User, *narrower) -> list[dict]:
    """This person's records of one kind, newest first, exactly as the API shows them to them:
    rules.scope() is the one rule of what a person may see (`narrower`: further where-clauses,
    e.g. one ended space's records)."""
    model = kind.model
    rows = list(db.session.scalars(
        select(model).where(*rules.scope(kind, user), *narrower)
        .order_by(model.occurred_at.desc(), model.id.desc())))
    presenter = Presenter(kind, user, rows)
    return _dump(kind, [presenter(row) for row in rows])


def _space_of(user: User) -> dict | None:
    membership = space_services.live_membership(user)
    if membership is None:
        return None
    space = membership.space
    return {
        "id": space.id,
        "status": space_services.status_of(space),
        "role": membership.role,
        "created_at": space.created_at,
        "members": [{"user_id": m.user_id, "display_name": m.user.display_name, "role": m.role,
                     "joined_at": m.joined_at, "is_me": m.user_id == user.id}
                    for m in space.memberships if m.left_at is None],
    }


def export_for(user: User) -> dict:
    """The whole export of one person (see the module docstring for what is in it)."""
    return {
        "format": FORMAT,
        "exported_at": utcnow(),
        "account": {"id": user.id, "email": user.email, "display_name": user.display_name,
                    "created_at": user.created_at},
        "space": _space_of(user),
        "records": {name: records_of(kind, user) for name, kind in KINDS.items()},
        "sealing": sealing_of(user),
        # By the same reveal rule as the app: my partner's words only for days we both answered.
        "questions_for_today": answered_days(user),
    }
