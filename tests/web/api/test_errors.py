"""Every error of the API has one shape: {ok, error,
errors, status, code} (as datasette's test_error_shape)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.api.conftest import assert_envelope

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def test_error_shapes(world, api_as):
    c = world.cycle.code
    a1 = api_as("resp_a1")
    answer = f"/api/v1/cycles/{c}/agencies/pcio-a1/answers/C1"
    cases = [
        (Client().get("/api/v1/me", HTTP_AUTHORIZATION="Bearer wrong"), 401, "unauthenticated"),
        (a1.get(f"/api/v1/cycles/{c}/agencies/pcio-b1"), 404, "not_found"),
        (a1.get("/api/v1/cycles/no-such-cycle"), 404, "not_found"),
        (a1.get("/api/v1/no/such/route"), 404, "not_found"),
        (a1.get("/api/"), 404, "not_found"),
        (a1.call("DELETE", answer), 405, "method_not_allowed"),
        (a1.post("/api/v1/tokens", {"username": "resp_b1"}), 403, "permission_denied"),
        (a1.put(answer, {"value": "zzz", "version": 0}), 400, "invalid_answer"),
        (a1.put(answer, {"version": "x"}), 422, "invalid_request"),
        (a1.put(answer, {"value": 5, "version": 0}), 422, "invalid_request"),
        (a1.call("PUT", answer, None, data="{not json", content_type="application/json"), 400, None),
        (
            a1.put(f"/api/v1/cycles/{c}/agencies/pcio-a1/answers/NOPE", {"value": "x", "version": 0}),
            400,
            "unknown_input",
        ),
    ]
    a1.put(answer, {"value": "a", "version": 0})
    cases.append((a1.put(answer, {"value": "b", "version": 0}), 409, "conflict"))
    for response, status, code in cases:
        assert_envelope(response, status, code)


def test_validation_errors_name_the_field(world, api_as):
    answer = f"/api/v1/cycles/{world.cycle.code}/agencies/pcio-a1/answers/C1"
    body = assert_envelope(api_as("resp_a1").put(answer, {"value": "a"}), 422, "invalid_request")
    assert [e["field"] for e in body["errors"]] == ["version"]
    assert all(set(e) >= {"field", "message", "code"} for e in body["errors"])
