"""What the phone derives from a password and seals with, done again in Python for the tests
(argon2-cffi and `cryptography`, independently of both the app's JavaScript and the server's
own check), so every test signs in as the app does: the password itself never travels.
See server/auth/sealing.py and client/src/data/sealing.js for the scheme."""

import base64
import json
import os
import uuid

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

AUTH_INFO = b"kintsugi/auth/v1"
WRAP_INFO = b"kintsugi/journal-wrapping/v1"
KEY_AD = b"kintsugi/journal-key/v1"
PADDING = 256


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _hkdf(master: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


def master_key(password: str, kdf: dict) -> bytes:
    return hash_secret_raw(password.encode(), unb64(kdf["salt"]), time_cost=kdf["iterations"],
                           memory_cost=kdf["memory_kib"], parallelism=kdf["parallelism"],
                           hash_len=32, type=Type.ID)


def auth_value(password: str, kdf: dict) -> str:
    """What the phone sends instead of the password."""
    return b64(_hkdf(master_key(password, kdf), AUTH_INFO))


def wrapping_key(password: str, kdf: dict) -> bytes:
    return _hkdf(master_key(password, kdf), WRAP_INFO)


def fresh_kdf(parameters: dict) -> dict:
    """A new random salt with the parameters a prelogin answer named."""
    return {"algorithm": "argon2id", "salt": b64(os.urandom(16)),
            **{name: parameters[name] for name in ("memory_kib", "iterations", "parallelism")}}


def wrap(journal_key: bytes, key: bytes) -> str:
    nonce = os.urandom(12)
    return "v1." + b64(nonce + AESGCM(key).encrypt(nonce, journal_key, KEY_AD))


def unwrap(wrapped: str, key: bytes) -> bytes:
    raw = unb64(wrapped[3:])
    return AESGCM(key).decrypt(raw[:12], raw[12:], KEY_AD)


def entry_ad(record_id, version: int) -> bytes:
    return f"kintsugi/journal/v1 {uuid.UUID(str(record_id))} {version}".encode()


def seal(journal_key: bytes, record_id, version: int, text: str, prompt: str | None = None
         ) -> str:
    """An entry's words as the phone seals them: JSON padded with spaces to PADDING bytes."""
    plain = json.dumps({"prompt": prompt, "text": text}).encode()
    plain += b" " * (-len(plain) % PADDING or 0)
    nonce = os.urandom(12)
    return "v1." + b64(nonce + AESGCM(journal_key).encrypt(nonce, plain,
                                                           entry_ad(record_id, version)))


def open_sealed(journal_key: bytes, record_id, version: int, sealed: str) -> dict:
    raw = unb64(sealed[3:])
    return json.loads(AESGCM(journal_key).decrypt(raw[:12], raw[12:],
                                                  entry_ad(record_id, version)))


def new_credentials(password: str, parameters: dict, journal_key: bytes) -> dict:
    """auth, kdf and wrapped_journal_key for a password chosen now."""
    kdf = fresh_kdf(parameters)
    return {"auth": auth_value(password, kdf), "kdf": kdf,
            "wrapped_journal_key": wrap(journal_key, wrapping_key(password, kdf))}
