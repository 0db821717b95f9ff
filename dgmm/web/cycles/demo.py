"""A demonstration of the platform: a simulated national cycle with real ministries and provinces.

Agencies and answers come from ``dgmm.simulate`` (names from its registry file). Everything is then
done through the actions people use, with their checks and audit entries, so the demonstration
never shows a state the platform would not reach: the agencies are imported like a registry file,
each cycle is created, given its participants and opened, the answers are imported like an answers
file, an agency is submitted only when ``SubmitParticipation`` accepts it (no incomplete topic),
returned only with a correction comment, approved by ``Approve``; the earlier cycle's deadline
passes, and it is closed, scored and published by the cycle's transitions.

The open cycle shows every status (not started, in progress, submitted, returned, approved); an
agency planned as submitted whose answers leave a topic incomplete stays in progress, as it would.
"""

from __future__ import annotations

import random
import secrets
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from dgmm import Framework, load_framework
from dgmm.inheritance import Source, plan_for
from dgmm.simulate import simulate_cycle
from dgmm.simulate.cycle import SimulatedCycle
from dgmm.simulate.output import write_agencies
from dgmm.web.accounts.models import Role, User
from dgmm.web.actions import ActionError
from dgmm.web.cycles.actions import (
    AddParticipants,
    CloseCycle,
    OpenCycle,
    PublishCycle,
    SubmitParticipation,
    framework_of,
)
from dgmm.web.cycles.editing import CreateCycle, EditCycle
from dgmm.web.cycles.models import AnswerSource, Cycle, Participation, ParticipationStatus
from dgmm.web.cycles.progress import own_inputs
from dgmm.web.exchange.actions import ImportAnswers
from dgmm.web.exchange.longformat import write_csv
from dgmm.web.registry.actions import ImportAgencies
from dgmm.web.registry.loading import load_reference
from dgmm.web.registry.models import Agency
from dgmm.web.review.actions import Approve, RequestCorrection

FRAMEWORKS = {"department": "dept-2566", "pcio": "pcio-2566"}
OPEN_CODE, PAST_CODE = "dgmm-2566", "dgmm-2565-demo"
LOADER = "demo-loader"  # the account the demonstration acts as (an administrator who cannot sign in)

# What an analyst writes when returning a submission (the demonstration's review comments).
CORRECTIONS = (
    "โปรดตรวจสอบคำตอบของประเด็นนี้อีกครั้ง และแนบเอกสารหลักฐานที่อ้างถึง",
    "ตัวเลขในประเด็นนี้ไม่ตรงกับรายงานประจำปีของหน่วยงาน โปรดแก้ไขให้ถูกต้อง",
    "คำตอบของประเด็นนี้ขัดแย้งกับประเด็นที่เกี่ยวข้อง โปรดทบทวนและยืนยันอีกครั้ง",
)


@dataclass
class DemoUser:
    username: str
    password: str
    role: str
    agency: str


@dataclass(frozen=True)
class _CycleSpec:
    code: str
    year: int
    name_th: str
    name_en: str
    is_open: bool
    seed: int


def _simulate(departments: int, pcios: int, seed: int) -> list[SimulatedCycle]:
    return [
        simulate_cycle(load_framework(FRAMEWORKS["department"]), agencies=departments, seed=seed),
        simulate_cycle(load_framework(FRAMEWORKS["pcio"]), agencies=pcios, seed=seed),
    ]


def _import_agencies(loader: User, sims: Iterable[SimulatedCycle], tmp: Path) -> list[str]:
    """The simulated agencies, imported as an agencies file is; returns their codes."""
    rows: dict[str, dict[str, Any]] = {}
    for sim in sims:
        for a in sim.agencies:
            rows.setdefault(a["id"], a)
    path = tmp / "agencies.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        write_agencies(list(rows.values()), fh)
    ImportAgencies(loader, path, "demo-agencies.csv").execute()
    return sorted(rows)


def _answers(sims: list[SimulatedCycle]) -> dict[str, dict[str, str]]:
    """agency id -> input code -> raw value. An agency answers its own tier's framework; a parent
    department listed in a cohort of another tier gives only what that tier's agencies inherit."""
    out: dict[str, dict[str, str]] = {}
    for sim in sims:
        tiers = {a["id"]: a["tier"] for a in sim.agencies}
        inherited = plan_for(load_framework(sim.framework_id), True).codes(Source.PARENT)
        for agency_id, code, value in sim.iter_answers():
            if tiers[agency_id] == sim.tier or code in inherited:
                out.setdefault(agency_id, {}).setdefault(code, value)
    return out


