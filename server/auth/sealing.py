"""The password never reaches the server: what the phone derives from it, and what the server
keeps to let it (issue #18, the journal sealed on the phone).

On the phone: master = Argon2id(password, the account's salt, its parameters), 32 bytes. From
master, HKDF-SHA256 derives two unrelated keys:
- the authentication value ("auth", info AUTH_INFO): all the server receives as the credential.
  The server hashes it again with argon2id (server.auth.passwords), as it hashed passwords, so
  a copy of the database does not let anyone sign in;
- the wrapping key (info "kintsugi/journal-wrapping/v1", in client/src/data/sealing.js; the
  server never needs it): it never leaves the phone; it unwraps the journal key
  (random AES-256-GCM, made on the first phone), which the server keeps only wrapped.
Knowing `auth` (or its hash) tells nothing about the wrapping key: both come from master through
a one-way function with different labels.

Before signing in the phone asks for the salt and parameters (prelogin). For an email without
an account the answer is made up the same way every time (an HMAC of the normalised email with
the app's secret, today's parameters), so the answer does not say whether an account exists.

Accounts made before this scheme ("legacy") have a password hash of the raw password. Their
prelogin answer is that hash's own salt and parameters, so the phone's master IS the raw Argon2id
output the server kept (argon2-cffi makes 32 bytes, as the phone does): the server checks
HKDF(that raw output) == auth without ever seeing the password, and the phone then moves the
account to a fresh salt (a new auth value and a wrapped journal key, POST /api/me/sealing), and
seals the account's plaintext entries. The fresh salt matters: the legacy raw output sits in
the database, and from it anyone could derive the old wrapping key.
"""

import base64
import hashlib
import hmac

from argon2 import extract_parameters
from argon2.exceptions import InvalidHashError
from argon2.low_level import Type
from flask import current_app

from server.auth.passwords import verify_password

AUTH_INFO = b"kintsugi/auth/v1"
ALGORITHM = "argon2id"
SALT_BYTES = 16
AUTH_BYTES = 32
# Upper bounds a phone may choose: beyond them, a phone could not sign in in reasonable time.
MAX_MEMORY_KIB = 1024 * 1024
MAX_ITERATIONS = 20
MAX_PARALLELISM = 16


def b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def b64decode(text: str) -> bytes:
    """base64url with or without padding (argon2's standard base64 is turned to it first)."""
    text = text.replace("+", "-").replace("/", "_")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hkdf_sha256(key: bytes, info: bytes, length: int = 32) -> bytes:
    """RFC 5869 with an empty salt, as WebCrypto's HKDF is called on the phone."""
    prk = hmac.new(b"\0" * 32, key, hashlib.sha256).digest()
    block, output, counter = b"", b"", 1
    while len(output) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        output += block
        counter += 1
    return output[:length]


def default_parameters() -> dict:
    """Today's parameters for a new salt: the server's own argon2 cost (config ARGON2_*), so a
    legacy account's hash, made with them, is already the phone's master (see the docstring)."""
    config = current_app.config
    return {"algorithm": ALGORITHM, "memory_kib": config["ARGON2_MEMORY_COST"],
            "iterations": config["ARGON2_TIME_COST"],
            "parallelism": config["ARGON2_PARALLELISM"]}


def kdf_problem(kdf: dict) -> tuple[str, str] | None:
    """(the field, why) a phone's chosen salt and parameters may not be used, or None when they
    may: never cheaper than today's, so a phone cannot weaken the account against guessing."""
    minimum = default_parameters()
    if not SALT_BYTES <= len(_salt_bytes(kdf)) <= 64:
        return "salt", f"The salt must be {SALT_BYTES} to 64 bytes."
    bounds = {"memory_kib": MAX_MEMORY_KIB, "iterations": MAX_ITERATIONS,
              "parallelism": MAX_PARALLELISM}
    for name, top in bounds.items():
        if not minimum[name] <= kdf[name] <= top:
            return name, f"{name} must be between {minimum[name]} and {top}."
    if kdf["memory_kib"] < 8 * kdf["parallelism"]:
        return "memory_kib", "memory_kib must be at least 8 × parallelism."
    return None


def _salt_bytes(kdf: dict) -> bytes:
    try:
        return b64decode(kdf.get("salt", ""))
    except ValueError:
        return b""


def _legacy_parameters(password_hash: str) -> dict | None:
    """The salt and parameters of a legacy argon2id hash, or None if it is not one."""
    try:
        parameters = extract_parameters(password_hash)
    except InvalidHashError:
        return None
    if parameters.type is not Type.ID or parameters.hash_len != AUTH_BYTES:
        return None
    salt = password_hash.split("$")[-2]
    return {"algorithm": ALGORITHM, "salt": b64encode(b64decode(salt)),
            "memory_kib": parameters.memory_cost, "iterations": parameters.time_cost,
            "parallelism": parameters.parallelism}


def made_up_parameters(email: str) -> dict:
    """What prelogin answers for an email without an account: the same every time, and shaped
    like a real account's answer."""
    salt = hmac.new(current_app.config["SECRET_KEY"].encode(),
                    b"kintsugi-prelogin:" + email.encode(), hashlib.sha256).digest()[:SALT_BYTES]
    return {**default_parameters(), "salt": b64encode(salt)}


def prelogin_parameters(user, email: str) -> dict:
    """The salt and parameters the phone derives `auth` with, for this email."""
    if user is None:
        return made_up_parameters(email)
    if user.kdf is not None:
        return user.kdf
    return _legacy_parameters(user.password_hash) or made_up_parameters(email)


def legacy_auth_matches(password_hash: str, auth: str) -> bool:
    """A legacy account: is `auth` HKDF(the raw Argon2id output its hash holds)?"""
    if _legacy_parameters(password_hash) is None:
        return False
    raw = b64decode(password_hash.split("$")[-1])
    return hmac.compare_digest(b64encode(hkdf_sha256(raw, AUTH_INFO)), auth)



def auth_matches(user, auth: str) -> bool:
    """Is `auth` this person's authentication value? For an unknown email (None) the same time
    is spent on a dummy hash; a legacy account is checked against its raw hash (the dummy too,
    so a legacy account answers no faster than any other)."""
    if user is not None and user.kdf is None:
        verify_password(None, auth)
        return legacy_auth_matches(user.password_hash, auth)
    return verify_password(user.password_hash if user else None, auth)
