"""Type checking and evaluation of rules, one table per construct."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dgmm.errors import RuleError
from dgmm.framework.schema import Input, Option, Text
from dgmm.rules.compile import PREV, compile_rule


def _opts(*codes: str, points: float | None = None) -> tuple[Option, ...]:
    return tuple(Option(c, Text(c, c), points) for c in codes)


ENV = {
    "M": Input("M", "multiple_choice", Text("m", "m"), options=_opts("a", "b", "c", "d")),
    "S": Input("S", "single_choice", Text("s", "s"), options=_opts("lo", "mid", "hi")),
    "N": Input("N", "number", Text("n", "n")),
    "T": Input("T", "integer", Text("t", "t")),
    "B": Input(
        "B", "yes_no", Text("b", "b"), options=(Option("yes", Text(), 2.0), Option("no", Text(), 0.0))
    ),
    "U": Input("U", "url", Text("u", "u")),
    "X": Input("X", "matrix", Text("x", "x"), rows=_opts("r1", "r2", "r3"), columns=_opts("c1", "c2")),
    "P": Input(
        "P", "multiple_choice", Text("p", "p"), options=(Option("a", Text(), 1.0), Option("b", Text(), 2.5))
    ),
}

FULL = {
    "M": frozenset("abc"),
    "S": "mid",
    "N": 42.5,
    "T": 3,
    "B": True,
    "U": "https://a.go.th",
    "X": {"r1": frozenset({"c1", "c2"}), "r2": frozenset({"c1"})},
    "P": frozenset({"b"}),
}


@pytest.mark.parametrize(
    ("rule", "answers", "expected"),
    [
        ("count(M) >= 3", FULL, True),
        ("count(M) >= 4", FULL, False),
        ("count(M, {'a', 'd'}) == 1", FULL, True),
        ("any(M) and not all(M)", FULL, True),
        ("all(M)", {"M": frozenset("abcd")}, True),
        ("'c' in M", FULL, True),
        ("'d' in M", FULL, False),
        ("S == 'mid'", FULL, True),
        ("S != 'mid'", FULL, False),
        ("S in {'mid', 'hi'}", FULL, True),
        ("S not in {'mid', 'hi'}", FULL, False),
        ("rank(S) >= 2", FULL, True),
        ("N > 40 and N <= 42.5", FULL, True),
        ("T in {1, 2, 3}", FULL, True),
        ("N / T > 14", FULL, True),
        ("share(T, N) < 10", FULL, True),
        ("B", FULL, True),
        ("not B", FULL, False),
        ("B == true", FULL, True),
        ("answered(U)", FULL, True),
        ("full_rows(X) == 1", FULL, True),
        ("count(X) == 3", FULL, True),
        ("points(P) == 2.5 and points(B) == 2", FULL, True),
        ("min(N, T) == 3 and max(N, T) == 42.5 and abs(-T) == 3", FULL, True),
        # unanswered inputs: comparisons false, counts zero
        ("N > 0", {}, False),
        ("N <= 0", {}, False),
        ("count(M) == 0", {}, True),
        ("'a' in M", {}, False),
        ("S == 'lo'", {}, False),
        ("B", {}, False),
        ("answered(U)", {}, False),
        ("share(T, N) > 0", {"T": 1, "N": 0}, False),
        ("T / N > 0", {"T": 1, "N": 0}, False),
    ],
)
def test_evaluation(rule: str, answers: dict[str, Any], expected: bool) -> None:
    assert compile_rule(rule, ENV)(answers) is expected


def test_prev_reads_the_level_below() -> None:
    rule = compile_rule("prev and N > 1", ENV, allow_prev=True)
    assert rule.uses_prev
    assert rule({"N": 2, PREV: True}) is True
    assert rule({"N": 2, PREV: False}) is False


def test_referenced_inputs_are_recorded() -> None:
    assert compile_rule("count(M) > 1 or S == 'lo' and B", ENV).inputs == {"M", "S", "B"}


@pytest.mark.parametrize(
    ("rule", "code", "fragment"),
    [
        ("Q9 > 1", "unknown_input", "unknown input 'Q9'"),
        ("S == 'max'", "unknown_option", "option 'max' is not defined for input S"),
        ("S in {'lo', 'top'}", "unknown_option", "'top'"),
        ("'z' in M", "unknown_option", "'z'"),
        ("count(M, {'a', 'q'}) > 0", "unknown_option", "'q'"),
        ("S == 1", "unknown_option", "quotes"),
        ("count(N) > 1", "type_error", "count() needs a multiple choice"),
        ("S > 'lo'", "type_error", "rank(S)"),
        ("N == 'x'", "type_error", "cannot compare"),
        ("N", "not_a_condition", "expected a true/false condition"),
        ("N + S > 1", "type_error", "needs numbers"),
        ("prev", "bad_prev", "'prev' needs a level below"),
        ("full_rows(M) > 0", "type_error", "full_rows() needs a matrix"),
        ("{'a', 1} == 1", "type_error", "not both"),
    ],
)
def test_type_errors(rule: str, code: str, fragment: str) -> None:
    with pytest.raises(RuleError) as info:
        compile_rule(rule, ENV)
    assert info.value.code == code
    assert fragment in str(info.value)


# --- numbers that cannot be computed: never an exception, no value instead ---------------------------

EXTREME = st.one_of(
    st.none(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 0.0, -0.0, 5e-324, 1.7976931348623157e308, 10**309, -(10**309)]),
)
NUMERIC_RULES = [
    "share(N, T)",
    "N / T",
    "N * T * T",
    "N + T",
    "N - T",
    "-N * T",
    "abs(N - T) / T",
    "min(N, T) / max(N, T)",
    "share(N * N, T - T)",
    "(N + T) * 1000000000000000",
]


@settings(max_examples=300, deadline=None)
@given(n=EXTREME, t=EXTREME, rule=st.sampled_from(NUMERIC_RULES))
def test_arithmetic_never_raises_and_never_gives_an_infinite_number(n: Any, t: Any, rule: str) -> None:
    value = compile_rule(rule, ENV, want="number")({"N": n, "T": t})
    assert value is None or isinstance(value, int | float)
    if value is not None and rule.startswith(("share", "N /", "N *", "N +", "N -", "(N")):
        assert math.isfinite(value)


@settings(max_examples=200, deadline=None)
@given(n=EXTREME, t=EXTREME)
def test_conditions_over_extreme_numbers_are_true_or_false(n: Any, t: Any) -> None:
    rule = compile_rule("share(N, T) >= 50 or N / T > 2 or N * T < 0 or T > N", ENV)
    assert rule({"N": n, "T": t}) in (True, False)


@pytest.mark.parametrize(
    ("rule", "answers"),
    [
        ("share(N, T)", {"N": 10**400, "T": 1}),  # float(n) overflowed here
        ("share(N, T)", {"N": 1.0, "T": 5e-324}),  # inf
        ("N * T", {"N": 1e300, "T": 1e300}),  # inf
        ("N - T", {"N": float("inf"), "T": float("inf")}),  # nan
        ("N / T", {"N": 10**400, "T": 3}),  # int true division too large for a float
        ("N / T", {"N": 1, "T": 0}),
    ],
)
def test_a_number_that_cannot_be_computed_has_no_value(rule: str, answers: dict[str, Any]) -> None:
    assert compile_rule(rule, ENV, want="number")(answers) is None
    assert compile_rule(f"{rule} >= 0", ENV)(answers) is False
