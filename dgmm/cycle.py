"""Score a whole cycle: every agency of the framework's tiers, then the cohort statistics.

The output is the results document of docs/results-format.md, as plain JSON-ready data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import reduce
from itertools import compress, repeat
from operator import add, is_not
from typing import Any, cast

from dgmm.answers import AnswerSet
from dgmm.cohort.counting import DEFAULT_POLICY, PARENT_NOT_COUNTED, Counting, result_status
from dgmm.cohort.growth import grid
from dgmm.cohort.peers import cutoffs, group_of
from dgmm.cohort.ranking import competition_ranks, number_one
from dgmm.framework.schema import Framework
from dgmm.inheritance import PARENT_MISSING, AgencyAnswers, answers_of, has_answered, plan_for
from dgmm.registry import Agency
from dgmm.rounding import tie_key
from dgmm.scoring.agency import AgencyResult
from dgmm.scoring.batch import paused_gc
from dgmm.scoring.memo import CycleScorer, Outcome, topic_entries, topic_entry

FORMAT = "dgmm-results"
FORMAT_VERSION = 1
IMPROVE_FIRST = 5

Progress = Callable[[int], None]


def _head(agency: Agency) -> dict[str, Any]:
    return {
        "id": agency.id,
        "name_th": agency.name_th,
        "name_en": agency.name_en,
        "tier": agency.tier,
        "ministry": agency.ministry or None,
        "province": agency.province or None,
        "parent_id": agency.parent_id or None,
        "agency_type": agency.agency_type or None,
    }


def _record(
    agency: Agency, res: AgencyResult | None, status: str = "no_answers", submission: str | None = None
) -> dict[str, Any]:
    """An agency's record from its AgencyResult (None: not scored, with `status` saying why: it did
    not answer, or its answers do not count, DECISIONS §27, §28)."""
    rec = _head(agency)
    rec["submission"] = submission
    if res is None:
        rec.update(
            status=status,
            overall=None,
            group=None,
            rank=None,
            pillars={},
            sub_pillars={},
            topics={},
            highlights=None,
            growth=None,
        )
        return rec
    rec["status"] = "scored"
    rec["overall"] = {"score": res.overall.score, "level": res.overall.level}
    rec["group"] = None
    rec["rank"] = None
    rec["pillars"] = {k: {"score": v.score, "level": v.level} for k, v in res.pillars.items()}
    rec["sub_pillars"] = {
        k: {"score": v.score, "level": v.level, "in_model": v.in_model, "inherited": v.inherited}
        for k, v in res.sub_pillars.items()
    }
    topics: dict[str, Any] = {}
    for k, t in res.topics.items():
        topics[k] = topic_entry(t)
    rec["topics"] = topics
    rec["highlights"] = None
    rec["growth"] = None
    return rec


def highlights(
    framework: Framework, pillars: Mapping[str, float | None], sub_pillars: Mapping[str, float | None]
) -> dict[str, Any]:
    """Most outstanding and lowest pillar (§12) and the five sub-pillars to improve first (§13).

    Ties: the first pillar in framework order; sub-pillars of equal score in framework order.
    """
    pillar_ids = [p.id for p in framework.pillars]
    sp_ids = [sp.id for _, sp in framework.iter_sub_pillars()]
    keys = [None if (v := pillars.get(pid)) is None else tie_key(v) for pid in pillar_ids]
    orders = [
        None if (v := sub_pillars.get(sid)) is None else (tie_key(v), i) for i, sid in enumerate(sp_ids)
    ]
    return _pick_highlights(pillar_ids, sp_ids, keys, orders)


def score_cycle(
    framework: Framework,
    agencies: Sequence[Agency],
    answers: AnswerSet,
    previous: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    *,
    statuses: Mapping[str, str] | None = None,
    policy: str = DEFAULT_POLICY,
) -> dict[str, Any]:
    """Score every agency of the framework's tiers and compute the cohort statistics.

    An agency is scored when its answers count and it answered something itself
    (`dgmm.inheritance.has_answered`); the inputs it inherits read its parent's answers (the parent's
    analyst checks first). `statuses` (agency id -> submission status, `dgmm.cohort.counting`) and
    `policy` say whose answers count (DECISIONS §28): an agency whose answers do not count is listed
    with its status (not_submitted, returned, not_approved) and nothing else, and is left out of every
    cohort figure; a child never reads the answers of a parent department whose answers do not count
    (those topics are undetermined, reason parent_not_counted). Without `statuses` every agency counts.
    Every record carries `submission`: the agency's submission status, or None without `statuses`."""
    counting = Counting(statuses, policy)
    with paused_gc():
        tiers = set(framework.tiers)
        cohort = [a for a in agencies if a.tier in tiers]
        scorer = CycleScorer(framework)
        may_inherit = scorer.may_inherit
        pillar_ids = scorer.pillar_ids
        sub_pillar_ids = [sp.id for sp in scorer.sub_pillars]
        records: list[dict[str, Any]] = []
        scored: list[_Scored] = []
        invalid = answers.invalid
        plans = (plan_for(framework, False), plan_for(framework, True))
        for i, agency in enumerate(cohort):
            submission = counting.submission(agency.id)
            if not counting.counts(agency.id):  # DECISIONS §28
                records.append(_record(agency, None, result_status(cast(str, submission)), submission))
                continue
            bad = invalid.get(agency.id, ()) if invalid else ()
            a = answers_of(answers, agency.id, agency.parent_id if may_inherit else None)
            parent_counts = counting.counts(a.parent_id)
            silenced = False  # the parent gave answers that do not count
            if not parent_counts:  # nothing of a parent whose answers do not count is read (§28)
                silenced = bool(a.parent or a.parent_analyst or (invalid and invalid.get(a.parent_id or "")))
                a = AgencyAnswers(a.own, a.analyst, a.parent_id, None, None)
            if has_answered(plans[bool(agency.parent_id)], a.own, bad):  # DECISIONS §27
                parent_bad = invalid.get(a.parent_id, ()) if invalid and a.parent_id and parent_counts else ()
                overall, p_outs, sp_outs, t_outs = scorer.score(
                    a.own,
                    a.parent,
                    a.analyst,
                    parent_id=a.parent_id,
                    invalid=bad,
                    parent_invalid=parent_bad,
                    has_parent=a.has_parent,
                    parent_analyst=a.parent_analyst,
                )
                rec = _head(agency)
                rec.update(
                    submission=submission,
                    status="scored",
                    overall=overall.entry.copy(),
                    group=None,
                    rank=None,
                    pillars={k: o.entry.copy() for k, o in zip(pillar_ids, p_outs, strict=True)},
                    sub_pillars={k: o.entry.copy() for k, o in zip(sub_pillar_ids, sp_outs, strict=True)},
                    topics=topic_entries(t_outs),
                    highlights=None,
                    growth=None,
                )  # as _record makes it
                if silenced:
                    _parent_not_counted(rec["topics"])
                records.append(rec)
                if overall.score is not None:
                    scored.append((rec, overall, p_outs, sp_outs))
            else:
                records.append(_record(agency, None, submission=submission))
            if progress is not None and (i + 1) % 500 == 0:
                progress(500)
        if progress is not None:
            progress(len(cohort) % 500)
        doc = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "framework": {"id": framework.id, "revision": framework.revision, "year": framework.year},
            "cohort": _cohort_statistics(framework, scored, invited=len(cohort))
            | _counting_figures(counting, records),
            "agencies": records,
            "grid": None,
        }
        if previous is not None:
            doc["grid"] = apply_growth(doc, previous)
        return doc


