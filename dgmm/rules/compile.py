"""Type-check a parsed rule against the framework's inputs and compile it into Python closures.

The closures take one argument, the agency's answers as a dict (input code -> typed value; an
input without a value is absent). An absent value makes comparisons false and counts zero. The
special key ``PREV`` holds whether the rule of the level below held.

Rules are three-valued (Kleene logic, docs/rules.md "Unanswered inputs"): an input whose answer is
still to come has the value `UNKNOWN` in the dict, and a condition that depends on it is `UNKNOWN`
unless the known parts settle it (`false and unknown` is false, `true or unknown` is true). A
condition is True, False or `UNKNOWN`; a number is a number, None (no value) or `UNKNOWN`. "No
value" wins over "unknown": it holds whatever the unknown answer turns out to be.

No closure raises on a number: arithmetic whose result cannot be computed (division by zero, a
result beyond the range of floating-point numbers, infinity, not-a-number) has no value (None),
exactly as an unanswered input (docs/rules.md, "Numbers that cannot be computed").
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dgmm.errors import RuleError, did_you_mean
from dgmm.framework.schema import NUMBER_TYPES, STRING_TYPES, Input
from dgmm.rules import ast as a
from dgmm.rules.conditions import parse_rule

PREV = "@prev"
THIS = "this"  # in a check with `each: topic`, the topic it is evaluated for
# The facts beyond the answers that consistency checks read (dgmm.checks fills them in the answers dict
# under FACT_PREFIX[name] + topic id; a fact that is not there is unknown). Refused in level rules.
CHECK_FUNCTIONS = ("level", "previous_level", "has_evidence")
FACT_PREFIX = {name: f"@{name}:" for name in CHECK_FUNCTIONS}
MAYBE_ABSENT = "@maybe_absent"  # inputs whose value is UNKNOWN and that may turn out not to be asked
Fn = Callable[[Mapping[str, Any]], Any]


class Unknown:
    """The value of an answer still to come, and of every condition or number that depends on it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        raise TypeError("an unknown condition has no truth value: test it with `is UNKNOWN`")


UNKNOWN: Any = Unknown()

# rule types
BOOL, NUM, CHOICE, TEXT, SET, MATRIX, STR, STRSET, NUMSET = (
    "true/false",
    "number",
    "choice",
    "text",
    "set of choices",
    "matrix",
    "quoted text",
    "set of texts",
    "set of numbers",
)

_CMP: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_SWAP = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}  # x op y is y swapped-op x


def _type_of_input(inp: Input) -> str:
    if inp.type == "single_choice":
        return CHOICE
    if inp.type == "multiple_choice":
        return SET
    if inp.type == "yes_no":
        return BOOL
    if inp.type in NUMBER_TYPES:
        return NUM
    if inp.type in STRING_TYPES:
        return TEXT
    return MATRIX


@dataclass
class CompiledRule:
    """A checked, compiled rule: call ``fn(answers)``; ``nodes`` maps each node to its closure."""

    source: str
    tree: a.Node
    fn: Fn
    nodes: dict[a.Node, Fn] = field(default_factory=dict)
    types: dict[a.Node, str] = field(default_factory=dict)
    inputs: frozenset[str] = frozenset()
    uses_prev: bool = False
    facts: frozenset[str] = frozenset()  # the facts (FACT_PREFIX keys) a check reads
    below: dict[a.Node, frozenset[str]] = field(default_factory=dict)  # node -> what it reads (filled on use)

    def reads_under(self, node: a.Node) -> frozenset[str]:
        """The inputs (and PREV) a node of this rule reads, itself or below it."""
        out = self.below.get(node)
        if out is None:
            out = self.below[node] = frozenset(
                n.code if isinstance(n, a.Ref) else PREV
                for n in a.walk(node)
                if isinstance(n, a.Ref | a.Prev)
            )
        return out

    def __call__(self, answers: Mapping[str, Any]) -> Any:
        return self.fn(answers)


