"""Consistency checks on the site: warnings on the respondent's pages, flags stored on submission, the
analysts' queue (filters, resolution with a note, audit), and who may do what."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from dgmm.web.actions import ActionError, ActionPermissionError
from dgmm.web.checks.actions import ResolveFlag
from dgmm.web.checks.models import CheckFlag, FlagStatus
from dgmm.web.cycles.actions import SaveAnswer, SubmitParticipation
from dgmm.web.cycles.models import (
    AuditEntry,
    Cycle,
    CycleFramework,
    CycleResult,
    CycleStatus,
    Evidence,
    ParticipationStatus,
)
from dgmm.web.review.actions import RequestCorrection
from tests.web.conftest import COMPLETE

pytestmark = [pytest.mark.django_db, pytest.mark.db]

CHECKED = Path(__file__).parent / "checked.yaml"
CHILD = {k: v for k, v in COMPLETE.items() if k != "S1"}  # a PCIO inherits S1 from its parent
DOUBTFUL = {**CHILD, "N1": "150"}  # more than 100 systems: the test framework's doubtful check


@pytest.fixture
def checked(world: Any, settings: Any) -> Any:
    """The world's cycle answering the all-types framework with consistency checks."""
    settings.DGMM_FRAMEWORK_PATHS = [*settings.DGMM_FRAMEWORK_PATHS, str(CHECKED)]
    CycleFramework.objects.filter(cycle=world.cycle).update(framework=str(CHECKED))
    return world


def fill(world: Any, agency: Any, user: str, answers: dict[str, str]) -> Any:
    p = world.participation(agency)
    for code, raw in answers.items():
        current = p.cycle.answers.filter(agency=agency, code=code, source="agency").first()
        SaveAnswer(p, world.users[user], code, raw, current.version if current else 0).execute()
    return p


def submit(world: Any, agency: Any, user: str, answers: dict[str, str]) -> Any:
    p = fill(world, agency, user, answers)
    SubmitParticipation(p, world.users[user]).execute()
    p.refresh_from_db()
    return p


def topic_html(client: Any, agency: str, topic: str) -> str:
    url = reverse("cycles:topic", kwargs={"cycle": "c2566", "agency": agency, "topic_id": topic})
    response = client.get(url)
    assert response.status_code == 200
    return str(response.content.decode())


def queue(client: Any, **filters: str) -> Any:
    return client.get(reverse("checks:queue", kwargs={"cycle": "c2566"}), filters)


def test_respondent_sees_the_warning_on_the_topic_it_concerns_and_on_the_start_page(checked, client_for):
    fill(checked, checked.pcio_a1, "resp_a1", DOUBTFUL)
    c = client_for("resp_a1")
    assert "More than 100 systems" in topic_html(c, "pcio-a1", "P1.SP1.T2")
    assert "More than 100 systems" not in topic_html(c, "pcio-a1", "P1.SP1.T1")
    start = c.get(reverse("cycles:participation", kwargs={"cycle": "c2566", "agency": "pcio-a1"}))
    html = start.content.decode()
    assert "1 answer to check" in html and "More than 100 systems" in html
    assert CheckFlag.objects.count() == 0  # drafts: shown on demand, never stored
    fill(checked, checked.pcio_a1, "resp_a1", {"N1": "12"})
    assert "More than 100 systems" not in topic_html(c, "pcio-a1", "P1.SP1.T2")


def test_a_flag_never_blocks_submission_and_is_stored_then(checked):
    p = submit(checked, checked.pcio_a1, "resp_a1", {**DOUBTFUL, "C2": "x|y|z"})
    assert p.status == ParticipationStatus.SUBMITTED
    flags = {f.key: f for f in CheckFlag.objects.filter(participation=p)}
    # no previous cycle: the rise of a level is undetermined and flags nothing
    assert set(flags) == {"systems-above-hundred", "choices-top-without-evidence@P1.SP1.T1"}
    assert flags["systems-above-hundred"].values == {"N1": 150}
    assert flags["systems-above-hundred"].status == FlagStatus.OPEN
    assert flags["choices-top-without-evidence@P1.SP1.T1"].values == {
        "level(P1.SP1.T1)": 5,
        "has_evidence(P1.SP1.T1)": False,
    }


