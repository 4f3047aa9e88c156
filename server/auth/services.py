"""Registration and sign-in rules, free of HTTP."""

from sqlalchemy import select

from server.auth.models import User
from server.auth.passwords import hash_password, needs_rehash, verify_password
from server.extensions import db


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def register(email: str, password: str, display_name: str) -> None:
    """Create the account unless the email is taken. Says nothing either way (no enumeration):
    the password is hashed in both cases so the two paths take the same time."""
    password_hash = hash_password(password)
    if find_by_email(email) is not None:
        return
    # The same email registered twice at once: the loser runs again and returns silently above.
    db.session.add(User(email=normalize_email(email), display_name=display_name.strip(),
                        password_hash=password_hash))
    db.session.flush()


def password_matches(user: User | None, password: str) -> bool:
    """Check the password (for an unknown email too, against a dummy hash, so both take the same
    time); a hash made with lower cost parameters than today's is upgraded on the way."""
    if not verify_password(user.password_hash if user else None, password):
        return False
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return True
