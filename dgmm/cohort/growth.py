"""The performance/growth grid against a previous cycle (DECISIONS §14, seed 001)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dgmm.rounding import tie_key

QUADRANTS = ("developed", "maintain", "rising_star", "developing")


def quadrant(score: float, change: float, mean_score: float, mean_change: float) -> str:
    """High = at or above the mean of the plotted population."""
    high_score = tie_key(score) >= tie_key(mean_score)
    high_growth = tie_key(change) >= tie_key(mean_change)
    if high_score and high_growth:
        return "developed"
    if high_score:
        return "maintain"
    if high_growth:
        return "rising_star"
    return "developing"


def grid(points: Mapping[str, tuple[float, float]]) -> dict[str, Any]:
    """Quadrants of units given (current score, change); lines at the means of the units."""
    if not points:
        return {"mean_score": None, "mean_change": None, "counts": {q: 0 for q in QUADRANTS}, "units": {}}
    ms = sum(s for s, _ in points.values()) / len(points)
    mc = sum(c for _, c in points.values()) / len(points)
    units = {k: quadrant(s, c, ms, mc) for k, (s, c) in points.items()}
    counts = {q: sum(1 for v in units.values() if v == q) for q in QUADRANTS}
    return {"mean_score": ms, "mean_change": mc, "counts": counts, "units": units}
