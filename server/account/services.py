"""Account rules: what "me" looks like, changing the password, deleting the account."""

from sqlalchemy import delete, update
from sqlalchemy.orm.exc import StaleDataError

from server.agreements.models import Agreement, AgreementEvent, AgreementVersion
from server.auth import guessing, sessions
from server.auth.models import User
from server.auth.passwords import hash_password
from server.auth.services import refuse_weak_kdf
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


def confirm_password(user: User, auth: str, field: str) -> None:
    """The authentication value the phone derived from the password; counted per session before
    it is checked (auth/guessing.py); 403 naming `field`."""
    guessing.confirm_password(user, auth, field)


def _hold_as_confirmed(user: User, confirmed_hash: str, **new_values) -> None:
    """Write in an UPDATE that matches only while the hash is still the one this request
    confirmed: of two phones changing the password (or deleting the account) at once, the
    second runs again and finds its session ended with the old password."""
    held = db.session.execute(
        update(User).where(User.id == user.id, User.password_hash == confirmed_hash)
        .values(password_hash=new_values.pop("password_hash", confirmed_hash), **new_values)
    ).rowcount
    if held != 1:
        raise StaleDataError("the account changed since its password was confirmed")
    db.session.refresh(user)


def _set_credentials(user: User, credentials: dict) -> None:
    confirmed = user.password_hash
    confirm_password(user, credentials["current_auth"], "current_auth")
    refuse_weak_kdf(credentials["new_kdf"], "new_kdf")
    _hold_as_confirmed(user, confirmed, password_hash=hash_password(credentials["new_auth"]),
                       kdf=credentials["new_kdf"],
                       wrapped_journal_key=credentials["wrapped_journal_key"])


def change_password(user: User, credentials: dict) -> None:
    """Set a new password (its authentication value, salt and re-wrapped journal key, all made
    on the phone) and end every other session: a stolen cookie dies with the old one."""
    _set_credentials(user, credentials)
    sessions.end_all(user, keep=sessions.current())


def move_to_sealing(user: User, credentials: dict) -> None:
    """A legacy account (its hash is of the raw password, its entries plaintext) takes the
    scheme of server.auth.sealing: a fresh salt, a journal key. The password is the same, so no
    session ends; the phone seals the plaintext entries next, each with a PATCH."""
    if user.kdf is not None:
        raise ApiError(409, "already_sealed", "This account uses sealing already.")
    _set_credentials(user, credentials)


def delete_account(user: User, auth: str) -> None:
    """Delete the person for real: their space ends, and every row they wrote goes — most by the
    database's ON DELETE CASCADE from users, the rest (their words kept in the history of their
    former partner's records) here — so nothing that identifies them remains."""
    confirmed = user.password_hash
    confirm_password(user, auth, "auth")
    _hold_as_confirmed(user, confirmed)
    space_services.leave_current_space(user)
    sessions.end_all(user)
    for table, author in ((Revision, Revision.author_id),
                          (AgreementEvent, AgreementEvent.actor_id),
                          (AgreementVersion, AgreementVersion.proposed_by_id)):
        db.session.execute(delete(table).where(author == user.id))
    db.session.execute(update(Agreement).where(Agreement.paused_by_id == user.id)
                       .values(paused_by_id=None, pause_reason=None))
    db.session.delete(user)
