"""A person's own history of the spaces that have ended: when each began and ended, and the
records of it they still see, read-only, as the former-partner rule leaves them
(records.former_partner): their own words, and their former partner's steps without words."""

from sqlalchemy import select

from server.account.export import records_of
from server.auth.models import User
from server.extensions import db
from server.records.registry import KINDS
from server.space.models import Membership, Space


def ended_spaces(user: User) -> list[dict]:
    """Every ended space this person was in, newest first, each with its shared records."""
    memberships = db.session.scalars(
        select(Membership).join(Membership.space)
        .where(Membership.user_id == user.id, Space.ended_at.is_not(None))
        .order_by(Space.ended_at.desc()))
    return [{
        "id": membership.space_id,
        "joined_at": membership.joined_at,
        "ended_at": membership.space.ended_at,
        "records": {name: records_of(kind, user, kind.model.space_id == membership.space_id)
                    for name, kind in KINDS.items() if kind.shared},
    } for membership in memberships]
