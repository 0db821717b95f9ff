"""A demonstration of the platform: a simulated national cycle with real ministries and provinces.

Agencies and answers come from ``dgmm.simulate`` (names from its registry file); the open cycle
shows every status (not started, in progress, submitted, returned, approved), and an earlier cycle
is closed, scored with the core and published, so every page has something to show.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from dgmm import load_framework
from dgmm.simulate import simulate_cycle
from dgmm.web.accounts.models import Role, User
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import (
    Answer,
    AnswerSource,
    AuditEntry,
    Cycle,
    CycleFramework,
    CycleStatus,
    Participation,
    ParticipationStatus,
)
from dgmm.web.registry.loading import load_reference
from dgmm.web.registry.models import Agency, Ministry, Province

FRAMEWORKS = {"department": "dept-2566", "pcio": "pcio-2566"}
OPEN_CODE, PAST_CODE = "dgmm-2566", "dgmm-2565-demo"


@dataclass
class DemoUser:
    username: str
    password: str
    role: str
    agency: str


def _agencies(sims: list[Any]) -> dict[str, Agency]:
    ministries = {m.code: m for m in Ministry.objects.all()}
    provinces = {p.code: p for p in Province.objects.all()}
    rows: dict[str, dict[str, Any]] = {}
    for sim in sims:
        for a in sim.agencies:
            rows.setdefault(a["id"], a)
    out: dict[str, Agency] = {}
    for code, a in rows.items():
        out[code], _ = Agency.objects.update_or_create(
            code=code,
            defaults={
                "name_th": a["name_th"],
                "name_en": a["name_en"],
                "tier": a["tier"],
                "ministry": ministries.get(a["ministry"]),
                "province": provinces.get(a["province"] or ""),
                "agency_type": a.get("agency_type") or "",
            },
        )
    for code, a in rows.items():
        if a.get("parent_id"):
            Agency.objects.filter(pk=out[code].pk).update(parent=out[a["parent_id"]])
    return out


def _answers(sims: list[Any]) -> dict[str, dict[str, tuple[str, str]]]:
    """agency id -> input code -> (source, raw value); an agency's own framework's values come first."""
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for sim in sims:
        fw = load_framework(sim.framework_id)
        for agency_id, code, value in sim.iter_answers():
            inp = fw.inputs.get(code)
            source = (
                AnswerSource.ANALYST
                if inp is not None and inp.answered_by == "analyst"
                else AnswerSource.AGENCY
            )
            out.setdefault(agency_id, {}).setdefault(code, (source, value))
    return out


def _status_plan(rng: random.Random, codes: list[str], open_cycle: bool) -> dict[str, str]:
    if not open_cycle:
        return {c: ParticipationStatus.APPROVED for c in codes}
    weights = [
        (ParticipationStatus.NOT_STARTED, 0.15),
        (ParticipationStatus.IN_PROGRESS, 0.3),
        (ParticipationStatus.SUBMITTED, 0.25),
        (ParticipationStatus.RETURNED, 0.05),
        (ParticipationStatus.APPROVED, 0.25),
    ]
    statuses, w = zip(*weights, strict=True)
    return {c: rng.choices(statuses, w)[0] for c in codes}


def _fill(
    cycle: Cycle,
    agencies: dict[str, Agency],
    answers: dict[str, dict[str, tuple[str, str]]],
    plan: dict[str, str],
    rng: random.Random,
    actor: User,
) -> int:
    now = timezone.now()
    rows = []
    for code, status in plan.items():
        mine = answers.get(code, {})
        if status == ParticipationStatus.NOT_STARTED or not mine:
            continue
        items = sorted(mine.items())
        if status == ParticipationStatus.IN_PROGRESS:
            items = items[: max(1, int(len(items) * rng.uniform(0.2, 0.8)))]
        for input_code, (source, value) in items:
            if source == AnswerSource.ANALYST and status not in (ParticipationStatus.APPROVED,):
                continue
            rows.append(
                Answer(
                    cycle=cycle,
                    agency=agencies[code],
                    code=input_code,
                    source=source,
                    value=value,
                    version=1,
                    updated_at=now,
                    updated_by=actor,
                )
            )
    Answer.objects.bulk_create(rows, batch_size=1000)
    parts = []
    for code, status in plan.items():
        if status != ParticipationStatus.NOT_STARTED and not answers.get(code):
            status = ParticipationStatus.NOT_STARTED
        done = status in (
            ParticipationStatus.SUBMITTED,
            ParticipationStatus.APPROVED,
            ParticipationStatus.RETURNED,
        )
        parts.append(
            Participation(
                cycle=cycle,
                agency=agencies[code],
                status=status,
                submitted_at=now - timedelta(days=rng.randint(0, 10)) if done else None,
            )
        )
    Participation.objects.bulk_create(parts, batch_size=1000)
    return len(rows)


def _cycle(code: str, year: int, name_th: str, name_en: str, status: str, opens: Any, closes: Any) -> Cycle:
    cycle = Cycle.objects.create(
        code=code,
        year=year,
        name_th=name_th,
        name_en=name_en,
        opens_at=opens,
        closes_at=closes,
        status=status,
        publish_agency_results=False,
    )
    for tier, ref in FRAMEWORKS.items():
        CycleFramework.objects.create(cycle=cycle, tier=tier, framework=ref)
    return cycle


def _user(username: str, role: str, agency: Agency | None, first: str) -> DemoUser:
    password = secrets.token_urlsafe(9)
    user, _ = User.objects.get_or_create(username=username)
    user.role = role
    user.agency = agency
    user.first_name = first
    user.is_staff = user.is_superuser = role == Role.ADMIN
    user.set_password(password)
    user.save()
    return DemoUser(username, password, role, agency.code if agency else "")


def demo_users(agencies: dict[str, Agency] | None = None) -> list[DemoUser]:
    """Create (or reset the passwords of) a few users of each role; returns them with their passwords."""
    qs = Agency.objects.filter(participations__cycle__code=OPEN_CODE)
    dept = list(qs.filter(tier="department", children__isnull=True).order_by("code")[:2])
    pcio = list(qs.filter(tier="pcio").order_by("code")[:2])
    parent = pcio[0].parent if pcio else None
    out = [
        _user("admin", Role.ADMIN, None, "ผู้ดูแลระบบ"),
        _user("analyst", Role.ANALYST, None, "นักวิเคราะห์"),
        _user("analyst2", Role.ANALYST, None, "นักวิเคราะห์ 2"),
    ]
    out += [_user(f"dept{i + 1}", Role.RESPONDENT, a, "ผู้ตอบ") for i, a in enumerate(dept)]
    out += [_user(f"pcio{i + 1}", Role.RESPONDENT, a, "ผู้ตอบ") for i, a in enumerate(pcio)]
    if parent is not None:
        out.append(_user("parent", Role.PARENT, parent, "หน่วยงานแม่"))
        out.append(_user("parent-resp", Role.RESPONDENT, parent, "ผู้ตอบหน่วยงานแม่"))
    # the first PCIO respondent's questionnaire starts empty, ready to be filled in a demonstration
    if pcio:
        p = Participation.objects.get(cycle__code=OPEN_CODE, agency=pcio[0])
        Answer.objects.filter(cycle=p.cycle, agency=p.agency).delete()
        Participation.objects.filter(pk=p.pk).update(
            status=ParticipationStatus.NOT_STARTED, submitted_at=None
        )
    return out


def load_demo(
    departments: int = 60, pcios: int = 24, seed: int = 2566, say: Callable[[str], None] = print
) -> bool:
    """Load the demonstration once (False when it is already there)."""
    from dgmm.web.cycles.actions import CloseCycle, PublishCycle

    if Cycle.objects.filter(code=OPEN_CODE).exists():
        return False
    m, p = load_reference()
    say(f"registry: {m} ministries, {p} provinces")
    now = timezone.now()
    with transaction.atomic():
        system, _ = User.objects.get_or_create(
            username="demo-loader", defaults={"role": Role.ANALYST, "is_active": False}
        )
        for code, year, th, en, open_cycle, sim_seed in (
            (
                PAST_CODE,
                2565,
                "การสำรวจระดับความพร้อมรัฐบาลดิจิทัล 2565 (ตัวอย่าง)",
                "Digital Government Maturity Survey 2565 (demonstration)",
                False,
                seed - 1,
            ),
            (
                OPEN_CODE,
                2566,
                "การสำรวจระดับความพร้อมรัฐบาลดิจิทัล 2566",
                "Digital Government Maturity Survey 2566",
                True,
                seed,
            ),
        ):
            sims = [
                simulate_cycle(load_framework(FRAMEWORKS["department"]), agencies=departments, seed=sim_seed),
                simulate_cycle(load_framework(FRAMEWORKS["pcio"]), agencies=pcios, seed=sim_seed),
            ]
            agencies = _agencies(sims)
            status = CycleStatus.OPEN
            opens = now - timedelta(days=400 if not open_cycle else 20)
            closes = now + timedelta(days=40) if open_cycle else now + timedelta(minutes=5)
            cycle = _cycle(code, year, th, en, status, opens, closes)
            rng = random.Random(sim_seed)
            plan = _status_plan(rng, sorted(agencies), open_cycle)
            n = _fill(cycle, agencies, _answers(sims), plan, rng, system)
            record(
                AuditEntry.Kind.CYCLE,
                "demo data",
                actor=system,
                cycle=cycle,
                new=f"{n} answers",
                note="simulated by dgmm.simulate",
            )
            say(f"{code}: {len(agencies)} agencies, {n} answers")
            if not open_cycle:
                CloseCycle(cycle, system).execute(skip_check=True)
                PublishCycle(cycle, system).execute(skip_check=True)
                Cycle.objects.filter(pk=cycle.pk).update(closes_at=now - timedelta(days=300))
                say(f"{code}: scored with dgmm.score_cycle and published")
    return True
