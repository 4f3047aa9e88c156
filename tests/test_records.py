"""The mechanism every record shares (server/records): ids from the phone, idempotent create,
versions and revisions, tombstones, scope, time and paging — checked on every record kind."""

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import phone_crypto
import pytest
from helpers import error_of
from record_samples import SAMPLE_JOURNAL_KEY
from sqlalchemy import func, select

from server.extensions import db
from server.records import registry


@dataclass(frozen=True)
class Kind:
    name: str
    url: str
    body: dict  # a valid create body, without occurred_at
    field: str  # an editable field
    new_value: object
    shared: bool = True
    acknowledgeable: bool = False

    def words(self, text: str) -> str:
        """`text` as this kind's field takes it: the journal's only sealed."""
        if self.field != "sealed":
            return text
        return phone_crypto.seal(SAMPLE_JOURNAL_KEY, uuid.uuid4(), 1, text)


KINDS = [
    Kind("checkin", "/api/checkins",
         {"feelings": ["grief", "hope"], "intensity": 6, "trust": 3, "safety": 5,
          "want_you_to_know": "Today was heavy.", "need_from_you": "Sit with me tonight."},
         "want_you_to_know", "Today was lighter than I feared.", acknowledgeable=True),
    Kind("action", "/api/actions",
         {"what": "Told you where I was going before I left", "category": "transparency"},
         "what", "Called you from the station as I said I would", acknowledgeable=True),
    Kind("setback", "/api/setbacks",
         {"what_happened": "An old message surfaced", "how_it_felt": "Like the first day"},
         "how_it_felt", "Shaky, but we talked it through"),
    Kind("pause", "/api/pauses", {"minutes": 30, "note": "I am flooded, back after a walk"},
         "note", "Back after a walk and some tea"),
    Kind("experience", "/api/experiences",
         {"title": "Cooked dal together", "what_we_did": "Chopped, stirred, laughed at the mess"},
         "title", "Cooked dal and ate on the balcony"),
    # Sealed on the phone (with the samples' key: the server cannot tell).
    Kind("journal_entry", "/api/journal",
         {"sealed": phone_crypto.seal(SAMPLE_JOURNAL_KEY, uuid.uuid4(), 1,
                                      "The sound of his phone buzzing at night.")},
         "sealed", phone_crypto.seal(SAMPLE_JOURNAL_KEY, uuid.uuid4(), 2,
                                     "The phone buzzing at night, and what I needed then."),
         shared=False),
]
SHARED = [k for k in KINDS if k.shared]
ACKNOWLEDGEABLE = [k for k in KINDS if k.acknowledgeable]

every_kind = pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
shared_kinds = pytest.mark.parametrize("kind", SHARED, ids=lambda k: k.name)
acknowledgeable_kinds = pytest.mark.parametrize("kind", ACKNOWLEDGEABLE, ids=lambda k: k.name)

WHEN = "2026-03-14T21:05:00+01:00"


def test_the_table_matches_the_registered_everyday_kinds(app):
    registered = registry.KINDS
    # The registry lists exactly the kinds the app has the shared routes for.
    routed = {endpoint.split(".list_", 1)[1] for endpoint, view in app.view_functions.items()
              if view.__qualname__ == "add_record_routes.<locals>.list_records"}
    assert set(registered) == routed
    assert {k.name for k in KINDS} <= set(registered)
    for kind in KINDS:
        assert kind.field in registered[kind.name].editable
        assert registered[kind.name].shared == kind.shared
        assert registered[kind.name].acknowledgeable == kind.acknowledgeable


def create(phone, kind, record_id=None, occurred_at=WHEN, **changes):
    record_id = record_id or uuid.uuid4()
    return phone.request("PUT", f"{kind.url}/{record_id}",
                         json={**kind.body, "occurred_at": occurred_at, **changes})


def created(phone, kind, **kwargs):
    response = create(phone, kind, **kwargs)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def row_count(phone, kind):
    with phone.http.application.app_context():
        model = registry.KINDS[kind.name].model
        return db.session.scalar(select(func.count()).select_from(model))


