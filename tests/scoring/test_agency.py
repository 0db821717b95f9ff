"""Scoring one agency on the small test framework: DECISIONS §1-8 one by one."""

from __future__ import annotations

import pytest

from dgmm import AnswerError, Framework, parse_answers, score_agency
from dgmm.rounding import aggregate_levels, display

FULL = {"Q1": "a|b", "Q2": "yes", "Q3": "all", "Q4": "mid", "Q6": "s2"}


def _score(
    fw: Framework,
    raw: dict[str, str],
    parent: dict[str, str] | None = None,
    analyst: dict[str, str] | None = None,
):  # type: ignore[no-untyped-def]
    return score_agency(
        fw,
        parse_answers(fw, raw),
        parse_answers(fw, parent) if parent is not None else None,
        parse_answers(fw, analyst) if analyst else None,
        parent_id="PARENT",
    )


@pytest.mark.parametrize(("q1", "level"), [("", 1), ("a", 2), ("a|b", 3), ("a|b|c", 4), ("a|b|c|d", 5)])
def test_band_levels(mini: Framework, q1: str, level: int) -> None:
    assert _score(mini, {**FULL, "Q1": q1}).topics["A.1.T1"].level == level


@pytest.mark.parametrize(("q5", "level"), [("20", 1), ("20.01", 2), ("40", 2), ("80", 4), ("80.5", 5)])
def test_strict_bands_read_parent_answers(mini: Framework, q5: str, level: int) -> None:
    res = _score(mini, FULL, parent={"Q5": q5})
    t = res.topics["B.1.T1"]
    assert (t.level, t.provenance) == (level, "parent:PARENT")


def test_parent_without_answers_is_undetermined_never_zero(mini: Framework) -> None:
    t = _score(mini, FULL).topics["B.1.T1"]
    assert t.level is None and t.score is None
    assert (t.status, t.reason, t.missing) == ("undetermined", "parent_missing", ("Q5",))


def test_cumulative_levels_with_a_gap(mini: Framework) -> None:
    # level 4 has no criterion: level 5's `prev` refers to level 3
    assert _score(mini, {**FULL, "Q3": "all"}).topics["A.1.T2"].level == 5
    assert _score(mini, {**FULL, "Q3": "some"}).topics["A.1.T2"].level == 3
    assert _score(mini, {**FULL, "Q3": "none"}).topics["A.1.T2"].level == 2


def test_input_that_does_not_apply_is_ignored(mini: Framework) -> None:
    res = _score(mini, {**FULL, "Q2": "no", "Q3": "all"})  # Q3 only applies when Q2 is yes
    t = res.topics["A.1.T2"]
    assert (t.level, t.status) == (1, "determined")


def test_missing_required_input_leaves_topic_undetermined(mini: Framework) -> None:
    raw = dict(FULL)
    del raw["Q3"]
    t = _score(mini, raw).topics["A.1.T2"]
    assert t.level is None and t.missing == ("Q3",)


def test_optional_input_never_blocks(mini: Framework) -> None:
    t = _score(mini, FULL).topics["B.1.T2"]  # Q7 (other, optional) unanswered
    assert (t.level, t.status) == (4, "determined")


def test_map_rule(mini: Framework) -> None:
    levels = [_score(mini, {**FULL, "Q6": v}).topics["B.1.T2"].level for v in ("s0", "s1", "s2", "s3")]
    assert levels == [1, 2, 4, 5]


def test_outside_the_model_has_a_score_and_no_level(mini: Framework) -> None:
    res = _score(mini, FULL)
    assert res.topics["A.2.T1"].status == "no_level"
    assert res.topics["A.2.T1"].score == pytest.approx(50.0)
    sp = res.sub_pillars["A.2"]
    assert (sp.level, sp.in_model, sp.score) == (None, False, pytest.approx(50.0))


def test_rollup(mini: Framework) -> None:
    res = _score(mini, FULL, parent={"Q5": "55"})
    # A.1: levels 3 and 5 -> floor(4.0) = 4; scores (50 + 100) / 2 = 75
    assert (res.sub_pillars["A.1"].level, res.sub_pillars["A.1"].score) == (4, pytest.approx(75.0))
    # pillar A: sub-pillar weights = 2 topics (A.1) and 2 possible points (A.2); A.2 has no level
    assert res.pillars["A"].score == pytest.approx((2 * 75 + 2 * 50) / 4)
    assert res.pillars["A"].level == 4
    # B.1: levels 3 (parent) and 4 -> floor(3.5) = 3
    assert res.sub_pillars["B.1"].level == 3
    assert res.sub_pillars["B.1"].inherited == "partial"
    # overall = 60 % A + 40 % B; level = floor(mean(4, 3)) = 3
    assert res.overall.score == pytest.approx(0.6 * 62.5 + 0.4 * (50 + 75) / 2)
    assert res.overall.level == 3


def test_analyst_value_wins(mini: Framework) -> None:
    res = _score(mini, FULL, analyst={"Q6": "s3"})
    t = res.topics["B.1.T2"]
    assert (t.level, t.provenance) == (5, "analyst")


