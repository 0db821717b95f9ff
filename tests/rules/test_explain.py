"""Plans that make a rule hold: the changes to an agency's answers, in words, never what it already does."""

from __future__ import annotations

from typing import Any

import pytest

from dgmm.framework.schema import Input, Option, Text
from dgmm.rules.compile import compile_rule
from dgmm.rules.explain import Change, Planner, apply_changes, describe_value

ENV = {
    "M": Input(
        "M",
        "multiple_choice",
        Text("แผน", "Plans"),
        options=tuple(Option(c, Text(f"แผน {c}", f"Plan {c}")) for c in "abcd"),
    ),
    "S": Input(
        "S",
        "single_choice",
        Text("การอบรม", "Training"),
        options=(
            Option("none", Text("ไม่มี", "None")),
            Option("some", Text("บางส่วน", "Some")),
            Option("all", Text("ทั้งหมด", "All")),
        ),
    ),
    "B": Input("B", "yes_no", Text("มีผู้บริหาร", "Has an executive")),
    "D": Input("D", "integer", Text("ธุรกรรมดิจิทัล", "Digital transactions")),
    "T": Input("T", "integer", Text("ธุรกรรมทั้งหมด", "All transactions")),
    "DP": Input("DP", "integer", Text("ธุรกรรมดิจิทัลปีก่อน", "Digital transactions last year")),
    "TP": Input("TP", "integer", Text("ธุรกรรมทั้งหมดปีก่อน", "All transactions last year")),
    "X": Input(
        "X",
        "matrix",
        Text("ขั้นตอนรายด้าน", "Steps by area"),
        rows=(Option("r1", Text("ด้าน 1", "Area 1")), Option("r2", Text("ด้าน 2", "Area 2"))),
        columns=(Option("c1", Text()), Option("c2", Text())),
    ),
}


def _plans(rule: str, answers: dict[str, Any]) -> list[Any]:
    compiled = compile_rule(rule, ENV)
    return Planner(compiled, ENV, answers).plans(compiled.tree)


def _first(rule: str, answers: dict[str, Any]) -> tuple[list[str], list[Change]]:
    plan = _plans(rule, answers)[0]
    return [s.text.en for s in plan], [c for s in plan for c in s.changes]


def _holds_after(rule: str, answers: dict[str, Any]) -> bool:
    compiled = compile_rule(rule, ENV)
    return bool(compiled.fn(apply_changes(answers, _first(rule, answers)[1], ENV)))


def test_a_rule_that_holds_needs_no_change() -> None:
    assert _plans("count(M) >= 2 and B", {"M": frozenset("ab"), "B": True}) == [()]


def test_counts_say_how_many_more_of_which_items() -> None:
    (text,), (change,) = _first("count(M) >= 3", {"M": frozenset("ab")})
    assert text == "Carry out 1 more in “Plans” (now 2), from: Plan c; Plan d"
    assert (change.kind, change.items, change.need) == ("add", ("c", "d"), 1)
    assert _holds_after("count(M) >= 3", {"M": frozenset("ab")})


def test_only_the_failing_part_of_an_and_is_advised() -> None:
    texts, _ = _first("B and S == 'all'", {"B": True, "S": "some"})
    assert texts == ["Move “Training” to: All (now: Some)"]


def test_the_smallest_alternative_of_an_or() -> None:
    texts, changes = _first(
        "(B and count(M) >= 4) or S in {'some', 'all'}", {"B": False, "M": frozenset(), "S": "none"}
    )
    assert texts == ["Move “Training” to: Some (now: None)"]
    assert changes == [Change("S", "set", "none", "some")]


def test_shares_say_the_direction_and_by_how_much() -> None:
    (text,), (change,) = _first("share(D, T) >= 50", {"D": 3, "T": 10})
    assert text == (
        "Raise the share of “Digital transactions” in “All transactions” from 30 % to at least 50 %: "
        "“Digital transactions” at least 5 of 10 (now 3)"
    )
    assert change == Change("D", "set", 3, 5.0)
    th = _plans("share(D, T) >= 50", {"D": 3, "T": 10})[0][0].text.th
    assert th.startswith("เพิ่มสัดส่วนของ “ธุรกรรมดิจิทัล” ต่อ “ธุรกรรมทั้งหมด” จากร้อยละ 30 เป็นอย่างน้อยร้อยละ 50")


def test_an_upper_bound_is_never_advised_as_a_change() -> None:
    # a share already above a band's upper bound: the band cannot be reached by moving forward
    assert _plans("share(D, T) < 30", {"D": 10, "T": 10}) == []
    assert _plans("not (D > 5)", {"D": 10}) == []


def test_year_on_year_in_words_with_both_years() -> None:
    answers = {"D": 40, "T": 100, "DP": 45, "TP": 100}
    (text,), (change,) = _first("share(D, T) > share(DP, TP)", answers)
    assert "45 %" in text and "40 %" in text and "last year" in text
    assert "share(" not in text and "DP" not in text
    assert change == Change("D", "set", 40, 46.0)
    assert _holds_after("share(D, T) > share(DP, TP)", answers)


@pytest.mark.parametrize(
    ("rule", "answers", "expected"),
    [
        ("D > 20", {"D": 5}, "Raise “Digital transactions” from 5 to more than 20"),
        ("B", {}, "Achieve “Has an executive” (now: not answered)"),
        ("answered(D)", {}, "Answer “Digital transactions”"),
        ("'c' in M", {"M": frozenset()}, "In “Plans”, also carry out: Plan c"),
        ("not (B or 'a' in M)", {"B": False, "M": frozenset("a")}, "In “Plans”, do not choose: Plan a"),
        (
            "full_rows(X) >= 2",
            {"X": {"r1": frozenset({"c1", "c2"}), "r2": frozenset({"c1"})}},
            "Carry out every column in 1 more rows of “Steps by area”, from: Area 2",
        ),
    ],
)
def test_leaf_texts_and_their_changes_work(rule: str, answers: dict[str, Any], expected: str) -> None:
    texts, _ = _first(rule, answers)
    assert texts == [expected]
    assert _holds_after(rule, answers)


def test_a_year_reads_as_written_and_a_count_with_its_thousands() -> None:
    year = Input("Y", "year", Text("ปีที่เริ่ม", "Year started"))
    assert describe_value(year, 2560, "th") == "2560" and describe_value(year, 2560, "en") == "2560"
    assert describe_value(ENV["D"], 12500, "en") == "12,500"
