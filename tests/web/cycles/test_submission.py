"""Submitting: complete answers only, before the deadline; answers lock until an analyst reopens them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dgmm.web.actions import ActionError
from dgmm.web.cycles.actions import SaveAnswer, SubmitParticipation, framework_of
from dgmm.web.cycles.models import ParticipationStatus
from dgmm.web.cycles.progress import incomplete_topics
from tests.web.conftest import COMPLETE

pytestmark = [pytest.mark.django_db, pytest.mark.db]

CHILD = {k: v for k, v in COMPLETE.items() if k != "S1"}  # a PCIO inherits S1 from its parent


def fill(world, agency, user, answers):
    p = world.participation(agency)
    for code, raw in answers.items():
        SaveAnswer(p, world.users[user], code, raw, 0).execute()
    return p


def test_incomplete_topics_come_from_the_core(world):
    p = fill(world, world.pcio_a1, "resp_a1", {"C1": "a", "N3": "10"})
    fw = framework_of(p)
    missing = {tp.topic.id: tp.missing for tp in incomplete_topics(fw, p)}
    # T4 is inherited from the parent: never the child's to complete
    assert missing == {"P1.SP1.T1": ["C2", "C3"], "P1.SP1.T2": ["N1", "N2", "N4"], "P1.SP1.T3": ["U1", "M1"]}


def test_applies_if_and_optional_inputs_are_not_required(world):
    p = fill(world, world.pcio_a1, "resp_a1", CHILD)
    assert incomplete_topics(framework_of(p), p) == []  # F1 and X1 are optional


def test_department_answers_its_inherited_topic_itself(world):
    p = fill(world, world.dept_a, "resp_dept_a", {k: v for k, v in COMPLETE.items() if k != "S1"})
    assert [tp.topic.id for tp in incomplete_topics(framework_of(p), p)] == ["P1.SP1.T4"]


def test_submit_refuses_incomplete_answers(world, client_for):
    fill(world, world.pcio_a1, "resp_a1", {"C1": "a"})
    with pytest.raises(ActionError) as exc:
        SubmitParticipation(world.participation(world.pcio_a1), world.users["resp_a1"]).execute()
    assert exc.value.code == "incomplete"
    page = client_for("resp_a1").get(
        reverse("cycles:participation", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    )
    assert "3 topics still have unanswered questions" in page.content.decode()


def test_submit_locks_the_answers(world, client_for):
    p = fill(world, world.pcio_a1, "resp_a1", CHILD)
    c = client_for("resp_a1")
    response = c.post(
        reverse("cycles:submit", kwargs={"cycle": "c2566", "agency": "pcio-a1"}), {"confirm": "yes"}
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == ParticipationStatus.SUBMITTED and p.submitted_by == world.users["resp_a1"]
    response = c.post(
        reverse("cycles:autosave", kwargs={"cycle": "c2566", "agency": "pcio-a1"}),
        {"code": "C1", "in-C1": "a", "v-C1": "1"},
    )
    assert response.status_code == 400 and response.json()["code"] == "locked"
    page = c.get(
        reverse("cycles:topic", kwargs={"cycle": "c2566", "agency": "pcio-a1", "topic_id": "P1.SP1.T1"})
    )
    assert 'name="in-C1"' not in page.content.decode()


def test_nothing_can_be_saved_or_submitted_after_the_deadline(world):
    p = fill(world, world.pcio_a1, "resp_a1", CHILD)
    world.cycle.closes_at = timezone.now() - timedelta(minutes=1)
    world.cycle.save()
    p.refresh_from_db()
    with pytest.raises(ActionError) as exc:
        SaveAnswer(p, world.users["resp_a1"], "X1", "late", 0).execute()
    assert exc.value.code == "cycle_closed"
    with pytest.raises(ActionError):
        SubmitParticipation(p, world.users["resp_a1"]).execute()


def test_child_sees_the_parent_answer_with_its_provenance(world, client_for):
    fill(world, world.dept_a, "resp_dept_a", {"S1": "65"})
    url = reverse("cycles:topic", kwargs={"cycle": "c2566", "agency": "pcio-a1", "topic_id": "P1.SP1.T4"})
    html = client_for("resp_a1").get(url).content.decode()
    assert "Answer of the parent department (read-only)" in html and "<strong>65</strong>" in html
    assert "Department A" in html and 'name="in-S1"' not in html
