"""The exports ask for the password again: only within a few minutes of confirming it (a phone
left unlocked on a table is not a way to take everything at once)."""

from datetime import timedelta

import pytest
from conftest import PASSWORD_LIMITS
from helpers import PASSWORD, ApiClient, error_of

from server.account import reauth

EXPORTS = ("/api/export", "/api/export/readable")


@pytest.mark.parametrize("export", EXPORTS)
def test_an_export_without_the_password_confirmed_again_is_refused(signed_in, export):
    response = signed_in.get(export)
    assert response.status_code == 403
    assert error_of(response)["code"] == "reauthentication_required"
    assert error_of(response)["fields"] == {"auth": "Type your password again to go on."}


def test_a_wrong_password_is_refused_and_opens_nothing(signed_in):
    response = signed_in.post("/api/me/reauthenticate",
                              {"auth": signed_in.auth("not my password")})
    assert response.status_code == 403
    assert error_of(response)["code"] == "wrong_password"
    assert error_of(response)["fields"] == {"auth": "The password is not right."}
    for export in EXPORTS:
        assert error_of(signed_in.get(export))["code"] == "reauthentication_required"


def test_confirmed_opens_both_exports_for_the_window_and_then_closes(signed_in, monkeypatch):
    confirmed = signed_in.reauthenticate().get_json()
    assert set(confirmed) == {"until", "sealing"}  # the sealing: to open the journal here
    for export in EXPORTS:
        assert signed_in.get(export).status_code == 200, export

    later = reauth.utcnow() + reauth.WINDOW + timedelta(seconds=1)
    monkeypatch.setattr(reauth, "utcnow", lambda: later)
    for export in EXPORTS:
        assert error_of(signed_in.get(export))["code"] == "reauthentication_required", export
    signed_in.reauthenticate()
    assert signed_in.get("/api/export").status_code == 200


def test_the_window_is_this_sessions_own(couple, person):
    ana, _ben = couple
    ana.reauthenticate()
    laptop = person("ana-laptop")  # another person entirely: nothing carries over
    assert error_of(laptop.get("/api/export"))["code"] == "reauthentication_required"
    same_person_elsewhere = type(ana)(ana.http.application.test_client())
    assert same_person_elsewhere.login("ana@example.org").status_code == 200
    assert error_of(same_person_elsewhere.get("/api/export"))["code"] == \
        "reauthentication_required"


def test_signing_out_closes_the_window(signed_in):
    signed_in.reauthenticate()
    assert signed_in.post("/api/auth/logout").status_code == 204
    assert signed_in.login("ana@example.org").status_code == 200
    assert error_of(signed_in.get("/api/export"))["code"] == "reauthentication_required"


def test_confirming_counts_against_the_same_password_tries_as_changing_it(make_app):
    """One limit for every password confirmation (auth.guessing), not one of its own: once the
    wrong guesses here have used the tries up, changing the password is refused too."""
    signed_in = ApiClient(make_app(**PASSWORD_LIMITS).test_client())
    assert signed_in.register("ana@example.org").status_code == 202
    assert signed_in.login("ana@example.org").status_code == 200
    wrong = signed_in.auth("wrong guess")
    answers = [signed_in.post("/api/me/reauthenticate", {"auth": wrong}).status_code
               for _ in range(6)]
    assert answers == [403] * 5 + [429]
    assert signed_in.post("/api/me/reauthenticate",
                          {"auth": signed_in.auth(PASSWORD)}).status_code == 429
    assert signed_in.change_password(PASSWORD, "another golden seam 42") \
        .status_code == 429


def test_reauthentication_is_documented(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert "403" in paths["/api/export"]["get"]["responses"]
    assert "403" in paths["/api/export/readable"]["get"]["responses"]
    assert "/api/me/reauthenticate" in paths
