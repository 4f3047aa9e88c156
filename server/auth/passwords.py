"""Password hashing (argon2id) and the rules a new password must meet."""

import gzip
import secrets
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

MIN_LENGTH = 8
MAX_LENGTH = 128
# The 20,000 most common passwords, as shipped by Django (BSD licence).
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt.gz")


@cache
def _common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip().lower() for line in lines if line.strip())


def password_problem(password: str) -> str | None:
    """Why this password may not be used, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    if password.strip().lower() in _common_passwords():
        return "This password is too common; choose one that is hard to guess."
    return None


@cache
def _hasher(time_cost: int, memory_cost: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash(secrets.token_urlsafe(16))


def hasher() -> PasswordHasher:
    config = current_app.config
    return _hasher(config["ARGON2_TIME_COST"], config["ARGON2_MEMORY_COST"],
                   config["ARGON2_PARALLELISM"])


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; with no hash (unknown account) spend the same time on a dummy one."""
    ph = hasher()
    try:
        return ph.verify(password_hash or _dummy_hash(ph), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return hasher().check_needs_rehash(password_hash)
