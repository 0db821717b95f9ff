"""Saving answers: version checks, validation through the core, audit log, kept input on failure."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dgmm.web.actions import ActionError, ActionPermissionError, ConflictError
from dgmm.web.cycles.actions import SaveAnswer
from dgmm.web.cycles.models import Answer, AuditEntry, ParticipationStatus

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def save(world, user, code, raw, version, agency=None):
    p = world.participation(agency or world.pcio_a1)
    return SaveAnswer(p, world.users[user], code, raw, version).execute()


def test_first_save_creates_version_1_and_each_change_increments(world):
    r = save(world, "resp_a1", "C1", "a", 0)
    assert r.answer.version == 1 and r.answer.value == "a" and r.changed
    r = save(world, "resp_a1", "C1", "b", 1)
    assert r.answer.version == 2 and r.answer.value == "b"
    r = save(world, "resp_a1", "C1", "b", 2)  # same value: nothing to change
    assert r.answer.version == 2 and not r.changed
    assert world.participation(world.pcio_a1).status == ParticipationStatus.IN_PROGRESS


def test_two_tabs_editing_the_same_answer_conflict_instead_of_overwriting(world):
    save(world, "resp_a1", "N1", "10", 0)
    # both tabs loaded version 1; the first saves
    save(world, "resp_a1", "N1", "11", 1)
    with pytest.raises(ConflictError) as exc:
        save(world, "resp_a1", "N1", "99", 1)  # the second tab still thinks version 1
    assert exc.value.context == {"current_value": "11", "current_version": 2}
    assert Answer.objects.get(code="N1").value == "11"


def test_two_tabs_creating_the_same_answer_conflict(world):
    save(world, "resp_a1", "N1", "10", 0)
    with pytest.raises(ConflictError):
        save(world, "resp_a1", "N1", "20", 0)


def test_values_are_checked_by_the_core_and_nothing_is_saved_when_wrong(world):
    for code, raw in [
        ("C1", "zzz"),
        ("N1", "many"),
        ("N1", "5000"),
        ("N3", "120"),
        ("N4", "99"),
        ("U1", "not a url"),
        ("M1", "r9:k1"),
        ("C2", "x|q"),
    ]:
        with pytest.raises(ActionError) as exc:
            save(world, "resp_a1", code, raw, 0)
        assert exc.value.code == "invalid_answer", (code, raw)
    assert not Answer.objects.exists()


def test_clearing_keeps_the_row_with_a_new_version(world):
    save(world, "resp_a1", "X1", "note", 0)
    r = save(world, "resp_a1", "X1", None, 1)
    assert r.answer.value is None and r.answer.version == 2


def test_every_change_is_in_the_audit_log(world):
    save(world, "resp_a1", "C1", "a", 0)
    save(world, "resp_a1", "C1", "b", 1)
    entries = list(AuditEntry.objects.filter(kind="answer").order_by("at", "id"))
    assert [(e.target, e.old_value, e.new_value, e.actor.username) for e in entries] == [
        ("C1", None, "a", "resp_a1"),
        ("C1", "a", "b", "resp_a1"),
    ]
    status = AuditEntry.objects.get(kind="status")
    assert (status.old_value, status.new_value) == ("not_started", "in_progress")


def test_inherited_and_analyst_inputs_cannot_be_answered_by_the_agency(world):
    with pytest.raises(ActionError) as exc:
        save(world, "resp_a1", "S1", "50", 0)  # from the parent department
    assert exc.value.code == "not_agency_input"
    with pytest.raises(ActionError):
        save(world, "resp_a1", "A1", "yes", 0)
    # the parent department (no parent of its own) answers S1 itself
    assert save(world, "resp_dept_a", "S1", "50", 0, agency=world.dept_a).answer.version == 1


def test_other_agencies_users_are_refused(world):
    with pytest.raises(ActionPermissionError):
        save(world, "resp_b1", "C1", "a", 0)


def _autosave(client, agency="pcio-a1", **data):
    return client.post(reverse("cycles:autosave", kwargs={"cycle": "c2566", "agency": agency}), data)


def test_autosave_saves_and_reports_version_and_topic_state(world, client_for):
    c = client_for("resp_a1")
    body = _autosave(c, code="C2", **{"in-C2": ["x", "z"], "v-C2": "0"}).json()
    assert body["ok"] and body["version"] == 1 and body["value"] == "x|z"
    assert (
        body["topic"] == "P1.SP1.T1" and body["topic_complete"] is False and body["missing"] == ["C1", "C3"]
    )


def test_autosave_conflict_answers_409_with_the_saved_value(world, client_for):
    c = client_for("resp_a1")
    _autosave(c, code="C1", **{"in-C1": "a", "v-C1": "0"})
    response = _autosave(c, code="C1", **{"in-C1": "b", "v-C1": "0"})
    assert response.status_code == 409
    body = response.json()
    assert set(body) >= {"ok", "error", "errors", "status", "code"}
    assert body["ok"] is False and body["code"] == "conflict" and body["current_version"] == 1
    assert body["current_display"] == "Option A"


def test_autosave_bad_value_answers_400_in_the_error_envelope(world, client_for):
    response = _autosave(client_for("resp_a1"), code="N1", **{"in-N1": "lots", "v-N1": "0"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_answer" and body["errors"][0]["field"] == "N1"
    assert "whole number" in body["error"]


def test_none_of_these_is_an_answer_and_cannot_be_mixed_with_choices(world, client_for):
    c = client_for("resp_a1")
    body = _autosave(c, code="C2", **{"in-C2-none": "1", "v-C2": "0"}).json()
    assert body["ok"] and body["value"] == ""
    response = _autosave(c, code="C2", **{"in-C2-none": "1", "in-C2": "x", "v-C2": "1"})
    assert response.status_code == 400


def test_plain_form_submit_saves_a_topic_and_keeps_input_on_error(world, client_for):
    c = client_for("resp_a1")
    url = reverse("cycles:topic", kwargs={"cycle": "c2566", "agency": "pcio-a1", "topic_id": "P1.SP1.T2"})
    response = c.post(
        url, {"in-N1": "7", "v-N1": "0", "in-N2": "abc", "v-N2": "0", "in-N3": "45", "v-N3": "0", "v-N4": "0"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and 'href="#f-N2"' in html
    assert 'value="abc"' in html  # the user's input is kept
    assert {a.code: a.value for a in Answer.objects.all()} == {"N1": "7", "N3": "45"}
    response = c.post(
        url,
        {
            "in-N1": "7",
            "v-N1": "1",
            "in-N2": "2.5",
            "v-N2": "0",
            "in-N3": "45",
            "v-N3": "1",
            "in-N4": "2561",
            "v-N4": "0",
        },
    )
    assert response.status_code == 302
    assert {a.code: a.value for a in Answer.objects.all()} == {
        "N1": "7",
        "N2": "2.5",
        "N3": "45",
        "N4": "2561",
    }


def test_plain_form_conflict_keeps_input_and_offers_the_new_version(world, client_for):
    c = client_for("resp_a1")
    save(world, "resp_a1", "N1", "5", 0)
    save(world, "resp_a1", "N1", "6", 1)
    url = reverse("cycles:topic", kwargs={"cycle": "c2566", "agency": "pcio-a1", "topic_id": "P1.SP1.T2"})
    html = c.post(url, {"in-N1": "8", "v-N1": "1"}).content.decode()
    assert 'value="8"' in html and "Saved value: 6" in html
    assert 'name="v-N1" value="2"' in html
    assert Answer.objects.get(code="N1").value == "6"


def test_autosave_reports_inputs_that_no_longer_apply(world, client_for):
    from datetime import timedelta

    from django.utils import timezone

    from dgmm.web.cycles.models import Cycle, CycleFramework, Participation
    from tests.web.conftest import MINI

    now = timezone.now()
    cycle = Cycle.objects.create(
        code="c-mini",
        year=2566,
        name_th="มินิ",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
        status="open",
    )
    CycleFramework.objects.create(cycle=cycle, tier="department", framework=str(MINI))
    Participation.objects.create(cycle=cycle, agency=world.dept_a)
    c = client_for("resp_dept_a")
    url = reverse("cycles:autosave", kwargs={"cycle": "c-mini", "agency": "dept-a"})
    body = c.post(url, {"code": "Q2", "in-Q2": "no", "v-Q2": "0"}).json()
    assert body["not_applicable"] == ["Q3"]  # Q3 applies_if "Q2"
    body = c.post(url, {"code": "Q2", "in-Q2": "yes", "v-Q2": "1"}).json()
    assert body["not_applicable"] == []
    html = c.get(
        reverse("cycles:topic", kwargs={"cycle": "c-mini", "agency": "dept-a", "topic_id": "A.1.T2"})
    ).content.decode()
    assert html.count("data-na-note hidden") == 2


def test_autosave_revision_grows_with_every_change(world, client_for):
    c = client_for("resp_a1")
    revisions = [
        _autosave(c, code="C1", **{"in-C1": "a", "v-C1": "0"}).json()["revision"],
        _autosave(c, code="C1", **{"in-C1": "b", "v-C1": "1"}).json()["revision"],
        _autosave(c, code="N1", **{"in-N1": "4", "v-N1": "0"}).json()["revision"],
    ]
    assert revisions == [1, 2, 3]
