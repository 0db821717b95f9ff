"""The only place dgmm rounds: level aggregation rules, display of numbers, and their comparison.

Scores are stored as binary floats, so an exact 285/8 = 35.625 may come out of a weighted mean as
35.62499999999999. Every shown number is therefore first taken to `TIE_DIGITS` decimals (the
floating-point noise is far below that, the survey's numbers far above it) and then rounded half up
to the decimals shown: `display` prints 35.63, as the exact value says. Ranks, groups and highlights
compare `tie_key`, the same 9-decimal value; sentences and lists that call one number higher than
another compare the printed values (`compare_shown`), so they can never contradict what is printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

TIE_DIGITS = 9  # scores equal to 9 decimals are equal (ties share a rank)
_TIE = Decimal(1).scaleb(-TIE_DIGITS)


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


def exact(value: float) -> Decimal:
    """The decimal a stored float stands for: the float taken to TIE_DIGITS decimals, half up."""
    return Decimal(value).quantize(_TIE, rounding=ROUND_HALF_UP)


def shown(value: float, digits: int = 2) -> Decimal:
    """The value as printed with `digits` decimals: its exact decimal rounded half up (35.625 -> 35.63)."""
    return exact(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def display(value: float | None, digits: int = 2) -> str:
    """A number as printed: fixed decimals, half up of the exact value (57.0875 -> '57.09',
    285/8 -> '35.63' whatever floating-point noise it carries); '-' when there is none.
    A value that prints as zero prints without a sign ('0.00', never '-0.00')."""
    if value is None:
        return "-"
    out = shown(value, digits)
    return str(out.copy_abs() if out.is_zero() else out)


def compare_shown(a: float | None, b: float | None, digits: int = 2) -> int | None:
    """-1, 0 or 1 comparing a with b as printed with `digits` decimals; None when either is missing."""
    if a is None or b is None:
        return None
    x, y = shown(a, digits), shown(b, digits)
    return (x > y) - (x < y)


def tie_key(value: float) -> float:
    """The value used to compare scores for ranks and groups (removes floating-point noise)."""
    return round(value, TIE_DIGITS)
