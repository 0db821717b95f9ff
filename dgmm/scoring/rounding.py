"""The only place dgmm rounds: level aggregation rules, display of scores, and tie comparison."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

TIE_DIGITS = 9  # scores equal to 9 decimals are equal (ties share a rank)


def aggregate_levels(levels: Sequence[int], rule: str) -> int | None:
    """One level from several: floor of the mean (default), mean rounded half up, or the minimum.

    Integer arithmetic only, so 3 + 4 + 4 = 11 / 3 = 3.67 gives exactly 3 under floor_mean.
    """
    if not levels:
        return None
    if rule == "min":
        return min(levels)
    total, n = sum(levels), len(levels)
    if rule == "round_mean":
        return (2 * total + n) // (2 * n)
    return total // n


def display(value: float | None, digits: int = 2) -> str:
    """A score as printed: fixed decimals, half up (57.0875 -> '57.09'); '-' when there is none."""
    if value is None:
        return "-"
    q = Decimal(1).scaleb(-digits)
    return str(Decimal(repr(value)).quantize(q, rounding=ROUND_HALF_UP))


def tie_key(value: float) -> float:
    """The value used to compare scores for ranks and groups (removes floating-point noise)."""
    return round(value, TIE_DIGITS)
