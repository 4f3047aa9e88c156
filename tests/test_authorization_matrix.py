"""Who may do what: every /api route × every kind of person × every kind of target.

The routes come from app.url_map: a route without a row in MATRIX fails the first test, by name,
so a new route cannot ship without its authorization decided here. Every cell runs against the
real API, with real ids in the URL and a body valid enough to reach the authorization decision.

Actors (the five columns of a one-line row, or the rows of a grid):
  anonymous  not signed in (holding a CSRF token, so what answers is the sign-in check)
  self       the person whose things the targets are, paired with `partner`
  partner    self's partner in their current space
  stranger   a member of another couple
  former     self's former partner: they were paired, then `former` left (that space ended)

Targets, for routes that take an id (the columns of a grid):
  own        self's: a record of the route's kind in the current space, taken as far as the
             partner takes it (a question answered, an agreement agreed, a ritual accepted); the
             journal: self's private entry; sessions: another device self is signed in on
  partners   the same, the partner's
  old        self's own record in the ended space they shared with `former`
  exs        the former partner's: their record in that ended space, their journal entry, their
             other device's session, their push subscription
  new        an id nobody has used
(A route may name its target in the body instead of the URL: TARGET_IN_BODY.)

A cell is the expected status, optionally with the error code ("403:not_author"), or "-" where
the target does not exist for that route. "204:kept": the answer is 204 and the target is still
there for its owner (a route that answers the same whether or not it did anything).

Beyond the statuses, no 200 answer to a GET (every page of a list) may contain the id of a target
the same actor gets 404 for: lists, timeline, export, sessions and devices included.
"""

import itertools
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import phone_crypto
from helpers import PASSWORD, ApiClient, push_subscription
from record_samples import (
    bring_to_life,
    create_body,
    edit_body,
    kind_urls,
    kinds_without_samples,
)

from server.records.registry import KINDS

ACTORS = ("anonymous", "self", "partner", "stranger", "former")
TARGETS = ("own", "partners", "old", "exs", "new")
SKIPPED_RULES = {"/api/openapi.json"}


def grid(text: str) -> dict:
    """A table of cells: header = targets, one line per actor."""
    header, *lines = [line.split() for line in text.strip().splitlines()]
    assert tuple(header) == TARGETS, header
    cells = {}
    for actor, *row in lines:
        assert actor in ACTORS and len(row) == len(TARGETS), (actor, row)
        cells.update({(actor, target): cell for target, cell in zip(TARGETS, row, strict=True)})
    assert {actor for actor, _ in cells} == set(ACTORS)
    return cells


# --- Records both partners share: every kind but the journal -------------------------------------

SHARED_READ = grid("""
               own              partners         old              exs              new
    anonymous  401              401              401              401              401
    self       200              200              200              404              404
    partner    200              200              404              404              404
    stranger   404              404              404              404              404
    former     404              404              404              200              404
""")
# Create is idempotent by the phone's id: an id already used (by anyone) with another body is a
# conflict that names no owner and shows nothing. Someone outside any space cannot create one.
SHARED_CREATE = grid("""
               own              partners         old              exs              new
    anonymous  401              401              401              401              401
    self       409:id_conflict  409:id_conflict  409:id_conflict  409:id_conflict  201
    partner    409:id_conflict  409:id_conflict  409:id_conflict  409:id_conflict  201
    stranger   409:id_conflict  409:id_conflict  409:id_conflict  409:id_conflict  201
    former     404:no_space     404:no_space     404:no_space     404:no_space     404:no_space
""")
# Update and withdraw: the author only; records of an ended space are read-only.
SHARED_CHANGE = grid("""
               own              partners         old              exs              new
    anonymous  401              401              401              401              401
    self       200              403:not_author   409:space_ended  404              404
    partner    403:not_author   200              404              404              404
    stranger   404              404              404              404              404
    former     404              404              404              409:space_ended  404
""")
ACKNOWLEDGE = grid("""
               own              partners         old              exs              new
    anonymous  401              401              401              401              401
    self       403:own_record   200              403:own_record   404              404
    partner    200              403:own_record   404              404              404
    stranger   404              404              404              404              404
    former     404              404              404              403:own_record   404
""")
# Either partner: each writes their own reflection; either ends a pause, consents to an agreement,
# proposes a change, pauses or resumes it, asks to retire it; either pauses a ritual, switches
# their reminder, marks a day.
EITHER_PARTNER = grid("""
               own              partners         old              exs              new
    anonymous  401              401              401              401              401
    self       200              200              409:space_ended  404              404
    partner    200              200              404              404              404
    stranger   404              404              404              404              404
    former     404              404              404              409:space_ended  404
""")
EITHER_PARTNER_CREATES = grid("""
               own              partners         old              exs              new
    anonymous  401              401              401              401              401
    self       201              201              409:space_ended  404              404
    partner    201              201              404              404              404
    stranger   404              404              404              404              404
    former     404              404              404              409:space_ended  404
""")
# Questions: the partner who was asked answers (or asks for time); the asker asks again, parks,
# says whether it helped.
AS_ANSWERER = grid("""
               own              partners         old              exs              new
    anonymous  401              401              401              401              401
    self       403:not_answerer 200              409:space_ended  404              404
    partner    200              403:not_answerer 404              404              404
    stranger   404              404              404              404              404
    former     404              404              404              409:space_ended  404
""")
AS_ANSWERER_CREATES = grid("""
               own              partners         old              exs              new
    anonymous  401              401              401              401              401
    self       403:not_answerer 201              409:space_ended  404              404
    partner    201              403:not_answerer 404              404              404
    stranger   404              404              404              404              404
    former     404              404              404              409:space_ended  404
""")
AS_ASKER = grid("""
               own              partners         old              exs              new
    anonymous  401              401              401              401              401
    self       200              403:not_asker    409:space_ended  404              404
    partner    403:not_asker    200              404              404              404
    stranger   404              404              404              404              404
    former     404              404              404              409:space_ended  404
""")
# Rituals: the partner of the one who proposed it accepts it.
ACCEPT_RITUAL = grid("""
               own              partners         old              exs              new
    anonymous  401              401              401              401              401
    self       403:own_proposal 200              409:space_ended  404              404
    partner    200              403:own_proposal 404              404              404
    stranger   404              404              404              404              404
    former     404              404              404              409:space_ended  404
""")

