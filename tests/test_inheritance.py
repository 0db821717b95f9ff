"""dgmm.inheritance: who answers each input (own, parent, analyst) and the answers scoring reads.

The framework is the web tests' all-types.yaml: topic P1.SP1.T4 is `from_parent` (input S1), A1 is an
analyst check in the agency's own topic P1.SP1.T3.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dgmm import Framework, load_framework, parse_answers, score_agency
from dgmm.inheritance import Source, has_answered, overlay, plan_for

ALL_TYPES = Path(__file__).parent / "web" / "data" / "all-types.yaml"
COMPLETE = {
    "C1": "b",
    "C2": "x|y",
    "C3": "yes",
    "N1": "12",
    "N2": "3.5",
    "N3": "55",
    "N4": "2560",
    "U1": "https://example.go.th",
    "M1": "r1:k1|r1:k2",
    "S1": "70",
}
CHILD = {k: v for k, v in COMPLETE.items() if k != "S1"}


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework(ALL_TYPES)


def _v(fw: Framework, raw: dict[str, str]) -> dict[str, object]:
    return parse_answers(fw, raw)


def test_a_department_without_a_parent_answers_its_parent_topics_itself(fw: Framework) -> None:
    plan = plan_for(fw, has_parent=False)
    assert plan.source("S1") is Source.OWN and not plan.topic_inherited("P1.SP1.T4")
    res = score_agency(fw, _v(fw, COMPLETE))  # no parent: S1 = 70 is its own answer
    t4 = res.topics["P1.SP1.T4"]
    assert (t4.level, t4.status, t4.provenance) == (4, "determined", "own")
    assert res.sub_pillars["P1.SP1"].inherited == "none"


def test_a_child_reads_its_parents_answer_and_the_parents_analyst_check_first(fw: Framework) -> None:
    plan = plan_for(fw, has_parent=True)
    assert plan.source("S1") is Source.PARENT and plan.topic_inherited("P1.SP1.T4")
    own = _v(fw, {**CHILD, "S1": "10"})  # the child's own S1 is never read
    ov = overlay(
        fw,
        own,
        has_parent=True,
        parent_id="D1",
        parent=_v(fw, {"S1": "30"}),
        parent_analyst=_v(fw, {"S1": "90"}),
    )
    assert (ov.values["S1"], ov.provenance["S1"], ov.provenance["C1"]) == (90, "parent:D1", "own")
    res = score_agency(fw, own, _v(fw, {"S1": "30"}), parent_id="D1")
    t4 = res.topics["P1.SP1.T4"]
    assert (t4.level, t4.provenance) == (2, "parent:D1")
    assert res.sub_pillars["P1.SP1"].inherited == "partial"


def test_a_child_whose_parent_has_not_answered_is_undetermined_never_zero(fw: Framework) -> None:
    res = score_agency(fw, _v(fw, CHILD), None, parent_id="D1")
    t4 = res.topics["P1.SP1.T4"]
    assert (t4.level, t4.score, t4.status, t4.reason, t4.missing) == (
        None,
        None,
        "undetermined",
        "parent_missing",
        ("S1",),
    )
    # answered by the parent, only not this input: the same reason
    t4 = score_agency(fw, _v(fw, CHILD), _v(fw, {"C1": "a"}), parent_id="D1").topics["P1.SP1.T4"]
    assert (t4.status, t4.reason) == ("undetermined", "parent_missing")


def test_analyst_checks_are_the_analysts_and_win_over_the_agencys_value(fw: Framework) -> None:
    for has_parent in (False, True):
        assert plan_for(fw, has_parent).source("A1") is Source.ANALYST
    t3 = score_agency(fw, _v(fw, {**COMPLETE, "A1": "no"}), analyst_values=_v(fw, {"A1": "yes"})).topics[
        "P1.SP1.T3"
    ]
    assert (t3.level, t3.provenance) == (
        4,
        "analyst",
    )  # passes the check: the analyst's yes, not the agency's no


def test_an_input_answered_by_the_parent_inside_an_own_topic(fw: Framework, tmp_path: Path) -> None:
    text = ALL_TYPES.read_text(encoding="utf-8").replace(
        "{code: N4, type: year,", "{code: N4, type: year, answered_by: parent,"
    )
    path = tmp_path / "all-types.yaml"
    path.write_text(text, encoding="utf-8")
    mixed = load_framework(path)
    assert (
        plan_for(mixed, True).source("N4") is Source.PARENT
        and plan_for(mixed, False).source("N4") is Source.OWN
    )
    child = score_agency(mixed, _v(mixed, CHILD), None, parent_id="D1").topics["P1.SP1.T2"]
    # N4 is the parent's to answer and still missing, but the topic's level reads only N3: whatever the
    # parent answers, the level stays (DECISIONS §2), so it is determined and N4 is listed as missing
    assert (child.status, child.level, child.missing, child.provenance) == ("determined", 3, ("N4",), "own")
    child = score_agency(mixed, _v(mixed, CHILD), _v(mixed, {"N4": "2561"}), parent_id="D1").topics[
        "P1.SP1.T2"
    ]
    assert (child.status, child.level) == ("determined", 3)
    assert score_agency(mixed, _v(mixed, COMPLETE)).topics["P1.SP1.T2"].level == 3  # a department answers N4


def test_only_an_agencys_own_answers_make_it_a_respondent(fw: Framework) -> None:
    child, dept = plan_for(fw, True), plan_for(fw, False)
    assert not has_answered(child, {"S1": 70})  # an answer to an inherited input is not the child's
    assert has_answered(dept, {"S1": 70})
    assert not has_answered(child, {})
    assert has_answered(child, {}, invalid=("C1",))  # a stored value that no longer fits was still given
    assert not score_agency(fw, {}, _v(fw, {"S1": "70"}), _v(fw, {"A1": "yes"}), parent_id="D1").answered
