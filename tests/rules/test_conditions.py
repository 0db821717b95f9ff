"""The rule parser: precedence, spans, and syntax errors that name the character."""

from __future__ import annotations

import pytest

from dgmm.errors import RuleError
from dgmm.rules import ast as a
from dgmm.rules.conditions import parse_rule


def test_and_binds_tighter_than_or() -> None:
    tree = parse_rule("A or B and C")
    assert isinstance(tree, a.Or)
    assert isinstance(tree.items[1], a.And)


def test_not_in_and_dotted_codes() -> None:
    tree = parse_rule("P2.8.1 not in {'none', 'x'}")
    assert isinstance(tree, a.In) and tree.negated
    assert isinstance(tree.left, a.Ref) and tree.left.code == "P2.8.1"
    assert [i.value for i in tree.right.items] == ["none", "x"]  # type: ignore[attr-defined]


def test_arithmetic_precedence_and_negative_numbers() -> None:
    tree = parse_rule("a + b * 2 > -1")
    assert isinstance(tree, a.Compare)
    assert isinstance(tree.left, a.Arith) and tree.left.op == "+"
    assert isinstance(tree.left.right, a.Arith) and tree.left.right.op == "*"
    assert isinstance(tree.right, a.Num) and tree.right.value == -1


def test_spans_point_into_the_source() -> None:
    src = "count(X) >= 4 and prev"
    tree = parse_rule(src)
    assert isinstance(tree, a.And)
    assert src[tree.items[0].start : tree.items[0].end] == "count(X) >= 4"
    assert isinstance(tree.items[1], a.Prev)


@pytest.mark.parametrize(
    ("source", "position", "fragment"),
    [
        ("x = 1", 2, "use '=='"),
        ("a && b", 2, "use 'and'"),
        ("count(x) >", 10, "expected a value"),
        ("(a > 1", 6, "expected ')'"),
        ("eval(a)", 0, "unknown function 'eval'"),
        ("count(a, b, c) > 1", 0, "takes 1 to 2 argument"),
        ("a > 1 b", 6, "unexpected 'b'"),
        ("", 0, "empty"),
        ("{a} > 1", 1, "option codes in quotes"),
        ("__import__('os')", 0, "unknown function"),
    ],
)
def test_syntax_errors_name_the_position(source: str, position: int, fragment: str) -> None:
    with pytest.raises(RuleError) as info:
        parse_rule(source)
    assert info.value.position == position
    assert fragment in str(info.value)