class _Compiler:
    def __init__(
        self,
        source: str,
        env: Mapping[str, Input],
        allow_prev: bool,
        topics: Mapping[str, bool] | None = None,
        this: str | None = None,
    ) -> None:
        self.source = source
        self.env = env
        self.allow_prev = allow_prev
        self.topics = topics  # checks: topic id -> whether it has a level; None: the facts are refused
        self.this = this
        self.facts: set[str] = set()
        self.nodes: dict[a.Node, Fn] = {}
        self.types: dict[a.Node, str] = {}
        self.refs: set[str] = set()
        self.uses_prev = False

    def error(self, node: a.Node, message: str, code: str = "type_error") -> RuleError:
        return RuleError(message, self.source, node.start, code)

    def text(self, node: a.Node) -> str:
        return self.source[node.start : node.end]

    def input_of(self, node: a.Node) -> Input:
        assert isinstance(node, a.Ref)
        return self.env[node.code]

    def check_option(self, inp: Input, lit: a.Node) -> None:
        if isinstance(lit, a.Str) and inp.options and lit.value not in inp.option_codes:
            raise self.error(
                lit,
                f"option {lit.value!r} is not defined for input {inp.code} "
                f"(options: {', '.join(inp.option_codes)})",
                "unknown_option",
            )
        if isinstance(lit, a.Num) and inp.options:
            raise self.error(lit, f"option codes are written in quotes: '{lit.value:g}'", "unknown_option")

    # -- entry points --------------------------------------------------------------------------
    def value(self, node: a.Node) -> tuple[Fn, str]:
        fn, typ = self._value(node)
        self.nodes[node] = fn
        self.types[node] = typ
        return fn, typ

    def truth(self, node: a.Node) -> Fn:
        fn, typ = self.value(node)
        if typ != BOOL:
            raise self.error(
                node,
                f"expected a true/false condition, found a {typ}: '{self.text(node)}'",
                "not_a_condition",
            )
        if isinstance(node, a.Ref):
            code = node.code

            def ref_true(c: Mapping[str, Any]) -> Any:
                v = c.get(code)
                return v is True or (UNKNOWN if v is UNKNOWN else False)

            self.nodes[node] = ref_true
            return ref_true
        return fn

    # -- the cases -----------------------------------------------------------------------------
    def _value(self, node: a.Node) -> tuple[Fn, str]:
        if isinstance(node, a.Num):
            v = node.value
            return (lambda c: v), NUM
        if isinstance(node, a.Str):
            sv = node.value
            return (lambda c: sv), STR
        if isinstance(node, a.Bool):
            bv = node.value
            return (lambda c: bv), BOOL
        if isinstance(node, a.Prev):
            if not self.allow_prev:
                raise self.error(
                    node,
                    "'prev' needs a level below with a rule (not on level 2, nor outside level rules)",
                    "bad_prev",
                )
            self.uses_prev = True
            return (lambda c: (v := c.get(PREV)) is True or (UNKNOWN if v is UNKNOWN else False)), BOOL
        if isinstance(node, a.Ref):
            if node.code not in self.env:
                raise self.error(node, f"unknown input '{node.code}'", "unknown_input")
            self.refs.add(node.code)
            code = node.code
            return (lambda c: c.get(code)), _type_of_input(self.env[code])
        if isinstance(node, a.SetLit):
            kinds = {type(i) for i in node.items}
            if len(kinds) > 1:
                raise self.error(node, "a set holds either option codes or numbers, not both")
            values = frozenset(i.value for i in node.items)
            return (lambda c: values), (NUMSET if kinds == {a.Num} else STRSET)
        if isinstance(node, a.Not):
            f = self.truth(node.operand)
            return (lambda c: v if (v := f(c)) is UNKNOWN else not v), BOOL
        if isinstance(node, a.And | a.Or):
            return _junction(tuple(self.truth(i) for i in node.items), isinstance(node, a.Or)), BOOL
        if isinstance(node, a.Compare):
            return self._compare(node)
        if isinstance(node, a.In):
            return self._in(node)
        if isinstance(node, a.Arith | a.Neg):
            return self._arith(node)
        if isinstance(node, a.Call):
            return self._call(node)
        raise self.error(node, "unsupported expression")  # pragma: no cover - the parser makes no other nodes

    def _compare(self, node: a.Compare) -> tuple[Fn, str]:
        lf, lt = self.value(node.left)
        rf, rt = self.value(node.right)
        op = node.op
        ok = lt == rt == NUM or (lt == rt == BOOL and op in ("==", "!="))
        for x, xt, y, yt in ((node.left, lt, node.right, rt), (node.right, rt, node.left, lt)):
            if xt == CHOICE and yt == STR:
                if op not in ("==", "!="):
                    raise self.error(
                        node, f"a choice is compared with '==' or '!=' (or use rank({self.text(x)}))"
                    )
                self.check_option(self.input_of(x), y)
                ok = True
            if xt == CHOICE and isinstance(y, a.Num):
                self.check_option(self.input_of(x), y)  # says: option codes are written in quotes
            if xt == TEXT and yt == STR and op in ("==", "!="):
                ok = True
        if not ok:
            raise self.error(node, f"cannot compare a {lt} with a {rt} using '{op}'")
        const = _constant(node.right) if _constant(node.left) is None else None
        if const is not None or _constant(node.left) is not None:  # one side is a constant: the common case
            vf, k, cmp = (
                (lf, const, _CMP[op]) if const is not None else (rf, _constant(node.left), _CMP[_SWAP[op]])
            )
            ref = _code(node.left if const is not None else node.right)
            if ref is not None:  # an input against a constant: read it directly

                def compare_input(c: Mapping[str, Any]) -> Any:
                    x = c.get(ref)
                    if x is None:
                        return False
                    return UNKNOWN if x is UNKNOWN else cmp(x, k)

                return compare_input, BOOL

            def compare_const(c: Mapping[str, Any]) -> Any:
                x = vf(c)
                if x is None:
                    return False
                return UNKNOWN if x is UNKNOWN else cmp(x, k)

            return compare_const, BOOL
        cmp = _CMP[op]

        def compare(c: Mapping[str, Any]) -> Any:
            x = lf(c)
            if x is None:
                return False
            y = rf(c)
            if y is None:
                return False
            if x is UNKNOWN or y is UNKNOWN:
                return UNKNOWN
            return cmp(x, y)

        return compare, BOOL

    def _in(self, node: a.In) -> tuple[Fn, str]:
        lf, lt = self.value(node.left)
        rf, rt = self.value(node.right)
        neg = node.negated
        if lt == CHOICE and rt == STRSET:
            inp = self.input_of(node.left)
            assert isinstance(node.right, a.SetLit)
            for item in node.right.items:
                self.check_option(inp, item)
        elif (lt == NUM and rt == NUMSET) or (lt == TEXT and rt == STRSET):
            pass
        elif lt == STR and rt == SET:
            self.check_option(self.input_of(node.right), node.left)
        else:
            raise self.error(
                node,
                f"'in' tests a choice or number against a set, or an option code against a "
                f"multiple choice; found a {lt} in a {rt}",
            )

        if isinstance(node.right, a.SetLit):  # a constant set: the common case
            members = frozenset(i.value for i in node.right.items)

            def member_of(c: Mapping[str, Any]) -> Any:
                x = lf(c)
                if x is None:
                    return False
                if x is UNKNOWN:
                    return UNKNOWN
                return (x not in members) if neg else (x in members)

            return member_of, BOOL

        def member(c: Mapping[str, Any]) -> Any:
            x = lf(c)
            y = rf(c)
            if x is None or y is None:
                return False
            if x is UNKNOWN or y is UNKNOWN:
                return UNKNOWN
            return (x not in y) if neg else (x in y)

        return member, BOOL

    def _arith(self, node: a.Arith | a.Neg) -> tuple[Fn, str]:
        if isinstance(node, a.Neg):
            f, t = self.value(node.operand)
            if t != NUM:
                raise self.error(node, f"'-' needs a number, found a {t}")
            return (lambda c: v if (v := f(c)) is None or v is UNKNOWN else -v), NUM
        lf, lt = self.value(node.left)
        rf, rt = self.value(node.right)
        if lt != NUM or rt != NUM:
            raise self.error(node, f"'{node.op}' needs numbers, found a {lt} and a {rt}")
        op = _ARITH[node.op]

        def arith(c: Mapping[str, Any]) -> Any:
            x, y = lf(c), rf(c)
            if x is None or y is None:
                return None
            if x is UNKNOWN or y is UNKNOWN:
                return UNKNOWN
            try:
                return computed(op(x, y))
            except (OverflowError, ZeroDivisionError):
                return None

        return arith, NUM

    def _call(self, node: a.Call) -> tuple[Fn, str]:
        return _CALLS[node.name](self, node)

    def _args(self, node: a.Call) -> tuple[list[Fn], list[str]]:
        fns_types = [self.value(x) for x in node.args]
        return [f for f, _ in fns_types], [t for _, t in fns_types]

    def _numbers(self, node: a.Call) -> list[Fn]:
        fns, types = self._args(node)
        if any(t != NUM for t in types):
            raise self.error(node, f"{node.name}() needs numbers")
        return fns

    def _call_answered(self, node: a.Call) -> tuple[Fn, str]:
        arg = node.args[0]
        if not isinstance(arg, a.Ref):
            raise self.error(node, "answered() takes an input code")
        self.value(arg)
        return _answered(arg.code), BOOL

    def _call_count(self, node: a.Call) -> tuple[Fn, str]:
        args = node.args
        fns, types = self._args(node)
        f = fns[0]
        if types[0] == MATRIX:
            if len(args) > 1:
                raise self.error(node, "count() of a matrix takes no option set")
            return _strict(f, lambda v: sum(len(x) for x in (v or {}).values())), NUM
        if types[0] != SET:
            raise self.error(node, f"count() needs a multiple choice or a matrix, found a {types[0]}")
        if len(args) == 1:
            code = _code(args[0])
            return (lambda c: v if (v := c.get(code)) is UNKNOWN else len(v or ())), NUM
        if types[1] != STRSET:
            raise self.error(args[1], "the second argument of count() is a set of option codes")
        inp = self.input_of(args[0])
        assert isinstance(args[1], a.SetLit)
        for item in args[1].items:
            self.check_option(inp, item)
        subset = frozenset(str(i.value) for i in args[1].items)
        code = _code(args[0])
        return (lambda c: v if (v := c.get(code)) is UNKNOWN else len((v or _EMPTY) & subset)), NUM

    def _call_any_all(self, node: a.Call) -> tuple[Fn, str]:
        name = node.name
        fns, types = self._args(node)
        if types[0] not in (SET, MATRIX) or (name == "all" and types[0] != SET):
            raise self.error(node, f"{name}() needs a multiple choice, found a {types[0]}")
        f = fns[0]
        if name == "any":
            return _strict(f, bool), BOOL
        every = frozenset(self.input_of(node.args[0]).option_codes)
        return _strict(f, lambda v: v is not None and every <= v), BOOL

    def _call_full_rows(self, node: a.Call) -> tuple[Fn, str]:
        fns, types = self._args(node)
        if types[0] != MATRIX:
            raise self.error(node, f"full_rows() needs a matrix, found a {types[0]}")
        cols = frozenset(o.code for o in self.input_of(node.args[0]).columns)
        return _strict(fns[0], lambda v: sum(1 for x in (v or {}).values() if cols <= x)), NUM

    def _call_rank(self, node: a.Call) -> tuple[Fn, str]:
        fns, types = self._args(node)
        if types[0] != CHOICE:
            raise self.error(node, f"rank() needs a single choice, found a {types[0]}")
        order = {code: i + 1 for i, code in enumerate(self.input_of(node.args[0]).option_codes)}
        return _strict(fns[0], order.get), NUM

    def _call_points(self, node: a.Call) -> tuple[Fn, str]:
        fns, types = self._args(node)
        if not isinstance(node.args[0], a.Ref) or types[0] not in (CHOICE, SET, BOOL):
            raise self.error(node, "points() takes a choice input")
        inp = self.input_of(node.args[0])
        pts = {o.code: (o.points or 0.0) for o in inp.options}
        return _strict(fns[0], lambda v: points_of(v, pts)), NUM

    def _call_share(self, node: a.Call) -> tuple[Fn, str]:
        nf, df = self._numbers(node)

        def share(c: Mapping[str, Any]) -> Any:
            n, d = nf(c), df(c)
            try:
                return computed(n / d * 100.0)
            except (OverflowError, ZeroDivisionError):
                return None
            except TypeError:  # a part with no value or unknown
                if n is None or d is None or d == 0:  # no value, whatever an unknown part turns out to be
                    return None
                return UNKNOWN

        return share, NUM

    def _call_abs(self, node: a.Call) -> tuple[Fn, str]:
        f = self._numbers(node)[0]
        return (lambda c: v if (v := f(c)) is None or v is UNKNOWN else abs(v)), NUM

    def _call_extreme(self, node: a.Call) -> tuple[Fn, str]:
        fs = tuple(self._numbers(node))
        pick = min if node.name == "min" else max

        def extreme(c: Mapping[str, Any]) -> Any:
            vals = [v for f in fs if (v := f(c)) is not None]
            if any(v is UNKNOWN for v in vals):
                return UNKNOWN
            return pick(vals) if vals else None

        return extreme, NUM

    def _call_fact(self, node: a.Call) -> tuple[Fn, str]:
        """level(T), previous_level(T), has_evidence(T): facts about a topic, in checks only."""
        name = node.name
        if self.topics is None:
            raise self.error(
                node,
                f"{name}() is available only in consistency checks (the framework's checks: section)",
                "check_only_function",
            )
        arg = node.args[0]
        if not isinstance(arg, a.Ref):
            raise self.error(node, f"{name}() takes a topic id, e.g. {name}(P1.SP1.T1)")
        tid = arg.code
        if tid == THIS and self.this is not None:
            tid = self.this
        elif tid == THIS:
            raise self.error(
                arg, "'this' stands for the topic of a check with 'each: topic' only", "bad_this"
            )
        elif tid not in self.topics:
            raise self.error(arg, f"unknown topic '{tid}'{did_you_mean(tid, self.topics)}", "unknown_topic")
        if name != "has_evidence" and not self.topics[tid]:
            raise self.error(arg, f"topic '{tid}' has no level (its rule kind gives none)", "no_level")
        key = FACT_PREFIX[name] + tid
        self.facts.add(key)
        return (lambda c: c.get(key, UNKNOWN)), (BOOL if name == "has_evidence" else NUM)


