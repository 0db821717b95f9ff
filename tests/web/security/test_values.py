"""Bounds on every answer value: what the API and the pages refuse, and what a value stored before
the bounds existed can no longer break (the agency's pages, its autosave, closing the cycle).

The department tier answers ``data/shares.yaml``: a topic whose level is ``share(I1, I2)`` of two
integer inputs without a stated max, a free-text input and a multiple choice.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from dgmm.web.cycles.models import Answer, AnswerSource, CycleFramework, CycleResult, CycleStatus
from tests.web.api import conftest as api_fixtures
from tests.web.api.conftest import assert_envelope
from tests.web.conftest import DATA
from tests.web.submitted import submit_everyone

pytestmark = [pytest.mark.django_db, pytest.mark.db]

token_of, api_as = api_fixtures.token_of, api_fixtures.api_as  # the API tests' fixtures, used here too
SHARES = DATA / "shares.yaml"
HUGE = "9" * 310


@pytest.fixture
def shares(world, settings):
    settings.DGMM_FRAMEWORK_PATHS = [*settings.DGMM_FRAMEWORK_PATHS, str(SHARES)]
    CycleFramework.objects.filter(cycle=world.cycle, tier="department").update(framework=str(SHARES))
    return world


def api_url(world, code, agency="dept-a"):
    return f"/api/v1/cycles/{world.cycle.code}/agencies/{agency}/answers/{code}"


def autosave(client, code, value, agency="dept-a", version=0):
    return client.post(
        reverse("cycles:autosave", kwargs={"cycle": "c2566", "agency": agency}),
        {"code": code, f"in-{code}": value, f"v-{code}": str(version)},
    )


def plant(world, agency, code, value):
    """A value stored before the bounds existed (written straight to the database)."""
    Answer.objects.create(
        cycle=world.cycle, agency=agency, code=code, source=AnswerSource.AGENCY, value=value, version=1
    )


# --- refused on the way in --------------------------------------------------------------------------


def test_a_310_digit_integer_is_refused_by_the_api_naming_the_bound(shares, api_as):
    body = assert_envelope(
        api_as("resp_dept_a").put(api_url(shares, "I1"), {"value": HUGE, "version": 0}), 400, "invalid_answer"
    )
    assert "0 – 1000000000000" in body["error"] and "310 were entered" in body["error"]
    assert not Answer.objects.exists()


def test_a_310_digit_integer_is_refused_by_the_page_autosave_naming_the_bound(shares, client_for):
    response = autosave(client_for("resp_dept_a"), "I1", HUGE)
    body = assert_envelope(response, 400, "invalid_answer")
    assert "1000000000000" in body["error"] and body["errors"][0]["field"] == "I1"
    assert not Answer.objects.exists()


def test_negative_numbers_are_refused_where_the_framework_states_no_min(shares, api_as):
    body = assert_envelope(
        api_as("resp_dept_a").put(api_url(shares, "I1"), {"value": "-5", "version": 0}), 400, "invalid_answer"
    )
    assert "-5 is outside 0 – 1000000000000" in body["error"]


def test_text_longer_than_its_max_length_is_refused(shares, api_as, client_for):
    client = api_as("resp_dept_a")
    body = assert_envelope(
        client.put(api_url(shares, "X1"), {"value": "ก" * 4001, "version": 0}), 400, "invalid_answer"
    )
    assert "at most 4000 characters" in body["error"] and "4001" in body["error"]
    assert_envelope(autosave(client_for("resp_dept_a"), "X1", "x" * 300_000), 400, "invalid_answer")
    assert client.put(api_url(shares, "X1"), {"value": "ก" * 4000, "version": 0}).status_code == 200


def test_a_multiple_choice_string_of_any_length_is_refused_before_it_is_split(shares, api_as):
    body = assert_envelope(
        api_as("resp_dept_a").put(api_url(shares, "C2"), {"value": "x|" * 50_000, "version": 0}),
        400,
        "invalid_answer",
    )
    assert "characters" in body["error"]


@pytest.mark.parametrize("value", ["a\x00b", "bell\x07", "esc\x1b[31m", "del\x7f"])
def test_control_characters_are_refused(shares, api_as, value):
    body = assert_envelope(
        api_as("resp_dept_a").put(api_url(shares, "X1"), {"value": value, "version": 0}),
        400,
        "invalid_answer",
    )
    assert "control character" in body["error"]
    assert not Answer.objects.exists()


def test_tabs_and_line_breaks_are_kept_in_text(shares, api_as):
    r = api_as("resp_dept_a").put(api_url(shares, "X1"), {"value": "first line\n\tsecond", "version": 0})
    assert r.status_code == 200 and r.json()["value"] == "first line\n\tsecond"


def test_the_message_is_in_thai_for_thai_users(shares, client_for):
    c = client_for("resp_dept_a")
    body = autosave(c, "X1", "x" * 5000).json()
    assert "at most 4000 characters" in body["error"]
    c.cookies["django_language"] = "th"
    body = autosave(c, "X1", "x" * 5000).json()
    assert "ไม่เกิน 4000 ตัวอักษร" in body["error"]


# --- a value stored before the bounds existed -----------------------------------------------------------


@pytest.fixture
def legacy(shares):
    """dept-a saved a 310-digit integer before the bounds existed; dept-b answered normally."""
    plant(shares, shares.dept_a, "I1", HUGE)
    plant(shares, shares.dept_a, "I2", "10")
    plant(shares, shares.dept_b, "I1", "5")
    plant(shares, shares.dept_b, "I2", "10")
    return shares


def test_the_agency_pages_show_a_legacy_value_as_invalid(legacy, client_for):
    c = client_for("resp_dept_a")
    assert (
        c.get(reverse("cycles:participation", kwargs={"cycle": "c2566", "agency": "dept-a"})).status_code
        == 200
    )
    page = c.get(
        reverse("cycles:topic", kwargs={"cycle": "c2566", "agency": "dept-a", "topic_id": "P1.SP1.T1"})
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "The saved answer does not fit this question" in text and "0 – 1000000000000" in text
    assert "310 were entered" in text


def test_autosave_of_another_answer_succeeds_next_to_a_legacy_value(legacy, client_for):
    response = autosave(client_for("resp_dept_a"), "X1", "still works")
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    assert body["ok"] is True and body["version"] == 1 and body["topic_complete"] is True
    response = autosave(client_for("resp_dept_a"), "I2", "20", version=1)
    assert response.status_code == 200 and response.json()["missing"] == ["I1"]


def test_a_committed_autosave_is_reported_saved_whatever_fails_after_the_commit(
    shares, client_for, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("topic state failed")

    monkeypatch.setattr("dgmm.web.cycles.views.questionnaire.topic_progress", broken)
    response = autosave(client_for("resp_dept_a"), "X1", "kept")
    assert response.status_code == 200 and response.json()["ok"] is True and response.json()["version"] == 1
    assert Answer.objects.get(code="X1").value == "kept"


def _topic(result, agency, topic="P1.SP1.T1"):
    return next(r for r in result.document["agencies"] if r["id"] == agency)["topics"][topic]


def test_closing_the_cycle_reports_the_legacy_value_and_leaves_its_topic_undetermined(legacy, client_for):
    analyst = client_for("analyst")
    submit_everyone(legacy.cycle)
    response = analyst.post(
        reverse("cycles:transition", kwargs={"cycle": "c2566", "action": "close"}), follow=True
    )
    assert response.status_code == 200
    legacy.cycle.refresh_from_db()
    assert legacy.cycle.status == CycleStatus.CLOSED
    text = response.content.decode()
    assert "1 stored answers do not fit their question" in text and "dept-a:I1" in text
    result = CycleResult.objects.get(cycle=legacy.cycle, tier="department")
    bad = _topic(result, "dept-a")
    assert bad["status"] == "undetermined" and bad["reason"] == "invalid_value" and bad["missing"] == ["I1"]
    assert _topic(result, "dept-b")["level"] == 3  # share(5, 10) = 50 %: past the band at 40


def test_the_close_cycle_command_reports_the_legacy_value(legacy):
    out = StringIO()
    submit_everyone(legacy.cycle)
    call_command("close_cycle", "c2566", "--user", "analyst", stdout=out)
    assert "1 stored answers do not fit their question" in out.getvalue()
    assert "dept-a:I1: expected a whole number in 0..1000000000000, found 310 characters" in out.getvalue()
    assert (
        _topic(CycleResult.objects.get(cycle=legacy.cycle, tier="department"), "dept-a")["reason"]
        == "invalid_value"
    )
