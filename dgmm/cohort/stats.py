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

    def add(self, overall: float | None, pillars: Mapping[str, float | None],
            sub_pillars: Mapping[str, float | None], overall_level: int | None = None,
            pillar_levels: Mapping[str, int | None] | None = None) -> None:
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
        }
        if with_levels:
            out["levels"] = {k: {str(lv): n for lv, n in sorted(d.items())} for k, d in self.levels.items()}
        return out


def mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def visible(summary: Mapping[str, Any] | None, small_group_min: int) -> Mapping[str, Any] | None:
    """The summary when it covers enough agencies to be shown to others, else None (§15)."""
    if summary is None or summary.get("count", 0) < small_group_min:
        return None
    return summary