# how each rule function (docs/rules.md; arity: dgmm.rules.conditions.FUNCTIONS) is checked and compiled
_CALLS: dict[str, Callable[[_Compiler, a.Call], tuple[Fn, str]]] = {
    "count": _Compiler._call_count,
    "any": _Compiler._call_any_all,
    "all": _Compiler._call_any_all,
    "full_rows": _Compiler._call_full_rows,
    "answered": _Compiler._call_answered,
    "rank": _Compiler._call_rank,
    "points": _Compiler._call_points,
    "share": _Compiler._call_share,
    "min": _Compiler._call_extreme,
    "max": _Compiler._call_extreme,
    "abs": _Compiler._call_abs,
    "level": _Compiler._call_fact,
    "previous_level": _Compiler._call_fact,
    "has_evidence": _Compiler._call_fact,
}


_EMPTY: frozenset[str] = frozenset()


def _code(node: a.Node) -> Any:
    """The input code of a reference to an input; None for anything else."""
    return node.code if isinstance(node, a.Ref) else None


def _constant(node: a.Node) -> Any:
    """The value of a number or quoted text written in the rule; None for anything else."""
    return node.value if isinstance(node, a.Num | a.Str) else None


def _junction(fs: tuple[Fn, ...], is_or: bool) -> Fn:
    """`and` (`or`) of conditions in Kleene logic: False (True) as soon as one part is, else UNKNOWN
    when a part is unknown."""
    stop = is_or  # the value that settles the whole
    if len(fs) == 2:  # the common case, unrolled
        f, g = fs

        def pair(c: Mapping[str, Any]) -> Any:
            v = f(c)
            if v is stop:
                return stop
            w = g(c)
            if w is stop:
                return stop
            return UNKNOWN if v is UNKNOWN or w is UNKNOWN else w

        return pair

    def junction(c: Mapping[str, Any]) -> Any:
        out = not stop
        for f in fs:
            v = f(c)
            if v is stop:
                return stop
            if v is UNKNOWN:
                out = UNKNOWN
        return out

    return junction


