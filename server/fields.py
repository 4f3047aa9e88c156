"""Field helpers for request schemas, so every text field is bounded the same way."""

import marshmallow as ma
from marshmallow import validate


def not_blank(value: str) -> None:
    if not value.strip():
        raise ma.ValidationError("Must not be blank.")


def required_text(max_length: int, **kwargs) -> ma.fields.String:
    return ma.fields.String(required=True, validate=[validate.Length(min=1, max=max_length),
                                                     not_blank], **kwargs)


def optional_text(max_length: int, **kwargs) -> ma.fields.String:
    return ma.fields.String(validate=validate.Length(max=max_length), allow_none=True, **kwargs)