# --- The private journal: its author, only, whatever the space ----------------------------------

JOURNAL_READ_CHANGE = grid("""
               own              partners         old              exs              new
    anonymous  401              401              -                401              401
    self       200              404              -                404              404
    partner    404              200              -                404              404
    stranger   404              404              -                404              404
    former     404              404              -                200              404
""")
JOURNAL_CREATE = grid("""
               own              partners         old              exs              new
    anonymous  401              401              -                401              401
    self       409:id_conflict  409:id_conflict  -                409:id_conflict  201
    partner    409:id_conflict  409:id_conflict  -                409:id_conflict  201
    stranger   409:id_conflict  409:id_conflict  -                409:id_conflict  201
    former     409:id_conflict  409:id_conflict  -                409:id_conflict  201
""")

# --- Devices: each person ends only their own sessions --------------------------------------------

SESSION_END = grid("""
               own              partners         old              exs              new
    anonymous  401              401              -                401              401
    self       204              404              -                404              404
    partner    404              204              -                404              404
    stranger   404              404              -                404              404
    former     404              404              -                204              404
""")

# --- Push subscriptions: each person's own devices ----------------------------------------------

UNSUBSCRIBE_BY_ENDPOINT = grid("""
               own              partners         old              exs              new
    anonymous  401              401              -                401              401
    self       204              204:kept         -                204:kept         204
    partner    204:kept         204              -                204:kept         204
    stranger   204:kept         204:kept         -                204:kept         204
    former     204:kept         204:kept         -                204              204
""")

