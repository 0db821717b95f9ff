"""Explanations: the unmet conditions of the next level, in the agency's own terms, never what it already does."""

from __future__ import annotations

from typing import Any

import pytest

from dgmm.framework.schema import Input, Option, Text
from dgmm.rules.compile import compile_rule
from dgmm.rules.explain import unmet_conditions

ENV = {
    "M": Input("M", "multiple_choice", Text("แผน", "Plans"),
               options=tuple(Option(c, Text(f"แผน {c}", f"Plan {c}")) for c in "abcd")),
    "S": Input("S", "single_choice", Text("การอบรม", "Training"),
               options=(Option("none", Text("ไม่มี", "None")), Option("some", Text("บางส่วน", "Some")),
                        Option("all", Text("ทั้งหมด", "All")))),
    "B": Input("B", "yes_no", Text("มีผู้บริหาร", "Has an executive")),
    "D": Input("D", "integer", Text("ธุรกรรมดิจิทัล", "Digital transactions")),
    "T": Input("T", "integer", Text("ธุรกรรมทั้งหมด", "All transactions")),
    "X": Input("X", "matrix", Text("ขั้นตอนรายด้าน", "Steps by area"),
               rows=(Option("r1", Text()), Option("r2", Text())), columns=(Option("c1", Text()), Option("c2", Text()))),
}


def _texts(rule: str, answers: dict[str, Any]) -> list[str]:
    return [u.text_en for u in unmet_conditions(compile_rule(rule, ENV), ENV, answers)]


def test_a_rule_that_holds_has_nothing_unmet() -> None:
    assert _texts("count(M) >= 2 and B", {"M": frozenset("ab"), "B": True}) == []


def test_count_lists_only_what_is_not_done_yet() -> None:
    (text,) = _texts("count(M) >= 3", {"M": frozenset("ab")})
    assert text == "Choose at least 1 more in “Plans” from: Plan c; Plan d"
    assert "Plan a" not in text and "Plan b" not in text


def test_only_the_failing_part_of_an_and_is_advised() -> None:
    texts = _texts("B and S == 'all'", {"B": True, "S": "some"})
    assert texts == ["Answer “Training”: All"]


def test_the_closest_alternative_of_an_or() -> None:
    texts = _texts("(B and count(M) >= 4) or S in {'some', 'all'}", {"B": False, "M": frozenset(), "S": "none"})
    assert texts == ["Answer “Training” with one of: Some; All"]


def test_negation_is_pushed_to_the_leaves() -> None:
    assert _texts("not (B or 'a' in M)", {"B": True, "M": frozenset("a")}) == [
        "Answer “no” to “Has an executive”", "In “Plans”, do not choose: Plan a"]


def test_shares_are_named_by_their_inputs() -> None:
    (u,) = unmet_conditions(compile_rule("share(D, T) >= 50", ENV), ENV, {"D": 3, "T": 10})
    assert u.text_en == "The percentage “Digital transactions” is of “All transactions” must be at least 50 (now 30)"
    assert u.text_th.startswith("สัดส่วนร้อยละของ “ธุรกรรมดิจิทัล” ต่อ “ธุรกรรมทั้งหมด” ต้องไม่น้อยกว่า 50")
    assert u.current_en == "Digital transactions: 3; All transactions: 10"


@pytest.mark.parametrize(
    ("rule", "answers", "expected"),
    [
        ("D > 20", {"D": 5}, "“Digital transactions” must be more than 20 (now 5)"),
        ("D >= 20", {}, "“Digital transactions” must be at least 20 (now -)"),
        ("B", {}, "Answer “yes” to “Has an executive”"),
        ("answered(D)", {}, "Answer “Digital transactions”"),
        ("'c' in M", {"M": frozenset()}, "In “Plans”, carry out: Plan c"),
        ("full_rows(X) >= 2", {"X": {"r1": frozenset({"c1", "c2"}), "r2": frozenset({"c1"})}},
         "the number of rows of “Steps by area” with every column checked must be at least 2 (now 1)"),
    ],
)
def test_leaf_texts(rule: str, answers: dict[str, Any], expected: str) -> None:
    assert _texts(rule, answers) == [expected[:1].upper() + expected[1:]]
