"""Averages over sets of agencies, with small-group suppression (DECISIONS §11, §15)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Accumulator:
    """Running sums of overall, pillar and sub-pillar scores for one set of agencies."""

    count: int = 0
    overall: list[float] = field(default_factory=lambda: [0.0, 0])
    pillars: dict[str, list[float]] = field(default_factory=dict)
    sub_pillars: dict[str, list[float]] = field(default_factory=dict)
    levels: dict[str, dict[int, int]] = field(default_factory=dict)

    def add(
        self,
        overall: float | None,
        pillars: Mapping[str, float | None],
        sub_pillars: Mapping[str, float | None],
        overall_level: int | None = None,
        pillar_levels: Mapping[str, int | None] | None = None,
    ) -> None:
        self.count += 1
        if overall is not None:
            self.overall[0] += overall
            self.overall[1] += 1
        for bucket, values in ((self.pillars, pillars), (self.sub_pillars, sub_pillars)):
            for k, v in values.items():
                if v is not None:
                    acc = bucket.setdefault(k, [0.0, 0])
                    acc[0] += v
                    acc[1] += 1
        if overall_level is not None:
            d = self.levels.setdefault("overall", {})
            d[overall_level] = d.get(overall_level, 0) + 1
        for k, lv in (pillar_levels or {}).items():
            if lv is not None:
                d = self.levels.setdefault(k, {})
                d[lv] = d.get(lv, 0) + 1

    def summary(self, with_levels: bool = False) -> dict[str, Any]:
        def mean(acc: Sequence[float]) -> float | None:
            return acc[0] / acc[1] if acc[1] else None

        out: dict[str, Any] = {
            "count": self.count,
            "overall": mean(self.overall),
            "pillars": {k: mean(v) for k, v in self.pillars.items()},
            "sub_pillars": {k: mean(v) for k, v in self.sub_pillars.items()},
            "counts": {
                "overall": int(self.overall[1]),
                "pillars": {k: int(v[1]) for k, v in self.pillars.items()},
                "sub_pillars": {k: int(v[1]) for k, v in self.sub_pillars.items()},
            },
        }
        if with_levels:
            out["levels"] = {k: {str(lv): n for lv, n in sorted(d.items())} for k, d in self.levels.items()}
        return out


def mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def visible(summary: Mapping[str, Any] | None, small_group_min: int) -> dict[str, Any] | None:
    """What of an average may be shown to other agencies (§15): None when the set has fewer than
    `small_group_min` agencies; otherwise the summary with every average that fewer than
    `small_group_min` agencies have a value for left out (None), so that an average over a group of
    4 in which one agency has a Pillar 7 score never shows that agency's own score to the others.

    The number behind each average is the summary's `counts`; a summary without them (results
    written before they were kept) shows nothing: `recount` makes them again from the records.
    """
    if summary is None or summary.get("count", 0) < small_group_min:
        return None
    counts = summary.get("counts")
    if counts is None:
        return None
    out = dict(summary)
    if (counts.get("overall") or 0) < small_group_min:
        out["overall"] = None
    for kind in ("pillars", "sub_pillars"):
        have = counts.get(kind) or {}
        out[kind] = {
            k: (v if have.get(k, 0) >= small_group_min else None)
            for k, v in (summary.get(kind) or {}).items()
        }
    return out


def recount(records: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The summary (means and counts) of scored agency records, as the cohort statistics make it."""
    acc = Accumulator()
    for r in records:
        acc.add(
            (r.get("overall") or {}).get("score"),
            {k: v.get("score") for k, v in (r.get("pillars") or {}).items()},
            {k: v.get("score") for k, v in (r.get("sub_pillars") or {}).items()},
        )
    return acc.summary()
