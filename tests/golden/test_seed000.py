"""Golden tests: the seed 000 agency report's own numbers (report_agency_golden.json).

Bueng Kan Provincial Commerce Office, 6-pillar provincial model (province-2563).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from dgmm import display, higher_than, load_framework
from dgmm.cohort.growth import quadrant
from dgmm.cycle import highlights
from dgmm.framework.schema import Framework
from dgmm.scoring.rollup import overall_level, overall_score, pillar_level
from tests.conftest import SPEC

GOLDEN: dict[str, Any] = json.loads((SPEC / "report_agency_golden.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework("province-2563")


def _pid(n: int) -> str:
    return f"P{n}"


def _sub_ids(fw: Framework) -> dict[tuple[int, str], str]:
    """(pillar number, name as in the report's maturity-model list) -> framework sub-pillar id."""
    out = {}
    for p, sp in fw.iter_sub_pillars():
        out[(int(p.id[1:]), sp.name_en.lower())] = sp.id
    return out


def test_pillar_names_and_weights(fw: Framework) -> None:
    assert [p.name_en for p in fw.pillars] == [p["name_en"] for p in GOLDEN["pillars"]]
    assert [p.name_th for p in fw.pillars] == [p["name_th"] for p in GOLDEN["pillars"]]
    inferred = GOLDEN["overall"]["derived_not_printed"]["pillar_weights_pct_inferred"]
    assert fw.weights() == {k: float(v) for k, v in inferred.items()}


def test_overall_score_57_09_from_its_pillar_scores(fw: Framework) -> None:
    pillars = {_pid(p["id"]): p["agency_pct"] for p in GOLDEN["pillars"]}
    score = overall_score(fw, pillars)
    assert score == pytest.approx(57.0875)
    assert display(score) == GOLDEN["overall"]["score_printed"] == "57.09"


def test_same_group_average_59_26(fw: Framework) -> None:
    group = {_pid(p["id"]): p["same_group_provincial_avg_pct"] for p in GOLDEN["pillars"]}
    assert display(overall_score(fw, group)) == f"{GOLDEN['overall']['same_group_provincial_avg_pct']:.2f}"


def test_equal_weights_would_not_reproduce_the_report(fw: Framework) -> None:
    pillars = [p["agency_pct"] for p in GOLDEN["pillars"]]
    assert display(sum(pillars) / len(pillars)) != "57.09"


def test_six_pillar_levels_from_sub_pillar_levels(fw: Framework) -> None:
    ids = _sub_ids(fw)
    levels: dict[str, int | None] = {}
    for sp in GOLDEN["sub_pillars"]:
        if sp.get("mm_name") and sp.get("level") is not None:
            levels[ids[(sp["pillar"], sp["mm_name"].lower())]] = sp["level"]
    got = {p.id: pillar_level(fw, p.id, levels) for p in fw.pillars}
    assert got == {_pid(p["id"]): p["level"] for p in GOLDEN["pillars"]}
    assert overall_level(fw, got) == GOLDEN["overall"]["level"] == 3


def test_sub_pillars_outside_the_model_match_the_report(fw: Framework) -> None:
    ids = _sub_ids(fw)
    outside = {
        ids[(sp["pillar"], sp["mm_name"].lower())]
        for sp in GOLDEN["sub_pillars"]
        if sp.get("mm_name") and sp["in_maturity_model"] is False
    }
    assert outside == {sp.id for _, sp in fw.iter_sub_pillars() if not sp.in_model}
    assert len(outside) == 6


def test_most_outstanding_and_lowest_pillar(fw: Framework) -> None:
    pillars = {_pid(p["id"]): p["agency_pct"] for p in GOLDEN["pillars"]}
    h = highlights(fw, pillars, {})
    assert h["most_outstanding_pillar"] == _pid(GOLDEN["overall"]["most_outstanding_pillar"])
    assert h["lowest_pillar"] == _pid(GOLDEN["overall"]["lowest_pillar"])


def test_comparison_with_group_and_parent_overall(fw: Framework) -> None:
    own = overall_score(fw, {_pid(p["id"]): p["agency_pct"] for p in GOLDEN["pillars"]})
    group = overall_score(fw, {_pid(p["id"]): p["same_group_provincial_avg_pct"] for p in GOLDEN["pillars"]})
    parent = overall_score(
        fw, {_pid(p["id"]): p["parent_dept_provincial_avg_pct"] for p in GOLDEN["pillars"]}
    )
    assert own is not None and group is not None and parent is not None
    assert (own < group) == (GOLDEN["overall"]["comparison_vs_same_group_avg"] == "lower")
    assert (own > parent) == (GOLDEN["overall"]["comparison_vs_parent_dept"] == "higher")


@pytest.mark.parametrize(
    ("comparator", "key"), [("same_group", "same_group_avg"), ("parent", "parent_dept_avg"), ("no1", "no1")]
)
def test_scoring_higher_than_lists(fw: Framework, comparator: str, key: str) -> None:
    """Given comparator values on either side of the agency's own, the lists are those the report prints.

    The report does not print the comparators' sub-indicator values; a value 0.01 below the agency's
    makes a listed item, a value equal to it (strictly greater is required) an unlisted one.
    """
    ids = _sub_ids(fw)
    own: dict[str, float | None] = {}
    comp: dict[str, float | None] = {}
    expected: list[str] = []
    for sp in GOLDEN["sub_pillars"]:
        if not sp.get("mm_name") or sp.get("score_pct") is None:
            continue
        sid = ids[(sp["pillar"], sp["mm_name"].lower())]
        own[sid] = sp["score_pct"]
        listed = sp["listed_higher_than"][key]
        comp[sid] = sp["score_pct"] - 0.01 if listed else sp["score_pct"]
        if listed:
            expected.append(sid)
    order = [sp.id for _, sp in fw.iter_sub_pillars()]
    assert higher_than(own, comp, order) == expected
    assert expected, "the report lists something for every comparator"


def test_quadrant_of_a_growth_point_is_independent_of_levels() -> None:
    assert quadrant(57.09, 0.0, 59.26, 0.0) == "rising_star"
