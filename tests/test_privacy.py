"""The canary: words Ana writes in her private journal reach nobody but Ana.

A unique string goes into her journal (written, then changed, so a revision would exist if the
journal kept any). It must then appear 0 times in every answer of every GET route her partner
Ben can call (each route with the real id of every record of every kind, Ana's entry included;
every list, filtered and paged), in what Ben gets when he tries to change or take over her entry,
in Ben's export, in all of that again once Ana has left (Ben is her ex-partner), and in the log
output of the whole flow: every logger at DEBUG, part of the flow through a real werkzeug server
so its request log lines are included. Ana herself does see it, so the test can fail.

Since the journal is sealed on the phone (issue #18) the words never reach the server at all
(tests/browser/test_sealed_journal.py proves it for the real app). What the server holds of the
entry is its ciphertext, so here the canary is that ciphertext too: Ben must never receive it,
and Ana's copy must open, with her key, to her words.
"""

import logging
import uuid
from datetime import UTC, datetime, timedelta

import phone_crypto
import pytest
import requests
from helpers import PASSWORD
from record_samples import bring_to_life, create_body, edit_body, kind_urls

from server.records.registry import KINDS

IDEA = "at-home-01"


class LivePhone:
    """A phone talking to the real werkzeug server over HTTP: its own cookies and CSRF token."""

    def __init__(self, base_url: str, email: str):
        self.base_url = base_url
        self.http = requests.Session()
        self.csrf_token = self.http.get(f"{base_url}/api/auth/csrf", timeout=10).json()[
            "csrf_token"]
        kdf = self.request("POST", "/api/auth/prelogin", json={"email": email}).json()
        response = self.request("POST", "/api/auth/login", json={
            "email": email, "auth": phone_crypto.auth_value(PASSWORD, kdf)})
        assert response.status_code == 200, response.text
        self.csrf_token = response.json()["csrf_token"]
        self.journal_key = phone_crypto.unwrap(response.json()["sealing"]["wrapped_journal_key"],
                                               phone_crypto.wrapping_key(PASSWORD, kdf))

    def request(self, method, path, json=None):
        headers = {} if method == "GET" else {"X-CSRFToken": self.csrf_token}
        return self.http.request(method, self.base_url + path, json=json, headers=headers,
                                 timeout=10)

    def get(self, path):
        return self.request("GET", path)


def everything_in(response) -> str:
    """All a client receives: status line, headers and body."""
    if isinstance(response, requests.Response):
        return f"{response.status_code}\n{response.headers}\n{response.text}"
    return f"{response.status}\n{response.headers}\n{response.get_data(as_text=True)}"


@pytest.fixture
def all_logs(caplog):
    """Every logger at DEBUG, captured (those that do not propagate and disabled ones too)."""
    logging.getLogger("werkzeug")  # exists before its first request, so it keeps our level
    caplog.set_level(logging.DEBUG)
    attached, enabled = [], []
    for name in list(logging.root.manager.loggerDict):
        logger = logging.getLogger(name)
        caplog.set_level(logging.DEBUG, logger=name)
        if not logger.propagate:
            logger.addHandler(caplog.handler)
            attached.append(logger)
        if logger.disabled:
            logger.disabled = False
            enabled.append(logger)
    yield caplog
    for logger in attached:
        logger.removeHandler(caplog.handler)
    for logger in enabled:
        logger.disabled = True