def _rows(
    fw: Framework, agency: Agency, values: dict[str, str], source: str
) -> list[tuple[str, str, str, str]]:
    """The long-format rows (agency, input, value, source) of what `source` answers for the agency:
    the agency its own inputs (not the analyst checks, not what it inherits), the analyst the checks."""
    plan = plan_for(fw, agency.parent_id is not None)
    out = []
    for code, inp in fw.inputs.items():
        if code not in values:
            continue
        if source == AnswerSource.ANALYST:
            wanted = inp.answered_by == "analyst"
        else:
            wanted = inp.answered_by != "analyst" and plan.source(code) is Source.OWN
        if wanted:
            out.append((agency.code, code, values[code], source))
    return out


# Shares of the open cycle's agencies per status (at least one each); the rest have not started.
SHARES = (
    (ParticipationStatus.APPROVED, 0.25),
    (ParticipationStatus.SUBMITTED, 0.25),
    (ParticipationStatus.RETURNED, 0.05),
    (ParticipationStatus.IN_PROGRESS, 0.3),
)


def _status_plan(
    rng: random.Random, codes: list[str], is_open: bool, full: set[str], empty: set[str]
) -> dict[str, str]:
    """The status each agency is meant to reach: those that answered everything (`full`) go first to
    the statuses that need a submission; `empty` ones have not started."""
    if not is_open:
        return {c: ParticipationStatus.APPROVED for c in codes}
    order = sorted((c for c in codes if c not in empty), key=lambda c: (c not in full, rng.random()))
    plan: dict[str, str] = dict.fromkeys(codes, ParticipationStatus.NOT_STARTED)
    start = 0
    for status, share in SHARES:
        size = max(1, round(share * len(order)))
        plan.update(dict.fromkeys(order[start : start + size], status))
        start += size
    return plan


def _import(cycle: Cycle, loader: User, rows: list[tuple[str, str, str, str]], path: Path) -> None:
    """Rows imported as an answers file is (every row checked against the cycle's frameworks)."""
    if not rows:
        return
    path.write_bytes(write_csv(rows))
    ImportAnswers(cycle, loader, path, path.name).execute()


def _own_topics(fw: Framework, agency: Agency) -> list[str]:
    plan = plan_for(fw, agency.parent_id is not None)
    return [t.id for t in fw.iter_topics() if any(plan.source(i.code) is Source.OWN for i in own_inputs(t))]


