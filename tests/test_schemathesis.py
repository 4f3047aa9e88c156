"""Property-based fuzzing of every operation in /api/openapi.json (schemathesis).

Every operation the document describes becomes one test, run in-process against the real app
(WSGI, no network) as a signed-in person of a paired space, with the session cookie and the
X-CSRFToken header, so shared-record routes reach their logic rather than stopping at 401/400.
Every response must pass: not_a_server_error, response_schema_conformance (2xx bodies against
their schema, every error against the Error shape), content_type_conformance, and
success_status_conformance (schemathesis' status_code_conformance accepts anything once an
operation documents a `default` error response, as ours do; this one holds 2xx/3xx to the list).

How the examples get past the front door:
- Each operation meets a seeded world: Ana and Ben paired, each with records of the operation's
  kind (one changed, so it has a revision; one withdrawn, a tombstone; acknowledged and reflected
  on by the partner), and Carol, in another space, with hers. Generated record ids, idea ids and
  session ids are steered to those (see `pick`: the generated value itself chooses, so the same
  example always runs the same way); so are passwords, invite codes, versions and time zones.
- Operations that end the session or space they run in, sign in, or need someone outside any
  space get a fresh person for every example (FRESH), so each example tests the operation, not
  a leftover signed out by the one before. Nothing is excluded (EXCLUDED stays empty).
- Date-times include the ends of the calendar (see EDGE_MOMENTS).

Bounded and reproducible: MAX_EXAMPLES per operation in the fuzzing phase plus schemathesis'
coverage and examples phases, derandomized with a fixed seed, no example database on disk.
"""

import itertools
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import schemathesis
from conftest import TEST_CONFIG
from helpers import PASSWORD, ApiClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from record_samples import create_body
from schemathesis import checks

from server import create_app
from server.experiences import ideas
from server.records import registry

MAX_EXAMPLES = 10  # per operation, fuzzing phase; the coverage phase adds its boundary cases
SEED = 20261124

CONFIG = schemathesis.Config.from_dict({
    "seed": SEED,
    "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "deterministic": True,
                   "database": "none"},
    # Stateful (link-following) runs are not part of the per-operation tests.
    "phases": {"stateful": {"enabled": False}},
})

# Date-times and dates as phones and clients send them, and the ends of the calendar (year 1 at
# +01:00 is before year 1 in UTC): edges the default generator seldom reaches. Registered for
# this process; only this module fuzzes.
OFFSETS = [timezone(timedelta(minutes=m)) for m in (-720, -570, -60, 0, 60, 345, 840)]
EDGE_MOMENTS = ["0001-01-01T00:30:00+01:00", "9999-12-31T23:59:00-01:00",
                "1899-12-31T23:59:59+00:00", "2200-01-01T00:00:00+00:00"]
schemathesis.openapi.format("date-time", st.one_of(
    st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 30),
                 timezones=st.sampled_from(OFFSETS)).map(datetime.isoformat),
    st.sampled_from(EDGE_MOMENTS)))
schemathesis.openapi.format("date", st.one_of(
    st.dates().map(date.isoformat), st.sampled_from(["0001-01-01", "9999-12-31"])))

@schemathesis.check
def success_status_conformance(ctx, response, case):
    """status_code_conformance for successes: it passes anything while an operation documents a
    `default` (error) response, as all of ours do; here a 2xx/3xx must be documented itself."""
    if case.method.upper() != case.operation.method.upper() or response.status_code >= 400:
        return None  # another method on the path (405), or an error: its shape is checked
    documented = [code for code in case.operation.responses.status_codes if code != "default"]
    if str(response.status_code) not in documented:
        raise AssertionError(f"Undocumented success status {response.status_code} "
                             f"(documented: {', '.join(documented)})")
    return None


CHECKS = [
    checks.not_a_server_error,
    checks.response_schema_conformance,  # 2xx against their schemas, errors against Error
    checks.content_type_conformance,
    success_status_conformance,
]


def _served_document() -> dict:
    """The document as the app serves it; an app of its own, as collection runs before fixtures."""
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    response = app.test_client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.get_json()


DOCUMENT = _served_document()
schema = schemathesis.openapi.from_dict(DOCUMENT, config=CONFIG)

# Operations that sign the person out, end their space or need someone outside any space: each
# example gets a fresh person (see actor_for), never the shared world's Ana.
FRESH = {
    ("POST", "/api/auth/login"): "signed_out",  # an account, on a phone not signed in yet
    ("POST", "/api/auth/logout"): "signed_in",  # signed in on two devices
    ("POST", "/api/auth/logout-everywhere"): "signed_in",
    ("POST", "/api/me/password"): "signed_in",
    ("DELETE", "/api/sessions/{session_id}"): "signed_in",
    ("POST", "/api/me/delete"): "paired",  # signed in on two devices, paired, with records
    ("POST", "/api/space/leave"): "paired",
    ("POST", "/api/space"): "alone",  # signed in, in no space, with a live invite code to use
    ("POST", "/api/space/join"): "alone",
}
# Operations that gather every kind of record: their examples meet records of every kind.
GATHER_EVERY_KIND = ("/api/journey", "/api/export", "/api/me/delete", "/api/space/leave")
# Nothing is left out. An operation may only be added here with the reason next to it.
EXCLUDED: dict[tuple[str, str], str] = {}