def every_get(app, ids: dict[str, list[str]], ana_entry: str) -> list[str]:
    """Every GET /api URL of the app: a route with a record id once per record of its kind and
    once with Ana's entry; lists plain and filtered. A route with a parameter the test does not
    know fails it, so none is skipped."""
    urls_of_kinds = {url: kind for kind, url in kind_urls(app).items()}
    day = timedelta(days=1)
    now = datetime.now().astimezone()
    window = (f"from={(now - day).isoformat(timespec='seconds')}&"
              f"to={(now + day).isoformat(timespec='seconds')}").replace("+", "%2B")
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or not rule.rule.startswith("/api/"):
            continue
        if not rule.arguments:
            urls.append(rule.rule)
            if rule.endpoint.rpartition(".")[2].startswith("list_"):
                urls += [f"{rule.rule}?{query}" for query in (
                    "author=partner", "author=me", "limit=100", window)]
        elif rule.arguments == {"record_id"}:
            kind = urls_of_kinds[rule.rule.split("/<uuid:record_id>")[0]]
            urls += [rule.rule.replace("<uuid:record_id>", record_id)
                     for record_id in {*ids[kind], ana_entry}]
        elif rule.arguments == {"idea_id"}:
            urls.append(rule.rule.replace("<string:idea_id>", IDEA))
        else:
            raise AssertionError(f"The canary test does not know what to put in {rule.rule}")
    return urls


def json_of(response):
    if isinstance(response, requests.Response):
        return response.json() if "json" in response.headers.get("Content-Type", "") else None
    return response.get_json(silent=True)


def pages(phone, list_url: str) -> list:
    """Every page of a paged list, one item at a time."""
    answers, cursor = [], None
    while True:
        query = f"?limit=1&cursor={cursor}" if cursor else "?limit=1"
        response = phone.get(list_url + query)
        answers.append(response)
        cursor = (json_of(response) or {}).get("next_cursor")
        if not cursor:
            return answers


def what_ben_sees(app, ben, ids: dict[str, list[str]], ana_entry: str) -> dict[str, str]:
    """URL (or attempt) → everything Ben received."""
    seen = {}
    # The exports answer only after the password is confirmed again: confirm it, so they do.
    assert ben.request("POST", "/api/me/reauthenticate", json={
        "auth": phone_crypto.auth_value(PASSWORD, json_of(ben.request(
            "POST", "/api/auth/prelogin", json={"email": "ben@example.org"})))}
    ).status_code == 200
    for url in every_get(app, ids, ana_entry):
        response = ben.get(url)
        seen[url] = everything_in(response)
        answer = json_of(response)
        if "?" not in url and isinstance(answer, dict) and "next_cursor" in answer:
            for n, page in enumerate(pages(ben, url)):
                seen[f"{url} page {n}"] = everything_in(page)
    # Trying to change, withdraw or take over her entry answers without her words.
    entry = f"/api/journal/{ana_entry}"
    for method, body in (("PATCH", edit_body("journal_entry", 1)),
                         ("PATCH", edit_body("journal_entry", 2)),
                         ("DELETE", None),
                         ("PUT", create_body("journal_entry"))):
        seen[f"{method} {entry}"] = everything_in(ben.request(method, entry, json=body))
    seen["export"] = everything_in(ben.get("/api/export"))
    return seen


def make_records_of_every_kind(app, ana, ben) -> dict[str, list[str]]:
    """Both write one record of every kind, change it, and take each other's further (answer,
    agree, accept, acknowledge, reflect); returns the ids."""
    ids = {}
    for kind, url in kind_urls(app).items():
        for who, other in ((ana, ben), (ben, ana)):
            record_id = str(uuid.uuid4())
            assert who.request("PUT", f"{url}/{record_id}",
                               json=create_body(kind)).status_code == 201
            bring_to_life(kind, other, url, record_id)
            version = who.get(f"{url}/{record_id}").get_json()["version"]
            if KINDS[kind].editable:
                assert who.patch(f"{url}/{record_id}",
                                 edit_body(kind, version)).status_code == 200
            if KINDS[kind].acknowledgeable:
                assert other.request("PUT", f"{url}/{record_id}/acknowledgement",
                                     json={"words": "I noticed."}).status_code == 200
            ids.setdefault(kind, []).append(record_id)
    yesterday = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()
    for who in (ana, ben):
        for experience in ids["experience"]:
            assert who.request("PUT", f"/api/experiences/{experience}/reflection",
                               json={"joy": 5, "text": "A good day."}).status_code == 200
        for ritual in ids["ritual"]:
            assert who.request("PUT", f"/api/rituals/{ritual}/occurrences/{yesterday}",
                               json={"status": "done"}).status_code == 200
    assert ana.request("PUT", f"/api/ideas/{IDEA}/pick").status_code == 200
    return ids


