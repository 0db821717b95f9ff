"""The demonstration `make run` loads: a simulated national cycle on the shipped frameworks, built
through the same actions as real use, so it never shows a state the platform would not reach."""

from __future__ import annotations

import pytest

from dgmm.web.accounts.models import Role, User
from dgmm.web.cycles.actions import framework_of
from dgmm.web.cycles.demo import OPEN_CODE, PAST_CODE, demo_users, load_demo
from dgmm.web.cycles.models import (
    AuditEntry,
    CycleResult,
    CycleStatus,
    Participation,
    ParticipationStatus,
)
from dgmm.web.cycles.progress import incomplete_topics
from dgmm.web.cycles.scoring import score_tier
from dgmm.web.registry.models import Agency, Ministry, Province
from dgmm.web.review.models import ReviewComment

pytestmark = [pytest.mark.django_db, pytest.mark.db]

DONE = (ParticipationStatus.SUBMITTED, ParticipationStatus.APPROVED, ParticipationStatus.RETURNED)


@pytest.fixture
def demo(settings, tmp_path):
    settings.RESULTS_DIR = tmp_path / "results"
    lines: list[str] = []
    assert load_demo(departments=12, pcios=6, seed=7, say=lines.append)
    return lines


def test_demo_loads_once_with_real_names_every_status_and_a_published_cycle(demo):
    assert not load_demo(departments=12, pcios=6, seed=7, say=demo.append)  # once only
    assert Ministry.objects.filter(code="MOI", name_th="กระทรวงมหาดไทย").exists()
    assert Province.objects.count() == 76
    pcio = Agency.objects.filter(tier="pcio").first()
    assert pcio.parent is not None and pcio.province is not None
    statuses = set(Participation.objects.filter(cycle__code=OPEN_CODE).values_list("status", flat=True))
    assert set(ParticipationStatus.values) == statuses
    past = CycleResult.objects.filter(cycle__code=PAST_CODE)
    assert past.count() == 2 and past.get(tier="department").document["cohort"]["scored"] > 0
    assert past.first().cycle.status == CycleStatus.PUBLISHED

    users = demo_users()
    roles = {u.role for u in users}
    assert roles == {Role.ADMIN, Role.ANALYST, Role.RESPONDENT, Role.PARENT}
    for u in users:
        assert User.objects.get(username=u.username).check_password(u.password)
    again = {u.username: u.password for u in demo_users()}
    assert all(again[u.username] != u.password for u in users)  # fresh passwords on every run
    pcio1 = User.objects.get(username="pcio1")
    first = Participation.objects.get(cycle__code=OPEN_CODE, agency=pcio1.agency)
    assert first.status == ParticipationStatus.NOT_STARTED
    assert not first.agency.answers.filter(cycle=first.cycle).exists()


def test_every_submitted_agency_passes_the_submission_check(demo):
    done = Participation.objects.filter(status__in=DONE).select_related("agency", "cycle")
    assert done.filter(cycle__code=OPEN_CODE).count() >= 3
    for p in done:
        assert incomplete_topics(framework_of(p), p) == [], (p.cycle.code, p.agency.code)
        assert p.submitted_at is not None and p.submitted_by is not None


def test_every_status_change_is_in_the_audit_log_with_who_made_it(demo):
    """Each participation's status entries run from not started to its status now, each with an actor."""
    for p in Participation.objects.select_related("agency", "cycle"):
        changes = AuditEntry.objects.filter(
            cycle=p.cycle, agency=p.agency, kind=AuditEntry.Kind.STATUS
        ).order_by("at", "id")
        path = [ParticipationStatus.NOT_STARTED]
        for e in changes:
            assert e.actor is not None and e.actor_name, e.pk
            assert e.old_value == path[-1], (p.agency.code, e.old_value, path)
            path.append(e.new_value)
        assert path[-1] == p.status, (p.cycle.code, p.agency.code, path)
    for p in Participation.objects.filter(status=ParticipationStatus.RETURNED):
        comment = ReviewComment.objects.get(participation=p)
        assert comment.kind == ReviewComment.Kind.CORRECTION and comment.text and comment.topic_id
    cycle_changes = AuditEntry.objects.filter(
        cycle__code=PAST_CODE, kind=AuditEntry.Kind.CYCLE, target="status"
    )
    assert [(e.old_value, e.new_value) for e in cycle_changes.order_by("at", "id")] == [
        (CycleStatus.DRAFT, CycleStatus.OPEN),
        (CycleStatus.OPEN, CycleStatus.CLOSED),
        (CycleStatus.CLOSED, CycleStatus.PUBLISHED),
    ]


def test_the_past_cycles_results_are_its_stored_answers_scored_again(demo):
    for result in CycleResult.objects.filter(cycle__code=PAST_CODE).select_related("cycle"):
        again, invalid = score_tier(result.cycle, result.tier, result.framework)
        assert invalid == []
        stored = dict(result.document)
        assert again.pop("generated_at") and stored.pop("generated_at")  # when, not what
        assert again == stored