def _strict(f: Fn, g: Callable[[Any], Any]) -> Fn:
    """g of the value of f, UNKNOWN when that value is unknown."""
    return lambda c: v if (v := f(c)) is UNKNOWN else g(v)


def _answered(code: str) -> Fn:
    """answered(X): whether X has an answer. Never unknown: an answer still to come will be given in
    every completion of the answers, so it counts as answered, unless X may turn out not to be asked."""

    def answered(c: Mapping[str, Any]) -> Any:
        v = c.get(code)
        if v is UNKNOWN:
            return UNKNOWN if code in c.get(MAYBE_ABSENT, ()) else True
        return v is not None

    return answered


def _divide(x: Any, y: Any) -> Any:
    return x / y


_ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda x, y: x + y,
    "-": lambda x, y: x - y,
    "*": lambda x, y: x * y,
    "/": _divide,
}


def computed(value: Any) -> float | None:
    """A computed number as a float; None when it cannot be one (beyond the float range, inf, nan)."""
    try:
        out = float(value)
    except OverflowError:
        return None
    return out if math.isfinite(out) else None


def points_of(value: Any, pts: Mapping[str, float]) -> float:
    """Points earned by one answer value (choice code, set of codes or yes/no)."""
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return pts.get("yes" if value else "no", 0.0)
    if isinstance(value, str):
        return pts.get(value, 0.0)
    return float(sum(pts.get(v, 0.0) for v in value))


def compile_rule(
    source: str,
    env: Mapping[str, Input],
    *,
    allow_prev: bool = False,
    want: str = BOOL,
    topics: Mapping[str, bool] | None = None,
    this: str | None = None,
) -> CompiledRule:
    """Parse, type-check and compile one rule. ``want`` is the type of the whole (condition or number).

    ``topics`` (topic id -> whether it has a level) allows the checks' facts (CHECK_FUNCTIONS) about
    those topics; ``this`` is the topic `this` stands for (a check with ``each: topic``)."""
    tree = parse_rule(source)
    comp = _Compiler(source, env, allow_prev, topics, this)
    if want == BOOL:
        fn = comp.truth(tree)
    else:
        fn, typ = comp.value(tree)
        if typ != want:
            raise comp.error(tree, f"expected a {want}, found a {typ}", "wrong_type")
    return CompiledRule(
        source, tree, fn, comp.nodes, comp.types, frozenset(comp.refs), comp.uses_prev, frozenset(comp.facts)
    )