def test_queue_filters_by_check_severity_status_ministry_and_province(checked, client_for):
    submit(checked, checked.pcio_a1, "resp_a1", {**DOUBTFUL, "C2": "x|y|z"})  # MOI, Chiang Mai
    submit(checked, checked.pcio_b1, "resp_b1", DOUBTFUL)  # MOF, Chiang Mai
    a2 = checked.users["resp_a1"]
    a2.agency = checked.pcio_a2
    a2.save()
    submit(checked, checked.pcio_a2, "resp_a1", DOUBTFUL)  # MOI, Songkhla
    c = client_for("analyst")

    def agencies(**filters: str) -> list[tuple[str, str]]:
        response = queue(c, **filters)
        assert response.status_code == 200
        return sorted((f.participation.agency.code, f.key) for f in response.context["flags"])

    everything = agencies()
    assert len(everything) == 4
    assert agencies(ministry="MOF") == [("pcio-b1", "systems-above-hundred")]
    assert [a for a, _ in agencies(province="TH-90")] == ["pcio-a2"]
    assert agencies(severity="warning") == [("pcio-a1", "choices-top-without-evidence@P1.SP1.T1")]
    assert len(agencies(check="systems-above-hundred")) == 3
    assert agencies(status="resolved") == []
    flag = CheckFlag.objects.get(participation__agency=checked.pcio_b1)
    ResolveFlag(flag, checked.users["analyst"], "มีระบบย่อยจริง 150 ระบบ").execute()
    assert agencies(status="resolved") == [("pcio-b1", "systems-above-hundred")]
    assert ("pcio-b1", "systems-above-hundred") not in agencies()  # open ones by default
    assert len(agencies(status="")) == 4
    assert agencies(agency="pcio-a2") == [("pcio-a2", "systems-above-hundred")]


def test_resolving_needs_a_note_and_is_audited(checked, client_for):
    p = submit(checked, checked.pcio_a1, "resp_a1", DOUBTFUL)
    flag = CheckFlag.objects.get(participation=p, key="systems-above-hundred")
    c = client_for("analyst")
    url = reverse("checks:resolve", kwargs={"cycle": "c2566", "pk": flag.pk})
    response = c.post(url, {"note": "   ", "query": "severity=doubtful"}, follow=True)
    assert "Write a note" in response.content.decode()
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN
    response = c.post(url, {"note": "Confirmed by telephone: 150 systems.", "query": "severity=doubtful&x=1"})
    assert response.status_code == 302
    assert response["Location"].endswith("?severity=doubtful")  # back to the same filters, nothing else
    flag.refresh_from_db()
    assert flag.status == FlagStatus.RESOLVED
    assert flag.resolved_by == checked.users["analyst"]
    assert flag.resolution_note == "Confirmed by telephone: 150 systems."
    entry = AuditEntry.objects.get(kind=AuditEntry.Kind.REVIEW, target="check systems-above-hundred")
    assert (entry.agency, entry.actor, entry.old_value, entry.new_value) == (
        checked.pcio_a1,
        checked.users["analyst"],
        "open",
        "resolved",
    )
    assert entry.note == "Confirmed by telephone: 150 systems."
    with pytest.raises(ActionError) as exc:
        ResolveFlag(flag, checked.users["analyst"], "again").execute()
    assert exc.value.code == "already_resolved"
    with pytest.raises(ActionError) as exc:
        ResolveFlag(flag, checked.users["analyst"], "x" * 2001).check()
    assert exc.value.code in ("already_resolved", "note_too_long")


