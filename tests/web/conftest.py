"""Web tests: Django settings for pytest (set here so the core's tests never need Django), and a small world.

The world: two ministries, two departments (A, B) each with PCIO committees under them, one user of
each role, and an open cycle whose department and PCIO tiers answer ``data/all-types.yaml`` (every
input type, an analyst check and a topic inherited from the parent department).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import django
import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dgmm.web.settings.test")
django.setup()

from django.utils import timezone  # noqa: E402

DATA = Path(__file__).parent / "data"
ALL_TYPES = DATA / "all-types.yaml"
MINI = Path(__file__).parents[1] / "fixtures" / "mini.yaml"
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _web_settings(settings: Any, tmp_path: Path) -> None:
    settings.DGMM_FRAMEWORK_PATHS = [str(ALL_TYPES), str(MINI)]
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.RESULTS_DIR = tmp_path / "results"
    settings.LANGUAGE_CODE = "en"


@dataclass
class World:
    cycle: Any
    dept_a: Any
    dept_b: Any
    pcio_a1: Any
    pcio_a2: Any
    pcio_b1: Any
    users: dict[str, Any]

    def participation(self, agency: Any) -> Any:
        return self.cycle.participations.get(agency=agency)


def make_world() -> World:
    from dgmm.web.accounts.models import Role, User
    from dgmm.web.cycles.models import Cycle, CycleFramework, CycleStatus, Participation
    from dgmm.web.registry.models import Agency, Ministry, Province

    m1 = Ministry.objects.create(code="MOI", name_th="กระทรวงมหาดไทย", name_en="Ministry of Interior")
    m2 = Ministry.objects.create(code="MOF", name_th="กระทรวงการคลัง", name_en="Ministry of Finance")
    p1 = Province.objects.create(code="TH-50", name_th="เชียงใหม่", name_en="Chiang Mai", region="north")
    p2 = Province.objects.create(code="TH-90", name_th="สงขลา", name_en="Songkhla", region="south")
    dept_a = Agency.objects.create(
        code="dept-a", name_th="กรมเอ", name_en="Department A", tier="department", ministry=m1
    )
    dept_b = Agency.objects.create(
        code="dept-b", name_th="กรมบี", name_en="Department B", tier="department", ministry=m2
    )
    pcio_a1 = Agency.objects.create(
        code="pcio-a1",
        name_th="คณะกรรมการเอหนึ่ง",
        name_en="PCIO A1",
        tier="pcio",
        ministry=m1,
        province=p1,
        parent=dept_a,
    )
    pcio_a2 = Agency.objects.create(
        code="pcio-a2",
        name_th="คณะกรรมการเอสอง",
        name_en="PCIO A2",
        tier="pcio",
        ministry=m1,
        province=p2,
        parent=dept_a,
    )
    pcio_b1 = Agency.objects.create(
        code="pcio-b1",
        name_th="คณะกรรมการบีหนึ่ง",
        name_en="PCIO B1",
        tier="pcio",
        ministry=m2,
        province=p1,
        parent=dept_b,
    )
    now = timezone.now()
    cycle = Cycle.objects.create(
        code="c2566",
        year=2566,
        name_th="รอบสำรวจ 2566",
        name_en="Survey 2566",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
        status=CycleStatus.OPEN,
    )
    for tier in ("department", "pcio"):
        CycleFramework.objects.create(cycle=cycle, tier=tier, framework=str(ALL_TYPES))
    for a in (dept_a, dept_b, pcio_a1, pcio_a2, pcio_b1):
        Participation.objects.create(cycle=cycle, agency=a)
    users = {
        "resp_a1": User.objects.create_user(
            "resp_a1", password=PASSWORD, role=Role.RESPONDENT, agency=pcio_a1
        ),
        "resp_b1": User.objects.create_user(
            "resp_b1", password=PASSWORD, role=Role.RESPONDENT, agency=pcio_b1
        ),
        "resp_dept_a": User.objects.create_user(
            "resp_dept_a", password=PASSWORD, role=Role.RESPONDENT, agency=dept_a
        ),
        "parent_a": User.objects.create_user("parent_a", password=PASSWORD, role=Role.PARENT, agency=dept_a),
        "parent_b": User.objects.create_user("parent_b", password=PASSWORD, role=Role.PARENT, agency=dept_b),
        "analyst": User.objects.create_user("analyst", password=PASSWORD, role=Role.ANALYST),
        "admin": User.objects.create_user(
            "admin", password=PASSWORD, role=Role.ADMIN, is_staff=True, is_superuser=True
        ),
    }
    return World(cycle, dept_a, dept_b, pcio_a1, pcio_a2, pcio_b1, users)


@pytest.fixture
def world(db: Any) -> World:
    return make_world()


@pytest.fixture
def client_for(client: Any, world: World) -> Any:
    """client_for("resp_a1") -> a test client signed in as that user."""
    from django.test import Client

    def make(name: str) -> Client:
        c = Client()
        c.force_login(world.users[name])
        return c

    return make


# Complete answers of the all-types framework for an agency without a parent (every topic answered).
COMPLETE = {
    "C1": "b",
    "C2": "x|y",
    "C3": "yes",
    "N1": "12",
    "N2": "3.5",
    "N3": "55",
    "N4": "2560",
    "U1": "https://example.go.th",
    "M1": "r1:k1|r1:k2",
    "S1": "70",
}