def _parent_not_counted(topics: dict[str, dict[str, Any]]) -> None:
    """Say why the inherited topics of a child of a parent whose answers do not count are undetermined."""
    for entry in topics.values():
        if entry.get("reason") == PARENT_MISSING:
            entry["reason"] = PARENT_NOT_COUNTED


def _counting_figures(counting: Counting, records: list[dict[str, Any]]) -> dict[str, Any]:
    """The cohort's policy and how many agencies are listed per status (DECISIONS §28)."""
    statuses: dict[str, int] = {}
    for r in records:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    return {
        "policy": counting.policy if counting.knows_statuses else None,
        "statuses": dict(sorted(statuses.items())),
    }


_Scored = tuple[
    dict[str, Any], Outcome, list[Outcome], list[Outcome]
]  # record and its overall, pillars, sub-pillars


def _cohort_statistics(framework: Framework, scored: list[_Scored], invited: int) -> dict[str, Any]:
    """Percentiles, groups, ranks, No.1 and averages of the records just scored, a column at a time."""
    agg = framework.aggregation
    scores = {r["id"]: cast(float, o.score) for r, o, _, _ in scored}  # only agencies with an overall score
    cuts = cutoffs(list(scores.values()), agg.groups) if scores else {}
    ranks = competition_ranks(scores)
    pillar_ids = [p.id for p in framework.pillars]
    sp_ids = [sp.id for _, sp in framework.iter_sub_pillars()]
    groups: dict[str, list[int]] = {g.id: [] for g in agg.groups}
    parents: dict[str, list[int]] = {}
    for k, (r, overall, pillars, sps) in enumerate(scored):
        r["group"] = group = group_of(cast(float, overall.score), agg.groups, cuts)
        r["rank"] = ranks[r["id"]]
        r["highlights"] = _highlights(pillar_ids, sp_ids, pillars, sps)
        groups[group].append(k)
        if r["parent_id"]:
            parents.setdefault(r["parent_id"], []).append(k)
    rows = _Rows(scored, pillar_ids, sp_ids)
    everyone = list(range(len(scored)))
    pct = (
        {f"p{int(g.min_percentile)}": cuts[g.id] for g in agg.groups if g.min_percentile > 0} if cuts else {}
    )
    return {
        "tiers": list(framework.tiers),
        "invited": invited,
        "scored": len(scored),
        "percentiles": pct,
        "small_group_min": agg.small_group_min,
        "all": rows.summary(everyone) | {"levels": _levels(scored, pillar_ids)},
        "groups": {k: rows.summary(v) for k, v in groups.items()},
        "parents": {k: rows.summary(v) for k, v in sorted(parents.items())},
        "no1": number_one(ranks),
    }


