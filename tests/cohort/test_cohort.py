"""Percentile groups, competition ranks, growth quadrants and small-group suppression."""

from __future__ import annotations

import pytest

from dgmm.cohort.growth import grid, quadrant
from dgmm.cohort.peers import cutoffs, group_of, percentile
from dgmm.cohort.ranking import competition_ranks, number_one
from dgmm.cohort.stats import Accumulator, visible
from dgmm.framework.schema import Aggregation


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        ([1, 2, 3, 4], 50, 2.5),
        ([1, 2, 3, 4], 75, 3.25),
        ([1, 2, 3, 4], 25, 1.75),
        ([10], 75, 10.0),
        ([0, 10, 20, 30, 40], 75, 30.0),
        ([0, 10, 20, 30, 40], 0, 0.0),
        ([0, 10, 20, 30, 40], 100, 40.0),
    ],
)
def test_percentile_is_linear_interpolation(values: list[float], p: float, expected: float) -> None:
    assert percentile(values, p) == pytest.approx(expected)


def test_groups_and_cutoff_ties_go_up() -> None:
    groups = Aggregation().groups
    scores = [10.0, 20.0, 30.0, 40.0, 50.0]  # P25 = 20, P50 = 30, P75 = 40
    cuts = cutoffs(scores, groups)
    assert cuts == {"very_high": 40.0, "high": 30.0, "middle": 20.0, "low": 10.0}
    assert [group_of(s, groups, cuts) for s in scores] == ["low", "middle", "high", "very_high", "very_high"]
    assert group_of(39.999999, groups, cuts) == "high"


def test_competition_ranking_and_no1() -> None:
    ranks = competition_ranks({"B": 90.0, "A": 90.0, "C": 80.0, "D": 70.0, "E": 80.0 + 1e-12})
    assert ranks == {"A": 1, "B": 1, "C": 3, "E": 3, "D": 5}
    assert number_one(ranks) == "A"


@pytest.mark.parametrize(
    ("score", "change", "expected"),
    [
        (60, 5, "developed"),
        (60, -1, "maintain"),
        (40, 5, "rising_star"),
        (40, -1, "developing"),
        (50, 2, "developed"),
    ],
)
def test_quadrants(score: float, change: float, expected: str) -> None:
    assert quadrant(score, change, mean_score=50, mean_change=2) == expected


def test_grid_uses_the_means_of_the_plotted_units() -> None:
    g = grid({"a": (80.0, 10.0), "b": (20.0, 0.0), "c": (50.0, 2.0)})
    assert g["mean_score"] == pytest.approx(50.0) and g["mean_change"] == pytest.approx(4.0)
    assert g["units"] == {"a": "developed", "b": "developing", "c": "maintain"}


def test_small_groups_are_suppressed() -> None:
    assert visible({"count": 2, "overall": 50.0}, 3) is None
    acc = Accumulator()
    for _ in range(3):
        acc.add(50.0, {"P1": 40.0}, {})
    assert visible(acc.summary(), 3) == {
        "count": 3,
        "overall": 50.0,
        "pillars": {"P1": 40.0},
        "sub_pillars": {},
        "counts": {"overall": 3, "pillars": {"P1": 3}, "sub_pillars": {}},
    }


def test_each_average_needs_enough_agencies_with_the_value() -> None:
    """A group of 4 in which one agency has a Pillar 7 score: that average is its own score, not shown."""
    acc = Accumulator()
    acc.add(60.0, {"P1": 50.0, "P7": 80.0}, {"P7.SP1": 80.0})
    for score in (40.0, 50.0, 70.0):
        acc.add(score, {"P1": 50.0, "P7": None}, {"P7.SP1": None})
    summary = acc.summary()
    assert summary["count"] == 4 and summary["pillars"]["P7"] == 80.0
    shown = visible(summary, 3)
    assert shown is not None
    assert shown["pillars"] == {"P1": 50.0, "P7": None} and shown["sub_pillars"] == {"P7.SP1": None}
    assert shown["overall"] == 55.0
    assert visible({"count": 4, "overall": 55.0}, 3) is None  # no counts: nothing is known to be safe
