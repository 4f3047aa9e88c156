"""Registration and sign-in rules, free of HTTP."""

from sqlalchemy import select

from server.auth.models import User
from server.auth.passwords import hash_password, needs_rehash
from server.auth.sealing import auth_matches, default_parameters, kdf_problem
from server.errors import ApiError
from server.extensions import db


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def refuse_weak_kdf(kdf: dict, field: str = "kdf") -> None:
    """422 naming `field` when the phone chose a salt or parameters that may not be used."""
    problem = kdf_problem(kdf)
    if problem:
        name, why = problem
        raise ApiError(422, "validation_error", why, {f"{field}.{name}": why})


def register(email: str, auth: str, kdf: dict, wrapped_journal_key: str,
             display_name: str) -> None:
    """Create the account unless the email is taken. Says nothing either way (no enumeration):
    the authentication value is hashed in both cases so the two paths take the same time."""
    refuse_weak_kdf(kdf)
    password_hash = hash_password(auth)
    if find_by_email(email) is not None:
        return
    # The same email registered twice at once: the loser runs again and returns silently above.
    db.session.add(User(email=normalize_email(email), display_name=display_name.strip(),
                        password_hash=password_hash, kdf=kdf,
                        wrapped_journal_key=wrapped_journal_key))
    db.session.flush()


def sign_in_matches(user: User | None, auth: str) -> bool:
    """Check the authentication value (for an unknown email too, against a dummy hash, so both
    take the same time); a hash made with lower cost parameters than today's is upgraded on the
    way (a legacy account keeps its hash until its phone moves it: that hash is its salt)."""
    if not auth_matches(user, auth):
        return False
    if user.kdf is not None and needs_rehash(user.password_hash):
        user.password_hash = hash_password(auth)
    return True


def sealing_of(user: User) -> dict:
    """What a phone needs to open the journal once it has the password: the salt and parameters
    and the wrapped key (kdf None: a legacy account its phone moves now), and today's
    parameters for a new salt (a new password, the move)."""
    return {"kdf": user.kdf, "wrapped_journal_key": user.wrapped_journal_key,
            "parameters": default_parameters()}
