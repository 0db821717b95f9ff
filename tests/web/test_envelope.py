"""JSON errors keep one shape: ok, error, errors, status, code."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.db]

KEYS = {"ok", "error", "errors", "status", "code"}


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        ({"code": "NOPE"}, 400, "unknown_input"),
        ({"code": "N1", "in-N1": "x", "v-N1": "0"}, 400, "invalid_answer"),
        ({"code": "S1", "in-S1": "5", "v-S1": "0"}, 400, "not_agency_input"),
        ({"code": "N1", "in-N1": "5", "v-N1": "3"}, 409, "conflict"),
    ],
)
def test_error_shape(world, client_for, data, status, code):
    response = client_for("resp_a1").post(
        reverse("cycles:autosave", kwargs={"cycle": "c2566", "agency": "pcio-a1"}), data
    )
    body = response.json()
    assert response.status_code == status and set(body) >= KEYS
    assert body["ok"] is False and body["status"] == status and body["code"] == code and body["error"]


def test_signed_out_json_calls_get_a_401_envelope(world, client):
    url = reverse("cycles:autosave", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    response = client.post(url, {"code": "N1", "in-N1": "5", "v-N1": "0"}, HTTP_ACCEPT="application/json")
    body = response.json()
    assert response.status_code == 401 and set(body) >= KEYS and body["code"] == "not_signed_in"
    assert client.post(url, {"code": "N1"}).status_code == 302  # a plain form goes to the login page


def test_unexpected_errors_keep_the_envelope_for_json_callers(world, monkeypatch):
    from django.test import Client

    from dgmm.web.cycles.actions import SaveAnswer

    def broken(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(SaveAnswer, "_execute", broken)
    client = Client(raise_request_exception=False)
    client.force_login(world.users["resp_a1"])
    url = reverse("cycles:autosave", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    response = client.post(url, {"code": "N1", "in-N1": "5", "v-N1": "0"}, HTTP_ACCEPT="application/json")
    body = response.json()
    assert response.status_code == 500 and set(body) >= KEYS and body["code"] == "server_error"
    assert "disk full" not in body["error"]  # no internals leak to users