MATRIX = {
    #                                                       anonymous self partner stranger former
    ("GET", "/api/health"):                                 "200  200  200  200  200",
    ("GET", "/api/auth/csrf"):                              "200  200  200  200  200",
    ("GET", "/api/auth/session"):                           "200  200  200  200  200",
    ("POST", "/api/auth/register"):                         "202  202  202  202  202",
    ("POST", "/api/auth/login"):                            "200  200  200  200  200",
    ("POST", "/api/auth/logout"):                           "204  204  204  204  204",
    ("POST", "/api/auth/logout-everywhere"):                "401  204  204  204  204",
    ("GET", "/api/me"):                                     "401  200  200  200  200",
    ("PATCH", "/api/me"):                                   "401  200  200  200  200",
    ("POST", "/api/me/password"):                           "401  204  204  204  204",
    ("POST", "/api/me/delete"):                             "401  204  204  204  204",
    ("POST", "/api/me/reauthenticate"):                     "401  200  200  200  200",
    ("POST", "/api/me/journal-key"):                        "401  200  200  200  200",
    # Only an account from before sealing moves (tests/test_sealing.py); these are all sealed.
    ("POST", "/api/me/sealing"):       "401  409:already_sealed  409:already_sealed  "
                                       "409:already_sealed  409:already_sealed",
    ("POST", "/api/auth/prelogin"):                         "200  200  200  200  200",
    ("GET", "/api/auth/common-passwords"):                  "200  200  200  200  200",
    # The exports after the password was confirmed again (World signs everyone in so).
    ("GET", "/api/export"):                                 "401  200  200  200  200",
    ("GET", "/api/export/readable"):                        "401  200  200  200  200",
    ("GET", "/api/sessions"):                               "401  200  200  200  200",
    ("DELETE", "/api/sessions/<uuid:session_id>"):          SESSION_END,
    # Pairing. The former partner is in no space; their old invite code does not get them back.
    ("GET", "/api/space"):                                  "401  200  200  200  404",
    ("GET", "/api/space/history"):                          "401  200  200  200  200",
    ("POST", "/api/space"):                                 "401  409  409  409  201",
    ("POST", "/api/space/invite"):                          "401  409  409  409  404",
    ("POST", "/api/space/join"):                            "401  409  409  409  409",
    ("PATCH", "/api/space/me"):                             "401  200  200  200  404",
    ("POST", "/api/space/leave"):                           "401  204  204  204  404",
    # Check-ins
    ("GET", "/api/checkins/vocabulary"):                    "200  200  200  200  200",
    ("GET", "/api/checkins"):                               "401  200  200  200  200",
    ("PUT", "/api/checkins/<uuid:record_id>"):              SHARED_CREATE,
    ("GET", "/api/checkins/<uuid:record_id>"):              SHARED_READ,
    ("PATCH", "/api/checkins/<uuid:record_id>"):            SHARED_CHANGE,
    ("DELETE", "/api/checkins/<uuid:record_id>"):           SHARED_CHANGE,
    ("GET", "/api/checkins/<uuid:record_id>/revisions"):    SHARED_READ,
    ("PUT", "/api/checkins/<uuid:record_id>/acknowledgement"): ACKNOWLEDGE,
    # Consistent actions
    ("GET", "/api/actions/consistency"):                    "401  200  200  200  404",
    ("GET", "/api/actions"):                                "401  200  200  200  200",
    ("PUT", "/api/actions/<uuid:record_id>"):               SHARED_CREATE,
    ("GET", "/api/actions/<uuid:record_id>"):               SHARED_READ,
    ("PATCH", "/api/actions/<uuid:record_id>"):             SHARED_CHANGE,
    ("DELETE", "/api/actions/<uuid:record_id>"):            SHARED_CHANGE,
    ("GET", "/api/actions/<uuid:record_id>/revisions"):     SHARED_READ,
    ("PUT", "/api/actions/<uuid:record_id>/acknowledgement"): ACKNOWLEDGE,
    # Shared experiences and the idea bank (marks belong to the space)
    ("GET", "/api/experiences"):                            "401  200  200  200  200",
    ("PUT", "/api/experiences/<uuid:record_id>"):           SHARED_CREATE,
    ("GET", "/api/experiences/<uuid:record_id>"):           SHARED_READ,
    ("PATCH", "/api/experiences/<uuid:record_id>"):         SHARED_CHANGE,
    ("DELETE", "/api/experiences/<uuid:record_id>"):        SHARED_CHANGE,
    ("GET", "/api/experiences/<uuid:record_id>/revisions"): SHARED_READ,
    ("PUT", "/api/experiences/<uuid:record_id>/reflection"): EITHER_PARTNER,
    ("GET", "/api/ideas"):                                  "401  200  200  200  404",
    ("PUT", "/api/ideas/<string:idea_id>/pick"):            "401  200  200  200  404",
    ("PUT", "/api/ideas/<string:idea_id>/done"):            "401  200  200  200  404",
    ("DELETE", "/api/ideas/<string:idea_id>/pick"):         "401  204  204  204  404",
    # Setbacks
    ("GET", "/api/setbacks"):                               "401  200  200  200  200",
    ("PUT", "/api/setbacks/<uuid:record_id>"):              SHARED_CREATE,
    ("GET", "/api/setbacks/<uuid:record_id>"):              SHARED_READ,
    ("PATCH", "/api/setbacks/<uuid:record_id>"):            SHARED_CHANGE,
    ("DELETE", "/api/setbacks/<uuid:record_id>"):           SHARED_CHANGE,
    ("GET", "/api/setbacks/<uuid:record_id>/revisions"):    SHARED_READ,
    # Pauses
    ("GET", "/api/pauses/active"):                          "401  200  200  200  200",
    ("GET", "/api/pauses"):                                 "401  200  200  200  200",
    ("PUT", "/api/pauses/<uuid:record_id>"):                SHARED_CREATE,
    ("GET", "/api/pauses/<uuid:record_id>"):                SHARED_READ,
    ("PATCH", "/api/pauses/<uuid:record_id>"):              SHARED_CHANGE,
    ("DELETE", "/api/pauses/<uuid:record_id>"):             SHARED_CHANGE,
    ("GET", "/api/pauses/<uuid:record_id>/revisions"):      SHARED_READ,
    ("POST", "/api/pauses/<uuid:record_id>/end"):           EITHER_PARTNER,
    # The question ledger
    ("GET", "/api/questions"):                              "401  200  200  200  200",
    ("GET", "/api/questions/to-answer"):                    "401  200  200  200  200",
    ("GET", "/api/questions/waiting"):                      "401  200  200  200  200",
    ("PUT", "/api/questions/<uuid:record_id>"):             SHARED_CREATE,
    ("GET", "/api/questions/<uuid:record_id>"):             SHARED_READ,
    ("PATCH", "/api/questions/<uuid:record_id>"):           SHARED_CHANGE,
    ("DELETE", "/api/questions/<uuid:record_id>"):          SHARED_CHANGE,
    ("GET", "/api/questions/<uuid:record_id>/revisions"):   SHARED_READ,
    ("PUT", "/api/questions/<uuid:record_id>/answers/<uuid:answer_id>"): AS_ANSWERER_CREATES,
    ("POST", "/api/questions/<uuid:record_id>/needs-time"): AS_ANSWERER,
    ("POST", "/api/questions/<uuid:record_id>/reopen"):     AS_ASKER,
    ("POST", "/api/questions/<uuid:record_id>/park"):       AS_ASKER,
    ("POST", "/api/questions/<uuid:record_id>/unpark"):     AS_ASKER,
    ("POST", "/api/questions/<uuid:record_id>/response"):   AS_ASKER,
    # Agreements: either partner consents, proposes a change, withdraws, resumes, retires
    ("GET", "/api/agreements"):                             "401  200  200  200  200",
    ("PUT", "/api/agreements/<uuid:record_id>"):            SHARED_CREATE,
    ("GET", "/api/agreements/<uuid:record_id>"):            SHARED_READ,
    ("GET", "/api/agreements/<uuid:record_id>/revisions"):  SHARED_READ,
    ("POST", "/api/agreements/<uuid:record_id>/consent"):   EITHER_PARTNER,
    ("PUT", "/api/agreements/<uuid:record_id>/versions/<uuid:version_id>"):
                                                            EITHER_PARTNER_CREATES,
    ("POST", "/api/agreements/<uuid:record_id>/withdraw"):  EITHER_PARTNER,
    ("POST", "/api/agreements/<uuid:record_id>/resume"):    EITHER_PARTNER,
    ("POST", "/api/agreements/<uuid:record_id>/retire"):    EITHER_PARTNER,
    # Rituals: the proposer changes or withdraws; the partner accepts; either pauses or marks
    ("GET", "/api/rituals"):                                "401  200  200  200  200",
    ("PUT", "/api/rituals/<uuid:record_id>"):               SHARED_CREATE,
    ("GET", "/api/rituals/<uuid:record_id>"):               SHARED_READ,
    ("PATCH", "/api/rituals/<uuid:record_id>"):             SHARED_CHANGE,
    ("DELETE", "/api/rituals/<uuid:record_id>"):            SHARED_CHANGE,
    ("GET", "/api/rituals/<uuid:record_id>/revisions"):     SHARED_READ,
    ("POST", "/api/rituals/<uuid:record_id>/accept"):       ACCEPT_RITUAL,
    ("POST", "/api/rituals/<uuid:record_id>/pause"):        EITHER_PARTNER,
    ("POST", "/api/rituals/<uuid:record_id>/resume"):       EITHER_PARTNER,
    ("PUT", "/api/rituals/<uuid:record_id>/reminder"):      EITHER_PARTNER,
    ("GET", "/api/rituals/<uuid:record_id>/occurrences"):   SHARED_READ,
    ("PUT", "/api/rituals/<uuid:record_id>/occurrences/<isodate:local_date>"): EITHER_PARTNER,
    # The journey: the timeline holds one's own records of ended spaces; the rest is the space's
    ("GET", "/api/journey/timeline"):                       "401  200  200  200  200",
    ("GET", "/api/journey/progress"):                       "401  200  200  200  404",
    ("GET", "/api/journey/anniversaries"):                  "401  200  200  200  404",
    ("PUT", "/api/journey/discovery-date"):                 "401  200  200  200  404",
    # The private journal
    ("GET", "/api/journal/prompts"):                        "200  200  200  200  200",
    ("GET", "/api/journal"):                                "401  200  200  200  200",
    ("PUT", "/api/journal/<uuid:record_id>"):               JOURNAL_CREATE,
    ("GET", "/api/journal/<uuid:record_id>"):               JOURNAL_READ_CHANGE,
    ("PATCH", "/api/journal/<uuid:record_id>"):             JOURNAL_READ_CHANGE,
    ("DELETE", "/api/journal/<uuid:record_id>"):            JOURNAL_READ_CHANGE,
    # A question for today: each partner's own answer (who sees what: test_daily_question.py)
    ("GET", "/api/daily/today"):                            "401  200  200  200  404",
    ("GET", "/api/daily/answered"):                         "401  200  200  200  200",
    ("PUT", "/api/daily/answers/<uuid:answer_id>"):         "401  201  201  201  404",
    # Push: the public key is public; devices and switches are each person's own
    ("GET", "/api/push/public-key"):                        "200  200  200  200  200",
    ("GET", "/api/push/subscriptions"):                     "401  200  200  200  200",
    ("POST", "/api/push/subscriptions"):                    "401  201  201  201  201",
    ("DELETE", "/api/push/subscriptions/<uuid:subscription_id>"): SESSION_END,
    ("POST", "/api/push/unsubscribe"):                      UNSUBSCRIBE_BY_ENDPOINT,
    ("GET", "/api/push/preferences"):                       "401  200  200  200  200",
    ("PUT", "/api/push/preferences"):                       "401  200  200  200  200",
}

