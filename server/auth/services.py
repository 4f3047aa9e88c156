"""Registration and sign-in rules, free of HTTP."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

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
    db.session.add(User(email=normalize_email(email), display_name=display_name.strip(),
                        password_hash=password_hash))
    try:
        db.session.commit()
    except IntegrityError:  # the same email registered concurrently: same silent answer
        db.session.rollback()


def authenticate(email: str, password: str) -> User | None:
    user = find_by_email(email)
    if not verify_password(user.password_hash if user else None, password):
        return None
    if needs_rehash(user.password_hash):  # cost parameters were raised since this hash was made
        user.password_hash = hash_password(password)
    return user