def _run_cycle(
    spec: _CycleSpec,
    sims: list[SimulatedCycle],
    loader: User,
    now: datetime,
    tmp: Path,
    keep_empty: set[str],
) -> Counter[str]:
    """Create, open and fill one cycle through the actions; returns how many agencies reached each status."""
    codes = sorted({a["id"] for sim in sims for a in sim.agencies})
    opens = now - timedelta(days=20 if spec.is_open else 400)
    cycle = CreateCycle(
        loader,
        {
            "code": spec.code,
            "year": spec.year,
            "name_th": spec.name_th,
            "name_en": spec.name_en,
            "opens_at": opens,
            "closes_at": now + timedelta(days=40),
            "publish_agency_results": False,
        },
        FRAMEWORKS,
    ).execute()
    AddParticipants(cycle, loader, Agency.objects.filter(code__in=codes)).execute()
    OpenCycle(cycle, loader).execute()

    rng = random.Random(spec.seed)
    full = {
        a["id"] for sim in sims for a in sim.agencies if a["tier"] == sim.tier and a["response"] == "full"
    }
    plan = _status_plan(rng, codes, spec.is_open, full, keep_empty)
    values = _answers(sims)
    parts = {
        p.agency.code: p for p in Participation.objects.filter(cycle=cycle).select_related("agency", "cycle")
    }
    frameworks = {code: framework_of(p) for code, p in parts.items()}
    own: list[tuple[str, str, str, str]] = []
    for code, status in plan.items():
        if status == ParticipationStatus.NOT_STARTED:
            continue
        rows = _rows(frameworks[code], parts[code].agency, values.get(code, {}), AnswerSource.AGENCY)
        if status == ParticipationStatus.IN_PROGRESS:
            rows = rows[: int(len(rows) * rng.uniform(0.2, 0.8))]
        own += rows
    _import(cycle, loader, own, tmp / f"{spec.code}-answers.csv")

    # the agencies submit; an analyst records the checks of those to approve, then decides
    submitted = []
    for code, status in plan.items():
        if status in (ParticipationStatus.NOT_STARTED, ParticipationStatus.IN_PROGRESS):
            continue
        p = parts[code]
        p.refresh_from_db()
        try:
            SubmitParticipation(p, loader).execute()
        except ActionError as exc:
            if exc.code != "incomplete":
                raise
            continue  # a topic is incomplete: the agency is still working on it
        submitted.append(code)
    checks = [
        row
        for code in submitted
        if plan[code] == ParticipationStatus.APPROVED
        for row in _rows(frameworks[code], parts[code].agency, values.get(code, {}), AnswerSource.ANALYST)
    ]
    _import(cycle, loader, checks, tmp / f"{spec.code}-analyst-checks.csv")
    for code in submitted:
        p = parts[code]
        if plan[code] == ParticipationStatus.APPROVED:
            Approve(p, loader).execute()
        elif plan[code] == ParticipationStatus.RETURNED:
            topic = rng.choice(_own_topics(frameworks[code], p.agency))
            RequestCorrection(p, loader, comment=rng.choice(CORRECTIONS), topic_id=topic).execute()

    if not spec.is_open:  # the deadline passes, then the cycle is closed, scored and published
        cycle.refresh_from_db()
        EditCycle(
            cycle,
            loader,
            {
                "code": cycle.code,
                "year": cycle.year,
                "name_th": cycle.name_th,
                "name_en": cycle.name_en,
                "opens_at": cycle.opens_at,
                "closes_at": now - timedelta(days=300),
                "publish_agency_results": cycle.publish_agency_results,
            },
            FRAMEWORKS,
        ).execute()
        CloseCycle(cycle, loader).execute()
        PublishCycle(cycle, loader).execute()
    return Counter(Participation.objects.filter(cycle=cycle).values_list("status", flat=True))


def _loader() -> User:
    """The account the demonstration acts as: an administrator (who may act for any agency), inactive."""
    user, _created = User.objects.get_or_create(username=LOADER)
    user.role, user.is_active, user.first_name = Role.ADMIN, False, "ข้อมูลตัวอย่าง"
    user.set_unusable_password()
    user.save()
    return user


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


def _first_pcio(codes: Iterable[str]) -> str:
    """The agency of the first PCIO respondent (demo_users): its questionnaire starts empty."""
    pcios = Agency.objects.filter(code__in=list(codes), tier="pcio").order_by("code")
    return next(iter(pcios.values_list("code", flat=True)[:1]), "")


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
    return out


CYCLES = (
    _CycleSpec(
        PAST_CODE,
        2565,
        "การสำรวจระดับความพร้อมรัฐบาลดิจิทัล 2565 (ตัวอย่าง)",
        "Digital Government Maturity Survey 2565 (demonstration)",
        False,
        -1,
    ),
    _CycleSpec(
        OPEN_CODE,
        2566,
        "การสำรวจระดับความพร้อมรัฐบาลดิจิทัล 2566",
        "Digital Government Maturity Survey 2566",
        True,
        0,
    ),
)


def load_demo(
    departments: int = 60, pcios: int = 24, seed: int = 2566, say: Callable[[str], None] = print
) -> bool:
    """Load the demonstration once (False when it is already there)."""
    if Cycle.objects.filter(code=OPEN_CODE).exists():
        return False
    m, p = load_reference()
    say(f"registry: {m} ministries, {p} provinces")
    now = timezone.now()
    with transaction.atomic(), tempfile.TemporaryDirectory(prefix="dgmm-demo-") as tmpdir:
        tmp = Path(tmpdir)
        loader = _loader()
        sims = {spec.code: _simulate(departments, pcios, seed + spec.seed) for spec in CYCLES}
        codes = _import_agencies(loader, (s for both in sims.values() for s in both), tmp)
        keep_empty = {_first_pcio(codes)}
        for spec in CYCLES:
            counts = _run_cycle(spec, sims[spec.code], loader, now, tmp, keep_empty)
            shown = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
            say(f"{spec.code}: {sum(counts.values())} agencies ({shown})")
            if not spec.is_open:
                say(f"{spec.code}: closed, scored with dgmm.score_cycle and published")
    return True
