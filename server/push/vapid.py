"""The VAPID key pair (RFC 8292) and the Authorization header, cached per push-service origin."""

import base64
import os
import re
import time
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02

KEY_FILE = "vapid_private_key"
SUBJECT = re.compile(r"^(mailto:[^@\s]+@[^@\s]+|https://[^\s/]+(/\S*)?)$")


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def b64url_decode(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def private_key_from_text(value: str) -> ec.EllipticCurvePrivateKey:
    """A P-256 private key from PEM, or from the raw 32-byte number in base64url."""
    value = value.strip()
    if value.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(value.encode(), password=None)
    else:
        raw = b64url_decode(value)
        if len(raw) != 32:
            raise ValueError("a raw VAPID private key is 32 bytes in base64url")
        key = ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise ValueError("VAPID keys are P-256 (prime256v1)")
    return key


def raw_private(key: ec.EllipticCurvePrivateKey) -> str:
    return b64url(key.private_numbers().private_value.to_bytes(32, "big"))


def raw_public(key: ec.EllipticCurvePrivateKey) -> str:
    """The applicationServerKey: the uncompressed point, base64url."""
    return b64url(key.public_key().public_bytes(serialization.Encoding.X962,
                                                serialization.PublicFormat.UncompressedPoint))


def instance_private_key(instance_path: Path) -> str:
    """The key generated once into instance/ (written atomically: racing processes agree)."""
    key_file = instance_path / KEY_FILE
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        temporary = instance_path / f".{KEY_FILE}.{os.getpid()}"
        temporary.write_text(raw_private(ec.generate_private_key(ec.SECP256R1())))
        temporary.chmod(0o600)
        try:
            os.link(temporary, key_file)  # fails if another process was first: theirs wins
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return key_file.read_text().strip()


def resolve(given_private: str | None, given_public: str | None, instance_path: Path):
    """(private, public) in base64url; the public key must match the private one if given."""
    key = private_key_from_text(given_private or instance_private_key(instance_path))
    public = raw_public(key)
    if given_public and given_public.strip().rstrip("=") != public:
        raise RuntimeError("VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY")
    return raw_private(key), public


class VapidHeaders:
    """The Authorization header for each push-service origin, signed once and reused until
    shortly before it expires. Every signature gets a fresh claims dict (py-vapid and pywebpush
    write into the dict they are given)."""

    def __init__(self, private_key: str, subject: str, lifetime: int = 3600, margin: int = 300):
        self.vapid = Vapid02(private_key_from_text(private_key))
        self.subject = subject
        self.lifetime = lifetime
        self.margin = margin
        self._cache: dict[str, tuple[str, int]] = {}

    def header(self, origin: str, now: float | None = None) -> str:
        now = time.time() if now is None else now
        cached = self._cache.get(origin)
        if cached is None or cached[1] - self.margin <= now:
            expires = int(now) + self.lifetime
            claims = {"sub": self.subject, "aud": origin, "exp": expires}
            cached = (self.vapid.sign(claims)["Authorization"], expires)
            self._cache[origin] = cached
        return cached[0]
