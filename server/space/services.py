"""Pairing rules. Every other domain finds "our space" through current_space()."""

import uuid
from datetime import timedelta

from flask import g, has_request_context
from sqlalchemy import select, update
from sqlalchemy.orm.exc import StaleDataError

from server.auth.models import User
from server.database import utcnow
from server.errors import ApiError
from server.extensions import db
from server.space import invites
from server.space.models import Invite, Membership, Space

INVITE_LIFETIME = timedelta(hours=48)


def live_membership(user: User) -> Membership | None:
    return db.session.scalar(
        select(Membership).where(Membership.user_id == user.id, Membership.left_at.is_(None))
    )


def live_space_id(user: User) -> uuid.UUID | None:
    """The id of this person's live space (None: not in one), looked up once per request: every
    read asks (its scope, each record's presenter). What changes a membership forgets it."""
    if not has_request_context():
        membership = live_membership(user)
        return membership.space_id if membership else None
    known = g.setdefault("live_space_ids", {})
    if user.id not in known:
        membership = live_membership(user)
        known[user.id] = membership.space_id if membership else None
    return known[user.id]


def remember_live_space(user_id: uuid.UUID, space_id: uuid.UUID | None) -> None:
    """Seeds this request's lookup with what the sign-in check found in its own query."""
    if has_request_context():
        g.setdefault("live_space_ids", {})[user_id] = space_id


def _membership_changed() -> None:
    if has_request_context():
        g.pop("live_space_ids", None)


def current_space(user: User) -> Space:
    """The live space of this person, or 404: the scope every shared record lives in."""
    return db.session.get(Space, current_space_id(user))


def current_space_id(user: User) -> uuid.UUID:
    """current_space()'s id, for what needs no more of the space (a new record's place)."""
    space_id = live_space_id(user)
    if space_id is None:
        raise ApiError(404, "no_space", "You are not in a shared space.")
    return space_id


def partner_of(user: User) -> User | None:
    membership = live_membership(user)
    if membership is None:
        return None
    return next((m.user for m in membership.space.memberships
                 if m.user_id != user.id and m.left_at is None), None)


def status_of(space: Space) -> str:
    if space.ended_at is not None:
        return "ended"
    return "paired" if len(space.memberships) == 2 else "waiting"


def summary_for(user: User) -> dict | None:
    """The person's live space; else their last space, ended (so an app can say it ended rather
    than greet them as a newcomer); None when they were never in one."""
    membership = live_membership(user) or db.session.scalar(
        select(Membership).where(Membership.user_id == user.id, Membership.left_at.is_not(None))
        .order_by(Membership.left_at.desc()).limit(1))
    if membership is None:
        return None
    return {"id": membership.space_id, "status": status_of(membership.space),
            "role": membership.role}


def _refuse_if_in_a_space(user: User) -> None:
    if live_membership(user) is not None:
        raise ApiError(409, "already_in_space",
                       "You are already in a shared space. Leave it before starting or joining "
                       "another.")


def issue_invite(space: Space) -> Invite:
    """A fresh code for the partner; earlier unused codes of this space stop working."""
    now = utcnow()
    db.session.execute(
        update(Invite)
        .where(Invite.space_id == space.id, Invite.used_at.is_(None), Invite.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    invite = Invite(code=invites.new_code(), space_id=space.id, created_at=now,
                    expires_at=now + INVITE_LIFETIME)
    db.session.add(invite)
    return invite


def live_invite(space: Space) -> Invite | None:
    return db.session.scalar(
        select(Invite).where(Invite.space_id == space.id, Invite.used_at.is_(None),
                             Invite.revoked_at.is_(None), Invite.expires_at > utcnow())
    )


def create_space(user: User, role: str) -> Space:
    _refuse_if_in_a_space(user)
    space = Space()
    db.session.add(space)
    db.session.add(Membership(space=space, user_id=user.id, seat=1, role=role))
    _membership_changed()
    issue_invite(space)
    # One live membership per person (a unique rule): a second tab creating one at the same
    # moment runs again and is told it is already in a space.
    db.session.flush()
    return space


def new_invite(user: User) -> Invite:
    space = current_space(user)
    if len(space.memberships) >= 2:
        raise ApiError(409, "space_full", "Your partner has already joined; no invite is needed.")
    invite = issue_invite(space)
    db.session.flush()
    return invite


def _invite_problem(invite: Invite | None) -> ApiError | None:
    field = {"code": "Check the code and try again."}
    if invite is None:
        return ApiError(404, "invite_not_found", "There is no invite with this code.", field)
    if invite.space.ended_at is not None:
        return ApiError(410, "space_ended", "This shared space has ended.", field)
    if len(invite.space.memberships) >= 2:
        return ApiError(409, "space_full", "This shared space already has two people.", field)
    if invite.used_at is not None or invite.revoked_at is not None:
        return ApiError(410, "invite_used", "This invite code has already been used. Ask your "
                        "partner for a new one.", field)
    if invite.expires_at <= utcnow():
        return ApiError(410, "invite_expired", "This invite code has expired (codes last 48 "
                        "hours). Ask your partner for a new one.", field)
    return None


def join(user: User, typed_code: str, role: str) -> Space:
    invite = db.session.get(Invite, invites.normalize(typed_code))
    _refuse_if_in_a_space(user)
    problem = _invite_problem(invite)
    if problem:
        raise problem
    # Claim the code atomically: of two people racing with one code, exactly one gets it.
    claimed = db.session.execute(
        update(Invite)
        .where(Invite.code == invite.code, Invite.used_at.is_(None), Invite.revoked_at.is_(None))
        .values(used_at=utcnow())
    ).rowcount
    if claimed != 1:
        # Someone joined since this request read the invite: read it and its space again, so
        # the answer is the one a moment later would give (the space is full).
        db.session.expire(invite.space)
        db.session.expire(invite)
        raise _invite_problem(invite) or ApiError(
            410, "invite_used", "This invite code has already been used.")
    db.session.add(Membership(space_id=invite.space_id, user_id=user.id, seat=2, role=role))
    _membership_changed()
    # Seat 2, and one live membership per person, are unique rules: a request that loses either
    # runs again and is told the space is full or that it is already in one.
    db.session.flush()
    db.session.refresh(invite.space)
    return invite.space


def set_role(user: User, role: str) -> Membership:
    membership = live_membership(user)
    if membership is None:
        raise ApiError(404, "no_space", "You are not in a shared space.")
    membership.role = role
    db.session.flush()
    return membership


def leave_current_space(user: User) -> bool:
    """Leave alone, at once, without anyone's approval. The space ends for both; each keeps their
    own data, and the former partner becomes an outsider to it. False when not in a space."""
    membership = live_membership(user)
    if membership is None:
        return False
    now = utcnow()
    space = membership.space
    # Only a live space ends: of both partners leaving at once, the second finds it ended
    # (StaleDataError: it runs again and is told it is in no space).
    if db.session.execute(update(Space).where(Space.id == space.id, Space.ended_at.is_(None))
                          .values(ended_at=now)).rowcount != 1:
        raise StaleDataError("the space ended in another request")
    for member in space.memberships:
        member.left_at = member.left_at or now
    _membership_changed()
    db.session.execute(
        update(Invite).where(Invite.space_id == space.id, Invite.used_at.is_(None),
                             Invite.revoked_at.is_(None)).values(revoked_at=now)
    )
    # The space's rituals remind no one any more (the scheduler reads next_fire_at).
    from server.rituals.models import Ritual

    db.session.execute(update(Ritual).where(Ritual.space_id == space.id)
                       .values(next_fire_at=None))
    return True
