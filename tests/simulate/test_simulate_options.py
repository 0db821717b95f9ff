"""Choices follow maturity as the framework's own rules rank them; unranked choices are random."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dgmm import Framework, load_framework
from dgmm.simulate import simulate_cycle
from dgmm.simulate.options import option_groups

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sim-mini.yaml"


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework(FIXTURE)


def test_options_are_ranked_by_levels_points_or_not_at_all(fw: Framework) -> None:
    groups = option_groups(fw)
    assert groups["P4.4.delay"] == [
        ["over_quarter"],
        ["day"],
        ["realtime"],
    ]  # by the map rule, not file order
    assert groups["P4.3.1"] == [["paper"], ["form"], ["e2e"]]
    assert groups["P1.5"] == [["none"], ["exec"], ["all"]]  # by points
    assert groups["P4.1.channel"] == [["web", "app"]]  # no rule reads it: one group


def _choices(fw: Framework, code: str) -> tuple[Counter[str], Counter[str]]:
    cycle = simulate_cycle(fw, 3000, 31)
    maturity = {a["id"]: a["maturity"] for a in cycle.agencies}
    rows = sorted(((maturity[a], v) for a, c, v in cycle.answers if c == code), key=lambda r: r[0])
    quarter = len(rows) // 4
    return Counter(v for _, v in rows[:quarter]), Counter(v for _, v in rows[-quarter:])


def test_mature_agencies_choose_what_reaches_higher_levels(fw: Framework) -> None:
    low, high = _choices(fw, "P4.4.delay")
    assert high["realtime"] > 3 * max(low["realtime"], 1)
    assert low["over_quarter"] > 3 * max(high["over_quarter"], 1)


def test_unranked_choices_do_not_follow_maturity(fw: Framework) -> None:
    low, high = _choices(fw, "P4.1.channel")
    for counts in (low, high):
        share = counts["web"] / (counts["web"] + counts["app"])
        assert 0.4 < share < 0.6
