"""Comparisons read from a results document: "higher than" lists and small-group suppression (§11, §15)."""

from __future__ import annotations

from dgmm import Agency, AnswerSet, Framework, comparators, higher_than, score_cycle
from dgmm.cohort.stats import Accumulator


def test_a_sub_pillar_taken_from_the_parent_is_not_higher_than_the_parents_average() -> None:
    """Six agencies under one parent take P1.SP1 wholly from it: each has the parent's value, and the
    parent-department average of six equal floats comes out one bit lower."""
    taken = 1 / 3 * 100  # earned / possible * 100, as a topic's score is computed
    acc = Accumulator()
    for _ in range(6):
        acc.add(50.0, {"P1": taken}, {"P1.SP1": taken, "P1.SP2": 60.0})
    parent = acc.summary()
    assert parent["sub_pillars"]["P1.SP1"] < taken
    own = {"P1.SP1": taken, "P1.SP2": 60.01}
    assert higher_than(own, parent["sub_pillars"], ["P1.SP1", "P1.SP2"]) == ["P1.SP2"]


def _group_of_four(mini: Framework) -> dict[str, object]:
    """Four agencies of one parent department; only D1 answers the question behind pillar B."""
    agencies = [Agency(id=f"D{i}", tier="department", parent_id="PARENT") for i in range(1, 5)]
    base = {"Q1": frozenset({"a", "b"}), "Q2": True, "Q3": "all", "Q4": "mid"}
    answers = AnswerSet()
    answers.own = {"D1": {**base, "Q6": "s3"}, **{f"D{i}": dict(base) for i in range(2, 5)}}
    return score_cycle(mini, agencies, answers)


def test_an_average_only_one_agency_has_is_not_shown_to_the_others(mini: Framework) -> None:
    doc = _group_of_four(mini)
    records = {a["id"]: a for a in doc["agencies"]}
    assert records["D1"]["pillars"]["B"]["score"] == 100.0
    assert all(records[f"D{i}"]["pillars"]["B"]["score"] is None for i in range(2, 5))
    summary = doc["cohort"]["parents"]["PARENT"]
    assert summary["count"] == 4 and summary["counts"]["pillars"] == {"A": 4, "B": 1}
    shown = comparators(doc, "D2")["parent"]
    assert shown is not None
    assert shown["pillars"]["B"] is None and shown["sub_pillars"]["B.1"] is None  # would be D1's own 100.00
    assert shown["pillars"]["A"] == records["D1"]["pillars"]["A"]["score"]
    assert shown["overall"] is not None


def test_results_written_before_counts_were_kept_are_recounted(mini: Framework) -> None:
    doc = _group_of_four(mini)
    summary = doc["cohort"]["parents"]["PARENT"]
    del summary["counts"]
    shown = comparators(doc, "D2")["parent"]
    assert shown is not None and shown["pillars"]["B"] is None and shown["pillars"]["A"] is not None
