"""Analysts create cycles (a framework per tier), add agencies, open, close and publish."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dgmm.web.cycles.actions import SaveAnswer
from dgmm.web.cycles.models import AuditEntry, Cycle, CycleStatus
from tests.web.conftest import ALL_TYPES, MINI

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def test_create_cycle_add_agencies_open(world, client_for):
    c = client_for("analyst")
    form = c.get(reverse("cycles:create")).content.decode()
    assert str(MINI) in form and str(ALL_TYPES) in form
    response = c.post(
        reverse("cycles:create"),
        {
            "code": "c2567",
            "year": "2567",
            "name_th": "รอบ 2567",
            "name_en": "Survey 2567",
            "opens_at": "2026-01-01T00:00",
            "closes_at": "2026-12-31T00:00",
            "framework_department": str(MINI),
            "framework_pcio": str(ALL_TYPES),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    cycle = Cycle.objects.get(code="c2567")
    assert {cf.tier: cf.framework for cf in cycle.frameworks.all()} == {
        "department": str(MINI),
        "pcio": str(ALL_TYPES),
    }
    c.post(reverse("cycles:participants", kwargs={"cycle": "c2567"}), {"tiers": ["pcio"], "ministry": "MOI"})
    assert set(cycle.participations.values_list("agency__code", flat=True)) == {"pcio-a1", "pcio-a2"}
    c.post(reverse("cycles:transition", kwargs={"cycle": "c2567", "action": "open"}))
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.OPEN


def test_invalid_cycle_form_shows_an_error_summary(world, client_for):
    response = client_for("analyst").post(
        reverse("cycles:create"),
        {
            "code": "bad",
            "year": "2567",
            "name_th": "x",
            "opens_at": "2026-12-31T00:00",
            "closes_at": "2026-01-01T00:00",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400 and 'id="error-summary"' in html
    assert "closing date must be after" in html and "at least one tier" in html


def test_respondents_do_not_see_draft_cycles(world, client_for):
    world.cycle.status = CycleStatus.DRAFT
    world.cycle.save()
    assert (
        client_for("resp_a1")
        .get(reverse("cycles:participation", kwargs={"cycle": "c2566", "agency": "pcio-a1"}))
        .status_code
        == 404
    )


def _remove(c, codes: str):
    return c.post(reverse("cycles:remove-participants", kwargs={"cycle": "c2566"}), {"agencies": codes})


def test_an_analyst_removes_agencies_without_answers_and_it_is_audited(world, client_for):
    response = _remove(client_for("analyst"), "pcio-b1\n dept-b")
    assert response.status_code == 302
    assert set(world.cycle.participations.values_list("agency__code", flat=True)) == {
        "dept-a",
        "pcio-a1",
        "pcio-a2",
    }
    entry = AuditEntry.objects.get(kind="cycle", target="participants")
    assert (entry.old_value, entry.note, entry.actor.username) == (
        "pcio-b1, dept-b",
        "agencies removed",
        "analyst",
    )


@pytest.mark.parametrize(
    ("codes", "refusal"),
    [
        ("pcio-a2\npcio-a1", "already have answers or evidence and stay in the cycle: pcio-a1"),
        ("dept-a", "inherit answers from these departments: dept-a"),
        ("pcio-b1, nowhere", "do not take part in this cycle: nowhere"),
    ],
)
def test_a_refused_removal_removes_nothing_and_keeps_the_ids_typed(world, client_for, codes, refusal):
    SaveAnswer(world.participation(world.pcio_a1), world.users["resp_a1"], "N1", "5", 0).execute()
    response = _remove(client_for("analyst"), codes)
    html = response.content.decode()
    assert response.status_code == 400 and 'id="error-summary"' in html and refusal in html
    assert codes.split()[0].strip(",") in html  # the textarea keeps what was typed
    assert world.cycle.participations.count() == 5
    assert not AuditEntry.objects.filter(target="participants").exists()


def test_only_analysts_remove_and_not_after_closing(world, client_for):
    assert _remove(client_for("resp_b1"), "pcio-b1").status_code == 404
    assert _remove(client_for("parent_b"), "pcio-b1").status_code == 404
    world.cycle.status = CycleStatus.CLOSED
    world.cycle.save()
    analyst = client_for("analyst")
    response = _remove(analyst, "pcio-b1")
    assert response.status_code == 302
    assert "The cycle is closed." in analyst.get(response.url).content.decode()
    assert world.cycle.participations.count() == 5


def test_an_answer_saved_after_the_check_keeps_every_agency_in_the_cycle(world):
    from dgmm.web.actions import ConflictError
    from dgmm.web.cycles.actions import RemoveParticipants

    action = RemoveParticipants(world.cycle, world.users["analyst"], ["pcio-b1", "pcio-a2"])
    action.check()
    SaveAnswer(world.participation(world.pcio_a2), world.users["admin"], "N1", "5", 0).execute()
    with pytest.raises(ConflictError):
        action.execute(skip_check=True)
    assert world.cycle.participations.count() == 5
    assert not AuditEntry.objects.filter(target="participants").exists()


@pytest.mark.parametrize("user", ["analyst", "resp_a1"])
def test_the_cycle_page_leads_to_the_answer_files_page(world, client_for, user):
    c = client_for(user)
    html = c.get(reverse("cycles:detail", kwargs={"cycle": "c2566"})).content.decode()
    target = reverse("exchange:index", kwargs={"cycle": "c2566"})
    assert f'href="{target}"' in html
    assert c.get(target).status_code == 200
