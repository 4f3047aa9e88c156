"""Account rules: what "me" looks like, changing the password, deleting the account."""

from sqlalchemy import delete, update
from sqlalchemy.orm.exc import StaleDataError

from server.agreements.models import Agreement, AgreementEvent, AgreementVersion
from server.auth import guessing, sessions
from server.auth.models import User
from server.auth.passwords import hash_password
from server.extensions import db
from server.records.models import Revision
from server.space import services as space_services


def describe_me(user: User) -> dict:
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "created_at": user.created_at,
        "space": space_services.summary_for(user),
    }


def confirm_password(user: User, password: str, field: str) -> None:
    """Counted per session before it is checked (auth/guessing.py); 403 naming `field`."""
    guessing.confirm_password(user, password, field)


def _hold_as_confirmed(user: User, confirmed_hash: str, new_hash: str) -> None:
    """Write the password hash in an UPDATE that matches only while it is still the one this
    request confirmed: of two phones changing the password (or deleting the account) at once,
    the second runs again and finds its session ended with the old password."""
    held = db.session.execute(
        update(User).where(User.id == user.id, User.password_hash == confirmed_hash)
        .values(password_hash=new_hash)).rowcount
    if held != 1:
        raise StaleDataError("the account changed since its password was confirmed")


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Set a new password and end every other session: a stolen cookie dies with the old one."""
    confirmed = user.password_hash
    confirm_password(user, current_password, "current_password")
    _hold_as_confirmed(user, confirmed, hash_password(new_password))
    sessions.end_all(user, keep=sessions.current())


def delete_account(user: User, password: str) -> None:
    """Delete the person for real: their space ends, and every row they wrote goes — most by the
    database's ON DELETE CASCADE from users, the rest (their words kept in the history of their
    former partner's records) here — so nothing that identifies them remains."""
    confirmed = user.password_hash
    confirm_password(user, password, "password")
    _hold_as_confirmed(user, confirmed, confirmed)
    space_services.leave_current_space(user)
    sessions.end_all(user)
    for table, author in ((Revision, Revision.author_id),
                          (AgreementEvent, AgreementEvent.actor_id),
                          (AgreementVersion, AgreementVersion.proposed_by_id)):
        db.session.execute(delete(table).where(author == user.id))
    db.session.execute(update(Agreement).where(Agreement.paused_by_id == user.id)
                       .values(paused_by_id=None, pause_reason=None))
    db.session.delete(user)
