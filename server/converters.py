"""URL converters the API uses beyond Flask's own."""

from datetime import date

from werkzeug.routing import BaseConverter, ValidationError


class IsoDateConverter(BaseConverter):
    """A calendar day in a URL, as 2026-11-24."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValidationError() from None

    def to_url(self, value: date) -> str:
        return value.isoformat()
