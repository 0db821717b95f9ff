"""Every required input of the 2566 frameworks can be answered truthfully by every agency.

The least able agency (it does none of what a question asks, or its main service lacks the step) must
find its answer among the options of every required question it is asked, and the criteria then put it
at level 1 (seed 002: each topic's level 1 is "does not ...") or leave the topic out as not applicable.
Questions it is not asked (applies_if) need no answer. The answers for situations between the options
(both masking methods, an update time that varies) are in the tables of test_dept_2566.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from dgmm import load_framework, parse_answers, score_agency
from dgmm.framework.schema import Framework, Input
from dgmm.scoring.agency import input_applies

PROCESSES = (
    "search",
    "identity",
    "request",
    "review",
    "approval",
    "payment",
    "licence",
    "delivery",
    "satisfaction",
    "display",
)

# For every required single choice: the option of the agency that does none of it (seed line of its level 1).
NONE_OF_IT: dict[str, dict[str, str]] = {
    "dept-2566": {
        # not a practice: every agency is one type; 'or other' is with policy (line 128)
        "P1.1.mission": "policy",
        "P2.1.1.catalog": "none",  # lines 161-162
        "P2.8.1": "none",  # no updating (line 178)
        "P2.8.2": "varies",  # on a fixed cycle, but no fixed update time: 'ไม่แน่นอน' (line 178)
        "P2.9": "0",  # data not used at all (line 186)
        "P4.5": "copies",  # collects copies (line 204)
        **{f"P4.3.{p}": "na" for p in PROCESSES},  # the main service has no such step (DECISIONS §24)
    },
    "pcio-2566": {
        "P1.2": "no",
        "P2.1.1.catalog": "none",
        "P2.2": "0",
        "P4.3": "requests",
        # from the parent department (the department's questions, DECISIONS §23)
        "P2.8.1": "none",
        "P2.8.2": "varies",
        "P2.9": "0",
    },
}


def none_of_it(fw: Framework, inp: Input) -> str:
    """The raw answer of an agency that does none of what `inp` asks."""
    if inp.type in ("multiple_choice", "matrix"):
        return ""  # nothing chosen: the forms' "None of these"
    if inp.type == "yes_no":
        return "no"
    if inp.min is not None:
        return f"{inp.min:g}"
    return NONE_OF_IT[fw.id][inp.code]


def answers_of_the_least_able(fw: Framework, answered_by: str) -> dict[str, Any]:
    """Typed answers to every required input `answered_by` answers that applies to this agency."""
    raw = {c: none_of_it(fw, i) for c, i in fw.inputs.items() if i.required and i.answered_by == answered_by}
    values = parse_answers(fw, raw)
    return {c: v for c, v in values.items() if input_applies(fw, c, values)}


@pytest.fixture(scope="module", params=["dept-2566", "pcio-2566"])
def fw(request: pytest.FixtureRequest) -> Framework:
    return load_framework(request.param)


def test_every_required_single_choice_has_an_answer_for_doing_none_of_it(fw: Framework) -> None:
    singles = {c for c, i in fw.inputs.items() if i.required and i.type == "single_choice"}
    assert singles == set(NONE_OF_IT[fw.id])
    for code, option in NONE_OF_IT[fw.id].items():
        assert option in fw.inputs[code].option_codes, code


def test_the_least_able_agency_answers_everything_it_is_asked_and_is_at_level_1(fw: Framework) -> None:
    dept = load_framework("dept-2566")
    parent = answers_of_the_least_able(dept, "agency") if fw.id != dept.id else None
    res = score_agency(
        fw,
        answers_of_the_least_able(fw, "agency"),
        parent_values=parent,
        analyst_values=answers_of_the_least_able(fw, "analyst"),
    )
    undetermined = {t: r.missing for t, r in res.topics.items() if r.status == "undetermined"}
    assert undetermined == {}
    above = {t: r.level for t, r in res.topics.items() if r.level not in (1, None)}
    assert above == {}
    not_applicable = {t for t, r in res.topics.items() if r.status == "not_applicable"}
    assert not_applicable == (
        {"P4.SP1.T3", *(f"P4.SP1.T3.S{i}" for i in range(1, 11))} if fw.id == "dept-2566" else set()
    )
