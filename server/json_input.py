"""Limits on the body a request may send: its size (MAX_CONTENT_LENGTH) and how deeply its JSON
is nested.

Python's json parser recurses once per nesting level: a body of 100,000 "[" raises RecursionError,
which is no ValueError, so it would pass every "invalid JSON" check and end as a 500. Nothing the
app accepts is nested more than a few levels, so anything deeper is refused before any code
walks it (the NUL check, marshmallow and the fingerprint all recurse too)."""

import json

from flask import Request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import RequestEntityTooLarge

from server.errors import ApiError

MAX_DEPTH = 32


def deeper_than(value, limit: int) -> bool:
    """True when lists and objects in `value` are nested more than `limit` levels. Walks with its
    own stack, so any depth can be measured."""
    pending = [(value, 1)]
    while pending:
        current, depth = pending.pop()
        children = (current.values() if isinstance(current, dict)
                    else current if isinstance(current, list) else None)
        if children is None:
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children)
    return False


def too_deep() -> ApiError:
    return ApiError(400, "json_too_deep", f"The request body is nested too deeply (at most "
                    f"{MAX_DEPTH} levels of lists and objects).")


def checked(parse):
    """Run `parse` (which returns a decoded JSON body) and refuse a body nested too deeply."""
    try:
        value = parse()
    except RecursionError:
        raise too_deep() from None
    if deeper_than(value, MAX_DEPTH):
        raise too_deep()
    return value


class RequestJSONProvider(DefaultJSONProvider):
    """Flask's JSON for request.get_json(): a body too deep to parse is invalid JSON (a
    ValueError, so silent=True gives None and otherwise it is a 400), not a crash."""

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise json.JSONDecodeError("nested too deeply", "", 0) from None


class BoundedRequest(Request):
    """A body sent without Content-Length (chunked) is read only up to MAX_CONTENT_LENGTH, and
    Werkzeug silently drops the rest: the app would parse a truncated body. Here a body that
    reaches the limit is refused with 413, as one announcing its length already is."""

    def get_data(self, cache=True, as_text=False, parse_form_data=False):
        data = super().get_data(cache=cache, as_text=False, parse_form_data=parse_form_data)
        limit = self.max_content_length
        if limit is not None and self.content_length is None and len(data) >= limit:
            raise RequestEntityTooLarge()
        return data.decode(errors="replace") if as_text else data
