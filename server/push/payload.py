"""What a push says: generic words only, in the Declarative Web Push shape.

A lock screen may be seen by anyone, including the partner. So no names, no titles of rituals,
no words from any record: only that there is a reminder. Safari (iOS 18.4+, macOS) shows this
JSON without waking the service worker; our service worker reads the same JSON. The tag makes a
repeated message replace the earlier one instead of stacking."""

import base64
import json
import uuid
from datetime import time

TEXTS = {
    "acknowledged": "Your partner noticed something",
    "answered": "A question has an answer",
    "consent": "An agreement is waiting for you",
    "pause": "Your partner asked for a pause",
    "daily": "Today's question has an answer",
}
BODY = "You have a reminder"


def part_of_day(at: time) -> str:
    if 5 <= at.hour < 12:
        return "morning"
    if 12 <= at.hour < 17:
        return "afternoon"
    if 17 <= at.hour < 23:
        return "evening"
    return "night"


def _message(title: str, tag: str, navigate: str) -> str:
    return json.dumps({"web_push": 8030, "notification": {
        "title": title, "body": BODY, "navigate": navigate, "tag": tag, "silent": False,
    }}, separators=(",", ":"))


def ritual_reminder(occurrence_id: uuid.UUID, at: time, base_url: str) -> str:
    return _message(f"Time for your {part_of_day(at)} ritual", f"ritual-{occurrence_id.hex}",
                    f"{base_url}/")


def notification(kind: str, delivery_id: uuid.UUID, base_url: str) -> str:
    return _message(TEXTS[kind], f"{kind}-{delivery_id.hex}", f"{base_url}/")


def topic_for(kind: str, key: uuid.UUID | None = None) -> str:
    """The Topic header (at most 32 characters of base64url): a newer message on the same topic
    replaces one the push service still holds for an offline phone."""
    suffix = base64.urlsafe_b64encode(key.bytes).rstrip(b"=").decode() if key else ""
    return (kind[:9] + suffix)[:32]