def test_a_resolved_flag_stays_resolved_unless_the_values_that_raised_it_change(checked, client_for):
    p = submit(checked, checked.pcio_a1, "resp_a1", DOUBTFUL)
    flag = CheckFlag.objects.get(participation=p, key="systems-above-hundred")
    ResolveFlag(flag, checked.users["analyst"], "Checked: right.").execute()
    assert "More than 100 systems" not in topic_html(client_for("resp_a1"), "pcio-a1", "P1.SP1.T2")
    RequestCorrection(p, checked.users["analyst"], "Please add notes").execute()
    p = submit(checked, checked.pcio_a1, "resp_a1", {"X1": "a note"})  # unrelated change
    flag.refresh_from_db()
    assert flag.status == FlagStatus.RESOLVED
    RequestCorrection(p, checked.users["analyst"], "Please check N1").execute()
    submit(checked, checked.pcio_a1, "resp_a1", {"N1": "300"})
    flag.refresh_from_db()
    assert (flag.status, flag.values, flag.resolution_note) == (FlagStatus.OPEN, {"N1": 300}, "")


def test_the_queue_checks_changed_answers_again(checked, client_for):
    p = submit(checked, checked.pcio_a1, "resp_a1", {**CHILD, "C2": "x|y|z"})
    assert set(CheckFlag.objects.filter(participation=p).values_list("key", flat=True)) == {
        "choices-top-without-evidence@P1.SP1.T1"
    }
    Evidence.objects.create(
        cycle=checked.cycle,
        agency=checked.pcio_a1,
        topic_id="P1.SP1.T1",
        file="plan.pdf",
        original_name="plan.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    assert queue(client_for("analyst")).context["flags"] == []  # checked again: evidence is there now
    flag = CheckFlag.objects.get(participation=p)
    assert flag.is_current is False


def test_previous_cycle_levels_flag_a_jump(checked):
    earlier = Cycle.objects.create(
        code="c2565",
        year=2565,
        name_th="รอบ 2565",
        opens_at=checked.cycle.opens_at,
        closes_at=checked.cycle.opens_at,
        status=CycleStatus.PUBLISHED,
    )
    doc = {
        "agencies": [{"id": "pcio-a1", "status": "scored", "topics": {"P1.SP1.T2": {"level": 1}}}],
    }
    CycleResult.objects.create(cycle=earlier, tier="pcio", framework=str(CHECKED), document=doc)
    p = submit(checked, checked.pcio_a1, "resp_a1", CHILD)  # N3 55: level 3 of P1.SP1.T2
    flag = CheckFlag.objects.get(participation=p, check_id="rose-two-levels")
    assert (flag.key, flag.values) == (
        "rose-two-levels@P1.SP1.T2",
        {"level(P1.SP1.T2)": 3, "previous_level(P1.SP1.T2)": 1},
    )
    CheckFlag.objects.all().delete()
    call_command("refresh_checks", "c2566", "--all", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert CheckFlag.objects.filter(check_id="rose-two-levels").count() == 1


def test_only_analysts_see_the_queue_and_resolve(checked, client_for):
    p = submit(checked, checked.pcio_a1, "resp_a1", DOUBTFUL)
    flag = CheckFlag.objects.get(participation=p, key="systems-above-hundred")
    url = reverse("checks:resolve", kwargs={"cycle": "c2566", "pk": flag.pk})
    for name in ("resp_a1", "parent_a"):  # a parent department sees its children's warnings, not the queue
        c = client_for(name)
        assert queue(c).status_code == 404
        assert c.post(url, {"note": "fine"}).status_code == 404
    with pytest.raises(ActionPermissionError):
        ResolveFlag(flag, checked.users["resp_a1"], "fine").execute()
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN
    parent_view = topic_html(client_for("parent_a"), "pcio-a1", "P1.SP1.T2")
    assert "More than 100 systems" in parent_view
    assert queue(client_for("admin")).status_code == 200


def test_review_page_links_to_the_agency_flags(checked, client_for):
    submit(checked, checked.pcio_a1, "resp_a1", DOUBTFUL)
    html = (
        client_for("analyst")
        .get(reverse("review:detail", kwargs={"cycle": "c2566", "agency": "pcio-a1"}))
        .content.decode()
    )
    assert "Consistency checks: 1 open flag" in html
    assert reverse("checks:queue", kwargs={"cycle": "c2566"}) + "?agency=pcio-a1" in html
