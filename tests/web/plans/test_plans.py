"""Improvement plans on an agency's results: projections equal to the core's, plan items from a selection
or a target, editing, permissions, the audit log, planned versus achieved in the next cycle, and the
analysts' page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dgmm import display
from dgmm.web.cycles.actions import CloseCycle, PublishCycle
from dgmm.web.cycles.models import AuditEntry, Cycle, CycleFramework, CycleResult, CycleStatus, Participation
from dgmm.web.cycles.scoring import answer_set, framework_for_tier
from dgmm.web.plans import planner
from dgmm.web.plans.models import PlanItem, PlanStatus
from dgmm.web.review.labels import readable
from dgmm.whatif import WhatIf
from tests.web.conftest import ALL_TYPES, COMPLETE
from tests.web.cycles.test_submission import CHILD, fill
from tests.web.submitted import submit_everyone

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def url(name="plan", cycle="c2566", agency="pcio-a1", **kw):
    return reverse(f"plans:{name}", kwargs={"cycle": cycle, "agency": agency, **kw})


def core_projection(world, changes):
    """The core's what-if on the same frozen answers and results, built here from scratch."""
    res = CycleResult.objects.get(cycle=world.cycle, tier="pcio")
    fw = framework_for_tier(res.framework, "pcio")
    aset, _ = answer_set(world.cycle, fw, [world.pcio_a1, world.dept_a], frozenset({world.dept_a.pk}))
    wi = WhatIf(fw, aset, res.document)
    return wi.project("pcio-a1", wi.parse("pcio-a1", changes))


def test_the_projection_shown_is_the_cores(published, client_for):
    html = (
        client_for("resp_a1")
        .post(url(), {"mode": "changes", "tick": ["N3"], "value-N3": "85", "project": "1"})
        .content.decode()
    )
    p = core_projection(published, {"N3": "85"})
    assert p.nodes["P1.SP1.T2"].level == 3 and p.nodes["P1.SP1.T2"].projected_level == 5
    o = p.overall
    assert f"{display(o.score)} → {display(o.projected_score)}" in html
    assert f"{o.level} → {o.projected_level}" in html
    assert f"{p.rank} → {p.projected_rank}" in html
    assert "P1.SP1.T2" in html and not PlanItem.objects.exists()  # projecting stores nothing


def test_save_from_a_selection_creates_items_and_audits(published, client_for):
    r = client_for("resp_a1").post(
        url(),
        {
            "mode": "changes",
            "tick": ["N3"],
            "value-N3": "85",
            "save": "1",
            "owner": "Khun Somchai",
            "responsible_unit": "IT centre",
            "due_date": "2027-03-31",
        },
    )
    assert r.status_code == 302
    item = PlanItem.objects.get()
    assert (item.topic, item.level_now, item.target_level) == ("P1.SP1.T2", 3, 5)
    assert item.changes == {"N3": 85.0} or item.changes == {"N3": 85}
    assert "85" in item.actions_en and "55" in item.actions_en and item.actions_th
    assert (item.owner, item.responsible_unit, str(item.due_date)) == (
        "Khun Somchai",
        "IT centre",
        "2027-03-31",
    )
    e = AuditEntry.objects.get(kind=AuditEntry.Kind.REVIEW, target="plan P1.SP1.T2")
    assert e.agency == published.pcio_a1 and "target_level=5" in e.new_value
    row = readable([e])[0]
    assert "Improvement plan" in str(row.what) and "Khun Somchai" in str(row.new)


def test_save_from_a_target_reaches_it(published, client_for):
    c = client_for("resp_a1")
    shown = c.post(url(), {"mode": "target", "target": "P1.SP1.T2", "level": "4", "project": "1"})
    html = shown.content.decode()
    assert "option-1" in html
    r = c.post(url(), {"mode": "target", "target": "P1.SP1.T2", "level": "4", "option": "1", "save": "1"})
    assert r.status_code == 302
    item = PlanItem.objects.get(topic="P1.SP1.T2")
    assert item.target_level >= 4 and item.source == "target P1.SP1.T2=4"
    assert core_projection(published, {k: str(v) for k, v in item.changes.items()}).level_of("P1.SP1.T2") >= 4


def test_bad_input_is_refused_with_a_message(published, client_for):
    c = client_for("resp_a1")
    html = c.post(
        url(), {"mode": "changes", "tick": ["N3"], "value-N3": "lots", "save": "1"}
    ).content.decode()
    assert "There is a problem" in html and "N3" in html and not PlanItem.objects.exists()
    html = c.post(
        url(), {"mode": "changes", "tick": ["S1"], "value-S1": "90", "project": "1"}
    ).content.decode()
    assert "S1 is not a question this agency answers itself" in html  # inherited from the parent
    html = c.post(
        url(), {"mode": "target", "target": "nowhere", "level": "9", "project": "1"}
    ).content.decode()
    assert "Choose a topic" in html


def _item(world, **kw):
    return PlanItem.objects.create(
        cycle=world.cycle, agency=world.pcio_a1, topic="P1.SP1.T2", level_now=3, target_level=5, **kw
    )


