"""Numbers as shown: decimal half up of the exact value, never of the float's noise (DECISIONS §6)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from dgmm import load_framework
from dgmm.reports import fmt
from dgmm.rounding import compare_shown, display, tie_key
from dgmm.scoring.rollup import overall_score

# province-2563 pillar weights 20/20/30/10/15/5: these pillar scores give exactly 285/8 = 35.625
PILLARS = {"P1": 0.0, "P2": 50.0, "P3": 100 / 3, "P4": 250 / 3, "P5": 37.5, "P6": 100 / 3}
EXACT = {
    "P1": Fraction(0),
    "P2": Fraction(50),
    "P3": Fraction(100, 3),
    "P4": Fraction(250, 3),
    "P5": Fraction(75, 2),
    "P6": Fraction(100, 3),
}


def test_an_overall_score_of_285_8_is_shown_35_63() -> None:
    fw = load_framework("province-2563")
    weights = fw.weights()
    assert sum(Fraction(weights[k]) * v for k, v in EXACT.items()) / 100 == Fraction(285, 8)
    score = overall_score(fw, PILLARS)
    assert score is not None and score < 35.625  # the float carries noise below the exact value
    assert display(score) == "35.63"
    assert fmt.score(score) == "35.63" and fmt.pct(score) == "35.63%" and fmt.change(score) == "+35.63"
    assert display(-score) == "-35.63"


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [
        (35.62499999999999, 2, "35.63"),
        (35.625, 2, "35.63"),
        (35.624999, 2, "35.62"),
        (6.25, 1, "6.3"),
        (49.875, 2, "49.88"),
        (2.675, 2, "2.68"),
        (-0.001, 2, "0.00"),
        (-0.0, 2, "0.00"),
        (None, 2, "-"),
    ],
)
def test_display_is_half_up_of_the_value_to_nine_decimals(
    value: float | None, digits: int, shown: str
) -> None:
    assert display(value, digits) == shown


def test_comparisons_use_the_values_as_shown() -> None:
    taken = 1 / 3 * 100
    parent_average = sum([taken] * 6) / 6  # six agencies with the same score: one bit lower
    assert parent_average < taken
    assert compare_shown(taken, parent_average) == 0
    assert compare_shown(57.1, 57.09) == 1 and compare_shown(57.09, 57.1) == -1
    assert compare_shown(None, 1.0) is None
    assert fmt.cmp_shown(35.62499999999999, 35.625) == 0
    assert tie_key(35.62499999999999) == tie_key(35.625)


def test_advice_numbers_follow_the_one_rounding_rule() -> None:
    from dgmm.rules.words import fmt_number

    assert fmt_number(285 / 8) == "35.63"  # printed 35.62 by plain float formatting
    assert (fmt_number(1234.5), fmt_number(2000.0), fmt_number(0.125), fmt_number(None)) == (
        "1,234.5",
        "2,000",
        "0.13",
        "-",
    )
