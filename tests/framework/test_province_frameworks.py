"""The provincial frameworks: province-2563 (the seed 000 report model) and province-2560 (seed 003).

Expected values are read from the spec's own transcriptions of the seeds (report_agency_golden.json,
survey_results_2562.json) and DECISIONS.md, never from running the framework once.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from dgmm import load_framework, parse_answers, score_agency
from dgmm.framework.schema import Framework, Pillar, SubPillar
from tests.conftest import SPEC

# DECISIONS.md §4: the sub-pillars of province-2563 outside the maturity model.
OUTSIDE_MODEL = {
    "Cyber Security Policy",
    "Legal & Regulatory Mechanism",
    "Budget Allocation",
    "IT Human Resource",
    "Promoting for Digital Service",
    "Emerging",
}


@pytest.fixture(scope="module")
def p2563() -> Framework:
    return load_framework("province-2563")


@pytest.fixture(scope="module")
def p2560() -> Framework:
    return load_framework("province-2560")


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    return json.loads((SPEC / "report_agency_golden.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sheet_2560() -> list[dict[str, Any]]:
    data = json.loads((SPEC / "survey_results_2562.json").read_text(encoding="utf-8"))
    pillars: list[dict[str, Any]] = data["S003_2560"]["province_result"]["pillars"]
    return pillars


def _sub_pillar(pillar: Pillar, name_en: str) -> SubPillar:
    matches = [sp for sp in pillar.sub_pillars if sp.name_en == name_en]
    assert len(matches) == 1, f"{pillar.id}: {name_en!r} found {len(matches)} times"
    return matches[0]


def _option_for(fw: Framework, code: str, percent: float) -> str:
    """The option of a points input whose share of the maximum points prints as `percent`."""
    inp = fw.inputs[code]
    hits = [
        o.code
        for o in inp.options
        if o.points is not None and round(o.points / inp.max_points * 100, 2) == percent
    ]
    assert len(hits) == 1, f"{code}: no single option worth {percent} %"
    return hits[0]


# -- both files --------------------------------------------------------------------------------


def test_both_load_as_provincial_frameworks(p2563: Framework, p2560: Framework) -> None:
    assert (p2563.id, p2563.year, p2563.tiers, p2563.scored) == ("province-2563", 2563, ("provincial",), True)
    assert (p2560.id, p2560.year, p2560.tiers, p2560.scored) == (
        "province-2560",
        2560,
        ("provincial",),
        False,
    )


# -- province-2563 -----------------------------------------------------------------------------


def test_2563_pillar_weights(p2563: Framework) -> None:
    assert [p.id for p in p2563.pillars] == ["P1", "P2", "P3", "P4", "P5", "P6"]
    assert [p.weight for p in p2563.pillars] == [20, 20, 30, 10, 15, 5]
    assert math.isclose(sum(p2563.weights().values()), 100.0)


def test_2563_pillar_names_are_the_reports(p2563: Framework, golden: dict[str, Any]) -> None:
    printed = [(f"P{p['id']}", p["name_th"], p["name_en"]) for p in golden["pillars"]]
    assert [(p.id, p.name_th, p.name_en) for p in p2563.pillars] == printed


def test_2563_exactly_six_sub_pillars_outside_the_model(p2563: Framework) -> None:
    outside = [sp.name_en for _, sp in p2563.iter_sub_pillars() if not sp.in_model]
    assert sorted(outside) == sorted(OUTSIDE_MODEL)
    for _, sp in p2563.iter_sub_pillars():
        if not sp.in_model:
            assert all(not t.has_level for t in sp.topics), sp.id  # a score, never a level


def test_2563_sub_pillars_in_the_reports_order(p2563: Framework, golden: dict[str, Any]) -> None:
    for pillar in p2563.pillars:
        n = int(pillar.id[1:])
        printed = [s for s in golden["sub_pillars"] if s["pillar"] == n and s["mm_name"] is not None]
        assert [sp.name_en for sp in pillar.sub_pillars] == [s["mm_name"] for s in printed]
        for s in printed:
            assert _sub_pillar(pillar, s["mm_name"]).in_model is s["in_maturity_model"]


def test_2563_level_names_at_the_printed_levels(p2563: Framework, golden: dict[str, Any]) -> None:
    for p in golden["pillars"]:
        assert p2563.pillar(f"P{p['id']}").level_names[p["level"] - 1].en == p["level_name"]
    overall = golden["overall"]
    assert p2563.level_scale[overall["level"] - 1].en == overall["level_name"]


def test_2563_weights_reproduce_the_printed_overall_and_group_average(
    p2563: Framework, golden: dict[str, Any]
) -> None:
    w = p2563.weights()
    agency = sum(w[f"P{p['id']}"] * p["agency_pct"] for p in golden["pillars"]) / 100
    group = sum(w[f"P{p['id']}"] * p["same_group_provincial_avg_pct"] for p in golden["pillars"]) / 100
    assert round(agency, 2) == golden["overall"]["score"]
    assert round(group, 2) == golden["overall"]["same_group_provincial_avg_pct"]


def test_2563_pillar_5_point_weights_reproduce_its_printed_score(
    p2563: Framework, golden: dict[str, Any]
) -> None:
    printed = {s["mm_name"]: s["score_pct"] for s in golden["sub_pillars"] if s["pillar"] == 5}
    raw = {
        "P5.SP1.T1.points": _option_for(p2563, "P5.SP1.T1.points", printed["Reliable Infrastructure"]),
        "P5.SP2.T1.points": _option_for(p2563, "P5.SP2.T1.points", printed["Cyber Security"]),
        "P5.SP3.T4.points": _option_for(p2563, "P5.SP3.T4.points", printed["Data Management"]),
    }
    own = {k: v for k, v in raw.items() if k != "P5.SP2.T1.points"}
    parent = {"P5.SP2.T1.points": raw["P5.SP2.T1.points"]}  # Cyber Security is the parent's
    res = score_agency(p2563, parse_answers(p2563, own), parent_values=parse_answers(p2563, parent))
    p5 = next(p for p in golden["pillars"] if p["id"] == 5)
    assert round(res.pillars["P5"].score, 2) == p5["agency_pct"]
    assert [sp.weight for sp in p2563.pillar("P5").sub_pillars] == [6, 4, 5]


def test_2563_sub_topic_levels_roll_up_as_printed(p2563: Framework, golden: dict[str, Any]) -> None:
    """Answers that give the report's sub-topic levels give its sub-pillar levels and inheritance."""
    printed = {s["mm_name"]: s for s in golden["sub_pillars"] if s["mm_name"]}
    pp = [t["level"] for t in printed["Public Participation"]["subtopics"]]
    assert pp == [4, 4, 5]
    parent = parse_answers(
        p2563,
        {
            "P4.10.1": "1|2|3",  # e-information: 3 of 5 items -> level 4
            "P4.SP4.T2.actions": "5",  # e-Consultation: 5-6 of 8 -> level 4
            "P4.SP4.T3.actions": "4",  # e-Decision making: all 4 -> level 5
        },
    )
    own = parse_answers(
        p2563, {"P2.8.1": "daily|quarterly", "P2.8.2": "week"}
    )  # as printed: daily, quarterly
    res = score_agency(p2563, own, parent_values=parent)
    assert [res.topics[f"P3.SP3.T{i}"].level for i in (1, 2, 3)] == pp
    assert res.sub_pillars["P3.SP3"].level == printed["Public Participation"]["level"]
    assert res.sub_pillars["P3.SP3"].inherited == printed["Public Participation"]["inherited"]
    updating = printed["Data Management"]["subtopics"][0]
    assert res.topics["P5.SP3.T1"].level == updating["level"]
    assert res.sub_pillars["P5.SP3"].level == printed["Data Management"]["level"]
    assert res.sub_pillars["P5.SP3"].inherited == printed["Data Management"]["inherited"]


def test_2563_every_decision_cites_its_seed_line(p2563: Framework) -> None:
    notes = [*p2563.notes]
    for t in p2563.iter_topics():
        notes.extend(t.notes)
    assert notes
    assert all(n.source.startswith("seed ") for n in notes)


# -- province-2560 -----------------------------------------------------------------------------


def test_2560_pillars_and_sub_indicators_match_the_result_sheet(
    p2560: Framework, sheet_2560: list[dict[str, Any]]
) -> None:
    assert [p.id for p in p2560.pillars] == [f"P{p['pillar']}" for p in sheet_2560]
    for pillar, row in zip(p2560.pillars, sheet_2560, strict=True):
        assert (pillar.name_en, pillar.name_th) == (row["name"]["en"], row["name"]["th"])
        expected = [(f"P{row['pillar']}.SP{i}", s["name"]) for i, s in enumerate(row["sub_indicators"], 1)]
        assert [(sp.id, sp.name_en) for sp in pillar.sub_pillars] == expected


def test_2560_is_names_only(p2560: Framework) -> None:
    assert not p2560.inputs
    assert all(not sp.topics for _, sp in p2560.iter_sub_pillars())
