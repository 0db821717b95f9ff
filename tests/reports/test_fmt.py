"""Printed numbers and dates: the core's rounding, signs, Thai digits, Buddhist-era dates."""

from __future__ import annotations

import datetime as dt

from dgmm.reports import fmt


def test_scores_use_the_cores_display_rounding() -> None:
    assert fmt.score(57.0875) == "57.09"  # seed 000's overall score
    assert fmt.pct(69.81) == "69.81%"
    assert fmt.score(None) == fmt.DASH
    assert fmt.score(32.94, 1) == "32.9"


def test_changes_carry_their_sign_and_never_minus_zero() -> None:
    assert fmt.change(4.7) == "+4.70"
    assert fmt.change(-1.254) == "-1.25"
    assert fmt.change(-0.001) == "0.00"


def test_comparisons_are_made_on_printed_values() -> None:
    assert fmt.cmp_shown(57.091, 57.094) == 0  # both print as 57.09: "equal", never "lower"
    assert fmt.cmp_shown(57.1, 57.09) == 1
    assert fmt.cmp_shown(None, 1.0) is None


def test_thai_digits_and_buddhist_era_dates() -> None:
    assert fmt.thai_digits("32.9 (2560)") == "๓๒.๙ (๒๕๖๐)"
    assert fmt.arabic_digits("๗ มีนาคม ๒๕๖๑") == "7 มีนาคม 2561"
    assert fmt.date_text(dt.date(2018, 3, 7), "th") == "7 มีนาคม 2561"
    assert fmt.date_text(dt.date(2018, 3, 7), "en") == "7 March 2018"
    assert fmt.rate(1179, 1444) == "81.6%" and fmt.rate(1, 0) == fmt.DASH
