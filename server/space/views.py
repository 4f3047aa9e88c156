"""HTTP shape of /api/space; the rules are in services."""

from flask import current_app
from flask_login import current_user, login_required

from server.api import Blueprint
from server.errors import ApiError
from server.extensions import limiter
from server.space import history, invites, services
from server.space.models import Invite, Space
from server.space.schemas import (
    EndedSpaceOut,
    InviteOut,
    JoinIn,
    RoleIn,
    SpaceCreateIn,
    SpaceOut,
)

bp = Blueprint("space", __name__, url_prefix="/api/space",
               description="Pairing into a shared space")


def _invite_out(invite: Invite | None) -> dict | None:
    if invite is None:
        return None
    return {"code": invites.display(invite.code), "expires_at": invite.expires_at}


def _space_out(space: Space) -> dict:
    return {
        "id": space.id,
        "status": services.status_of(space),
        "created_at": space.created_at,
        "members": [
            {"user_id": m.user_id, "display_name": m.user.display_name, "role": m.role,
             "joined_at": m.joined_at, "is_me": m.user_id == current_user.id}
            for m in space.memberships
        ],
        "invite": _invite_out(services.live_invite(space)),
    }


@bp.route("", methods=["GET"])
@login_required
@bp.response(200, SpaceOut)
def get_space():
    """My shared space, with the live invite while my partner has not joined yet."""
    return _space_out(services.current_space(current_user))


@bp.route("/history", methods=["GET"])
@login_required
@bp.response(200, EndedSpaceOut(many=True))
def get_history():
    """My spaces that have ended, newest first, with what of each I still see (read-only)."""
    return history.ended_spaces(current_user)


@bp.route("", methods=["POST"])
@login_required
@bp.arguments(SpaceCreateIn)
@bp.response(201, SpaceOut)
def create_space(data):
    """Start a shared space; the answer carries the invite code for the partner."""
    return _space_out(services.create_space(current_user, data["role"]))


@bp.route("/invite", methods=["POST"])
@login_required
@bp.response(201, InviteOut)
def new_invite():
    """A new invite code (the previous one stops working)."""
    return _invite_out(services.new_invite(current_user))


@bp.route("/join", methods=["POST"])
@login_required
@limiter.limit(lambda: current_app.config["INVITE_ATTEMPTS_PER_PERSON"],
               key_func=lambda: f"join:{current_user.id}")
@bp.arguments(JoinIn)
@bp.response(200, SpaceOut)
def join_space(data):
    """Join my partner's space with their invite code."""
    return _space_out(services.join(current_user, data["code"], data["role"]))


@bp.route("/me", methods=["PATCH"])
@login_required
@bp.arguments(RoleIn)
@bp.response(200, SpaceOut)
def set_my_role(data):
    """State my role, or take it back (unstated)."""
    return _space_out(services.set_role(current_user, data["role"]).space)


@bp.route("/leave", methods=["POST"])
@login_required
@bp.response(204)
def leave_space():
    """Leave the shared space now. It ends for both; nobody's approval is needed."""
    if not services.leave_current_space(current_user):
        raise ApiError(404, "no_space", "You are not in a shared space.")