NOW = datetime.now(UTC).replace(microsecond=0)
WHEN = (NOW - timedelta(hours=2)).isoformat()
RECENT = (NOW - timedelta(minutes=1)).isoformat()

# A valid create body of every record kind, and a change for kinds that have PATCH (so the record
# has a revision). A kind missing here is still fuzzed, with ids that name nothing.
SEEDS = {
    "checkin": ({"feelings": ["hope"], "trust": 4, "want_you_to_know": "Hi"}, {"trust": 5}),
    "action": ({"what": "Called when I said I would", "category": "care"},
               {"what": "Called at six, as I said"}),
    "experience": ({"title": "Walk by the river"}, {"title": "Long walk by the river"}),
    "setback": ({"what_happened": "An old message"}, {"how_it_felt": "Shaky"}),
    "pause": ({"minutes": 600, "note": "Back after a walk", "occurred_at": RECENT},
              {"note": "Back after tea"}),
    "journal_entry": ({"sealed": create_body("journal_entry")["sealed"]},
                      {"sealed": create_body("journal_entry")["sealed"]}),
    "question": ({"text": "Where were you that night?"}, {"text": "Where were you on Friday?"}),
    "agreement": ({"title": "Phones", "terms": "Phones stay open", "category": "transparency"},
                  None),
    "ritual": ({"title": "Sunday talk", "activity": "talk", "weekdays": [7], "local_time": "19:00",
                "time_zone": "Europe/Berlin"}, None),
}


def seeded_id(kind: str, who: str, state: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"kintsugi-fuzz/{kind}/{who}/{state}")


def pick(generated, choices: list):
    """One of `choices`, or the generated value itself, chosen by the generated value: the same
    example always makes the same choice, and Hypothesis still decides which examples run."""
    index = zlib.crc32(repr(generated).encode()) % (len(choices) + 1)
    return choices[index] if index < len(choices) else generated


def kind_urls(app) -> dict[str, str]:
    """Each record kind's collection URL, read from its list route."""
    return {rule.endpoint.split(".list_", 1)[1]: rule.rule for rule in app.url_map.iter_rules()
            if ".list_" in rule.endpoint and rule.endpoint.split(".list_", 1)[1] in registry.KINDS}


def put(phone: ApiClient, url: str, body: dict, expected: int = 201) -> dict:
    response = phone.request("PUT", url, json=body)
    assert response.status_code == expected, (url, response.get_json())
    return response.get_json()


@dataclass
class World:
    """What the signed-in person (Ana) can meet: her partner's and an outsider's things too."""

    app: object
    ana: ApiClient
    ben: ApiClient
    urls: dict[str, str]
    record_ids: dict[str, list[str]] = field(default_factory=dict)  # collection URL → ids
    counter: itertools.count = field(default_factory=itertools.count)
    seeded: bool = False

    def person(self, name: str) -> ApiClient:
        phone = ApiClient(self.app.test_client())
        email = f"{name}-{next(self.counter)}@example.org"
        assert phone.register(email, display_name=name.title()).status_code == 202
        assert phone.login(email).status_code == 200
        return phone

    def pair(self, one: ApiClient, other: ApiClient) -> None:
        code = one.post("/api/space", {"role": "healing"}).get_json()["invite"]["code"]
        assert other.post("/api/space/join", {"code": code}).status_code == 200

    def kinds_for(self, path: str) -> list[str]:
        """The record kinds an operation on `path` meets: its own, or all of them for the
        operations that gather every kind (timeline, export, ending an account or a space)."""
        seedable = [kind for kind in SEEDS if kind in self.urls]
        if path.startswith(GATHER_EVERY_KIND):
            return seedable
        return [kind for kind in seedable
                if path == self.urls[kind] or path.startswith(self.urls[kind] + "/")]

    def seed(self, path: str) -> None:
        """Ana's, Ben's and Carol's (another space's) records for this operation, once."""
        if self.seeded:
            return
        self.seeded = True
        kinds = self.kinds_for(path)
        if not kinds:
            return
        carol = self.person("carol")
        assert carol.post("/api/space", {}).status_code == 201
        for kind in kinds:
            self.seed_kind(kind, "ana", self.ana, self.ben, states=("updated", "withdrawn"))
            self.seed_kind(kind, "ben", self.ben, self.ana, states=("updated", "withdrawn"))
            self.seed_kind(kind, "carol", carol, None)

    def seed_kind(self, kind, who, phone, partner, states=("updated",)) -> None:
        url, (body, change) = self.urls[kind], SEEDS[kind]
        body = {"occurred_at": WHEN, **body}
        spec = registry.KINDS[kind]
        for state in states:
            record_id = seeded_id(kind, who, state)
            self.record_ids.setdefault(url, []).append(str(record_id))
            record = put(phone, f"{url}/{record_id}", body)
            if change is not None and spec.editable:
                changed = phone.patch(f"{url}/{record_id}",
                                      {**change, "version": record["version"]})
                assert changed.status_code == 200, (url, changed.get_json())
            if state == "withdrawn" and spec.shared_delete_route:
                assert phone.delete(f"{url}/{record_id}").status_code == 200
        updated = f"{url}/{seeded_id(kind, who, 'updated')}"
        if spec.acknowledgeable and partner is not None:
            acknowledged = partner.request("PUT", f"{updated}/acknowledgement",
                                           json={"words": "I noticed"})
            assert acknowledged.status_code == 200
        if kind == "experience":
            for author in (phone, partner) if partner else (phone,):
                put(author, f"{updated}/reflection", {"joy": 4, "text": "Good"}, expected=200)


