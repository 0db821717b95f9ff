"""A cycle's public aggregates: what the public may read of a cycle's results (docs/public-data.md).

`public_aggregates` turns the results documents of one cycle (one per tier, docs/results-format.md),
with the registry's ministry and province names, the answers the cycle was scored from (for the
fact-finding distributions) and the previous cycle's results of each tier (for the changes and the
performance/growth grid), into one plain JSON-ready document (``format`` ``dgmm-public-aggregates``,
``format_version`` `VERSION`):

- per tier: the response (invited, scored, per status), the level distributions, the scores (count,
  mean, median, min, max) overall and per pillar with their change since the previous cycle, the pillar
  profile, the scores by ministry and by province, the performance/growth grid, the fact-finding answer
  distributions and, only when the cycle publishes agency results, the top agencies;
- the framework's levels, groups and weights, for the explanation of how scoring works.

Rules: an agency whose answers do not count (not submitted, returned, not approved: DECISIONS §28,
`dgmm.cohort.counting`) enters no figure: not the scores, not the levels, not the answer distributions.
A ministry's or province's figures follow `dgmm.cohort.stats.visible` (DECISIONS §15): a set of fewer
than the framework's ``small_group_min`` scored agencies shows its counts only, and a pillar fewer than
that many agencies have a score for shows nothing. Means are the ones the results document's cohort
statistics hold (values added in the records' order).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import add
from typing import Any

from dgmm.answers import AnswerSet
from dgmm.cohort.counting import NOT_COUNTED
from dgmm.cohort.stats import recount, visible
from dgmm.cycle import apply_growth
from dgmm.framework.schema import Framework, Input, Text

FORMAT = "dgmm-public-aggregates"
VERSION = 2  # 2: the mean of a performance group smaller than small_group_min is not shown
TIER_ORDER = ("department", "provincial", "pcio", "local")
FACT_TYPES = frozenset({"single_choice", "multiple_choice", "yes_no", "integer", "number", "percent"})
NUMBER_TYPES = frozenset({"integer", "number", "percent"})
TOP = 10

Names = Mapping[str, tuple[str, str]]  # code -> (Thai name, English name)
Record = Mapping[str, Any]


@dataclass(frozen=True)
class TierResults:
    """One tier of a cycle: its results document and framework; optionally the answers it was scored
    from and the previous cycle's results of the same tier."""

    doc: Mapping[str, Any]
    framework: Framework
    answers: AnswerSet | None = None
    previous: Mapping[str, Any] | None = None


def tier_order(doc: Mapping[str, Any]) -> tuple[int, str]:
    """Sort key of a results document: department, provincial, pcio, local, then any other tier."""
    tiers = doc["cohort"].get("tiers") or ["?"]
    return (TIER_ORDER.index(tiers[0]) if tiers[0] in TIER_ORDER else len(TIER_ORDER), tiers[0])