def test_edit_and_delete_are_audited(published, client_for):
    item = _item(published, owner="A")
    c = client_for("resp_a1")
    r = c.post(
        url("edit", pk=item.pk), {"status": "in_progress", "target_level": "4", "owner": "B", "due_date": ""}
    )
    assert r.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.target_level, item.owner) == (PlanStatus.IN_PROGRESS, 4, "B")
    e = AuditEntry.objects.get(note="plan edited")
    assert "owner=A" in e.old_value and "owner=B" in e.new_value and "status=in_progress" in e.new_value
    bad = c.post(url("edit", pk=item.pk), {"status": "finished", "target_level": "9", "owner": "x" * 201})
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()
    assert c.get(url("delete", pk=item.pk)).status_code == 200 and PlanItem.objects.exists()
    assert c.post(url("delete", pk=item.pk)).status_code == 302
    assert not PlanItem.objects.exists() and AuditEntry.objects.filter(note="plan deleted").count() == 1


def test_who_sees_and_who_edits(published, client_for, client):
    item = _item(published, owner="A")
    assert client.get(url()).status_code in (302, 404)  # the public: never
    assert client_for("resp_b1").get(url()).status_code == 404  # another agency's respondent
    assert client_for("resp_b1").get(url("edit", pk=item.pk)).status_code == 404
    for name in ("parent_a", "analyst"):
        c = client_for(name)
        html = c.get(url()).content.decode()
        assert "P1.SP1.T2" in html and url("edit", pk=item.pk) not in html
        assert c.get(url("edit", pk=item.pk)).status_code == 403
        assert c.post(url("delete", pk=item.pk)).status_code == 403
        assert (
            c.post(url(), {"mode": "changes", "tick": ["N3"], "value-N3": "85", "save": "1"}).status_code
            == 403
        )
        assert (
            c.post(url(), {"mode": "changes", "tick": ["N3"], "value-N3": "85", "project": "1"}).status_code
            == 200
        )
    assert client_for("parent_b").get(url()).status_code == 404
    assert PlanItem.objects.count() == 1
    # an agency whose answers did not count has no plan view
    assert client_for("analyst").get(url(agency="pcio-a2")).status_code == 404


def test_the_results_page_links_to_the_plan(published, client_for):
    html = (
        client_for("resp_a1")
        .get(reverse("dashboards:agency-result", kwargs={"cycle": "c2566", "agency": "pcio-a1"}))
        .content.decode()
    )
    assert url() in html


def next_cycle(world, answers):
    now = timezone.now()
    c = Cycle.objects.create(
        code="c2567",
        year=2567,
        name_th="รอบสำรวจ 2567",
        name_en="Survey 2567",
        opens_at=now,
        closes_at=now + timedelta(days=30),
        status=CycleStatus.OPEN,
    )
    for tier in ("department", "pcio"):
        CycleFramework.objects.create(cycle=c, tier=tier, framework=str(ALL_TYPES))
    for a in (world.dept_a, world.pcio_a1, world.pcio_b1):
        Participation.objects.create(cycle=c, agency=a)
    world.cycle = c
    fill(world, world.dept_a, "resp_dept_a", COMPLETE)
    fill(world, world.pcio_a1, "resp_a1", answers)
    fill(world, world.pcio_b1, "resp_b1", {"C1": "a", "N3": "30"})
    submit_everyone(c)
    CloseCycle(c, world.users["analyst"]).execute()
    PublishCycle(c, world.users["analyst"]).execute()
    return c


def test_planned_and_achieved_in_the_next_cycle(published, client_for, monkeypatch):
    first = published.cycle
    monkeypatch.setattr(planner, "pmqa_ids", lambda fw, topic: ["PMQA4.4"] if topic == "P1.SP1.T2" else [])
    c = client_for("resp_a1")
    c.post(url(), {"mode": "changes", "tick": ["N3"], "value-N3": "85", "save": "1"})  # T2: 3 -> 5
    c.post(url(), {"mode": "changes", "tick": ["C1"], "value-C1": "a", "project": "1"})
    PlanItem.objects.create(
        cycle=first, agency=published.pcio_a1, topic="P1.SP1.T1", level_now=1, target_level=5
    )
    assert PlanItem.objects.get(topic="P1.SP1.T2").pmqa_items == ["PMQA4.4"]
    next_cycle(published, {**CHILD, "N3": "90"})  # T2 reaches 5, T1 stays where it was
    html = c.get(url(cycle="c2567")).content.decode()
    assert "Earlier plans: planned and achieved" in html
    rows = html.split("plan-achieved")[1]
    t1 = rows.split("P1.SP1.T1")[1].split("</tr>")[0]
    t2 = rows.split("P1.SP1.T2")[1].split("</tr>")[0]
    assert ">achieved<" in t2 and "not achieved" in t1
    overview = (
        client_for("analyst").get(reverse("plans:overview", kwargs={"cycle": "c2566"})).content.decode()
    )
    pmqa_row = overview.split("PMQA4.4")[1].split("</tr>")[0]
    assert '<td class="num">1</td><td class="num">1</td><td class="num">100%</td>' in pmqa_row
    topic_row = overview.split("plans-by-topic")[1].split("P1.SP1.T1")[1].split("</tr>")[0]
    assert "0%" in topic_row
    assert client_for("resp_a1").get(reverse("plans:overview", kwargs={"cycle": "c2566"})).status_code == 404


def test_query_count_is_bounded(published, client_for):
    for _ in range(5):
        _item(published)
    c = client_for("resp_a1")
    assert c.get(url()).status_code == 200  # the frozen results document parsed and kept
    with CaptureQueriesContext(connection) as few:
        assert c.get(url()).status_code == 200
    for _ in range(20):
        _item(published)
    with CaptureQueriesContext(connection) as many:
        assert c.get(url()).status_code == 200
    assert len(many) == len(few) and len(few) < 30
