"""Peer groups by percentile of the overall score (DECISIONS §9)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from dgmm.framework.schema import Group
from dgmm.rounding import tie_key


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """The p-th percentile by linear interpolation between closest ranks (numpy's default)."""
    if not sorted_values:
        raise ValueError("percentile of no values")
    pos = (len(sorted_values) - 1) * p / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    frac = pos - lo
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * frac


def cutoffs(scores: Sequence[float], groups: Sequence[Group]) -> dict[str, float]:
    """The score at which each group starts (highest group first)."""
    ordered = sorted(scores)
    return {g.id: percentile(ordered, g.min_percentile) for g in groups}


def group_of(score: float, groups: Sequence[Group], cuts: dict[str, float]) -> str:
    """The group of a score; a score equal to a cut-off goes to the higher group."""
    key = tie_key(score)
    for g in groups:  # highest first
        if key >= tie_key(cuts[g.id]):
            return g.id
    return groups[-1].id
