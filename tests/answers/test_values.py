"""Bounds on answer values: every raw string is refused before it can cost anything, with the bound named."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dgmm import AnswerError, parse_answers
from dgmm.answers import ValueProblem, make_parser
from dgmm.framework.schema import Input, Option, Text


def _inp(typ: str, **kw: object) -> Input:
    return Input("Q", typ, Text("q", "q"), **kw)  # type: ignore[arg-type]


CHOICES = tuple(Option(c, Text(c, c)) for c in ("a", "b", "c"))
INTEGER = make_parser(_inp("integer"))
NUMBER = make_parser(_inp("number"))
TEXT = make_parser(_inp("text"))


@pytest.mark.parametrize(
    ("inp", "raw", "fragment"),
    [
        (_inp("integer"), "9" * 310, "expected a whole number in 0..1000000000000, found 310 characters"),
        (_inp("integer"), "9" * 100_000, "found 100000 characters"),
        (_inp("integer"), "1000000000001", "in 0..1000000000000"),
        (_inp("integer"), "-1", "in 0..1000000000000"),
        (_inp("integer", min=-10, max=10), "-11", "in -10..10"),
        (_inp("number"), "1e400", "expected a number"),
        (_inp("number"), "inf", "expected a number"),
        (_inp("number"), "-Infinity", "expected a number"),
        (_inp("number"), "nan", "expected a number"),
        (_inp("number"), "1e13", "in 0..1000000000000"),
        (_inp("number", min=0, max=1), "1.5", "in 0..1"),
        (_inp("percent"), "100.5", "in 0..100"),
        (_inp("year"), "2" * 50, "year 2400..2700, found 50 characters"),
        (_inp("text"), "x" * 4001, "expected at most 4000 characters, found 4001"),
        (_inp("text", max_length=10), "x" * 11, "at most 10 characters"),
        (_inp("url"), "https://a.go.th/" + "x" * 2000, "at most 2000 characters"),
        (_inp("text"), "a\x00b", "control character U+0000 at character 2"),
        (_inp("text"), "\x1b[2J", "control character U+001B"),
        (_inp("text"), "a\x85b", "control character U+0085"),
        (_inp("text"), "a\ud800b", "control character U+D800"),
        (_inp("url"), "https://a.go.th/\tx", "control character U+0009"),
        (_inp("single_choice", options=CHOICES), "a\x00", "control character"),
        (_inp("multiple_choice", options=CHOICES), "a|" * 10_000, "characters"),
        (_inp("matrix", rows=CHOICES, columns=CHOICES), "a:a|" * 10_000, "characters"),
        (_inp("yes_no", options=(Option("yes", Text()), Option("no", Text()))), "y" * 1000, "characters"),
    ],
)
def test_each_bound_is_refused_with_a_message_naming_it(inp: Input, raw: str, fragment: str) -> None:
    with pytest.raises(ValueProblem) as info:
        make_parser(inp)(raw)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("inp", "raw", "value"),
    [
        (_inp("integer"), "1,000,000,000,000", 10**12),
        (_inp("integer"), " 0 ", 0),
        (_inp("integer", min=-5), "-5", -5),
        (_inp("number"), "0.25", 0.25),
        (_inp("percent"), "55%", 55.0),
        (_inp("text"), "  line one\n\tline two\r\n ", "line one\n\tline two"),
        (_inp("text"), "ก" * 4000, "ก" * 4000),
        (_inp("text"), "  " + "x" * 4000 + "   ", "x" * 4000),  # surrounding spaces do not count
        (_inp("text", max_length=20_000), "x" * 20_000, "x" * 20_000),
    ],
)
def test_values_inside_the_bounds_are_kept(inp: Input, raw: str, value: object) -> None:
    assert make_parser(inp)(raw) == value


def test_parse_answers_names_the_input_of_each_bad_value() -> None:
    from dgmm.framework.load import read_framework
    from tests.web.conftest import DATA

    fw = read_framework(DATA / "shares.yaml")
    with pytest.raises(AnswerError) as info:
        parse_answers(fw, {"I1": "9" * 310, "X1": "x\x00"})
    assert [(p.where, p.code) for p in info.value.problems] == [("I1", "bad_value"), ("X1", "bad_value")]


@given(st.text(max_size=200))
def test_an_integer_is_either_refused_or_inside_its_bounds(raw: str) -> None:
    try:
        value = INTEGER(raw)
    except ValueProblem:
        return
    assert isinstance(value, int) and 0 <= value <= 10**12


@given(st.one_of(st.floats(), st.integers(), st.text(alphabet="0123456789.e+-infa", max_size=500)))
def test_a_number_is_either_refused_or_finite_and_inside_its_bounds(x: object) -> None:
    try:
        value = NUMBER(str(x))
    except ValueProblem:
        return
    assert math.isfinite(value) and 0 <= value <= 1e12


@given(st.text(max_size=5000))
def test_text_is_either_refused_or_short_and_free_of_control_characters(raw: str) -> None:
    try:
        value = TEXT(raw)
    except ValueProblem:
        return
    assert 0 < len(value) <= 4000
    assert all(ch in "\t\n\r" or not (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F) for ch in value)


@pytest.mark.parametrize(
    ("inp", "raw", "kind", "params"),
    [
        (_inp("integer", min=0, max=10), "twelve", "not_a_whole_number", {"found": "twelve"}),
        (_inp("number"), "abc", "not_a_number", {"found": "abc"}),
        (_inp("integer", min=0, max=10), "11", "out_of_range", {"min": "0", "max": "10", "found": "11"}),
        (_inp("year"), "66", "not_a_year", {"found": "66"}),
        (_inp("text", max_length=10), "x" * 11, "too_long", {"limit": "10", "found": "11"}),
        (_inp("text"), "a\x00b", "control_character", {"char": "U+0000", "position": "2"}),
        (_inp("single_choice", options=CHOICES), "q", "not_an_option", {"found": "q"}),
        (_inp("yes_no"), "maybe", "not_yes_no", {"found": "maybe"}),
        (_inp("url"), "example.go.th", "not_a_web_address", {"found": "example.go.th"}),
        (_inp("matrix", rows=CHOICES, columns=CHOICES), "a-b", "not_a_cell", {"found": "a-b"}),
    ],
)
def test_each_problem_names_its_kind_and_values_for_translation(
    inp: Input, raw: str, kind: str, params: dict[str, str]
) -> None:
    """An adapter says the problem in the user's language from its kind and named values."""
    with pytest.raises(ValueProblem) as info:
        make_parser(inp)(raw)
    named = dict(info.value.problem_params())
    assert named.pop("kind") == kind
    assert {k: named[k] for k in params} == params