# Rows whose success changes who is signed in or paired. They run last; after a success the
# world is mended (the function given) or, where it cannot be, built afresh (None).
DESTRUCTIVE = {
    ("POST", "/api/auth/login"): lambda world, actor: world.sign_in_again(actor),
    ("POST", "/api/auth/logout"): lambda world, actor: world.sign_in_again(actor),
    ("POST", "/api/auth/logout-everywhere"): lambda world, actor: world.sign_in_again(actor),
    ("POST", "/api/space"): lambda world, actor: world.leave(actor),
    ("POST", "/api/me/password"): None,
    ("POST", "/api/me/delete"): None,
    ("POST", "/api/space/leave"): None,
}

# Bodies of the rows that need one, besides the record kinds' own create, update and
# acknowledgement (see body_for()): fn(world, actor, target) → JSON.
BODIES = {
    ("POST", "/api/auth/register"): lambda world, actor, target: world.device().register_body(
        f"newcomer-{uuid.uuid4().hex[:12]}@example.org", display_name="Newcomer"),
    ("POST", "/api/auth/login"): lambda world, actor, target: {
        "email": world.email_of(actor), "auth": world.auth_of(actor)},
    ("POST", "/api/auth/prelogin"): lambda world, actor, target: {"email": world.email_of(actor)},
    ("PATCH", "/api/me"): lambda world, actor, target: {"display_name": "Renamed"},
    ("POST", "/api/me/password"): lambda world, actor, target: world.new_credentials(actor),
    ("POST", "/api/me/sealing"): lambda world, actor, target: world.new_credentials(actor),
    ("POST", "/api/me/delete"): lambda world, actor, target: {"auth": world.auth_of(actor)},
    ("POST", "/api/me/reauthenticate"): lambda world, actor, target: {
        "auth": world.auth_of(actor)},
    ("POST", "/api/me/journal-key"): lambda world, actor, target: {"auth": world.auth_of(actor)},
    ("POST", "/api/space"): lambda world, actor, target: {"role": "unstated"},
    # The code that brought the partner into self's space: used, and the space is full.
    ("POST", "/api/space/join"): lambda world, actor, target: {"code": world.used_code},
    ("PATCH", "/api/space/me"): lambda world, actor, target: {"role": "healing"},
    ("PUT", "/api/experiences/<uuid:record_id>/reflection"): lambda world, actor, target: {
        "joy": 4, "text": "We laughed."},
    ("PUT", "/api/questions/<uuid:record_id>/answers/<uuid:answer_id>"):
        lambda world, actor, target: {"text": "Because I was afraid.",
                                      "based_on": len(target.record.get("answers") or [])},
    ("POST", "/api/questions/<uuid:record_id>/needs-time"): lambda world, actor, target: {
        "version": target.version, "until": None},
    ("POST", "/api/questions/<uuid:record_id>/reopen"): lambda world, actor, target: {
        "version": target.version, "follow_up": "And before that?"},
    ("POST", "/api/questions/<uuid:record_id>/park"): lambda world, actor, target: {
        "version": target.version},
    ("POST", "/api/questions/<uuid:record_id>/unpark"): lambda world, actor, target: {
        "version": target.version},
    ("POST", "/api/questions/<uuid:record_id>/response"): lambda world, actor, target: {
        "version": target.version, "response": "helped"},
    ("POST", "/api/agreements/<uuid:record_id>/consent"): lambda world, actor, target: {
        "version_number": 1},
    ("PUT", "/api/agreements/<uuid:record_id>/versions/<uuid:version_id>"):
        lambda world, actor, target: {**without(create_body("agreement"), "occurred_at"),
                                      "based_on": 1},
    ("POST", "/api/agreements/<uuid:record_id>/withdraw"): lambda world, actor, target: {
        "reason": "I need to think it over."},
    ("PATCH", "/api/rituals/<uuid:record_id>"): lambda world, actor, target: edit_body(
        "ritual", target.version),
    ("PUT", "/api/rituals/<uuid:record_id>/reminder"): lambda world, actor, target: {
        "enabled": False},
    ("PUT", "/api/rituals/<uuid:record_id>/occurrences/<isodate:local_date>"):
        lambda world, actor, target: {"status": "done"},
    ("PUT", "/api/journey/discovery-date"): lambda world, actor, target: {"date": "2025-03-01"},
    ("PUT", "/api/daily/answers/<uuid:answer_id>"): lambda world, actor, target: {
        "day": datetime.now(UTC).date().isoformat(), "text": "A small honesty.",
        "occurred_at": datetime.now(UTC).isoformat(),
        "prompt_id": (world.phones[actor].get("/api/daily/today").get_json().get("prompt")
                      or {"id": "truth-light-01"})["id"] if actor != "anonymous"
        else "truth-light-01"},
    ("POST", "/api/push/subscriptions"): lambda world, actor, target: push_subscription(),
    ("POST", "/api/push/unsubscribe"): lambda world, actor, target: {
        "endpoint": target.record.get("endpoint") or push_subscription()["endpoint"]},
    ("PUT", "/api/push/preferences"): lambda world, actor, target: {
        "acknowledged": True, "answered": False, "consent": True, "pause": True,
        "quiet_from": "22:30", "quiet_until": "07:00", "time_zone": "Europe/Berlin"},
}