def stored(phone, kind, record_id):
    """The row as the database holds it, as {column: value}."""
    with phone.http.application.app_context():
        row = db.session.get(registry.KINDS[kind.name].model, uuid.UUID(str(record_id)))
        return {c.key: getattr(row, c.key) for c in row.__table__.columns}


def query(**params):
    return "?" + "&".join(f"{key}={quote(str(value), safe='')}" for key, value in params.items())


@pytest.fixture
def outsider(person):
    """A member of another couple."""
    carl, dora = person("carl"), person("dora")
    code = carl.post("/api/space").get_json()["invite"]["code"]
    assert dora.post("/api/space/join", {"code": code}).status_code == 200
    return carl


# --- Create, with the phone's id ----------------------------------------------------------------

@every_kind
def test_create_with_the_phones_id_answers_the_record(couple, kind):
    ana, _ben = couple
    record_id = uuid.uuid4()
    response = create(ana, kind, record_id=record_id)
    assert response.status_code == 201
    record = response.get_json()
    assert record["id"] == str(record_id)
    assert record["kind"] == kind.name
    assert record["version"] == 1
    assert record["is_mine"] is True
    assert record["author_name"] == "Ana"
    assert record["withdrawn_at"] is None
    assert record[kind.field] == kind.body[kind.field]
    assert ana.get(f"{kind.url}/{record_id}").get_json() == record
    assert row_count(ana, kind) == 1


