"""Score a whole cycle: every agency of the framework's tiers, then the cohort statistics.

The output is the results document of docs/results-format.md, as plain JSON-ready data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dgmm.answers import AnswerSet
from dgmm.cohort.growth import grid
from dgmm.cohort.peers import cutoffs, group_of
from dgmm.cohort.ranking import competition_ranks, number_one
from dgmm.cohort.stats import Accumulator
from dgmm.framework.schema import Framework
from dgmm.registry import Agency
from dgmm.scoring.agency import AgencyResult, score_agency
from dgmm.scoring.rounding import tie_key

FORMAT = "dgmm-results"
FORMAT_VERSION = 1
IMPROVE_FIRST = 5

Progress = Callable[[int], None]


def _record(agency: Agency, res: AgencyResult | None) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": agency.id, "name_th": agency.name_th, "name_en": agency.name_en, "tier": agency.tier,
        "ministry": agency.ministry or None, "province": agency.province or None,
        "parent_id": agency.parent_id or None, "agency_type": agency.agency_type or None,
    }
    if res is None:
        rec.update(status="no_answers", overall=None, group=None, rank=None, pillars={}, sub_pillars={},
                   topics={}, highlights=None, growth=None)
        return rec
    rec["status"] = "scored"
    rec["overall"] = {"score": res.overall.score, "level": res.overall.level}
    rec["group"] = None
    rec["rank"] = None
    rec["pillars"] = {k: {"score": v.score, "level": v.level} for k, v in res.pillars.items()}
    rec["sub_pillars"] = {k: {"score": v.score, "level": v.level, "in_model": v.in_model, "inherited": v.inherited}
                          for k, v in res.sub_pillars.items()}
    topics: dict[str, Any] = {}
    for k, t in res.topics.items():
        entry: dict[str, Any] = {"score": t.score, "level": t.level, "status": t.status, "provenance": t.provenance}
        if t.missing:
            entry["missing"] = list(t.missing)
        if t.reason:
            entry["reason"] = t.reason
        topics[k] = entry
    rec["topics"] = topics
    rec["highlights"] = None
    rec["growth"] = None
    return rec


def highlights(framework: Framework, pillars: Mapping[str, float | None],
               sub_pillars: Mapping[str, float | None]) -> dict[str, Any]:
    """Most outstanding and lowest pillar (§12) and the five sub-pillars to improve first (§13)."""
    order = [p.id for p in framework.pillars]
    scored = [(pid, pillars[pid]) for pid in order if pillars.get(pid) is not None]
    best = max(scored, key=lambda kv: tie_key(kv[1] or 0.0), default=None)  # max keeps the first of equals
    worst = min(scored, key=lambda kv: tie_key(kv[1] or 0.0), default=None)
    sp_order = [sp.id for _, sp in framework.iter_sub_pillars()]
    sps = [(i, sid, sub_pillars[sid]) for i, sid in enumerate(sp_order) if sub_pillars.get(sid) is not None]
    sps.sort(key=lambda t: (tie_key(t[2] or 0.0), t[0]))
    return {
        "most_outstanding_pillar": best[0] if best else None,
        "lowest_pillar": worst[0] if worst else None,
        "improve_first": [sid for _, sid, _ in sps[:IMPROVE_FIRST]],
    }


def score_cycle(
    framework: Framework,
    agencies: Sequence[Agency],
    answers: AnswerSet,
    previous: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Score every agency of the framework's tiers and compute the cohort statistics."""
    tiers = set(framework.tiers)
    by_id = {a.id: a for a in agencies}
    cohort = [a for a in agencies if a.tier in tiers]
    has_parent_topics = any(t.from_parent for t in framework.iter_topics())
    records: list[dict[str, Any]] = []
    results: dict[str, AgencyResult] = {}
    for i, agency in enumerate(cohort):
        own = answers.own.get(agency.id)
        analyst = answers.analyst.get(agency.id)
        res: AgencyResult | None = None
        if own or analyst:
            parent_values = None
            if has_parent_topics and agency.parent_id in by_id:
                parent_values = answers.own.get(agency.parent_id)
            res = score_agency(framework, own or {}, parent_values, analyst, parent_id=agency.parent_id or None)
            results[agency.id] = res
        records.append(_record(agency, res))
        if progress is not None and (i + 1) % 500 == 0:
            progress(500)
    if progress is not None:
        progress(len(cohort) % 500)
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "framework": {"id": framework.id, "revision": framework.revision, "year": framework.year},
        "cohort": cohort_statistics(framework, records, invited=len(cohort)),
        "agencies": records,
        "grid": None,
    }
    if previous is not None:
        doc["grid"] = apply_growth(doc, previous)
    return doc