# What goes into a route's URL parameters. <record_id> is a target of the route's record kind;
# ids of other things that belong to a person are targets too: param → (family, make(world,
# owner) → (id, what the body may need), the URL listing the owner's own).
ID_FAMILIES = {
    "session_id": ("session", lambda world, owner: world.other_session(owner), "/api/sessions"),
    "subscription_id": ("subscription", lambda world, owner: world.subscription(owner),
                        "/api/push/subscriptions"),
}
# Routes whose target is named in the body, not the URL.
TARGET_IN_BODY = {("POST", "/api/push/unsubscribe"): "subscription"}
NEW_IDS = {"answer_id", "version_id"}  # made on the phone: a new one each time
FIXED = {
    "idea_id": lambda: "at-home-01",
    "local_date": lambda: (datetime.now(UTC).date() - timedelta(days=1)).isoformat(),  # has come
}

# Two people per couple; `former` and `self` shared the space that ended.
PEOPLE = ("self", "partner", "stranger", "strangers_partner", "former")


def without(body: dict, name: str) -> dict:
    return {key: value for key, value in body.items() if key != name}


def api_rules(app):
    """(METHOD, rule) of every /api route of the app."""
    return {(method, rule.rule) for rule in app.url_map.iter_rules()
            if rule.rule.startswith("/api/") and rule.rule not in SKIPPED_RULES
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def cells_of(row) -> dict:
    """{(actor, target): cell}; one-line rows have the single target None."""
    if isinstance(row, dict):
        return row
    cells = row.split()
    assert len(cells) == len(ACTORS), row
    return {(actor, None): cell for actor, cell in zip(ACTORS, cells, strict=True)}


@dataclass
class Target:
    id: str
    record: dict = field(default_factory=dict)  # as its owner sees it (a record's targets)
    used: bool = False  # a write succeeded on it: the next cell gets a fresh one
    remake: object = None  # how to make a fresh one; None when it cannot be remade

    @property
    def version(self) -> int:
        return self.record.get("version", 1)


@dataclass
class World:
    """Five signed-in people, two couples, one ended space, and the targets, made on demand."""

    app: object
    n: int
    emails: dict = field(default_factory=dict)
    phones: dict = field(default_factory=dict)
    targets: dict = field(default_factory=dict)
    used_code: str = ""
    urls: dict = field(default_factory=dict)

    _numbers = itertools.count()

    @classmethod
    def build(cls, app, with_targets=True) -> "World":
        world = cls(app, next(cls._numbers), urls=kind_urls(app))
        for who in PEOPLE:
            world.emails[who] = f"{who.replace('_', '-')}-{world.n}@example.org"
            world.phones[who] = world._sign_up(who)
        me, former = world.phones["self"], world.phones["former"]
        world._pair(me, former)
        for name, kind in KINDS.items():
            if kind.shared and with_targets:
                world.targets[(name, "old")] = Target(*world._put(me, name))
                world.targets[(name, "exs")] = Target(*world._put(former, name))
        assert former.post("/api/space/leave").status_code == 204
        world.used_code = world._pair(me, world.phones["partner"])
        world._pair(world.phones["stranger"], world.phones["strangers_partner"])
        # All at once: every answer is checked against them.
        for family in (*KINDS, *(name for name, *_ in ID_FAMILIES.values())):
            for name in ("own", "partners", "exs"):
                if with_targets and world._maker(family, name):
                    world.target(family, name)
        return world

    def device(self) -> ApiClient:
        return ApiClient(self.app.test_client())

    def email_of(self, actor: str) -> str:
        return self.emails["self" if actor == "anonymous" else actor]

    def auth_of(self, actor: str) -> str:
        """The actor's authentication value (self's for anonymous: what answers is sign-in)."""
        return self.device().auth(PASSWORD, self.email_of(actor))

    def new_credentials(self, actor: str) -> dict:
        """A password change's body, as the actor's phone makes it."""
        device = self.device()
        kdf = device.prelogin(self.email_of(actor))
        fresh = phone_crypto.new_credentials("another golden seam 42", kdf, bytes(32))
        return {"current_auth": phone_crypto.auth_value(PASSWORD, kdf), "new_auth": fresh["auth"],
                "new_kdf": fresh["kdf"], "wrapped_journal_key": fresh["wrapped_journal_key"]}

    def sign_in_again(self, actor: str) -> None:
        assert self.phones[actor].login(self.emails[actor]).status_code == 200
        self.phones[actor].reauthenticate()

    def leave(self, actor: str) -> None:
        assert self.phones[actor].post("/api/space/leave").status_code == 204

    def _sign_up(self, who):
        phone = ApiClient(self.app.test_client())
        email = self.emails[who]
        assert phone.register(email, display_name=who.title()).status_code == 202
        assert phone.login(email).status_code == 200
        phone.reauthenticate()  # as before an export: its rows state who may have one
        return phone

    @staticmethod
    def _pair(first, second) -> str:
        code = first.post("/api/space", {"role": "healing"}).get_json()["invite"]["code"]
        assert second.post("/api/space/join", {"code": code}).status_code == 200
        return code

    def _put(self, phone, kind: str) -> tuple[str, dict]:
        record_id = str(uuid.uuid4())
        response = phone.request("PUT", f"{self.urls[kind]}/{record_id}",
                                 json=create_body(kind))
        assert response.status_code == 201, (kind, response.get_json())
        return record_id, response.get_json()

    def _live_record(self, kind: str, owner: str, other: str) -> tuple[str, dict]:
        """A record of the current space, brought to life by the other partner (answered,
        agreed, accepted), as its owner then sees it."""
        phone = self.phones[owner]
        record_id, _ = self._put(phone, kind)
        bring_to_life(kind, self.phones[other], self.urls[kind], record_id)
        return record_id, phone.get(f"{self.urls[kind]}/{record_id}").get_json()

    def other_session(self, who: str) -> tuple[str, dict]:
        """Another device `who` is signed in on."""
        phone = ApiClient(self.app.test_client())
        assert phone.login(self.emails[who]).status_code == 200
        return next(s["id"] for s in phone.get("/api/sessions").get_json() if s["current"]), {}

    def subscription(self, who: str) -> tuple[str, dict]:
        """A push subscription of another device of `who`."""
        body = push_subscription()
        response = self.phones[who].post("/api/push/subscriptions", body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()["id"], {"endpoint": body["endpoint"]}

    def still_there(self, family: str, name: str, target: Target) -> bool:
        """Whether the target's owner still has it (families of ID_FAMILIES)."""
        owner = {"own": "self", "partners": "partner", "exs": "former"}[name]
        listing = next(url for fam, _, url in ID_FAMILIES.values() if fam == family)
        return any(item["id"] == target.id for item in self.phones[owner].get(listing).get_json())

    def _maker(self, family: str, target: str):
        owner = {"own": "self", "partners": "partner", "exs": "former"}.get(target)
        make = next((make for name, make, _ in ID_FAMILIES.values() if name == family), None)
        if make is not None:
            return (lambda: make(self, owner)) if owner else None
        if target in ("own", "partners"):
            other = "partner" if owner == "self" else "self"
            return lambda: self._live_record(family, owner, other)
        if target == "exs" and not KINDS[family].shared:
            return lambda: self._put(self.phones[owner], family)
        return None

    def target(self, family: str, name: str) -> Target:
        if name == "new":
            return Target(str(uuid.uuid4()))
        current = self.targets.get((family, name))
        if current is None or (current.used and current.remake is not None):
            remake = self._maker(family, name)
            assert remake is not None or current is not None, (family, name)
            current = Target(*remake(), remake=remake) if remake else current
            self.targets[(family, name)] = current
        return current


def family_of(key: tuple[str, str], urls: dict) -> str | None:
    """What the route's id names: a record kind, one of ID_FAMILIES, or None (no id)."""
    rule = key[1]
    if key in TARGET_IN_BODY:
        return TARGET_IN_BODY[key]
    for param, (family, *_) in ID_FAMILIES.items():
        if f":{param}>" in rule:
            return family
    if "<uuid:record_id>" in rule:
        base = rule.split("/<uuid:record_id>")[0]
        kind = next((k for k, url in urls.items() if url == base), None)
        assert kind is not None, f"{rule}: no record kind is listed at {base}"
        return kind
    return None


def url_for(rule: str, target: Target | None) -> str:
    def value(match):
        name = match.group(1)
        if name == "record_id" or name in ID_FAMILIES:
            return target.id
        if name in NEW_IDS:
            return str(uuid.uuid4())
        if name in FIXED:
            return FIXED[name]()
        raise AssertionError(f"{rule}: the matrix does not know what to put in <{name}> "
                             "(see ID_FAMILIES, NEW_IDS, FIXED)")

    return re.sub(r"<(?:\w+:)?(\w+)>", value, rule)


def body_for(world: World, key, endpoint: str, actor: str, target: Target | None):
    if key in BODIES:
        return BODIES[key](world, actor, target)
    action, _, kind = endpoint.rpartition(".")[2].partition("_")
    if kind in KINDS:
        if action == "create":
            return create_body(kind)
        if action == "update":
            return edit_body(kind, target.version)
        if action == "acknowledge":
            return {"words": "I noticed."}
    return None


def every_page(phone, url: str, first) -> str:
    """The text of a GET answer and, for a paged list, of all its further pages."""
    texts, answer = [first.get_data(as_text=True)], first.get_json(silent=True)
    while isinstance(answer, dict) and answer.get("next_cursor"):
        page = phone.get(f"{url}?cursor={answer['next_cursor']}")
        assert page.status_code == 200, (url, page.get_json())
        texts.append(page.get_data(as_text=True))
        answer = page.get_json()
    return "\n".join(texts)


def expected(cell: str) -> tuple[int, str | None]:
    status, _, code = cell.partition(":")
    return int(status), code or None


def test_every_api_route_has_a_row(app):
    rules = api_rules(app)
    missing = sorted(rules - set(MATRIX))
    assert not missing, "Routes without a row in the authorization matrix: " + ", ".join(
        f"{method} {rule}" for method, rule in missing)
    stale = sorted(set(MATRIX) - rules)
    assert not stale, f"Rows for routes that do not exist: {stale}"


def test_every_record_kind_has_sample_bodies():
    assert not kinds_without_samples(), "Add create/edit samples to tests/record_samples.py"


def test_every_cell_of_the_matrix(app):
    endpoints = {(method, rule.rule): rule.endpoint for rule in app.url_map.iter_rules()
                 for method in rule.methods}
    world = World.build(app)
    urls = world.urls
    families = {key: family_of(key, urls) for key in MATRIX}
    # What each actor must never see: the targets it gets 404 for when reading them (the GET of
    # one, or for a family without one, such as sessions, its first row).
    read_rows = {}
    for key, family in sorted(families.items(), key=lambda item: item[0][0] != "GET"):
        if family and family not in read_rows and re.search(r"_id>$", key[1]):
            read_rows[family] = cells_of(MATRIX[key])

    failures = []
    ran = 0
    for key in sorted(MATRIX, key=lambda key: key in DESTRUCTIVE):  # stable: table order
        row = MATRIX[key]
        method, rule = key
        family = families[key]
        for (actor, target_name), cell in cells_of(row).items():
            if cell == "-":
                continue
            if world is None:  # only destructive rows come here: they need no targets
                world = World.build(app, with_targets=False)
            target = world.target(family, target_name) if family else None
            phone = ApiClient(app.test_client()) if actor == "anonymous" else world.phones[actor]
            body = body_for(world, key, endpoints[key], actor, target)
            url = url_for(rule, target)
            response = phone.request(method, url, json=body)
            ran += 1
            status, code = expected(cell)
            kept = code == "kept"
            code = None if kept else code
            answer = response.get_json(silent=True) or {}
            got_code = answer.get("error", {}).get("code") if isinstance(answer, dict) else None
            where = f"{method} {rule} as {actor}" + (f" on {target_name}" if family else "")
            if kept and not world.still_there(family, target_name, target):
                failures.append(f"{where}: answered {response.status_code} and removed it")
                kept = False
            if response.status_code != status or (code and got_code != code):
                # A 400/422 means the matrix's body never reached the decision: show why.
                detail = answer.get("error") if response.status_code in (400, 422) else ""
                failures.append(f"{where}: expected {cell}, got {response.status_code} "
                                f"{got_code or ''} {detail or ''}")
            if method == "GET" and response.status_code == 200 and actor != "anonymous":
                text = every_page(phone, url, response)
                for (fam, name), known in world.targets.items():
                    if read_rows[fam].get((actor, name), "").startswith("404") and known.id in text:
                        failures.append(f"{where}: shows {name} {fam} {known.id}")
            if response.status_code < 400 and method != "GET":
                if target is not None and not kept:
                    target.used = True
                if key in DESTRUCTIVE and actor != "anonymous":
                    mend = DESTRUCTIVE[key]
                    if mend is None:
                        world = None
                    else:
                        mend(world, actor)
    assert ran > 500
    assert not failures, f"{len(failures)} cells differ:\n" + "\n".join(failures)
