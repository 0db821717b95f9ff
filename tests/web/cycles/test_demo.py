"""The demonstration `make run` loads: a simulated national cycle on the shipped frameworks."""

from __future__ import annotations

import pytest

from dgmm.web.accounts.models import Role, User
from dgmm.web.cycles.demo import OPEN_CODE, PAST_CODE, demo_users, load_demo
from dgmm.web.cycles.models import CycleResult, CycleStatus, Participation, ParticipationStatus
from dgmm.web.registry.models import Agency, Ministry, Province

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def test_demo_loads_once_with_real_names_every_status_and_a_published_cycle():
    lines: list[str] = []
    assert load_demo(departments=12, pcios=6, seed=7, say=lines.append)
    assert not load_demo(departments=12, pcios=6, seed=7, say=lines.append)  # once only
    assert Ministry.objects.filter(code="MOI", name_th="กระทรวงมหาดไทย").exists()
    assert Province.objects.count() == 76
    pcio = Agency.objects.filter(tier="pcio").first()
    assert pcio.parent is not None and pcio.province is not None
    statuses = set(Participation.objects.filter(cycle__code=OPEN_CODE).values_list("status", flat=True))
    assert {ParticipationStatus.NOT_STARTED, ParticipationStatus.IN_PROGRESS} <= statuses
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
