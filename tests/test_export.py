"""GET /api/export: my data as a JSON download, every record kind as the API shows it to me."""

import re
import uuid

from record_samples import create_body, kind_urls

from server.records.registry import KINDS


def write_one_of_each(app, phone) -> dict[str, str]:
    ids = {}
    for kind, url in kind_urls(app).items():
        ids[kind] = str(uuid.uuid4())
        response = phone.request("PUT", f"{url}/{ids[kind]}", json=create_body(kind))
        assert response.status_code == 201, (kind, response.get_json())
    return ids


def listed(app, phone) -> dict[str, list]:
    """Every kind's list, as the API answers it to this phone."""
    return {kind: phone.get(f"{url}?limit=100").get_json()["items"]
            for kind, url in kind_urls(app).items()}


def ids_of(export: dict) -> dict[str, set]:
    return {kind: {r["id"] for r in records} for kind, records in export["records"].items()}


def test_export_is_a_dated_json_download_without_secrets(couple):
    ana, _ben = couple
    response = ana.export()
    assert response.status_code == 200
    assert response.is_json
    assert re.fullmatch(r'attachment; filename="kintsugi-export-\d{4}-\d{2}-\d{2}\.json"',
                        response.headers["Content-Disposition"])
    export = response.get_json()
    assert response.headers["Content-Disposition"].endswith(
        f'{export["exported_at"][:10]}.json"')
    assert export["account"]["email"] == "ana@example.org"
    assert export["account"]["display_name"] == "Ana"
    assert set(export["account"]) == {"id", "email", "display_name", "created_at"}
    text = response.get_data(as_text=True)
    assert "$argon2" not in text and "password_hash" not in text  # no hash of any kind
    # What opens the sealed journal with the password (and nothing opens it without).
    assert export["sealing"]["kdf"] == ana.prelogin("ana@example.org")
    assert export["sealing"]["wrapped_journal_key"] == ana.me["sealing"]["wrapped_journal_key"]
    assert export["space"]["status"] == "paired"
    assert export["space"]["role"] == "healing"
    assert sorted((m["display_name"], m["is_me"]) for m in export["space"]["members"]) == [
        ("Ana", True), ("Ben", False)]
    assert set(export["records"]) == set(KINDS)


def test_export_holds_every_kind_exactly_as_the_api_shows_it(app, couple):
    ana, ben = couple
    mine, theirs = write_one_of_each(app, ana), write_one_of_each(app, ben)
    assert ben.request("PUT", f"/api/checkins/{mine['checkin']}/acknowledgement",
                       json={"words": "I see you."}).status_code == 200
    assert ana.delete(f"/api/setbacks/{mine['setback']}").status_code == 200  # a tombstone
    export = ana.export().get_json()
    assert export["records"] == listed(app, ana)
    for kind in KINDS:
        expected = {mine[kind], theirs[kind]} if KINDS[kind].shared else {mine[kind]}
        assert ids_of(export)[kind] == expected, kind
    checkin = next(r for r in export["records"]["checkin"] if r["id"] == mine["checkin"])
    assert checkin["acknowledgements"][0]["words"] == "I see you."
    setback = next(r for r in export["records"]["setback"] if r["id"] == mine["setback"])
    assert setback["withdrawn_at"] and "what_happened" not in setback


def test_after_leaving_each_keeps_their_own_records_and_nothing_of_the_other(app, couple):
    ana, ben = couple
    anas, bens = write_one_of_each(app, ana), write_one_of_each(app, ben)
    assert ana.post("/api/space/leave").status_code == 204
    for phone, own, other in ((ana, anas, bens), (ben, bens, anas)):
        export = phone.export().get_json()
        assert export["space"] is None
        assert export["records"] == listed(app, phone)
        for kind in KINDS:
            assert ids_of(export)[kind] == {own[kind]}, kind
        assert not set(other.values()) & set().union(*ids_of(export).values())


def test_another_couple_is_never_in_my_export(app, couple, person):
    ana, _ben = couple
    cara, dan = person("cara"), person("dan")
    code = cara.post("/api/space", {}).get_json()["invite"]["code"]
    assert dan.post("/api/space/join", {"code": code}).status_code == 200
    theirs = write_one_of_each(app, cara) | write_one_of_each(app, dan)
    text = ana.export().get_data(as_text=True)
    assert not [record_id for record_id in theirs.values() if record_id in text]
    assert "Cara" not in text and "Dan" not in text


def test_export_needs_sign_in_and_is_documented(client):
    assert client.get("/api/export").status_code == 401
    operation = client.get("/api/openapi.json").get_json()["paths"]["/api/export"]["get"]
    answer = operation["responses"]["200"]
    assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/ExportOut")
    assert "Content-Disposition" in answer["headers"]
