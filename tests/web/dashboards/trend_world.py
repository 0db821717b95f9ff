"""Published cycles of several years for the trend pages' tests and bench/public.py.

`add_agencies` puts agencies in the registry; `make_cycle` makes one cycle of them: simulated answers
(`dgmm.simulate`) scored by the core (`score_cycle`) with each tier's framework, the frozen results
stored as closing a cycle stores them, and, when published, the public aggregates made as publishing
makes them (`publish_aggregates`). Every tenth agency has not submitted (its answers do not count).
A framework that scores nothing (province-2560: names only) gets the records of its stand-in scored
by province-2563, carried over to its own pillars and sub-pillars (`_carried`), as imported historical
results would be.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from dgmm import AnswerSet, load_framework, parse_answers, score_cycle
from dgmm.registry import Agency as CoreAgency
from dgmm.simulate import simulate_cycle


def add_agencies(
    prefix: str,
    tier: str,
    places: Sequence[tuple[str, str]],
) -> list[Any]:
    """One agency per (ministry code, province code) of `places`, codes ``<prefix>-00000``..., the
    ministries and provinces made when missing (named after their code)."""
    from dgmm.web.bulk import insert_many
    from dgmm.web.registry.models import Agency, Ministry, Province

    ministries = {m.code: m for m in Ministry.objects.all()}
    provinces = {p.code: p for p in Province.objects.all()}
    for m, p in places:
        if m not in ministries:
            ministries[m] = Ministry.objects.create(code=m, name_th=f"กระทรวง {m}", name_en=f"Ministry {m}")
        if p not in provinces:
            provinces[p] = Province.objects.create(code=p, name_th=f"จังหวัด {p}", name_en=f"Province {p}")
    insert_many(
        Agency,
        ("code", "name_th", "name_en", "tier", "ministry_id", "province_id", "agency_type", "is_active"),
        (
            (
                f"{prefix}-{i:05d}",
                f"สำนักงาน {prefix} {i}",
                f"Office {prefix} {i}",
                tier,
                ministries[m].pk,
                provinces[p].pk,
                "",
                True,
            )
            for i, (m, p) in enumerate(places)
        ),
    )
    return list(Agency.objects.filter(code__startswith=f"{prefix}-").select_related("ministry", "province"))


STAND_IN = "province-2563"  # scores the agencies of a framework that scores nothing


def _carried(doc: dict[str, Any], ref: str) -> dict[str, Any]:
    """A results document of the stand-in made one of `ref`: each pillar keeps the stand-in's score of
    the same code (none for pillar 6, as provincial agencies had none in 2560), each sub-pillar its
    pillar's, the overall score the mean of the pillars that have one."""
    fw = load_framework(ref)
    doc["framework"] = {"id": fw.id, "revision": fw.revision, "year": fw.year}
    for r in doc["agencies"]:
        old = r.get("pillars") or {}
        scores = {p.id: (old.get(p.id) or {}).get("score") if p.id != "P6" else None for p in fw.pillars}
        r["pillars"] = {pid: {"score": v, "level": None} for pid, v in scores.items()}
        r["sub_pillars"] = {
            sp.id: {"score": scores[p.id], "level": None, "in_model": True, "inherited": "none"}
            for p in fw.pillars
            for sp in p.sub_pillars
        }
        r["topics"] = {}
        shown = [v for v in scores.values() if v is not None]
        if r.get("overall") and r["overall"].get("score") is not None and shown:
            r["overall"]["score"] = sum(shown) / len(shown)
    return doc


def _tier_results(
    ref: str, tier: str, agencies: Sequence[Any], seed: int
) -> tuple[dict[str, Any], dict[str, str]]:
    from dgmm.web.cycles.scoring import framework_for_tier

    if not load_framework(ref).scored:
        doc, statuses = _tier_results(STAND_IN, tier, agencies, seed)
        return _carried(doc, ref), statuses
    fw = framework_for_tier(ref, tier)
    sim = simulate_cycle(load_framework(ref), len(agencies), seed=seed)
    own_tier = load_framework(ref).tiers[0]
    sim_ids = [a["id"] for a in sim.agencies if a["tier"] == own_tier]
    rows = dict(sim.rows)
    answers = AnswerSet()
    statuses: dict[str, str] = {}
    for i, (a, sid) in enumerate(zip(agencies, sim_ids, strict=False)):
        flat = rows.get(sid, [])
        raw = dict(zip(flat[::2], flat[1::2], strict=True))
        answers.own[a.code] = parse_answers(fw, raw)
        statuses[a.code] = "in_progress" if i % 10 == 9 else "submitted"
    core = [
        CoreAgency(
            id=a.code,
            tier=tier,
            name_th=a.name_th,
            name_en=a.name_en,
            ministry=a.ministry.code if a.ministry else "",
            province=a.province.code if a.province else "",
        )
        for a in agencies
    ]
    return score_cycle(fw, core, answers, statuses=statuses), statuses


def make_cycle(
    code: str,
    year: int,
    tiers: dict[str, tuple[str, Sequence[Any]]],
    *,
    published: bool = True,
    agency_results: bool = False,
    seed: int = 1,
) -> Any:
    """A cycle of `year` whose tiers are {tier: (framework reference, agencies)}, scored; published
    (with its aggregates) or closed."""
    from dgmm.web.bulk import insert_many
    from dgmm.web.cycles.models import Cycle, CycleFramework, CycleResult, CycleStatus, Participation
    from dgmm.web.dashboards.public import publish_aggregates

    opens = datetime(year - 543, 1, 1, tzinfo=UTC)
    cycle = Cycle.objects.create(
        code=code,
        year=year,
        name_th=f"รอบสำรวจ {year}",
        name_en=f"Survey {year}",
        opens_at=opens,
        closes_at=opens + timedelta(days=60),
        status=CycleStatus.CLOSED,
        publish_agency_results=agency_results,
        scored_at=opens + timedelta(days=61),
    )
    for n, (tier, (ref, agencies)) in enumerate(sorted(tiers.items())):
        CycleFramework.objects.create(cycle=cycle, tier=tier, framework=ref)
        doc, statuses = _tier_results(ref, tier, agencies, seed * 100_000 + year * 10 + n)
        insert_many(
            Participation,
            ("cycle_id", "agency_id", "status", "updated_at"),
            ((cycle.pk, a.pk, statuses[a.code], opens) for a in agencies),
        )
        CycleResult.objects.create(cycle=cycle, tier=tier, framework=ref, document=doc)
    if published:
        cycle.status = CycleStatus.PUBLISHED
        cycle.published_at = opens + timedelta(days=90)
        cycle.save()
        publish_aggregates(cycle)
    return cycle
