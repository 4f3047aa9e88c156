"""Request and response shapes of sign-in and registration.

No password travels in any of them: the phone sends the authentication value it derives from
the password (server.auth.sealing), the salt and parameters it derived with, and the journal key
wrapped with a key the server never sees. Whether a new password is too short or too common is
checked on the phone, which alone sees it (client/src/data/sealing.js)."""

import marshmallow as ma
from marshmallow import validate

from server.auth.sealing import ALGORITHM, SALT_BYTES, b64decode
from server.fields import not_blank

BASE64URL = r"^[A-Za-z0-9_-]+$"
# "v1." + base64url(96-bit nonce ‖ the 32-byte journal key sealed with AES-256-GCM ‖ 128-bit tag)
WRAPPED_KEY_PREFIX = "v1."
WRAPPED_KEY_BYTES = 12 + 32 + 16


class AuthValue(ma.fields.String):
    """The authentication value the phone derived from the password: 32 bytes, base64url."""

    def __init__(self, **kwargs):
        super().__init__(required=True, load_only=True, validate=validate.Regexp(
            r"^[A-Za-z0-9_-]{43}$", error="Expected 32 bytes, base64url."),
            metadata={"description": "HKDF-SHA256(Argon2id(password, salt), 'kintsugi/auth/v1'),"
                                     " base64url: never the password"}, **kwargs)


def validate_wrapped_key(value: str) -> None:
    try:
        ok = (value.startswith(WRAPPED_KEY_PREFIX)
              and len(b64decode(value[len(WRAPPED_KEY_PREFIX):])) == WRAPPED_KEY_BYTES)
    except ValueError:
        ok = False
    if not ok:
        raise ma.ValidationError("Expected v1. and the wrapped key, base64url.")


class WrappedKey(ma.fields.String):
    def __init__(self, **kwargs):
        super().__init__(validate=validate_wrapped_key, metadata={
            "description": "The journal key wrapped on the phone (AES-256-GCM with a key derived "
                           "from the password): v1.<base64url(nonce ‖ ciphertext ‖ tag)>"},
            **kwargs)


class KdfIn(ma.Schema):
    algorithm = ma.fields.String(required=True, validate=validate.Equal(ALGORITHM))
    salt = ma.fields.String(required=True, validate=[
        validate.Length(min=22, max=86), validate.Regexp(BASE64URL)])
    memory_kib = ma.fields.Integer(required=True, strict=True)
    iterations = ma.fields.Integer(required=True, strict=True)
    parallelism = ma.fields.Integer(required=True, strict=True)


class KdfOut(ma.Schema):
    algorithm = ma.fields.String(metadata={"description": ALGORITHM})
    salt = ma.fields.String(metadata={"description": f"base64url, {SALT_BYTES} bytes or more"})
    memory_kib = ma.fields.Integer()
    iterations = ma.fields.Integer()
    parallelism = ma.fields.Integer()


class ParametersOut(ma.Schema):
    algorithm = ma.fields.String(metadata={"description": ALGORITHM})
    memory_kib = ma.fields.Integer()
    iterations = ma.fields.Integer()
    parallelism = ma.fields.Integer()


class SealingOut(ma.Schema):
    kdf = ma.fields.Nested(KdfOut, allow_none=True,
                           metadata={"description": "None: an account from before sealing, to be "
                                     "moved by its phone now (POST /api/me/sealing)"})
    wrapped_journal_key = ma.fields.String(allow_none=True)
    parameters = ma.fields.Nested(ParametersOut, metadata={
        "description": "Today's Argon2id parameters, for a new salt"})


class DisplayName(ma.fields.String):
    def __init__(self, **kwargs):
        super().__init__(validate=[validate.Length(min=1, max=60), not_blank], **kwargs)


class EmailAddress(ma.fields.Email):
    """An email as phones send it: the keyboard's trailing space is not part of it."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = value.strip()
        return super()._deserialize(value, attr, data, **kwargs)


class PreloginIn(ma.Schema):
    email = ma.fields.String(required=True, validate=validate.Length(min=1, max=254))


class RegisterIn(ma.Schema):
    email = EmailAddress(required=True, validate=validate.Length(max=254))
    auth = AuthValue()
    kdf = ma.fields.Nested(KdfIn, required=True)
    wrapped_journal_key = WrappedKey(required=True)
    display_name = DisplayName(required=True)


class RegisterOut(ma.Schema):
    status = ma.fields.String()
    message = ma.fields.String()


class LoginIn(ma.Schema):
    email = ma.fields.String(required=True, validate=validate.Length(min=1, max=254))
    auth = AuthValue()
    device_label = ma.fields.String(validate=validate.Length(min=1, max=80))


class CsrfOut(ma.Schema):
    csrf_token = ma.fields.String()
