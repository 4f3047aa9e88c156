"""Deleting an account removes the person for real: nothing that identifies them remains."""

import uuid

from helpers import PASSWORD, create, create_id
from sqlalchemy import select

from server.extensions import db

CANARY = "ben-canary-7f3a"
WHEN = "2026-11-20T21:00:00+01:00"


def every_value_in_the_database(app):
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(select(table)):
                yield table.name, " ".join(str(value) for value in row)


def test_deleting_an_account_leaves_no_trace_of_the_person(app, couple):
    ana, ben = couple
    ben_id = ben.me["id"]
    # Ben writes in every place his words can land, including Ana's records' histories.
    question = create_id(ana, "/api/questions", {"text": "Ana asks", "occurred_at": WHEN})
    ben.request("PUT", f"/api/questions/{question}/answers/{uuid.uuid4()}",
                json={"text": f"answer {CANARY}", "based_on": 0})
    experience = create_id(ana, "/api/experiences", {"title": "Walk", "occurred_at": WHEN})
    ben.request("PUT", f"/api/experiences/{experience}/reflection", json={"text": "first",
                                                                          "joy": 4})
    ben.request("PUT", f"/api/experiences/{experience}/reflection",
                json={"text": f"changed {CANARY}", "joy": 5, "version": 1})
    agreement = create_id(ana, "/api/agreements", {"title": "Phones", "terms": "Open phones",
                                             "category": "devices_social_media",
                                             "occurred_at": WHEN})
    ben.post(f"/api/agreements/{agreement}/consent", {"version_number": 1})
    ben.request("PUT", f"/api/agreements/{agreement}/versions/{uuid.uuid4()}", json={
        "title": "Phones", "terms": f"Open phones {CANARY}", "category": "devices_social_media",
        "based_on": 1})
    ben.post(f"/api/agreements/{agreement}/withdraw", {"reason": f"because {CANARY}"})
    checkin = create_id(ana, "/api/checkins", {"feelings": ["hope"], "occurred_at": WHEN})
    ben.request("PUT", f"/api/checkins/{checkin}/acknowledgement", json={"words": CANARY})
    own = create_id(ben, "/api/checkins", {"want_you_to_know": CANARY, "occurred_at": WHEN})
    ben.patch(f"/api/checkins/{own}", {"version": 1, "want_you_to_know": f"{CANARY} 2"})
    entry = uuid.uuid4()
    create(ben, "/api/journal", {"sealed": ben.seal(CANARY, entry), "occurred_at": WHEN}, entry)
    ben.request("PUT", "/api/journey/discovery-date", json={"date": "2026-01-01"})
    found = [name for name, text in every_value_in_the_database(app) if CANARY in text]
    assert found, "the test must first see the traces it then expects gone"

    assert ben.delete_account(PASSWORD).status_code == 204

    hex_id = uuid.UUID(ben_id).hex
    for name, text in every_value_in_the_database(app):
        assert CANARY not in text, name
        assert ben_id not in text and hex_id not in text, name
    # Ana keeps what she wrote herself.
    assert ana.get(f"/api/questions/{question}").status_code == 200
    assert ana.get(f"/api/agreements/{agreement}").get_json()["versions"][0]["terms"] == \
        "Open phones"
