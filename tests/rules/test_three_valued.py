"""Rules in three-valued logic: an answer still to come is UNKNOWN, and what depends on it too.

Truth tables for each operator, then the property that makes withholding exact: whenever a rule is
true or false with unknown answers, it has that value for every way of answering them.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dgmm.framework.schema import Input, Option, Text
from dgmm.rules.compile import MAYBE_ABSENT, PREV, UNKNOWN, compile_rule
from dgmm.rules.explain import unknown_inputs

T, F, U = True, False, UNKNOWN


def _opts(*codes: str) -> tuple[Option, ...]:
    return tuple(Option(c, Text(c, c)) for c in codes)


ENV = {
    "A": Input("A", "yes_no", Text("a", "a")),
    "B": Input("B", "yes_no", Text("b", "b")),
    "N": Input("N", "integer", Text("n", "n")),
    "S": Input("S", "single_choice", Text("s", "s"), options=_opts("lo", "mid", "hi")),
    "M": Input("M", "multiple_choice", Text("m", "m"), options=_opts("a", "b", "c")),
    "W": Input("W", "url", Text("w", "w")),
}
# every answer each input can be given (a completion picks one for each unknown input)
DOMAIN: dict[str, list[Any]] = {
    "A": [True, False],
    "B": [True, False],
    "N": [0, 1, 2, 3, 4],
    "S": ["lo", "mid", "hi"],
    "M": [frozenset(c) for n in range(4) for c in itertools.combinations("abc", n)],
    "W": ["https://a.go.th"],
    PREV: [True, False],
}


def _eval(rule: str, answers: dict[str, Any]) -> Any:
    return compile_rule(rule, ENV, allow_prev=True)(answers)


@pytest.mark.parametrize(
    ("a", "b", "conj", "disj"),
    [
        (T, T, T, T),
        (T, F, F, T),
        (T, U, U, T),
        (F, T, F, T),
        (F, F, F, F),
        (F, U, F, U),
        (U, T, U, T),
        (U, F, F, U),
        (U, U, U, U),
    ],
)
def test_and_or_are_kleene(a: Any, b: Any, conj: Any, disj: Any) -> None:
    answers = {"A": a, "B": b}
    assert _eval("A and B", answers) is conj
    assert _eval("A or B", answers) is disj


@pytest.mark.parametrize(("a", "neg"), [(T, F), (F, T), (U, U)])
def test_not(a: Any, neg: Any) -> None:
    assert _eval("not A", {"A": a}) is neg


@pytest.mark.parametrize(
    ("a", "b", "prev", "conj", "disj"),
    [
        (T, T, T, T, T),
        (T, U, T, U, T),
        (U, F, U, F, U),
        (F, F, U, F, U),
        (F, F, F, F, F),
        (T, T, U, U, T),
    ],
)
def test_three_way_and_or(a: Any, b: Any, prev: Any, conj: Any, disj: Any) -> None:
    answers = {"A": a, "B": b, PREV: prev}
    assert _eval("A and B and prev", answers) is conj
    assert _eval("A or B or prev", answers) is disj


@pytest.mark.parametrize(
    ("rule", "answers", "expected"),
    [
        ("N >= 2", {"N": U}, U),
        ("N + 1 >= 2", {"N": U}, U),
        ("-N < 0", {"N": U}, U),
        ("abs(N) > 0", {"N": U}, U),
        ("max(N, 3) > 2", {"N": U}, U),
        ("S == 'lo'", {"S": U}, U),
        ("S in {'lo', 'mid'}", {"S": U}, U),
        ("S not in {'lo', 'mid'}", {"S": U}, U),
        ("rank(S) >= 2", {"S": U}, U),
        ("'a' in M", {"M": U}, U),
        ("count(M) >= 1", {"M": U}, U),
        ("count(M, {'a', 'b'}) >= 1", {"M": U}, U),
        ("any(M)", {"M": U}, U),
        ("all(M)", {"M": U}, U),
        ("A == true", {"A": U}, U),
        ("prev", {PREV: U}, U),
        ("prev and A", {PREV: F, "A": U}, F),
        # "no value" holds whatever the unknown answer is: it wins
        ("N + count(M) > 0", {"M": U}, F),  # N unanswered and not required: no value
        ("share(N, 0) >= 0", {"N": U}, F),  # a share of a whole of 0 has no value, whatever the part
        ("share(N, count(M)) >= 50", {"N": U}, F),  # nothing chosen in M: the whole is 0
        ("share(N, count(M)) >= 50", {"N": U, "M": frozenset("ab")}, U),
        ("share(2, count(M)) >= 50", {"M": U}, U),
        # answered() is never unknown: an answer still to come is an answer in every completion
        ("answered(W)", {"W": U}, T),
        ("answered(W)", {}, F),
        ("answered(W)", {"W": "https://a.go.th"}, T),
        (
            "answered(W)",
            {"W": U, MAYBE_ABSENT: {"W"}},
            U,
        ),  # whether W is asked at all hangs on a missing answer
    ],
)
def test_unknown_propagates_unless_settled(rule: str, answers: dict[str, Any], expected: Any) -> None:
    assert _eval(rule, answers) is expected


def test_an_unknown_condition_has_no_truth_value() -> None:
    with pytest.raises(TypeError, match="unknown"):
        bool(UNKNOWN)


LEAVES = [
    "A",
    "B",
    "prev",
    "N >= 2",
    "N + 1 > 3",
    "N * 2 == 4",
    "S == 'lo'",
    "S != 'hi'",
    "S in {'lo', 'mid'}",
    "rank(S) < 3",
    "'a' in M",
    "count(M) >= 2",
    "count(M, {'a', 'b'}) == 1",
    "any(M)",
    "all(M)",
    "share(N, count(M)) >= 50",
    "min(N, count(M)) < 2",
    "max(N, rank(S)) >= 3",
    "N / count(M) > 1",
    "answered(W)",
    "abs(N - 2) <= 1",
    "A == B",
]


def _expressions() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.builds(lambda x: f"not ({x})", inner),
            st.builds(lambda x, y: f"({x}) and ({y})", inner, inner),
            st.builds(lambda x, y: f"({x}) or ({y})", inner, inner),
            st.builds(lambda x, y, z: f"({x}) and ({y}) and ({z})", inner, inner, inner),
            st.builds(lambda x, y, z: f"({x}) or ({y}) or ({z})", inner, inner, inner),
        )

    return st.recursive(st.sampled_from(LEAVES), extend, max_leaves=6)


KNOWN: dict[str, list[Any]] = {code: [None, *values] for code, values in DOMAIN.items()}  # None: not answered


@settings(max_examples=300, deadline=None)
@given(rule=_expressions(), data=st.data())
def test_a_known_result_holds_for_every_completion(rule: str, data: st.DataObject) -> None:
    """Brute force over every completion of the unknown answers: a true or false result is the
    two-valued result of each of them."""
    unknown = data.draw(st.sets(st.sampled_from(sorted(DOMAIN)), max_size=3))
    answers: dict[str, Any] = {}
    for code in sorted(set(DOMAIN) - unknown):
        value = data.draw(st.sampled_from(KNOWN[code]))
        if value is not None:
            answers[code] = value
    compiled = compile_rule(rule, ENV, allow_prev=True)
    three = compiled({**answers, **dict.fromkeys(unknown, UNKNOWN)})
    assert three is True or three is False or three is UNKNOWN
    outcomes = set()
    for values in itertools.product(*(DOMAIN[c] for c in sorted(unknown))):
        two = compiled({**answers, **dict(zip(sorted(unknown), values, strict=True))})
        assert two is True or two is False
        outcomes.add(two)
    if three is not UNKNOWN:
        assert outcomes == {three}, (
            f"{rule}: {three} with {sorted(unknown)} unknown, completions give {outcomes}"
        )


@pytest.mark.parametrize(
    ("rule", "answers", "codes", "prev"),
    [
        (
            "A and (B or N >= 2)",
            {"A": U, "B": T, "N": U},
            ["A"],
            False,
        ),  # B settles the `or`: N cannot decide
        ("A and (B or N >= 2)", {"A": U, "B": F, "N": U}, ["A", "N"], False),
        ("A and (B or N >= 2)", {"A": F, "B": U, "N": U}, [], False),  # known: nothing decides it
        ("prev and count(M) >= 2", {PREV: U, "M": frozenset("ab")}, [], True),
        ("(prev) == A", {PREV: U, "A": T}, [], True),
        ("share(N, count(M)) >= 50 or S == 'hi'", {"N": U, "M": U, "S": "lo"}, ["N", "M"], False),
    ],
)
def test_unknown_inputs_name_only_what_can_still_decide(
    rule: str, answers: dict[str, Any], codes: list[str], prev: bool
) -> None:
    compiled = compile_rule(rule, ENV, allow_prev=True)
    assert unknown_inputs(compiled, answers) == (codes, prev)
