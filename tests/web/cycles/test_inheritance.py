"""The questionnaire's completeness, the closed cycle's results and the results pages follow one
inheritance rule (dgmm.inheritance): a department without a parent answers its from_parent topic
itself, and an agency that answered nothing itself has no answers everywhere (DECISIONS §7, §27)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from dgmm.web.cycles.actions import CloseCycle, SaveAnswer, framework_of
from dgmm.web.cycles.forms import display_value
from dgmm.web.cycles.models import AnswerSource, CycleResult
from dgmm.web.cycles.progress import raw_answers, topic_progress
from tests.web.conftest import COMPLETE
from tests.web.cycles.test_submission import CHILD, fill
from tests.web.submitted import submit_everyone

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def _record(world, tier, agency_id):
    doc = CycleResult.objects.get(cycle=world.cycle, tier=tier).document
    return next(a for a in doc["agencies"] if a["id"] == agency_id)


def test_completeness_and_the_closed_cycle_give_a_department_the_same_level(world):
    p = fill(world, world.dept_a, "resp_dept_a", COMPLETE)  # no parent: S1 = 70 is its own answer
    fw = framework_of(p)
    progress = topic_progress(fw, raw_answers(p.cycle_id, p.agency_id), has_parent=False)["P1.SP1.T4"]
    assert progress.is_complete and not progress.inherited and progress.level == 4
    submit_everyone(world.cycle)
    CloseCycle(world.cycle, world.users["analyst"]).execute()
    t4 = _record(world, "department", "dept-a")["topics"]["P1.SP1.T4"]
    assert (t4["level"], t4["provenance"]) == (progress.level, "own")


def test_a_child_shows_its_parents_answer_and_never_completes_it(world, client_for):
    fill(world, world.dept_a, "resp_dept_a", COMPLETE)
    p = fill(world, world.pcio_a1, "resp_a1", CHILD)
    progress = topic_progress(framework_of(p), raw_answers(p.cycle_id, p.agency_id), has_parent=True)[
        "P1.SP1.T4"
    ]
    assert progress.inherited and progress.is_complete and progress.total == 0
    html = client_for("analyst").get(reverse("review:detail", kwargs={"cycle": "c2566", "agency": "pcio-a1"}))
    shown = f"{display_value(framework_of(p).inputs['S1'], '70')} (answered by {world.dept_a.name})"
    assert escape(shown) in html.content.decode()
    submit_everyone(world.cycle)
    CloseCycle(world.cycle, world.users["analyst"]).execute()
    t4 = _record(world, "pcio", "pcio-a1")["topics"]["P1.SP1.T4"]
    assert (t4["level"], t4["provenance"]) == (4, "parent:dept-a")


def test_an_agency_with_only_an_analyst_check_has_no_answers_on_every_page(world, client_for):
    fill(world, world.dept_b, "admin", COMPLETE)
    SaveAnswer(
        world.participation(world.pcio_b1),
        world.users["analyst"],
        "A1",
        "yes",
        0,
        source=AnswerSource.ANALYST,
    ).execute()
    submit_everyone(world.cycle)
    CloseCycle(world.cycle, world.users["analyst"]).execute()
    rec = _record(world, "pcio", "pcio-b1")
    assert (rec["status"], rec["overall"], rec["topics"]) == ("no_answers", None, {})
    args = {"cycle": "c2566", "agency": "pcio-b1"}
    page = client_for("analyst").get(reverse("dashboards:agency-result", kwargs=args))
    assert page.status_code == 200 and "gave no answers" in page.content.decode()
    assert client_for("analyst").get(reverse("dashboards:agency-report", kwargs=args)).status_code == 404
