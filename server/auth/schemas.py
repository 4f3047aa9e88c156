"""Request and response shapes of sign-in and registration."""

import marshmallow as ma
from marshmallow import validate

from server.auth.passwords import MAX_LENGTH, password_problem
from server.fields import not_blank


def validate_new_password(password: str) -> None:
    problem = password_problem(password)
    if problem:
        raise ma.ValidationError(problem)


class NewPassword(ma.fields.String):
    """A password being chosen: length and common-password rules apply."""

    def __init__(self, **kwargs):
        super().__init__(required=True, validate=validate_new_password, load_only=True, **kwargs)


class GivenPassword(ma.fields.String):
    """A password being checked: only a sanity bound on length."""

    def __init__(self, **kwargs):
        super().__init__(required=True, load_only=True,
                         validate=validate.Length(min=1, max=MAX_LENGTH), **kwargs)


class DisplayName(ma.fields.String):
    def __init__(self, **kwargs):
        super().__init__(validate=[validate.Length(min=1, max=60), not_blank], **kwargs)


class EmailAddress(ma.fields.Email):
    """An email as phones send it: the keyboard's trailing space is not part of it."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = value.strip()
        return super()._deserialize(value, attr, data, **kwargs)


class RegisterIn(ma.Schema):
    email = EmailAddress(required=True, validate=validate.Length(max=254))
    password = NewPassword()
    display_name = DisplayName(required=True)


class RegisterOut(ma.Schema):
    status = ma.fields.String()
    message = ma.fields.String()


class LoginIn(ma.Schema):
    email = ma.fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = GivenPassword()
    device_label = ma.fields.String(validate=validate.Length(min=1, max=80))


class CsrfOut(ma.Schema):
    csrf_token = ma.fields.String()