@every_kind
def test_a_create_replayed_three_times_makes_one_record(couple, kind):
    ana, _ben = couple
    record_id = uuid.uuid4()
    answers = [create(ana, kind, record_id=record_id) for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert answers[1].get_json() == answers[0].get_json()
    assert answers[2].get_json() == answers[0].get_json()
    assert row_count(ana, kind) == 1
    assert len(ana.get(kind.url).get_json()["items"]) == 1


@every_kind
def test_the_same_id_with_another_body_is_a_conflict_that_changes_nothing(couple, kind):
    ana, _ben = couple
    record_id = uuid.uuid4()
    first = created(ana, kind, record_id=record_id)
    response = create(ana, kind, record_id=record_id, **{kind.field: kind.new_value})
    assert response.status_code == 409
    assert error_of(response)["code"] == "id_conflict"
    assert "id" in error_of(response)["fields"]
    other_time = create(ana, kind, record_id=record_id, occurred_at="2026-03-14T21:06:00+01:00")
    assert error_of(other_time)["code"] == "id_conflict"
    assert ana.get(f"{kind.url}/{record_id}").get_json() == first
    assert row_count(ana, kind) == 1


@shared_kinds
def test_the_partner_cannot_reuse_my_id(couple, kind):
    ana, ben = couple
    record_id = uuid.uuid4()
    first = created(ana, kind, record_id=record_id)
    response = create(ben, kind, record_id=record_id)
    assert response.status_code == 409
    assert error_of(response)["code"] == "id_conflict"
    assert ana.get(f"{kind.url}/{record_id}").get_json() == first


@every_kind
def test_create_without_occurred_at_or_with_a_naive_time_is_refused(couple, kind):
    ana, _ben = couple
    record_id = uuid.uuid4()
    missing = ana.request("PUT", f"{kind.url}/{record_id}", json=kind.body)
    assert missing.status_code == 422
    assert "occurred_at" in error_of(missing)["fields"]
    naive = create(ana, kind, record_id=record_id, occurred_at="2026-03-14T21:05:00")
    assert naive.status_code == 422
    assert "occurred_at" in error_of(naive)["fields"]
    assert row_count(ana, kind) == 0


# --- Time ---------------------------------------------------------------------------------------

@every_kind
def test_occurred_at_comes_back_in_the_phones_offset_with_the_receive_time(couple, kind):
    ana, _ben = couple
    before = datetime.now(UTC)
    record = created(ana, kind, occurred_at="2026-03-14T21:05:00+05:30")
    assert record["occurred_at"] == "2026-03-14T21:05:00+05:30"
    received = datetime.fromisoformat(record["received_at"])
    assert received.tzinfo is not None
    assert before - timedelta(seconds=5) <= received <= datetime.now(UTC) + timedelta(seconds=5)
    again = ana.get(f"{kind.url}/{record['id']}").get_json()
    assert again["occurred_at"] == "2026-03-14T21:05:00+05:30"
    listed = ana.get(kind.url).get_json()["items"]
    assert [r["occurred_at"] for r in listed] == ["2026-03-14T21:05:00+05:30"]
    west = created(ana, kind, occurred_at="2026-03-14T09:05:00-03:00")
    assert west["occurred_at"] == "2026-03-14T09:05:00-03:00"


# --- Update, versions, revisions ----------------------------------------------------------------

@every_kind
def test_an_update_bumps_the_version(couple, kind):
    ana, _ben = couple
    record = created(ana, kind)
    response = ana.patch(f"{kind.url}/{record['id']}",
                         {"version": 1, kind.field: kind.new_value})
    assert response.status_code == 200
    updated = response.get_json()
    assert updated["version"] == 2
    assert updated[kind.field] == kind.new_value
    assert updated["occurred_at"] == record["occurred_at"]
    assert ana.get(f"{kind.url}/{record['id']}").get_json() == updated


@shared_kinds
def test_an_update_keeps_a_revision_both_partners_read(couple, kind):
    ana, ben = couple
    record = created(ana, kind)
    before = datetime.now(UTC)
    assert ana.patch(f"{kind.url}/{record['id']}",
                     {"version": 1, kind.field: kind.new_value}).status_code == 200
    for phone in (ana, ben):
        response = phone.get(f"{kind.url}/{record['id']}/revisions")
        assert response.status_code == 200
        [revision] = response.get_json()
        assert revision["version"] == 2
        assert revision["author_name"] == "Ana"
        assert revision["author_id"] == record["author_id"]
        assert datetime.fromisoformat(revision["created_at"]) >= before - timedelta(seconds=5)
        assert revision["changes"] == {
            kind.field: {"from": kind.body[kind.field], "to": kind.new_value}}


@shared_kinds
def test_revisions_are_listed_in_order(couple, kind):
    ana, ben = couple
    record = created(ana, kind)
    url = f"{kind.url}/{record['id']}"
    assert ana.patch(url, {"version": 1, kind.field: kind.new_value}).status_code == 200
    assert ana.patch(url, {"version": 2, kind.field: kind.words("Third words")}).status_code == 200
    revisions = ben.get(f"{url}/revisions").get_json()
    assert [r["version"] for r in revisions] == [2, 3]
    assert [r["changes"][kind.field]["to"] for r in revisions] == [kind.new_value,
                                                                      "Third words"]


@every_kind
def test_an_update_that_changes_nothing_keeps_the_version(couple, kind):
    ana, _ben = couple
    record = created(ana, kind)
    response = ana.patch(f"{kind.url}/{record['id']}",
                         {"version": 1, kind.field: kind.body[kind.field]})
    assert response.status_code == 200
    assert response.get_json()["version"] == 1
    if kind.shared:
        assert ana.get(f"{kind.url}/{record['id']}/revisions").get_json() == []


@every_kind
def test_a_stale_update_is_refused_with_the_current_record(couple, kind):
    ana, _ben = couple
    record = created(ana, kind)
    url = f"{kind.url}/{record['id']}"
    current = ana.patch(url, {"version": 1, kind.field: kind.new_value}).get_json()
    response = ana.patch(url, {"version": 1, kind.field: kind.words("Written on an old screen")})
    assert response.status_code == 409
    error = error_of(response)
    assert error["code"] == "stale_version"
    assert "version" in error["fields"]
    assert error["current"] == current
    assert ana.get(url).get_json() == current


@shared_kinds
def test_an_older_change_sent_again_after_a_newer_one_is_a_harmless_replay(couple, kind):
    """Two edits made offline, sent, then the outbox replayed: the first one again (its step id
    made on the phone is in the history) is no conflict; the record stays as the second one left
    it."""
    ana, _ben = couple
    record = created(ana, kind)
    url = f"{kind.url}/{record['id']}"
    first = {"version": 1, kind.field: kind.new_value, "id": str(uuid.uuid4())}
    assert ana.patch(url, first).status_code == 200
    current = ana.patch(url, {"version": 2, kind.field: kind.words("Third words"),
                              "id": str(uuid.uuid4())}).get_json()
    replay = ana.patch(url, first)
    assert replay.status_code == 200
    assert replay.get_json() == current
    assert ana.get(url).get_json() == current
    assert len(ana.get(f"{url}/revisions").get_json()) == 2
    # Other words on top of that old version are still a conflict.
    other = {"version": 1, kind.field: kind.words("Not what was sent")}
    assert ana.patch(url, other).status_code == 409


@shared_kinds
def test_a_step_id_belongs_to_one_change(couple, kind):
    """The id a phone made for one change cannot stand for a change of another record."""
    ana, _ben = couple
    first, other = created(ana, kind), created(ana, kind)
    step = str(uuid.uuid4())
    assert ana.patch(f"{kind.url}/{first['id']}",
                     {"version": 1, kind.field: kind.new_value, "id": step}).status_code == 200
    refused = ana.patch(f"{kind.url}/{other['id']}",
                        {"version": 1, kind.field: kind.new_value, "id": step})
    assert (refused.status_code, error_of(refused)["code"]) == (409, "id_conflict")
    assert ana.get(f"{kind.url}/{other['id']}").get_json()["version"] == 1


@every_kind
def test_an_update_must_name_its_version(couple, kind):
    ana, _ben = couple
    record = created(ana, kind)
    response = ana.patch(f"{kind.url}/{record['id']}", {kind.field: kind.new_value})
    assert response.status_code == 422
    assert "version" in error_of(response)["fields"]
    assert ana.get(f"{kind.url}/{record['id']}").get_json() == record


# --- Withdrawal ---------------------------------------------------------------------------------

@shared_kinds
def test_a_withdrawn_record_is_a_tombstone_both_partners_see(couple, kind):
    ana, ben = couple
    record = created(ana, kind)
    url = f"{kind.url}/{record['id']}"
    response = ana.delete(url)
    assert response.status_code == 200
    tombstone = response.get_json()
    assert tombstone["withdrawn_at"] is not None
    assert tombstone["author_name"] == "Ana"
    assert kind.field not in tombstone
    assert not set(kind.body) & set(tombstone)  # no content at all
    assert ana.get(url).get_json() == tombstone
    assert ben.get(url).get_json() == {**tombstone, "is_mine": False}
    for phone in (ana, ben):
        [listed] = phone.get(kind.url).get_json()["items"]
        assert listed["withdrawn_at"] == tombstone["withdrawn_at"]
        assert kind.field not in listed


@shared_kinds
def test_withdrawing_twice_is_harmless(couple, kind):
    ana, _ben = couple
    record = created(ana, kind)
    url = f"{kind.url}/{record['id']}"
    first = ana.delete(url).get_json()
    second = ana.delete(url)
    assert second.status_code == 200
    assert second.get_json() == first


@shared_kinds
def test_a_replayed_create_does_not_bring_a_tombstone_back(couple, kind):
    ana, ben = couple
    record_id = uuid.uuid4()
    created(ana, kind, record_id=record_id)
    tombstone = ana.delete(f"{kind.url}/{record_id}").get_json()
    replay = create(ana, kind, record_id=record_id)
    assert replay.status_code == 201
    assert replay.get_json()["withdrawn_at"] == tombstone["withdrawn_at"]
    assert kind.field not in replay.get_json()
    assert ben.get(f"{kind.url}/{record_id}").get_json() == {**tombstone, "is_mine": False}
    assert row_count(ana, kind) == 1


@shared_kinds
def test_a_tombstone_cannot_be_updated(couple, kind):
    ana, _ben = couple
    record = created(ana, kind)
    url = f"{kind.url}/{record['id']}"
    tombstone = ana.delete(url).get_json()
    response = ana.patch(url, {"version": tombstone["version"], kind.field: kind.new_value})
    assert response.status_code == 409
    assert error_of(response)["code"] == "withdrawn"
    assert ana.get(url).get_json() == tombstone


@shared_kinds
def test_a_tombstones_revisions_keep_who_and_when_but_not_the_words(couple, kind):
    ana, ben = couple
    record = created(ana, kind)
    url = f"{kind.url}/{record['id']}"
    assert ana.patch(url, {"version": 1, kind.field: kind.new_value}).status_code == 200
    ana.delete(url)
    for phone in (ana, ben):
        [revision] = phone.get(f"{url}/revisions").get_json()
        assert revision["author_name"] == "Ana"
        assert revision["version"] == 2
        assert kind.body[kind.field] not in json.dumps(revision)
        assert kind.new_value not in json.dumps(revision)


def test_a_withdrawn_journal_entry_is_erased_and_stays_erased(couple):
    ana, _ben = couple
    kind = next(k for k in KINDS if k.name == "journal_entry")
    record_id = uuid.uuid4()
    created(ana, kind, record_id=record_id)
    url = f"{kind.url}/{record_id}"
    response = ana.delete(url)
    assert response.status_code == 200
    assert response.get_json()["withdrawn_at"] is not None
    assert "sealed" not in response.get_json()
    assert stored(ana, kind, record_id)["sealed"] is None
    assert ana.get(url).status_code == 404
    assert ana.get(kind.url).get_json()["items"] == []
    # The outbox may send the delete and the create again: neither brings the words back.
    assert ana.delete(url).status_code == 404
    replay = create(ana, kind, record_id=record_id)
    assert replay.status_code == 201
    assert "sealed" not in replay.get_json()
    assert replay.get_json()["withdrawn_at"] is not None
    assert stored(ana, kind, record_id)["sealed"] is None
    assert ana.get(url).status_code == 404
    assert row_count(ana, kind) == 1


def test_the_journal_has_no_revision_list(couple):
    ana, _ben = couple
    kind = next(k for k in KINDS if k.name == "journal_entry")
    record = created(ana, kind)
    ana.patch(f"{kind.url}/{record['id']}", {"version": 1, "text": kind.new_value})
    assert ana.get(f"{kind.url}/{record['id']}/revisions").status_code == 404


# --- Paging and filters -------------------------------------------------------------------------

def walk(phone, url, limit, **params):
    """Every page of a list: (pages of ids, the last page's next_cursor)."""
    pages, cursor = [], None
    while True:
        extra = {"cursor": cursor} if cursor else {}
        response = phone.get(url + query(limit=limit, **params, **extra))
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        pages.append([r["id"] for r in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None or len(pages) > 10:
            return pages, cursor


@every_kind
def test_a_cursor_pages_through_every_record_once_newest_first(couple, kind):
    ana, _ben = couple
    start = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)
    ids = [created(ana, kind, occurred_at=(start + timedelta(hours=5 * n)).isoformat())["id"]
           for n in (3, 0, 6, 1, 5, 2, 4)]  # sent out of order, as an outbox may
    newest_first = [ids[i] for i in (2, 4, 6, 0, 5, 3, 1)]
    pages, last_cursor = walk(ana, kind.url, 3)
    assert [len(p) for p in pages] == [3, 3, 1]
    assert [i for p in pages for i in p] == newest_first
    assert last_cursor is None


@every_kind
def test_records_at_the_same_moment_are_each_paged_once(couple, kind):
    ana, _ben = couple
    ids = {created(ana, kind)["id"] for _ in range(7)}
    pages, _ = walk(ana, kind.url, 3)
    seen = [i for p in pages for i in p]
    assert len(seen) == 7
    assert set(seen) == ids


@every_kind
def test_an_exact_page_ends_without_a_cursor(couple, kind):
    ana, _ben = couple
    for _ in range(3):
        created(ana, kind)
    body = ana.get(kind.url + query(limit=3)).get_json()
    assert len(body["items"]) == 3
    assert body["next_cursor"] is None


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


GARBAGE_CURSORS = [
    "garbage", "!!!", "a", _b64(b"not json"), _b64(b"{}"), _b64(b"[1, 2]"),
    _b64(json.dumps(["yesterday", str(uuid.uuid4())]).encode()),
    _b64(json.dumps(["2026-03-01T10:00:00", str(uuid.uuid4())]).encode()),
    _b64(json.dumps(["2026-03-01T10:00:00+00:00", "not-a-uuid"]).encode()),
    _b64(json.dumps(["2026-03-01T10:00:00+00:00"]).encode()),
    _b64(b"\xff\xfe"),
]


@every_kind
def test_a_garbage_cursor_is_refused_naming_the_cursor(couple, kind):
    ana, _ben = couple
    created(ana, kind)
    for cursor in GARBAGE_CURSORS:
        response = ana.get(kind.url + query(cursor=cursor))
        assert response.status_code == 422, cursor
        assert "cursor" in error_of(response)["fields"], cursor


@every_kind
def test_a_limit_outside_1_to_100_is_refused(couple, kind):
    ana, _ben = couple
    for limit in (0, 101, "many"):
        response = ana.get(kind.url + query(limit=limit))
        assert response.status_code == 422
        assert "limit" in error_of(response)["fields"]


@every_kind
def test_from_and_to_filter_by_moment_from_inclusive_to_exclusive(couple, kind):
    ana, _ben = couple
    before = created(ana, kind, occurred_at="2026-03-09T23:59:00+00:00")
    # 23:30 in Lima is 04:30 UTC the next day: it falls inside the UTC day of the 11th.
    late_in_lima = created(ana, kind, occurred_at="2026-03-10T23:30:00-05:00")
    on_the_start = created(ana, kind, occurred_at="2026-03-10T00:00:00+00:00")
    on_the_end = created(ana, kind, occurred_at="2026-03-12T00:00:00+00:00")

    def ids(**params):
        response = ana.get(kind.url + query(**params))
        assert response.status_code == 200, response.get_json()
        return [r["id"] for r in response.get_json()["items"]]

    assert ids(**{"from": "2026-03-10T00:00:00+00:00", "to": "2026-03-12T00:00:00+00:00"}) == [
        late_in_lima["id"], on_the_start["id"]]
    assert ids(**{"from": "2026-03-11T00:00:00+00:00"}) == [on_the_end["id"],
                                                              late_in_lima["id"]]
    assert ids(to="2026-03-10T01:00:00+01:00") == [before["id"]]  # = midnight UTC, exclusive
    bad = ana.get(kind.url + query(**{"from": "2026-03-10T00:00:00"}))
    assert bad.status_code == 422
    assert "from" in error_of(bad)["fields"]


@shared_kinds
def test_author_filter_picks_mine_or_my_partners(couple, kind):
    ana, ben = couple
    mine = created(ana, kind)["id"]
    theirs = created(ben, kind)["id"]
    assert [r["id"] for r in ana.get(kind.url + "?author=me").get_json()["items"]] == [mine]
    assert [r["id"] for r in ana.get(kind.url + "?author=partner").get_json()["items"]] == [
        theirs]
    assert {r["id"] for r in ben.get(kind.url).get_json()["items"]} == {mine, theirs}


# --- Scope --------------------------------------------------------------------------------------

@every_kind
def test_another_couple_gets_404_for_everything(couple, outsider, kind):
    ana, _ben = couple
    record = created(ana, kind)
    url = f"{kind.url}/{record['id']}"
    taking = {"version": 1, kind.field: kind.words("mine now")}
    attempts = [outsider.get(url), outsider.patch(url, taking), outsider.delete(url)]
    if kind.shared:
        attempts.append(outsider.get(f"{url}/revisions"))
    for response in attempts:
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"
    assert outsider.get(kind.url).get_json()["items"] == []
    assert ana.get(url).get_json() == record


@shared_kinds
def test_the_partner_reads_but_cannot_change_or_withdraw(couple, kind):
    ana, ben = couple
    record = created(ana, kind)
    url = f"{kind.url}/{record['id']}"
    seen = ben.get(url).get_json()
    assert seen[kind.field] == kind.body[kind.field]
    assert seen["is_mine"] is False
    bens = {"version": 1, kind.field: kind.words("Ben's words")}
    for response in (ben.patch(url, bens), ben.delete(url)):
        assert response.status_code == 403
        assert error_of(response)["code"] == "not_author"
    assert ana.get(url).get_json() == record
    assert ben.get(f"{url}/revisions").get_json() == []


def test_the_partner_gets_404_for_the_journal(couple):
    ana, ben = couple
    kind = next(k for k in KINDS if k.name == "journal_entry")
    record = created(ana, kind)
    url = f"{kind.url}/{record['id']}"
    for response in (ben.get(url), ben.patch(url, {"version": 1, "sealed": kind.words("read you")}),
                     ben.delete(url)):
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"
    assert ben.get(kind.url).get_json()["items"] == []
    assert ana.get(url).get_json() == record


def test_a_journal_entry_needs_no_shared_space(person):
    alone = person("ana")
    kind = next(k for k in KINDS if k.name == "journal_entry")
    record = created(alone, kind)
    assert alone.get(kind.url).get_json()["items"] == [record]


# --- Acknowledgement ----------------------------------------------------------------------------

@acknowledgeable_kinds
def test_the_partner_acknowledges_once_and_may_replay_it(couple, kind):
    ana, ben = couple
    record = created(ana, kind)
    url = f"{kind.url}/{record['id']}/acknowledgement"
    response = ben.request("PUT", url, json={"words": "I noticed. Thank you."})
    assert response.status_code == 200
    [ack] = response.get_json()["acknowledgements"]
    assert (ack["author_name"], ack["words"]) == ("Ben", "I noticed. Thank you.")
    # The answer is made from what the request wrote; it is what a read finds afterwards.
    assert ben.get(f"{kind.url}/{record['id']}").get_json() == response.get_json()
    replay = ben.request("PUT", url, json={"words": "I noticed. Thank you."})
    assert replay.status_code == 200
    assert replay.get_json()["acknowledgements"] == [ack]
    other = ben.request("PUT", url, json={"words": "Something else"})
    assert other.status_code == 409
    assert error_of(other)["code"] == "already_acknowledged"
    seen_by_ana = ana.get(f"{kind.url}/{record['id']}").get_json()
    assert seen_by_ana["acknowledgements"] == [ack]
    assert seen_by_ana["version"] == 1  # noticing is not a change of the record


@acknowledgeable_kinds
def test_a_create_replayed_after_the_partner_noticed_it_answers_with_their_acknowledgement(
        couple, kind):
    # A fresh create answers without asking for acknowledgements (there can be none yet); a
    # replay of it is the stored record, and answers with what the partner has said since.
    ana, ben = couple
    record_id = uuid.uuid4()
    assert create(ana, kind, record_id=record_id).get_json()["acknowledgements"] == []
    url = f"{kind.url}/{record_id}/acknowledgement"
    assert ben.request("PUT", url, json={"words": "I saw it"}).status_code == 200
    replay = create(ana, kind, record_id=record_id)
    assert replay.status_code == 201
    assert [a["words"] for a in replay.get_json()["acknowledgements"]] == ["I saw it"]


@acknowledgeable_kinds
def test_acknowledging_with_no_words_is_just_i_noticed(couple, kind):
    ana, ben = couple
    record = created(ana, kind)
    response = ben.request("PUT", f"{kind.url}/{record['id']}/acknowledgement", json={})
    assert response.status_code == 200
    [ack] = response.get_json()["acknowledgements"]
    assert ack["words"] is None


@acknowledgeable_kinds
def test_the_author_cannot_acknowledge_their_own(couple, kind):
    ana, _ben = couple
    record = created(ana, kind)
    response = ana.request("PUT", f"{kind.url}/{record['id']}/acknowledgement",
                           json={"words": "Well done me"})
    assert response.status_code == 403
    assert ana.get(f"{kind.url}/{record['id']}").get_json()["acknowledgements"] == []


@acknowledgeable_kinds
def test_a_tombstone_or_another_couples_record_cannot_be_acknowledged(couple, outsider, kind):
    ana, ben = couple
    record = created(ana, kind)
    url = f"{kind.url}/{record['id']}/acknowledgement"
    stranger = outsider.request("PUT", url, json={"words": "hi"})
    assert stranger.status_code == 404
    ana.delete(f"{kind.url}/{record['id']}")
    late = ben.request("PUT", url, json={"words": "I noticed"})
    assert late.status_code == 409
    assert error_of(late)["code"] == "withdrawn"