def _highlights(
    pillar_ids: list[str], sp_ids: list[str], pillars: list[Outcome], sps: list[Outcome]
) -> dict[str, Any]:
    """highlights() from outcomes, whose tie keys are already computed."""
    return _pick_highlights(pillar_ids, sp_ids, [o.tie for o in pillars], [o.order for o in sps])


def _pick_highlights(
    pillar_ids: list[str], sp_ids: list[str], keys: list[float | None], orders: list[tuple[float, int] | None]
) -> dict[str, Any]:
    """The selection behind highlights(): pillars by tie key, sub-pillars by (tie key, position)."""
    best = worst = None
    best_key = worst_key = 0.0
    for pid, key in zip(pillar_ids, keys, strict=True):
        if key is None:
            continue
        if best is None or key > best_key:
            best, best_key = pid, key
        if worst is None or key < worst_key:
            worst, worst_key = pid, key
    low = sorted(o for o in orders if o is not None)[:IMPROVE_FIRST]
    return {
        "most_outstanding_pillar": best,
        "lowest_pillar": worst,
        "improve_first": [sp_ids[i] for _, i in low],
    }


class _Rows:
    """Scores of the scored agencies as rows (overall, pillars, sub-pillars), for averages over any subset."""

    def __init__(self, scored: list[_Scored], pillar_ids: list[str], sp_ids: list[str]) -> None:
        self.pillar_ids, self.sp_ids = pillar_ids, sp_ids
        self.overall = [o.score for _, o, _, _ in scored]
        self.pillars = [[o.score for o in ps] for _, _, ps, _ in scored]
        self.sub_pillars = [[o.score for o in ss] for _, _, _, ss in scored]

    def summary(self, subset: list[int]) -> dict[str, Any]:
        """Accumulator(...).summary() of the agencies at these positions (in order), a column at a time."""
        overall = _mean_of(tuple(self.overall[k] for k in subset))
        pillars = _means(list(zip(*[self.pillars[k] for k in subset], strict=True)), self.pillar_ids)
        sub_pillars = _means(list(zip(*[self.sub_pillars[k] for k in subset], strict=True)), self.sp_ids)
        return {
            "count": len(subset),
            "overall": overall[0] / overall[1] if overall else None,
            "pillars": {k: m for k, (m, _) in pillars.items()},
            "sub_pillars": {k: m for k, (m, _) in sub_pillars.items()},
            "counts": {
                "overall": overall[1] if overall else 0,
                "pillars": {k: n for k, (_, n) in pillars.items()},
                "sub_pillars": {k: n for k, (_, n) in sub_pillars.items()},
            },
        }


