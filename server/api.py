"""The flask-smorest Api, adjusted so every error uses our one JSON shape (see
server.error_handlers) and every operation documents the errors it can give."""

from collections.abc import Mapping

import marshmallow as ma
from apispec import BasePlugin
from flask_login import login_required
from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint as SmorestBlueprint
from flask_smorest.utils import prepare_response
from webargs.flaskparser import FlaskParser

from server import json_input, transaction

STATE_CHANGING = {"post", "put", "patch", "delete"}
NUL_REFUSED = "Must not contain the NUL character (\\u0000)."
SURROGATE_REFUSED = "Must be valid Unicode text (a \\ud800-\\udfff escape must come in pairs)."


def text_problem(text: str) -> str | None:
    if "\x00" in text:
        return NUL_REFUSED
    if not text.isascii():
        try:
            text.encode()
        except UnicodeEncodeError:  # a lone surrogate: JSON can escape one, UTF-8 cannot hold it
            return SURROGATE_REFUSED
    return None


def text_problems(value):
    """marshmallow-shaped messages for every text (or name) no database can store: one holding
    NUL or a lone surrogate half. None when there is none."""
    if isinstance(value, str):
        problem = text_problem(value)
        return [problem] if problem else None
    if isinstance(value, Mapping):
        found = {}
        for key in list(value):
            problem = text_problems(key) or text_problems(value[key])
            if problem:
                found[str(key)] = problem
        return found or None
    if isinstance(value, list | tuple):
        found = {index: problem for index, item in enumerate(value)
                 if (problem := text_problems(item))}
        return found or None
    return None


class ArgumentsParser(FlaskParser):
    """webargs' parser, refusing NUL or a lone surrogate in any argument (422 naming the field):
    no person types them, and the databases cannot store them (PostgreSQL refuses NUL in text,
    neither takes a lone surrogate), so they would otherwise fail there as a server error.
    A JSON body nested too deeply is refused too (400 json_too_deep, see server.json_input)."""

    def _raw_load_json(self, req):
        return json_input.checked(lambda: super(ArgumentsParser, self)._raw_load_json(req))

    def _load_location_data(self, *, schema, req, location):
        data = super()._load_location_data(schema=schema, req=req, location=location)
        problems = text_problems(data) if isinstance(data, Mapping) else None
        if problems:
            raise ma.ValidationError(problems)
        return data


class Blueprint(SmorestBlueprint):
    """Every domain's blueprint (they import it from here). A view that changes state runs in
    one transaction that commits once when it has answered (server.transaction)."""

    ARGUMENTS_PARSER = ArgumentsParser()

    def add_url_rule(self, rule, endpoint=None, view_func=None, provide_automatic_options=None,
                     **options):
        methods = {method.lower() for method in options.get("methods") or ()}
        if view_func is not None and methods & STATE_CHANGING:
            view_func = transaction.one_per_request(view_func)
        super().add_url_rule(rule, endpoint, view_func, provide_automatic_options, **options)


class ErrorDetailSchema(ma.Schema):
    code = ma.fields.String(metadata={"description": "Stable machine-readable error code"})
    message = ma.fields.String(metadata={"description": "What went wrong, for a person"})
    fields = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.String(),
        metadata={"description": "Field name → what is wrong with it"},
    )
    current = ma.fields.Dict(metadata={
        "description": "On a stale update (409 stale_version): the record as it is now"})
    based_on = ma.fields.Integer(metadata={
        "description": "On a stale answer or agreement change (409 stale_version): the number "
                       "of the latest answer or version, to base the write on"})


class ErrorSchema(ma.Schema):
    error = ma.fields.Nested(ErrorDetailSchema)


# Errors that follow from how a view is built, documented on every operation they apply to;
# anything else a view refuses is documented by the `default` error response (same shape).
ERROR_RESPONSES = {
    "BAD_REQUEST_WRITE": (400, "The X-CSRFToken header is missing or wrong (csrf_failed), or "
                               "the body is not valid JSON (invalid_json) or nested too deeply "
                               "(json_too_deep)."),
    "SIGN_IN_REQUIRED": (401, "Not signed in, or the session has ended (not_authenticated)."),
    "NOT_FOUND_HERE": (404, "Nothing with this id, or not yours to see (not_found)."),
}
_SIGNED_IN_VIEW = login_required(lambda: None).__code__  # flask-login's wrapper, one code object


def requires_sign_in(view) -> bool:
    while view is not None:
        if getattr(view, "__code__", None) is _SIGNED_IN_VIEW:
            return True
        view = getattr(view, "__wrapped__", None)
    return False


class ErrorResponsesPlugin(BasePlugin):
    """Adds 400 to every write (CSRF, JSON), 401 to every view behind login_required and 404 to
    every path with a parameter, so no operation has to list them by hand."""

    def __init__(self, api: "Api"):
        self.api = api

    def operation_helper(self, path=None, operations=None, **kwargs):
        rule = kwargs.get("rule")
        app = self.api._app
        if rule is None or app is None or not operations:
            return
        view = app.view_functions.get(rule.endpoint)
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            applies = {
                "BAD_REQUEST_WRITE": method in STATE_CHANGING,
                "SIGN_IN_REQUIRED": requires_sign_in(view),
                "NOT_FOUND_HERE": bool(rule.arguments),
            }
            responses = operation.setdefault("responses", {})
            for name, (status, _description) in ERROR_RESPONSES.items():
                if applies[name] and status not in responses and str(status) not in responses:
                    responses[str(status)] = name


class Api(SmorestApi):
    ERROR_SCHEMA = ErrorSchema

    def _init_spec(self, *, extra_plugins=None, **options):
        super()._init_spec(extra_plugins=[*(extra_plugins or ()), ErrorResponsesPlugin(self)],
                           **options)

    def _register_responses(self):
        super()._register_responses()
        for name, (_status, description) in ERROR_RESPONSES.items():
            response = {"description": description, "schema": self.ERROR_SCHEMA}
            prepare_response(response, self.spec, self.DEFAULT_RESPONSE_CONTENT_TYPE)
            self.spec.components.response(name, response, lazy=True)

    def _register_error_handlers(self):
        # server.error_handlers.register_error_handlers() owns error responses for the whole app.
        pass