def cohort_statistics(framework: Framework, records: list[dict[str, Any]], invited: int) -> dict[str, Any]:
    """Percentiles, groups, ranks, No.1, group / parent / national averages; fills group, rank, highlights."""
    agg = framework.aggregation
    scored = [r for r in records if r["status"] == "scored" and r["overall"]["score"] is not None]
    scores = {r["id"]: r["overall"]["score"] for r in scored}
    national = Accumulator()
    groups = {g.id: Accumulator() for g in agg.groups}
    parents: dict[str, Accumulator] = {}
    cuts = cutoffs(list(scores.values()), agg.groups) if scores else {}
    ranks = competition_ranks(scores)
    for r in scored:
        pillars = {k: v["score"] for k, v in r["pillars"].items()}
        subs = {k: v["score"] for k, v in r["sub_pillars"].items()}
        r["group"] = group_of(r["overall"]["score"], agg.groups, cuts)
        r["rank"] = ranks[r["id"]]
        r["highlights"] = highlights(framework, pillars, subs)
        levels = {k: v["level"] for k, v in r["pillars"].items()}
        national.add(r["overall"]["score"], pillars, subs, r["overall"]["level"], levels)
        groups[r["group"]].add(r["overall"]["score"], pillars, subs)
        if r["parent_id"]:
            parents.setdefault(r["parent_id"], Accumulator()).add(r["overall"]["score"], pillars, subs)
    pct = {f"p{int(g.min_percentile)}": cuts[g.id] for g in agg.groups if g.min_percentile > 0} if cuts else {}
    return {
        "tiers": list(framework.tiers),
        "invited": invited,
        "scored": len(scored),
        "percentiles": pct,
        "small_group_min": agg.small_group_min,
        "all": national.summary(with_levels=True),
        "groups": {k: v.summary() for k, v in groups.items()},
        "parents": {k: v.summary() for k, v in sorted(parents.items())},
        "no1": number_one(ranks),
    }


def apply_growth(doc: dict[str, Any], previous: Mapping[str, Any]) -> dict[str, Any]:
    """Change since the previous cycle per agency and the agencies' and ministries' grids (§14)."""
    prev_scores = {a["id"]: a["overall"]["score"] for a in previous.get("agencies", [])
                   if a.get("status") == "scored" and a.get("overall") and a["overall"].get("score") is not None}
    points: dict[str, tuple[float, float]] = {}
    by_ministry: dict[str, list[tuple[float, float]]] = {}
    for r in doc["agencies"]:
        if r["status"] != "scored" or r["overall"]["score"] is None or r["id"] not in prev_scores:
            continue
        cur = r["overall"]["score"]
        change = cur - prev_scores[r["id"]]
        points[r["id"]] = (cur, change)
        r["growth"] = {"previous_overall": prev_scores[r["id"]], "change": change, "quadrant": None}
        if r.get("ministry"):
            by_ministry.setdefault(r["ministry"], []).append((cur, change))
    agencies_grid = grid(points)
    for r in doc["agencies"]:
        if r.get("growth"):
            r["growth"]["quadrant"] = agencies_grid["units"][r["id"]]
    ministry_points = {m: (sum(s for s, _ in v) / len(v), sum(c for _, c in v) / len(v)) for m, v in by_ministry.items()}
    ministries_grid = grid(ministry_points)
    return {
        "agencies": {k: agencies_grid[k] for k in ("mean_score", "mean_change", "counts")},
        "ministries": [{"ministry": m, "score": s, "change": c, "quadrant": ministries_grid["units"][m]}
                       for m, (s, c) in sorted(ministry_points.items())],
        "ministries_means": {k: ministries_grid[k] for k in ("mean_score", "mean_change", "counts")},
    }
