"""A valid body to create (and to edit) one record of every kind in server.records.registry.KINDS,
and the partner's step that brings it to life, for the tests that go over every kind
(authorization matrix, canary, export).

A new kind needs its entry here; tests that use these name the kind that has none."""

import re
import uuid
from datetime import datetime, timedelta, timezone

import phone_crypto

from server.records.registry import KINDS

BERLIN_WINTER = timezone(timedelta(hours=1))
# The journal's words are sealed on the phone: these samples seal them with a key of their own
# (the server cannot tell; tests that open entries seal with the person's real key).
SAMPLE_JOURNAL_KEY = bytes(range(32))


def _sealed(words: str) -> str:
    return phone_crypto.seal(SAMPLE_JOURNAL_KEY, uuid.uuid4(), 1, words, "triggers")


def now_local() -> str:
    """Now, as a phone in UTC+01:00 would send it."""
    return datetime.now(BERLIN_WINTER).replace(microsecond=0).isoformat()


def _create(kind: str, words: str) -> dict:
    return {
        "checkin": {"feelings": ["hope", "fear"], "intensity": 4, "trust": 5, "safety": 6,
                    "connection": 4, "want_you_to_know": words, "need_from_you": "patience"},
        "action": {"what": words, "category": "care"},
        "experience": {"title": words, "what_we_did": "a walk without phones"},
        "setback": {"what_happened": words, "how_it_felt": "heavy"},
        "pause": {"minutes": 30, "note": words},
        "journal_entry": {"sealed": _sealed(words)},
        "question": {"text": words},
        "agreement": {"title": words, "terms": "We tell each other when plans change.",
                      "why": "No surprises.", "category": "communication", "review_on": None},
        "ritual": {"title": words, "activity": "checkin", "weekdays": [1, 2, 3, 4, 5, 6, 7],
                   "local_time": "21:00", "time_zone": "Europe/Berlin", "agreement_id": None},
    }[kind]


def _edit(kind: str, words: str) -> dict:
    """The author's change (kinds that can be changed by PATCH)."""
    return {
        "checkin": {"want_you_to_know": words},
        "action": {"what": words},
        "experience": {"what_we_did": words},
        "setback": {"how_it_felt": words},
        "pause": {"note": words},
        "journal_entry": {"sealed": _sealed(words)},
        "question": {"text": words},
        "ritual": {"title": words},
    }[kind]


def bring_to_life(kind: str, other, url: str, record_id: str) -> None:
    """What the partner does with a new record of this kind: answers a question, consents to an
    agreement, accepts a ritual (nothing for the other kinds)."""
    step = {
        "question": ("PUT", f"/answers/{uuid.uuid4()}", {"text": "An answer.", "based_on": 0},
                     201),
        "agreement": ("POST", "/consent", {"version_number": 1}, 200),
        "ritual": ("POST", "/accept", None, 200),
    }.get(kind)
    if step:
        method, path, body, status = step
        response = other.request(method, f"{url}/{record_id}{path}", json=body)
        assert response.status_code == status, (kind, response.get_json())


def create_body(kind: str, words: str | None = None) -> dict:
    """A valid create body for this kind; `words` goes into its main text field."""
    return {**_create(kind, words or f"words {uuid.uuid4().hex[:8]}"),
            "occurred_at": now_local()}


def edit_body(kind: str, version: int, words: str | None = None) -> dict:
    """A valid update based on `version`, changing the kind's main text field."""
    return {**_edit(kind, words or f"edited {uuid.uuid4().hex[:8]}"), "version": version}


def kinds_without_samples() -> list[str]:
    missing = []
    for name, kind in KINDS.items():
        try:
            _create(name, "x")
            if kind.editable:
                _edit(name, "x")
        except KeyError:
            missing.append(name)
    return missing


def kind_urls(app) -> dict[str, str]:
    """Each kind's collection URL (its list route), read from the app's routes."""
    urls = {}
    for rule in app.url_map.iter_rules():
        match = re.fullmatch(r"\w+\.list_(\w+)", rule.endpoint)
        if match and match.group(1) in KINDS:
            urls[match.group(1)] = rule.rule
    return urls
