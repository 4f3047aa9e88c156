"""Account rules: what "me" looks like, changing the password, deleting the account."""

from server.auth import sessions
from server.auth.models import User
from server.auth.passwords import hash_password, verify_password
from server.errors import ApiError
from server.extensions import db
from server.space import services as space_services


def describe_me(user: User) -> dict:
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "created_at": user.created_at,
        "space": space_services.summary_for(user),
    }


def _confirm_password(user: User, password: str, field: str) -> None:
    if not verify_password(user.password_hash, password):
        raise ApiError(403, "wrong_password", "The password is not right.",
                       {field: "The password is not right."})


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Set a new password and end every other session: a stolen cookie dies with the old one."""
    _confirm_password(user, current_password, "current_password")
    user.password_hash = hash_password(new_password)
    sessions.end_all(user, keep=sessions.current())
    db.session.commit()


def delete_account(user: User, password: str) -> None:
    """Delete the person and everything that is theirs alone; a shared space they are in ends."""
    _confirm_password(user, password, "password")
    space_services.leave_current_space(user)
    sessions.end_all(user)
    db.session.delete(user)
    db.session.commit()
