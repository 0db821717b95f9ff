"""A cycle scored with memoised outcomes is the document that scoring each agency on its own gives.

The comparison is on the JSON text, so key order and every digit of every score count.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from dgmm import AnswerSet, Framework, load_framework, read_agencies, read_answers, score_agency, score_cycle
from dgmm.scoring.engine import engine_for
from dgmm.scoring.memo import CycleScorer, outcomes_of
from dgmm.scoring.projection import projections
from tests.bench_support import FORMS, random_answers, random_cycle, reference_cycle, simulated


def _text(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False)


@pytest.fixture(scope="module")
def forms() -> Framework:
    return load_framework(FORMS)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_rule_form_scores_as_one_agency_at_a_time(forms: Framework, seed: int) -> None:
    agencies, answers = random_cycle(forms, 600, seed)
    assert _text(score_cycle(forms, agencies, answers)) == _text(reference_cycle(forms, agencies, answers))


def test_the_random_cycle_reaches_every_case(forms: Framework) -> None:
    """The cycle above is worth comparing: parents with and without answers, analysts, every status."""
    agencies, answers = random_cycle(forms, 600, 1)
    doc = score_cycle(forms, agencies, answers)
    topics = [t for a in doc["agencies"] if a["status"] == "scored" for t in a["topics"].values()]
    assert {t["status"] for t in topics} == {"determined", "undetermined", "no_level"}
    assert {t["provenance"].split(":")[0] for t in topics} == {"own", "analyst", "parent"}
    assert {t.get("reason") for t in topics} == {None, "parent_missing"}
    assert {a["status"] for a in doc["agencies"]} == {"scored", "no_answers"}
    assert {t["level"] for t in topics} == {None, 1, 2, 3, 4, 5}
    assert any(a.get("parent_id") and answers.own.get(a["parent_id"]) == {} for a in doc["agencies"])


@pytest.mark.parametrize(
    ("framework_id", "agencies"), [("dept-2566", 200), ("pcio-2566", 150), ("province-2563", 150)]
)
def test_simulated_cycles_score_as_one_agency_at_a_time(
    tmp_path: Path, framework_id: str, agencies: int
) -> None:
    fw = load_framework(framework_id)
    d = simulated(fw, agencies, 7, tmp_path)
    registry = read_agencies(d / "agencies.csv")
    answers = read_answers(d / "answers.csv", fw, {a.id: a.tier for a in registry})
    assert _text(score_cycle(fw, registry, answers)) == _text(reference_cycle(fw, registry, answers))
    # the same agencies with part of their answers given by an analyst instead
    rnd = random.Random(5)
    for agency_id, values in list(answers.own.items())[::3]:
        moved = {c: v for c, v in values.items() if rnd.random() < 0.2}
        answers.analyst[agency_id] = moved
        if rnd.random() < 0.5:
            answers.own[agency_id] = {c: v for c, v in values.items() if c not in moved}
    assert _text(score_cycle(fw, registry, answers)) == _text(reference_cycle(fw, registry, answers))


def test_each_agency_gets_what_score_agency_gives(forms: Framework) -> None:
    """The scorer on its own, agency by agency, against score_agency (the memo filled in any order)."""
    rnd = random.Random(11)
    codes = list(forms.inputs)
    scorer = CycleScorer(forms)
    for k in range(400):
        values = random_answers(forms, rnd, codes, blank=0.25)
        parent = random_answers(forms, rnd, codes, blank=0.5) if k % 3 else None
        analyst = random_answers(forms, rnd, ["S2", "Y1"], blank=0.5) if k % 4 == 0 else None
        got = scorer.score(values, parent, analyst, parent_id=f"D{k % 7}")
        want = outcomes_of(forms, score_agency(forms, values, parent, analyst, parent_id=f"D{k % 7}"))
        assert [o.entry for o in got[1]] == [o.entry for o in want[1]]
        assert [o.entry for o in got[2]] == [o.entry for o in want[2]]
        assert [o.topics for o in got[3]] == [o.topics for o in want[3]]
        assert got[0].entry == want[0].entry


def test_answers_that_cannot_be_looked_up_are_scored_directly(mini: Framework) -> None:
    """A value that is not hashable (a list for a multiple choice) cannot be a memo key."""
    from dgmm import Agency

    agencies = [Agency(id="D1", tier="department"), Agency(id="D2", tier="department")]
    answers = AnswerSet()
    answers.own = {
        "D1": {"Q1": ["a", "b"], "Q2": True, "Q3": "all", "Q4": "mid", "Q6": "s2"},
        "D2": {"Q1": frozenset({"a", "b"}), "Q2": True, "Q3": "all", "Q4": "mid", "Q6": "s2"},
    }
    doc = score_cycle(mini, agencies, answers)
    assert _text(doc) == _text(reference_cycle(mini, agencies, answers))
    assert doc["agencies"][0]["topics"]["A.1.T1"]["level"] == 3


def test_stored_values_that_do_not_fit_make_their_topics_undetermined_in_the_cycle(mini: Framework) -> None:
    from dgmm import Agency

    agencies = [
        Agency(id="D1", tier="department"),
        Agency(id="D2", tier="department"),
        Agency(id="D3", tier="department"),
    ]
    full = {"Q1": frozenset({"a", "b"}), "Q2": True, "Q3": "all", "Q4": "mid", "Q6": "s2"}
    answers = AnswerSet()
    answers.own = {"D1": dict(full), "D2": {k: v for k, v in full.items() if k != "Q1"}}
    answers.invalid = {"D2": {"Q1": "expected at most 72 characters, found 20000"}, "D3": {"Q6": "bad"}}
    doc = score_cycle(mini, agencies, answers)
    d1, d2, d3 = doc["agencies"]
    assert d1["topics"]["A.1.T1"] == {"score": 50.0, "level": 3, "status": "determined", "provenance": "own"}
    assert d2["topics"]["A.1.T1"] == {
        "score": None,
        "level": None,
        "status": "undetermined",
        "provenance": "own",
        "missing": ["Q1"],
        "reason": "invalid_value",
    }
    assert d2["topics"]["A.1.T2"]["level"] == 5 and d2["status"] == "scored"
    assert d3["status"] == "scored" and d3["topics"]["B.1.T2"]["reason"] == "invalid_value"


def test_records_share_no_dict_or_list(forms: Framework) -> None:
    agencies, answers = random_cycle(forms, 200, 4)
    doc = score_cycle(forms, agencies, answers)
    seen: dict[int, Any] = {}

    def walk(x: Any) -> None:
        if isinstance(x, dict | list):
            assert id(x) not in seen, "an object reachable twice"
            seen[id(x)] = x
            for v in x.values() if isinstance(x, dict) else x:
                walk(v)

    walk(doc)


def test_projections_keep_only_what_rules_see(forms: Framework) -> None:
    proj = projections(forms, engine_for(forms))
    # multiple choice seen through count(), count(x, {...}), 'x' in and all()
    m1 = proj["M1"]
    assert m1(frozenset("ac")) == m1(frozenset("bc"))  # two chosen, one of {a, b}, none of {e, f}, no 'd'
    assert m1(frozenset("ac")) != m1(frozenset("ad"))  # 'd' in M1 differs
    assert m1(frozenset("ae")) != m1(frozenset("af"))  # 'f' in M1 (the applies_if of M1.note) differs
    assert proj["M3"](frozenset("xy")) != proj["M3"](frozenset("xyz"))  # all(M3)
    # points on the options keep the whole value; so does points(), rank(), arithmetic
    assert "M2" not in proj and "S1" not in proj and "N2" not in proj
    # a number compared with constants only: the comparisons' outcomes
    assert proj["N1"](3) == proj["N1"](5) != proj["N1"](5.5)  # N1 > 2.5, N1 > 5, ...
    # a text seen through answered() and quoted texts only
    assert proj["T1"]("https://a.example/") == proj["T1"]("https://b.example/")
    assert proj["T2"]("plan") != proj["T2"]("other") == proj["T2"]("note 3")
    # a matrix through any(), count() and full_rows()
    x1 = proj["X1"]
    assert x1(frozenset({("r1", frozenset({"k1", "k2"}))})) == x1(
        frozenset({("r2", frozenset({"k1", "k2"}))})
    )
