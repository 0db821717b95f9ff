"""Reading and saving answers through the API: the same action as the pages, a stale version is 409."""

from __future__ import annotations

import pytest

from dgmm.web.cycles.models import Answer, AuditEntry, ParticipationStatus
from tests.web.api.conftest import assert_envelope

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def url(world, agency="pcio-a1", code=""):
    base = f"/api/v1/cycles/{world.cycle.code}/agencies/{agency}/answers"
    return f"{base}/{code}" if code else base


def test_save_read_and_bump_the_version(world, api_as):
    client = api_as("resp_a1")
    r = client.put(url(world, code="C1"), {"value": "a", "version": 0})
    assert r.status_code == 200 and r.json() == {
        "ok": True,
        "input": "C1",
        "source": "agency",
        "value": "a",
        "version": 1,
        "changed": True,
    }
    r = client.put(url(world, code="C1"), {"value": "b", "version": 1})
    assert r.json()["version"] == 2
    assert client.get(url(world, code="C1")).json()["value"] == "b"
    listed = client.get(url(world)).json()
    assert [(a["input"], a["value"], a["version"]) for a in listed] == [("C1", "b", 2)]
    assert AuditEntry.objects.filter(kind="answer", target="C1").count() == 2
    assert world.participation(world.pcio_a1).status == ParticipationStatus.IN_PROGRESS


def test_a_stale_version_is_409_with_the_current_value(world, api_as):
    client = api_as("resp_a1")
    client.put(url(world, code="N1"), {"value": "10", "version": 0})
    client.put(url(world, code="N1"), {"value": "11", "version": 1})
    body = assert_envelope(client.put(url(world, code="N1"), {"value": "99", "version": 1}), 409, "conflict")
    assert body["current_value"] == "11" and body["current_version"] == 2
    assert Answer.objects.get(code="N1").value == "11"
    assert_envelope(client.put(url(world, code="X1"), {"value": "new", "version": 3}), 409, "conflict")


def test_values_are_checked_by_the_core(world, api_as):
    body = assert_envelope(
        api_as("resp_a1").put(url(world, code="N1"), {"value": "many", "version": 0}), 400, "invalid_answer"
    )
    assert "whole number" in body["error"]
    assert not Answer.objects.exists()


def test_clearing_an_answer(world, api_as):
    client = api_as("resp_a1")
    client.put(url(world, code="X1"), {"value": "note", "version": 0})
    r = client.put(url(world, code="X1"), {"value": None, "version": 1})
    assert r.json()["value"] is None and r.json()["version"] == 2


def test_analysts_record_checks_but_not_agency_answers(world, api_as):
    analyst = api_as("analyst")
    assert_envelope(
        analyst.put(url(world, code="C1"), {"value": "a", "version": 0}), 403, "permission_denied"
    )
    r = analyst.put(url(world, code="A1"), {"value": "yes", "version": 0, "source": "analyst"})
    assert r.status_code == 200 and r.json()["source"] == "analyst"
    assert_envelope(
        api_as("resp_a1").put(url(world, code="A1"), {"value": "yes", "version": 0}), 400, "not_agency_input"
    )
    assert [a["input"] for a in analyst.get(url(world) + "?source=analyst").json()] == ["A1"]


def test_a_submitted_agency_is_locked(world, api_as):
    p = world.participation(world.pcio_a1)
    p.status = ParticipationStatus.SUBMITTED
    p.save()
    assert_envelope(api_as("resp_a1").put(url(world, code="C1"), {"value": "a", "version": 0}), 400, "locked")
