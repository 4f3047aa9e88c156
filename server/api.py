"""The flask-smorest Api, adjusted so every error uses our one JSON shape (see server.errors)."""

import marshmallow as ma
from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint  # noqa: F401  (re-exported: domains import it from here)


class ErrorDetailSchema(ma.Schema):
    code = ma.fields.String(metadata={"description": "Stable machine-readable error code"})
    message = ma.fields.String(metadata={"description": "What went wrong, for a person"})
    fields = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.String(),
        metadata={"description": "Field name → what is wrong with it"},
    )


class ErrorSchema(ma.Schema):
    error = ma.fields.Nested(ErrorDetailSchema)


class Api(SmorestApi):
    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        # server.errors.register_error_handlers() owns error responses for the whole app.
        pass