@pytest.fixture
def world(app, couple):
    ana, ben = couple
    return World(app, ana, ben, kind_urls(app))


def steer(case, world: World, actor: ApiClient, live_code: str | None) -> None:
    """Point some generated ids, passwords and codes at real ones (see the module docstring)."""
    params = case.path_parameters or {}
    if isinstance(params.get("record_id"), str):
        collection = case.path.split("/{record_id}")[0]
        known = world.record_ids.get(collection, [])
        if case.method.upper() == "PUT" and case.path.endswith("{record_id}"):
            known = known[:1]  # a create: mostly new ids, sometimes a replay or a clash
        params["record_id"] = pick(params["record_id"], known)
    if isinstance(params.get("idea_id"), str):
        bank = [idea["id"] for idea in ideas.bank()["ideas"]]
        params["idea_id"] = pick(params["idea_id"], bank[:3])
    if isinstance(params.get("session_id"), str):
        sessions = [s["id"] for s in actor.get("/api/sessions").get_json()]
        params["session_id"] = pick(params["session_id"], sessions)
    for values in (case.query, case.body):
        if isinstance(values, dict):
            for name in ("tz", "time_zone"):
                if isinstance(values.get(name), str):
                    values[name] = pick(values[name], ["Europe/Berlin", "Pacific/Apia"])
    body = case.body
    if isinstance(body, dict):
        if case.path == "/api/auth/login" and isinstance(body.get("email"), str):
            body["email"] = pick(body["email"], [actor.me["email"]])
        for name in ("auth", "current_auth"):  # the password, as the phone derives it
            if isinstance(body.get(name), str):
                body[name] = pick(body[name], [actor.auth(PASSWORD, actor.me["email"])])
        if live_code and isinstance(body.get("code"), str):
            body["code"] = pick(body["code"], [live_code])
        for name in ("version", "based_on", "version_number"):
            if isinstance(body.get(name), int):
                body[name] = pick(body[name], [1, 2, 3])


def actor_for(case, world: World) -> tuple[ApiClient, str | None]:
    """Who sends this example, and an invite code they may use."""
    fresh = FRESH.get((case.method.upper(), case.path))
    if fresh is None:
        world.seed(case.path)
        return world.ana, None
    if fresh == "signed_out":
        phone = world.person("fresh")
        assert phone.post("/api/auth/logout").status_code == 204
        phone.refresh_csrf()
        return phone, None
    if fresh == "alone":
        inviter = world.person("inviter")
        code = inviter.post("/api/space", {}).get_json()["invite"]["code"]
        return world.person("alone"), code
    phone = world.person("fresh")
    if fresh == "paired":
        phone.partner = world.person("partner")
        world.pair(phone, phone.partner)
    phone.login(phone.me["email"])  # signed in anew: the first session stays live, to end
    return phone, None


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_every_operation_holds_to_its_document(case, world, app):
    key = (case.method.upper(), case.path)
    assert key not in EXCLUDED, EXCLUDED.get(key)
    actor, live_code = actor_for(case, world)
    steer(case, world, actor, live_code)
    if FRESH.get(key) == "paired" and (
            not isinstance(case.body, dict)
            or case.body.get("auth") in (None, actor.auth(PASSWORD))):
        # Ending an account or a space that holds both partners' records of every kind.
        n = next(world.counter)
        for kind in world.kinds_for(case.path):
            world.seed_kind(kind, f"fresh{n}", actor, actor.partner)
            world.seed_kind(kind, f"partner{n}", actor.partner, actor)
    headers = {"X-CSRFToken": actor.csrf_token}
    case.call_and_validate(session=actor.http, app=app, headers=headers, checks=CHECKS)


def test_the_fuzzed_document_is_the_one_the_app_serves(client):
    assert client.get("/api/openapi.json").get_json() == DOCUMENT


def test_every_operation_is_fuzzed():
    documented = {(method.upper(), path) for path, item in DOCUMENT["paths"].items()
                  for method in item if method != "parameters"}
    fuzzed = {(op.method.upper(), op.path) for op in
              (result.ok() for result in schema.get_all_operations())}
    assert fuzzed == documented
    assert not EXCLUDED
    assert set(FRESH) <= documented, "a special case names an operation that is gone"