def test_canary_in_anas_journal_reaches_nobody_but_ana(app, person, live_server, all_logs):
    canary = f"canary-{uuid.uuid4().hex}"
    ana, ben = person("ana"), person("ben")
    code = ana.post("/api/space", {"role": "healing"}).get_json()["invite"]["code"]
    assert ben.post("/api/space/join", {"code": code}).status_code == 200

    # Ana writes through the real server: its request log lines are part of what is searched.
    live_ana = LivePhone(live_server, "ana@example.org")
    entry = str(uuid.uuid4())
    first = {"sealed": phone_crypto.seal(live_ana.journal_key, entry, 1,
                                         f"{canary} — what I could not say"),
             "occurred_at": create_body("journal_entry")["occurred_at"]}
    assert live_ana.request("PUT", f"/api/journal/{entry}", json=first).status_code == 201
    assert live_ana.request("PUT", f"/api/journal/{entry}", json=first).status_code == 201
    changed = {"sealed": phone_crypto.seal(live_ana.journal_key, entry, 2,
                                           f"{canary} — what I can say now"), "version": 1}
    sealed_words = [first["sealed"][3:60], changed["sealed"][3:60]]
    assert live_ana.request("PATCH", f"/api/journal/{entry}", json=changed).status_code == 200
    # Refusals with her words in the request: they must not log them either.
    assert live_ana.request("PATCH", f"/api/journal/{entry}", json=changed).status_code == 409
    assert live_ana.request("PUT", f"/api/journal/{entry}", json=create_body(
        "journal_entry", f"{canary} again")).status_code == 409
    assert live_ana.request("PATCH", f"/api/journal/{entry}", json={
        **changed, "prompt": canary}).status_code == 422

    ids = make_records_of_every_kind(app, ana, ben)

    # Ana gets her sealed words, so finding them nowhere else means something.
    for phone in (ana, live_ana):
        assert phone.request("POST", "/api/me/reauthenticate", json={
            "auth": ana.auth(PASSWORD)}).status_code == 200
        for url in (f"/api/journal/{entry}", "/api/journal", "/api/export"):
            assert sealed_words[1] in everything_in(phone.get(url)), url

    # Her partner: every GET, every list, his export, over HTTP through the real server.
    live_ben = LivePhone(live_server, "ben@example.org")
    seen = {f"paired: {url}": answer
            for url, answer in what_ben_sees(app, live_ben, ids, entry).items()}

    # Ana leaves: Ben is now her ex-partner.
    assert ana.post("/api/space/leave").status_code == 204
    seen.update({f"after she left: {url}": answer
                 for url, answer in what_ben_sees(app, ben, ids, entry).items()})

    assert len(seen) > 100
    leaks = sorted(where for where, answer in seen.items()
                   if canary in answer or any(words in answer for words in sealed_words))
    assert not leaks, f"Ana's journal words reached Ben through: {leaks}"
    after = ana.get(f"/api/journal/{entry}").get_json()
    assert after["version"] == 2  # nothing Ben did changed it
    assert phone_crypto.open_sealed(ana.journal_key, entry, 2, after["sealed"])["text"] \
        == f"{canary} — what I can say now"

    # The logs of all of it: every record, formatted as a handler would write it.
    records = all_logs.records
    assert any(r.name == "werkzeug" and entry in r.getMessage() for r in records), \
        "the real server's request lines were not captured"
    assert any(r.name.startswith("sqlalchemy.engine") for r in records), \
        "SQL logging at DEBUG was not captured"
    logged = all_logs.text + "\n".join(
        f"{r.getMessage()} {r.args!r} {r.exc_text or ''} {r.stack_info or ''}" for r in records)
    assert logged.count(canary) == 0, [r.getMessage()[:300] for r in records
                                       if canary in r.getMessage()][:5]
