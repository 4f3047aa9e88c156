"""Bad input on every endpoint with a body: a 4xx JSON error naming the field, nothing changed.

The endpoints come from the OpenAPI document, so a new endpoint is covered without a new test."""

import json
import re

from helpers import error_of
from sqlalchemy import func, select

from server.extensions import db

WRONG_TYPE = {"string": 12345, "integer": "many", "number": "lots", "boolean": "maybe",
              "array": "not-a-list", "object": "not-an-object"}
OVERSIZED = "x" * 100_001  # longer than any text field allows


def operations_with_bodies(spec):
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            if method == "parameters":
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                yield path, method.upper(), resolve(spec, body["schema"])


def resolve(spec, schema):
    if "$ref" in schema:
        return spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def snapshot(app):
    """Row counts of every table: an invalid request must leave all of them as they were."""
    with app.app_context():
        return {t.name: db.session.scalar(select(func.count()).select_from(t))
                for t in db.metadata.sorted_tables}


def concrete(path):
    """A real URL for a documented path: ids that exist nowhere, and a real idea of the bank."""
    path = path.replace("{idea_id}", "at-home-01").replace("{local_date}", "2026-01-05")
    return re.sub(r"\{\w+\}", "00000000-0000-4000-8000-000000000000", path)


def test_every_api_route_is_in_the_openapi_document(app, spec):
    documented = {(p.replace("{", "<").replace("}", ">"), m.upper())
                  for p, ms in spec["paths"].items() for m in ms if m != "parameters"}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/") or rule.rule == "/api/openapi.json":
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method) in documented, f"{method} {rule.rule} is not documented"


def test_malformed_json_and_non_objects_are_refused_everywhere(signed_in, spec, app):
    before = snapshot(app)
    for path, method, _schema in operations_with_bodies(spec):
        broken = signed_in.request(method, concrete(path), data="{\"oops\": ",
                                   headers={"Content-Type": "application/json"})
        assert broken.status_code == 400, (method, path, broken.data)
        assert error_of(broken)["code"] == "invalid_json"
        for not_an_object in ([1, 2], "text", 7, None):
            # None as the JSON text `null` (json=None would send no body, which a step whose
            # body is optional, such as a pick in the idea bank, may do).
            response = signed_in.request(method, concrete(path), data=json.dumps(not_an_object),
                                         headers={"Content-Type": "application/json"})
            assert 400 <= response.status_code < 500, (method, path, not_an_object)
            error_of(response)
    assert snapshot(app) == before


def test_wrong_types_missing_fields_and_oversized_strings_name_the_field(signed_in, spec, app):
    before = snapshot(app)
    checked = 0
    for path, method, schema in operations_with_bodies(spec):
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            response = signed_in.request(method, concrete(path), json={})
            assert response.status_code == 422, (method, path)
            assert name in error_of(response)["fields"], (method, path, name)
        for name, prop in properties.items():
            if prop.get("readOnly"):
                continue
            kind = prop.get("type", "string")
            for bad in (WRONG_TYPE[kind], OVERSIZED if kind == "string" else None, {"x": [1]}):
                if bad is None and prop.get("nullable"):
                    continue
                response = signed_in.request(method, concrete(path), json={name: bad})
                assert response.status_code == 422, (method, path, name, bad, response.data)
                # The field, or a field inside it (an object's, e.g. "kdf.salt").
                assert any(field == name or field.startswith(f"{name}.")
                           for field in error_of(response)["fields"]), (method, path, name)
                checked += 1
        unknown = signed_in.request(method, concrete(path), json={"surprise": 1})
        assert unknown.status_code == 422
        assert "surprise" in error_of(unknown)["fields"]
    assert checked > 20
    assert snapshot(app) == before
