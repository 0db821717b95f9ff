"""The roll-up is written once: the helpers the golden tests call give what scoring gives, agency by
agency."""

from __future__ import annotations

import pytest

from dgmm import load_framework, read_agencies, read_answers, score_cycle
from dgmm.inheritance import answers_of
from dgmm.scoring.agency import score_agency
from dgmm.scoring.rollup import overall_level, overall_score, pillar_level, roll_up
from dgmm.simulate import simulate_cycle, write_csv


def test_a_node_without_parts_that_have_a_value_has_none_never_zero() -> None:
    assert roll_up([(1.0, None, None), (2.0, None, None)], "floor_mean") == (None, None)
    assert roll_up([(1.0, 50.0, 3), (3.0, 100.0, None)], "floor_mean") == (87.5, 3)
    assert roll_up([(1.0, 50.0, 3)], "floor_mean", levelled=False) == (50.0, None)


@pytest.mark.parametrize("framework", ["dept-2566", "pcio-2566", "province-2563"])
def test_the_golden_tests_helpers_roll_up_as_scoring_does(framework: str, tmp_path) -> None:
    fw = load_framework(framework)
    agencies_csv, answers_csv = write_csv(simulate_cycle(fw, 40, seed=3), tmp_path)
    agencies = read_agencies(agencies_csv)
    answers = read_answers(answers_csv, fw, {a.id: a.tier for a in agencies})
    doc = score_cycle(fw, agencies, answers)
    checked = 0
    for rec in doc["agencies"]:
        if rec["status"] != "scored":
            continue
        pillars = rec["pillars"]
        subs = {k: v["level"] for k, v in rec["sub_pillars"].items()}
        for p in fw.pillars:
            assert pillar_level(fw, p.id, subs) == pillars[p.id]["level"], (rec["id"], p.id)
        assert overall_score(fw, {k: v["score"] for k, v in pillars.items()}) == rec["overall"]["score"]
        assert overall_level(fw, {k: v["level"] for k, v in pillars.items()}) == rec["overall"]["level"]
        checked += 1
    assert checked > 20
    # and an agency scored on its own (score_agency, not the cycle scorer) rolls up the same way
    rec = next(r for r in doc["agencies"] if r["status"] == "scored")
    a = answers_of(answers, rec["id"], rec.get("parent_id"))
    res = score_agency(fw, a.own, a.parent, a.analyst, parent_id=a.parent_id, parent_analyst=a.parent_analyst)
    assert overall_score(fw, {pid: r.score for pid, r in res.pillars.items()}) == res.overall.score
    assert res.overall.score == rec["overall"]["score"]