def _mean_of(column: tuple[float | None, ...]) -> tuple[float, int] | None:
    """The sum (added in order, as Accumulator adds) and count of the values that exist; None: none exists."""
    values = list(compress(column, map(is_not, column, repeat(None))))
    return (reduce(add, values, 0.0), len(values)) if values else None


def _means(columns: list[tuple[float | None, ...]], ids: list[str]) -> dict[str, tuple[float, int]]:
    """(mean, number of values) per id over the values that exist, ids in the order Accumulator first
    meets a value for each."""
    sums = [_mean_of(c) for c in columns]
    first = {
        j: (list(map(is_not, c, repeat(None))).index(True), j)
        for j, c in enumerate(columns)
        if sums[j] is not None
    }
    out = {}
    for j in sorted(first, key=first.__getitem__):
        total, n = sums[j]  # type: ignore[misc]
        out[ids[j]] = (total / n, n)
    return out


def _levels(rows: list[_Scored], pillar_ids: list[str]) -> dict[str, dict[str, int]]:
    """Level distributions of the overall and each pillar, keys in the order Accumulator meets them."""
    counts: dict[str, dict[int, int]] = {}
    for _, overall, pillars, _ in rows:
        if overall.level is not None:
            d = counts.setdefault("overall", {})
            d[overall.level] = d.get(overall.level, 0) + 1
        for pid, o in zip(pillar_ids, pillars, strict=True):
            if o.level is not None:
                d = counts.setdefault(pid, {})
                d[o.level] = d.get(o.level, 0) + 1
    return {k: {str(lv): n for lv, n in sorted(d.items())} for k, d in counts.items()}


def apply_growth(doc: dict[str, Any], previous: Mapping[str, Any]) -> dict[str, Any]:
    """Change since the previous cycle per agency and the agencies' and ministries' grids (§14)."""
    prev_scores = {
        a["id"]: a["overall"]["score"]
        for a in previous.get("agencies", [])
        if a.get("status") == "scored" and a.get("overall") and a["overall"].get("score") is not None
    }
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
    ministry_points = {
        m: (sum(s for s, _ in v) / len(v), sum(c for _, c in v) / len(v)) for m, v in by_ministry.items()
    }
    ministries_grid = grid(ministry_points)
    return {
        "agencies": {k: agencies_grid[k] for k in ("mean_score", "mean_change", "counts")},
        "ministries": [
            {"ministry": m, "score": s, "change": c, "quadrant": ministries_grid["units"][m]}
            for m, (s, c) in sorted(ministry_points.items())
        ],
        "ministries_means": {k: ministries_grid[k] for k in ("mean_score", "mean_change", "counts")},
    }