def test_bad_values_are_all_reported(mini: Framework) -> None:
    with pytest.raises(AnswerError) as info:
        parse_answers(mini, {"Q1": "a|z", "Q2": "maybe", "Q5": "12x", "Q9": "1"})
    msgs = {p.where: p.message for p in info.value.problems}
    assert "'z' not among the options (a, b, c, d)" in msgs["Q1"]
    assert "expected yes or no" in msgs["Q2"]
    assert "expected a number" in msgs["Q5"]
    assert "unknown input code 'Q9'" in msgs["Q9"]


def test_percent_bounds(mini: Framework) -> None:
    with pytest.raises(AnswerError, match=r"in 0\.\.100"):
        parse_answers(mini, {"Q5": "101"})


@pytest.mark.parametrize(
    ("levels", "rule", "expected"),
    [
        ([3, 4, 4], "floor_mean", 3),
        ([3, 4, 4], "round_mean", 4),
        ([3, 4, 4], "min", 3),
        ([2, 3], "floor_mean", 2),
        ([2, 3], "round_mean", 3),
        ([5], "floor_mean", 5),
        ([], "floor_mean", None),
    ],
)
def test_aggregate_levels(levels: list[int], rule: str, expected: int | None) -> None:
    assert aggregate_levels(levels, rule) == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [(57.0875, "57.09"), (59.262, "59.26"), (0.125, "0.13"), (2.675, "2.68"), (None, "-"), (100.0, "100.00")],
)
def test_display_rounds_half_up(value: float | None, shown: str) -> None:
    assert display(value) == shown


def test_follow_up_of_an_unanswered_question_counts_as_missing(mini: Framework) -> None:
    """Q3 applies when Q2 is yes; with Q2 unanswered, Q3 is unknown — missing, not "not asked"."""
    raw = {k: v for k, v in FULL.items() if k not in ("Q2", "Q3")}
    t = _score(mini, raw).topics["A.1.T2"]
    assert (t.level, t.missing) == (None, ("Q2", "Q3"))
    answered_no = _score(mini, {**raw, "Q2": "no"}).topics["A.1.T2"]
    assert (answered_no.level, answered_no.missing) == (1, ())


def test_a_stored_value_that_does_not_fit_leaves_its_topics_undetermined(mini: Framework) -> None:
    raw = dict(FULL)
    del raw["Q3"]  # stored, but no longer fits: left out of the values and named as invalid
    res = score_agency(mini, parse_answers(mini, raw), invalid={"Q3", "Q7"})
    t = res.topics["A.1.T2"]
    assert (t.level, t.status, t.reason, t.missing) == (None, "undetermined", "invalid_value", ("Q3",))
    t = res.topics["B.1.T2"]  # Q7 is optional, but a value that does not fit is never read as "no answer"
    assert (t.level, t.status, t.reason, t.missing) == (None, "undetermined", "invalid_value", ("Q7",))
    assert res.topics["A.1.T1"].status == "determined"
    assert res.overall.level is not None


def test_an_unanswered_points_topic_is_undetermined_never_zero(mini: Framework) -> None:
    raw = {k: v for k, v in FULL.items() if k != "Q4"}
    res = _score(mini, raw, parent={"Q5": "55"})
    t = res.topics["A.2.T1"]
    assert (t.status, t.score, t.level, t.missing) == ("undetermined", None, None, ("Q4",))
    assert res.sub_pillars["A.2"].score is None
    assert res.pillars["A"].score == pytest.approx(res.sub_pillars["A.1"].score)  # A.2 left out, not a 0
    assert _score(mini, {**raw, "Q4": "low"}).topics["A.2.T1"].score == 0.0  # answered 0 points: a real 0


def test_a_province_agency_with_unanswered_points_topics_is_not_pulled_down(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """pao-12 of the simulated province-2563 cycle (seed 7, 60 agencies, as the report tests use) leaves
    four analyst points topics unanswered; read as 0 they gave 49.88, left out it is 68.96."""
    from dgmm import load_framework, read_agencies, read_answers, score_cycle
    from dgmm.simulate.cycle import simulate_cycle
    from dgmm.simulate.output import write_csv

    fw = load_framework("province-2563")
    agencies_csv, answers_csv = write_csv(simulate_cycle(fw, 60, seed=7), tmp_path)
    agencies = read_agencies(agencies_csv)
    doc = score_cycle(fw, agencies, read_answers(answers_csv, fw, {a.id: a.tier for a in agencies}))
    rec = next(a for a in doc["agencies"] if a["id"] == "pao-12")
    unanswered = ["P1.SP3.T1", "P1.SP4.T1", "P3.SP2.T1", "P5.SP3.T4"]
    assert all(
        rec["topics"][t]["status"] == "undetermined" and rec["topics"][t]["score"] is None for t in unanswered
    )
    assert display(rec["overall"]["score"]) == "68.96"


def test_a_topic_of_sub_topics_scores_the_same_way_determined_or_not() -> None:
    """Its score is the mean of its sub-topics' scores either way, so answering the last sub-topic at
    level 5 can never lower the score of the topic (4 and 5: 87.5, not the 75 of level 4)."""
    from dgmm import load_framework
    from tests.bench_support import FORMS

    forms = load_framework(FORMS)
    both = score_agency(forms, parse_answers(forms, {"Q1": "4", "Q2": "5"})).topics["C.1.T3"]
    one = score_agency(forms, parse_answers(forms, {"Q1": "5"})).topics["C.1.T3"]
    assert (both.status, both.level, both.score) == ("determined", 4, 87.5)
    assert (one.status, one.level, one.score) == ("undetermined", None, 100.0)
