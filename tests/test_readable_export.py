"""GET /api/export/readable: my data as a dated HTML document to read and print, and GET
/api/space/history: my own history of the spaces that ended. What each holds after the end is
also searched for the former partner's words by test_leaving (every GET route)."""

import re
import uuid
from datetime import date

from helpers import create, create_id, fetch
from record_samples import now_local


def test_the_readable_export_is_a_dated_html_file_with_a_print_stylesheet(couple):
    ana, ben = couple
    entry = uuid.uuid4()
    sealed = ana.seal("I told the truth <today>", entry, prompt="proud")
    create(ana, "/api/journal", {"sealed": sealed, "occurred_at": now_local()}, entry)
    create_id(ana, "/api/checkins", {"feelings": ["hope"], "trust": 4, "safety": 6,
                                     "connection": 5, "occurred_at": now_local()})
    question = create_id(ana, "/api/questions", {"text": "Where were you?",
                                                 "occurred_at": now_local()})
    assert ana.patch(f"/api/questions/{question}",
                     {"text": "Where were you that night?", "version": 1}).status_code == 200
    assert ben.request("PUT", f"/api/questions/{question}/answers/{uuid.uuid4()}",
                       json={"text": "At the office, then with her.", "based_on": 0}
                       ).status_code == 201
    response = ana.export("/api/export/readable")
    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    html = response.get_data(as_text=True)
    day = re.search(r'filename="kintsugi-(\d{4}-\d{2}-\d{2})\.html"',
                    response.headers["Content-Disposition"]).group(1)
    assert "@media print" in html
    assert "<h1>Ana's record in Kintsugi</h1>" in html
    # Her journal is sealed: the server cannot put it in, and says where it is made readable.
    assert "I told the truth" not in html and sealed[3:40] not in html
    assert "1 entry is sealed" in html
    assert "“Download my journal, readable”" in html
    # The question as it stands, the words it had before, and the answer.
    assert "Where were you that night?" in html
    assert "was “Where were you?”" in html
    assert "At the office, then with her." in html
    assert "<p>Trust 4 · Safety 6 · Connection 5 (of 10)</p>" in html
    assert fetch(ana, "/api/me")["email"] in html
    made = date.fromisoformat(day)
    assert f"Made on {made.day} {made:%B %Y}, " in html


def test_my_history_holds_each_ended_space_with_my_records_read_only(couple, person):
    ana, ben = couple
    mine = create_id(ana, "/api/actions", {"what": "Came home on time", "category": "care",
                                           "occurred_at": now_local()})
    create_id(ben, "/api/actions", {"what": "Ben's own step", "category": "care",
                                    "occurred_at": now_local()})
    assert fetch(ana, "/api/space/history") == []
    assert ben.post("/api/space/leave").status_code == 204

    [ended] = fetch(ana, "/api/space/history")
    assert [action["id"] for action in ended["records"]["action"]] == [mine]
    assert "journal_entry" not in ended["records"], "the journal belongs to no space"
    assert ended["ended_at"] >= ended["joined_at"]
    assert ana.patch(f"/api/actions/{mine}", {"what": "changed", "version": 1}).status_code == 409

    # Paired again with someone new: the ended space is still there, the new one is not history.
    cara = person("cara")
    code = cara.post("/api/space", {}).get_json()["invite"]["code"]
    assert ana.post("/api/space/join", {"code": code}).status_code == 200
    assert [space["id"] for space in fetch(ana, "/api/space/history")] == [ended["id"]]
    assert fetch(cara, "/api/space/history") == []
