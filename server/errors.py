"""The refusals views and services raise on purpose. A leaf module: it imports nothing of the
app, so any module may raise these (server.error_handlers turns them into the one JSON shape)."""


class ApiError(Exception):
    """A refusal a view or service raises on purpose, with the status and code the client sees."""

    def __init__(self, status: int, code: str, message: str, fields: dict | None = None,
                 extra: dict | None = None, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or {}
        self.extra = extra or {}
        self.headers = headers or {}


class StaleVersion(ApiError):
    """A change based on a version the record has moved past: 409 stale_version. The answer
    carries the record as it is now, as this person may see it (`current`), so the phone can
    compare and send again; server.error_handlers presents it, the services only raise it."""

    def __init__(self, kind, record, message: str, fields: dict, extra: dict | None = None):
        super().__init__(409, "stale_version", message, fields, extra)
        self.kind = kind
        self.record = record


def not_found(what: str = "resource") -> ApiError:
    # One answer for "does not exist" and "not yours": existence is never revealed.
    return ApiError(404, "not_found", f"This {what} does not exist.")
