"""The shipped dept-2566 questionnaire on the topic pages: the masking methods as check boxes (both may
be ticked, or "None of these"), and the update time asked only on a fixed cycle, with "No fixed time"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dgmm.web.cycles.models import Answer, Cycle, CycleFramework, Participation

pytestmark = [pytest.mark.django_db, pytest.mark.db]


@pytest.fixture
def dept_cycle(world):
    now = timezone.now()
    cycle = Cycle.objects.create(
        code="c-dept",
        year=2566,
        name_th="กรม 2566",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
        status="open",
    )
    CycleFramework.objects.create(cycle=cycle, tier="department", framework="dept-2566")
    Participation.objects.create(cycle=cycle, agency=world.dept_a)
    return cycle


def _page(c, topic_id):
    url = reverse("cycles:topic", kwargs={"cycle": "c-dept", "agency": "dept-a", "topic_id": topic_id})
    response = c.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _autosave(c, **data):
    return c.post(reverse("cycles:autosave", kwargs={"cycle": "c-dept", "agency": "dept-a"}), data).json()


def test_masking_methods_are_check_boxes_and_both_can_be_saved(dept_cycle, client_for):
    c = client_for("resp_dept_a")
    html = _page(c, "P2.SP4.T2")
    assert 'type="checkbox" id="f-P2_8_5-1" name="in-P2.8.5" value="masking"' in html
    assert 'type="checkbox" id="f-P2_8_5-2" name="in-P2.8.5" value="encryption"' in html
    assert 'name="in-P2.8.5-none"' in html  # no masking at all: "None of these"
    assert 'type="radio" id="f-P2_8_5' not in html
    body = _autosave(c, code="P2.8.5", **{"in-P2.8.5": ["masking", "encryption"], "v-P2.8.5": "0"})
    assert body["ok"] and body["value"] == "masking|encryption"
    body = _autosave(c, code="P2.8.5", **{"in-P2.8.5-none": "1", "v-P2.8.5": "1"})
    assert body["ok"] and Answer.objects.get(code="P2.8.5").value == ""


def test_the_update_time_offers_no_fixed_time_and_is_not_asked_of_irregular_updaters(dept_cycle, client_for):
    c = client_for("resp_dept_a")
    assert 'name="in-P2.8.2" value="varies"' in _page(c, "P2.SP4.T1")
    body = _autosave(c, code="P2.8.1", **{"in-P2.8.1": "occasional", "v-P2.8.1": "0"})
    assert body["not_applicable"] == ["P2.8.2"]
    assert _page(c, "P2.SP4.T1").count("data-na-note hidden") == 1  # only the frequency applies
    body = _autosave(c, code="P2.8.1", **{"in-P2.8.1": "yearly", "v-P2.8.1": "1"})
    assert body["not_applicable"] == []
    body = _autosave(c, code="P2.8.2", **{"in-P2.8.2": "varies", "v-P2.8.2": "0"})
    assert body["ok"] and body["value"] == "varies"
