"""Account rules: what "me" looks like, changing the password, deleting the account."""

from sqlalchemy import delete, update

from server.agreements.models import Agreement, AgreementEvent, AgreementVersion
from server.auth import sessions
from server.auth.models import User
from server.auth.passwords import hash_password, verify_password
from server.errors import ApiError
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
    if not verify_password(user.password_hash, password):
        raise ApiError(403, "wrong_password", "The password is not right.",
                       {field: "The password is not right."})


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Set a new password and end every other session: a stolen cookie dies with the old one."""
    confirm_password(user, current_password, "current_password")
    user.password_hash = hash_password(new_password)
    sessions.end_all(user, keep=sessions.current())
    db.session.commit()


def delete_account(user: User, password: str) -> None:
    """Delete the person for real: their space ends, and every row they wrote goes — most by the
    database's ON DELETE CASCADE from users, the rest (their words kept in the history of their
    former partner's records) here — so nothing that identifies them remains."""
    confirm_password(user, password, "password")
    space_services.leave_current_space(user)
    sessions.end_all(user)
    for table, author in ((Revision, Revision.author_id),
                          (AgreementEvent, AgreementEvent.actor_id),
                          (AgreementVersion, AgreementVersion.proposed_by_id)):
        db.session.execute(delete(table).where(author == user.id))
    db.session.execute(update(Agreement).where(Agreement.paused_by_id == user.id)
                       .values(paused_by_id=None, pause_reason=None))
    db.session.delete(user)
    db.session.commit()