def public_aggregates(
    tiers: Sequence[TierResults],
    *,
    ministries: Names | None = None,
    provinces: Names | None = None,
    agency_results: bool = False,
    top: int = TOP,
    cycle: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The public aggregates of one cycle (module docstring); tiers in `TIER_ORDER`.

    `agency_results`: the cycle publishes each agency's results, so the top agencies are listed and
    the grid shows every ministry and agency; otherwise no agency is named. `cycle`: what identifies the
    cycle (code, year, names), copied as given."""
    ministries = ministries or {}
    provinces = provinces or {}
    parts = [_tier(t, ministries, provinces, agency_results, top) for t in sorted(tiers, key=_key)]
    invited = sum(p["response"]["invited"] for p in parts)
    scored = sum(p["response"]["scored"] for p in parts)
    return {
        "format": FORMAT,
        "format_version": VERSION,
        "cycle": dict(cycle) if cycle else None,
        "agency_results": agency_results,
        "response": {"invited": invited, "scored": scored, "rate": _rate(scored, invited)},
        "tiers": parts,
    }


def _key(t: TierResults) -> tuple[int, str]:
    return tier_order(t.doc)


def counted(doc: Mapping[str, Any]) -> list[Record]:
    """The records of the agencies whose answers count (every status but NOT_COUNTED)."""
    return [r for r in doc["agencies"] if r.get("status") not in NOT_COUNTED]


def scored(doc: Mapping[str, Any]) -> list[Record]:
    """The records of the scored agencies with an overall score: the agencies every figure is made of."""
    return [
        r
        for r in doc["agencies"]
        if r.get("status") == "scored" and (r.get("overall") or {}).get("score") is not None
    ]


def _rate(part: int, whole: int) -> float | None:
    return part / whole * 100 if whole else None


def _mean(values: list[float]) -> float:
    return reduce(add, values, 0.0) / len(values)  # added in order, as the cohort statistics add


def describe(values: list[float]) -> dict[str, Any] | None:
    """count, mean, median, min and max of the values (None: no value)."""
    if not values:
        return None
    return {
        "count": len(values),
        "mean": _mean(values),
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
    }


def _score(r: Record, pillar: str | None) -> float | None:
    block = r.get("overall") if pillar is None else (r.get("pillars") or {}).get(pillar)
    score: float | None = (block or {}).get("score")
    return score


def _values(records: Iterable[Record], pillar: str | None) -> list[float]:
    return [v for r in records if (v := _score(r, pillar)) is not None]


def _change(now: Mapping[str, Any] | None, before: Mapping[str, Any] | None) -> float | None:
    if not now or not before:
        return None
    change: float = now["mean"] - before["mean"]
    return change


def _framework(fw: Framework) -> dict[str, Any]:
    """The framework's levels, groups and weights: what a reader needs to understand the scores."""
    agg = fw.aggregation
    return {
        "id": fw.id,
        "revision": fw.revision,
        "year": fw.year,
        "name": _text(fw.name),
        "levels": [{"level": i, **_text(t)} for i, t in enumerate(fw.level_scale, start=1)],
        "pillars": [
            {
                "id": p.id,
                "name": _text(p.name),
                "weight": p.weight,
                "definition": _text(p.definition),
                "sub_pillars": [
                    {"id": sp.id, "name": _text(sp.name), "weight": sp.weight, "in_model": sp.in_model}
                    for sp in p.sub_pillars
                ],
            }
            for p in fw.pillars
        ],
        "groups": [
            {"id": g.id, "min_percentile": g.min_percentile, "name": _text(g.name)} for g in agg.groups
        ],
        "aggregation": {
            "sub_pillar_level": agg.sub_pillar_level,
            "pillar_level": agg.pillar_level,
            "overall_level": agg.overall_level,
        },
        "small_group_min": agg.small_group_min,
    }


def _text(t: Text) -> dict[str, str]:
    return {"th": t.th, "en": t.en}


def _tier(
    t: TierResults, ministries: Names, provinces: Names, agency_results: bool, top: int
) -> dict[str, Any]:
    doc, fw, prev = t.doc, t.framework, t.previous
    pillar_ids = [p.id for p in fw.pillars]
    small = int(doc["cohort"].get("small_group_min") or fw.aggregation.small_group_min)
    now = scored(doc)
    before = scored(prev) if prev is not None else []
    comparable = prev is not None and prev["framework"]["id"] == fw.id
    scores = _scores(now, before if prev is not None else None, pillar_ids, comparable)
    return {
        "tier": (doc["cohort"].get("tiers") or [None])[0],
        "tiers": list(doc["cohort"].get("tiers") or []),
        "framework": _framework(fw),
        "previous": None
        if prev is None
        else {"framework": dict(prev["framework"]), "pillars_comparable": comparable},
        "response": _response(doc),
        "levels": _levels(now, pillar_ids),
        "scores": scores,
        "profile": [
            {
                "pillar": pid,
                "mean": (scores["pillars"][pid] or {}).get("mean"),
                "previous": scores["previous_pillars"].get(pid),
                "change": scores["pillar_changes"].get(pid),
            }
            for pid in pillar_ids
        ],
        "groups": _groups(now, fw, small),
        "by_ministry": _breakdown(doc, prev, "ministry", ministries, pillar_ids, small, comparable),
        "by_province": _breakdown(doc, prev, "province", provinces, pillar_ids, small, comparable),
        "grid": _grid(doc, prev, ministries, small, agency_results),
        "facts": fact_distributions(fw, counted(doc), t.answers, small) if t.answers is not None else None,
        "top": _top(now, top) if agency_results else None,
    }


def _response(doc: Mapping[str, Any]) -> dict[str, Any]:
    statuses: dict[str, int] = {}
    for r in doc["agencies"]:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    invited = int(doc["cohort"]["invited"])
    n = int(doc["cohort"]["scored"])
    not_counted = sum(statuses.get(s, 0) for s in NOT_COUNTED)
    return {
        "invited": invited,
        "counted": invited - not_counted,
        "scored": n,
        "rate": _rate(n, invited),
        "policy": doc["cohort"].get("policy"),
        "by_status": dict(sorted(statuses.items())),
    }


def _levels(records: list[Record], pillar_ids: list[str]) -> dict[str, Any]:
    """Agencies per level (keys "1".."5"), overall and per pillar."""

    def dist(get: Callable[[Record], int | None]) -> dict[str, int]:
        out: dict[int, int] = {}
        for r in records:
            lv = get(r)
            if lv is not None:
                out[lv] = out.get(lv, 0) + 1
        return {str(k): v for k, v in sorted(out.items())}

    return {
        "overall": dist(lambda r: (r.get("overall") or {}).get("level")),
        "pillars": {
            pid: dist(lambda r, pid=pid: ((r.get("pillars") or {}).get(pid) or {}).get("level"))  # type: ignore[misc]
            for pid in pillar_ids
        },
    }


def _scores(
    now: list[Record], before: list[Record] | None, pillar_ids: list[str], comparable: bool
) -> dict[str, Any]:
    overall = describe(_values(now, None))
    prev_overall = describe(_values(before, None)) if before is not None else None
    pillars = {pid: describe(_values(now, pid)) for pid in pillar_ids}
    prev_pillars = (
        {pid: describe(_values(before, pid)) for pid in pillar_ids} if before and comparable else {}
    )
    return {
        "overall": overall,
        "previous_overall": prev_overall["mean"] if prev_overall else None,
        "change": _change(overall, prev_overall),
        "pillars": pillars,
        "previous_pillars": {pid: s["mean"] if s else None for pid, s in prev_pillars.items()},
        "pillar_changes": {pid: _change(pillars[pid], prev_pillars.get(pid)) for pid in prev_pillars},
    }


def _groups(records: list[Record], fw: Framework, small: int) -> list[dict[str, Any]]:
    """Agencies and mean score per performance group; the mean of a group of fewer than `small`
    agencies is not shown (DECISIONS §15: it would disclose a peer's score), only its count."""
    out = []
    for g in fw.aggregation.groups:
        members = [r for r in records if r.get("group") == g.id]
        s = describe(_values(members, None))
        hidden = 0 < len(members) < small
        out.append(
            {
                "group": g.id,
                "count": len(members),
                "mean": s["mean"] if s and not hidden else None,
                "suppressed": hidden,
            }
        )
    return out


def _visible_stats(members: list[Record], pillar_ids: list[str], small: int) -> dict[str, Any] | None:
    """describe() of the overall and each pillar, as far as `visible` lets them be shown; None: nothing."""
    shown = visible(recount(members), small)
    if shown is None:
        return None
    return {
        "overall": describe(_values(members, None)) if shown["overall"] is not None else None,
        "pillars": {
            pid: describe(_values(members, pid)) if (shown["pillars"] or {}).get(pid) is not None else None
            for pid in pillar_ids
        },
    }


def _breakdown(
    doc: Mapping[str, Any],
    prev: Mapping[str, Any] | None,
    field: str,
    names: Names,
    pillar_ids: list[str],
    small: int,
    comparable: bool,
) -> list[dict[str, Any]]:
    """Per ministry or province (`field`): invited, scored and the visible figures, with the change of
    the visible means since the previous cycle (pillars only when the framework is the same)."""
    invited: dict[str, int] = {}
    for r in doc["agencies"]:
        if code := r.get(field):
            invited[code] = invited.get(code, 0) + 1
    members: dict[str, list[Record]] = {}
    for r in scored(doc):
        if code := r.get(field):
            members.setdefault(code, []).append(r)
    before: dict[str, list[Record]] = {}
    if prev is not None:
        for r in scored(prev):
            if code := r.get(field):
                before.setdefault(code, []).append(r)
    rows = []
    for code in sorted(invited):
        stats = _visible_stats(members.get(code, []), pillar_ids, small)
        old = _visible_stats(before.get(code, []), pillar_ids, small) if prev is not None else None
        th, en = names.get(code, (code, code))
        row: dict[str, Any] = {
            "code": code,
            "name_th": th,
            "name_en": en,
            "invited": invited[code],
            "scored": len(members.get(code, [])),
            "suppressed": stats is None,
            "overall": stats["overall"] if stats else None,
            "levels": _levels(members.get(code, []), [])["overall"] if stats and stats["overall"] else None,
            "pillars": stats["pillars"] if stats else {pid: None for pid in pillar_ids},
            "previous_overall": None,
            "change": None,
            "previous_pillars": {},
            "pillar_changes": {},
        }
        if stats and old:
            row["previous_overall"] = old["overall"]["mean"] if old["overall"] else None
            row["change"] = _change(stats["overall"], old["overall"])
            if comparable:
                row["previous_pillars"] = {pid: (old["pillars"][pid] or {}).get("mean") for pid in pillar_ids}
                row["pillar_changes"] = {
                    pid: _change(stats["pillars"][pid], old["pillars"][pid]) for pid in pillar_ids
                }
        rows.append(row)
    return rows


def _grid(
    doc: Mapping[str, Any],
    prev: Mapping[str, Any] | None,
    ministries: Names,
    small: int,
    agency_results: bool,
) -> dict[str, Any] | None:
    """The performance/growth grid (DECISIONS §14) as `dgmm.cycle.apply_growth` makes it, from the
    previous cycle's results when given, else the grid the results document holds."""
    if prev is not None:
        records = [dict(r) for r in doc["agencies"]]
        grid = apply_growth({"agencies": records}, prev)
    elif doc.get("grid"):
        records, grid = list(doc["agencies"]), doc["grid"]
    else:
        return None
    placed = [r for r in records if r.get("growth")]
    per_ministry: dict[str, int] = {}
    for r in placed:
        if r.get("ministry"):
            per_ministry[r["ministry"]] = per_ministry.get(r["ministry"], 0) + 1
    units = []
    for m in grid.get("ministries") or []:
        code = m["ministry"]
        n = per_ministry.get(code)
        hidden = not agency_results and n is not None and n < small
        th, en = ministries.get(code, (code, code))
        units.append(
            {
                "code": code,
                "name_th": th,
                "name_en": en,
                "agencies": n,
                "suppressed": hidden,
                "score": None if hidden else m["score"],
                "change": None if hidden else m["change"],
                "quadrant": None if hidden else m["quadrant"],
            }
        )
    agencies = dict(grid.get("agencies") or {})
    agencies["placed"] = sum(int(v) for v in (agencies.get("counts") or {}).values())
    if agency_results:
        agencies["points"] = [
            {
                "id": r["id"],
                "score": r["overall"]["score"],
                "change": r["growth"]["change"],
                "quadrant": r["growth"]["quadrant"],
            }
            for r in placed
        ]
    return {"agencies": agencies, "ministries": {**(grid.get("ministries_means") or {}), "units": units}}


def _top(records: list[Record], top: int) -> list[dict[str, Any]]:
    ranked = sorted(
        (r for r in records if r.get("rank") is not None and r["rank"] <= top),
        key=lambda r: (r["rank"], r["id"]),
    )
    return [
        {
            "rank": r["rank"],
            "id": r["id"],
            "name_th": r["name_th"],
            "name_en": r["name_en"],
            "ministry": r.get("ministry"),
            "province": r.get("province"),
            "score": r["overall"]["score"],
            "level": r["overall"]["level"],
            "group": r.get("group"),
        }
        for r in ranked
    ]


# -- fact finding ------------------------------------------------------------------------------------------
def fact_inputs(fw: Framework) -> list[tuple[Input, str]]:
    """The questions whose answers are summarised (FACT_TYPES, answered by the agency), in framework
    order, each with its pillar's id; an input code once."""
    seen: dict[str, tuple[Input, str]] = {}
    for p, sp in fw.iter_sub_pillars():
        for t in sp.topics:
            for topic in (t, *t.sub_topics):
                for inp in topic.inputs:
                    if inp.type in FACT_TYPES and inp.answered_by != "analyst":
                        seen.setdefault(inp.code, (inp, p.id))
    return list(seen.values())


def respondents_values(answers: AnswerSet, agency_ids: Iterable[str], code: str) -> list[Any]:
    """The own answers of these agencies to one input, in their order (an agency that did not answer:
    left out)."""
    own = answers.own
    return [a[code] for i in agency_ids if code in (a := own.get(i, {}))]


def option_counts(inp: Input, values: Sequence[Any]) -> list[tuple[Any, Text, int]]:
    """(option code, label, number of respondents who chose it) per option of a choice or yes/no input;
    yes/no: True then False, labelled in `YES_NO`."""
    if inp.type == "yes_no":
        return [(k, YES_NO[k], sum(1 for v in values if v is k)) for k in (True, False)]
    if inp.type == "multiple_choice":
        return [(o.code, o.label, sum(1 for v in values if o.code in v)) for o in inp.options]
    return [(o.code, o.label, sum(1 for v in values if v == o.code)) for o in inp.options]


YES_NO: Mapping[bool, Text] = {True: Text(th="ใช่", en="Yes"), False: Text(th="ไม่ใช่", en="No")}


def number_summary(values: Sequence[Any]) -> dict[str, float]:
    """mean, median, min and max of numeric answers (at least one)."""
    nums = [float(v) for v in values]
    return {
        "mean": statistics.fmean(nums),
        "median": statistics.median(nums),
        "min": min(nums),
        "max": max(nums),
    }


def fact_distributions(
    fw: Framework, records: Sequence[Record], answers: AnswerSet, small: int
) -> list[dict[str, Any]]:
    """Per question (`fact_inputs`) that someone answered: its respondents among `records` (the agencies
    whose answers count) and the agencies per option, or the summary of a numeric answer (left out,
    None, when fewer than `small` agencies answered: a minimum or maximum would be one agency's answer)."""
    ids = [r["id"] for r in records]
    out = []
    for inp, pillar in fact_inputs(fw):
        values = respondents_values(answers, ids, inp.code)
        if not values:
            continue
        item: dict[str, Any] = {
            "code": inp.code,
            "type": inp.type,
            "label": _text(inp.label),
            "pillar": pillar,
            "topic": inp.topic_id,
            "respondents": len(values),
            "options": None,
            "numbers": None,
        }
        if inp.type in NUMBER_TYPES:
            item["numbers"] = number_summary(values) if len(values) >= small else None
        else:
            item["options"] = [
                {
                    "code": ("yes" if code else "no") if inp.type == "yes_no" else code,
                    "label": _text(label),
                    "count": k,
                    "share": k / len(values) * 100,
                }
                for code, label, k in option_counts(inp, values)
            ]
        out.append(item)
    return out
