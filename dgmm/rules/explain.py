"""What would make a rule hold for one agency: the changes to its answers, and those changes in words.

A rule is walked on its tree (negation pushed down to the leaves); every leaf that does not hold
gives the smallest changes to the agency's answers that would make it hold, each with its words
(`Step`) and its machine-readable form (`Change`). Changes only move answers forward: items are
added, numbers raised, a "no" becomes a "yes". A condition that could only be met by lowering a
figure (a band's upper bound, "no more than last year") gives no change, so the caller looks for it
at a higher level, whose band the agency can move into. The words never show rule syntax or input
codes: inputs and options are named by their labels (dgmm.rules.words).

`dgmm.advice` tries the candidates, smallest first, and keeps the first whose changes, applied and
re-scored, reach the next level: the advice printed is always one that works. `unknown_inputs`
names, for answers with unknown values (three-valued, dgmm.rules.compile), the inputs on which a
rule's outcome still hangs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import product
from typing import Any

from dgmm.framework.schema import NUMBER_TYPES, Input, Text
from dgmm.rules import ast as a
from dgmm.rules.compile import PREV, UNKNOWN, CompiledRule
from dgmm.rules.words import fmt_number, say

_NEGATE = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "!=", "!=": "=="}
_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}
_CMP: dict[str, Callable[[float, float], bool]] = {
    ">=": lambda x, y: x >= y,
    ">": lambda x, y: x > y,
    "==": lambda x, y: math.isclose(x, y),
}
LIST_MAX = 12
CAP = 4  # alternatives kept per node
SAMPLE_ANSWER = {"url": "https://example.org", "file": "-", "text": "-"}


def sample_answer(inp: Input) -> Any:
    """The least answer an input accepts (nothing chosen, no, the lowest number, the first option)."""
    if inp.type == "multiple_choice":
        return frozenset()
    if inp.type == "matrix":
        return {}
    if inp.type == "yes_no":
        return False
    if inp.type == "single_choice":
        return inp.options[0].code if inp.options else None
    if inp.type in NUMBER_TYPES:
        return inp.bounds[0]
    return SAMPLE_ANSWER.get(inp.type, "-")


@dataclass(frozen=True)
class Change:
    """One answer to change. kind: set (to `after`), add (the first `need` of `items`), remove (`items`),
    answer (give any answer), fill_rows (check every column of the first `need` rows of `items`)."""

    input: str
    kind: str
    before: Any
    after: Any = None
    items: tuple[str, ...] = ()
    need: int = 0

    @property
    def size(self) -> int:
        return self.need or len(self.items) or 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "kind": self.kind,
            "from": jsonable(self.before),
            "to": jsonable(self.after),
            "items": list(self.items),
            "need": self.need,
        }


@dataclass(frozen=True)
class Step:
    """One thing to do, in words (Thai and English), with the answers it changes."""

    text: Text
    current: Text
    changes: tuple[Change, ...]

    @property
    def text_th(self) -> str:
        return self.text.th

    @property
    def text_en(self) -> str:
        return self.text.en

    @property
    def current_th(self) -> str:
        return self.current.th

    @property
    def current_en(self) -> str:
        return self.current.en

    def as_dict(self) -> dict[str, Any]:
        return {
            "text_th": self.text.th,
            "text_en": self.text.en,
            "current_th": self.current.th,
            "current_en": self.current.en,
            "changes": [c.as_dict() for c in self.changes],
        }


Plan = tuple[Step, ...]


def plan_size(plan: Plan) -> int:
    return sum(c.size for s in plan for c in s.changes)


def jsonable(value: Any) -> Any:
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, dict):
        return {k: sorted(v) for k, v in value.items()}
    return value


def apply_changes(
    values: Mapping[str, Any], changes: Iterable[Change], env: Mapping[str, Input]
) -> dict[str, Any]:
    """The answers with the changes made (the smallest change each describes)."""
    out = dict(values)
    for c in changes:
        now = out.get(c.input)
        if c.kind == "set":
            out[c.input] = c.after
        elif c.kind == "add":
            out[c.input] = frozenset(now or ()) | frozenset(c.items[: c.need])
        elif c.kind == "remove":
            out[c.input] = frozenset(now or ()) - frozenset(c.items)
        elif c.kind == "answer":
            out[c.input] = sample_answer(env[c.input])
        elif c.kind == "fill_rows":
            cols = frozenset(col.code for col in env[c.input].columns)
            out[c.input] = {**(now or {}), **{r: cols for r in c.items[: c.need]}}
    return out


# -- answers in words -------------------------------------------------------------------------------
def _option_labels(inp: Input, codes: Iterable[str], lang: str) -> list[str]:
    pool = {o.code: o for o in (*inp.options, *inp.rows)}
    return [pool[c].label.get(lang) if c in pool else str(c) for c in codes]


def listing(inp: Input, codes: Iterable[str]) -> Text:
    codes = list(codes)
    shown, more = codes[:LIST_MAX], len(codes) - LIST_MAX

    def one(lang: str) -> str:
        tail = f"; {say('v.more', n=more).get(lang)}" if more > 0 else ""
        return "; ".join(_option_labels(inp, shown, lang)) + tail

    return Text(one("th"), one("en"))


def describe_value(inp: Input, value: Any, lang: str) -> str:
    """An answer as a respondent would read it."""
    return _describe(inp, value).get(lang)


def _describe(inp: Input, value: Any) -> Text:
    if value is None:
        return say("v.none")
    if isinstance(value, bool):
        return say("v.yes" if value else "v.no")
    if isinstance(value, frozenset | set):
        if not value:
            return say("v.empty")
        return listing(inp, [o.code for o in inp.options if o.code in value])
    if isinstance(value, dict):
        return say("v.cells", n=sum(len(v) for v in value.values()))
    if isinstance(value, str) and inp.options:
        return listing(inp, [value])
    if inp.type == "year" and isinstance(value, int):  # a year reads as written: 2560, never 2,560
        return Text(str(value), str(value))
    if isinstance(value, float | int):
        return Text(fmt_number(value), fmt_number(value))
    return Text(str(value), str(value))


def _pct(x: float | None) -> Text:
    return say("q.percent", value=fmt_number(None if x is None else round(x, 2)))


class Planner:
    """The candidate plans that make a compiled rule hold for one agency's answers, smallest first."""

    def __init__(
        self,
        rule: CompiledRule,
        env: Mapping[str, Input],
        ctx: Mapping[str, Any],
        prev: Callable[[], list[Plan]] | None = None,
        enable: Callable[[str], list[Plan]] | None = None,
    ) -> None:
        self.rule = rule
        self.env = env
        self.ctx = ctx
        self.prev = prev
        self.enable = enable

    def val(self, node: a.Node) -> Any:
        return self.rule.nodes[node](self.ctx)

    def plans(self, node: a.Node, want: bool = True) -> list[Plan]:
        if isinstance(node, a.Not):
            return self.plans(node.operand, not want)
        if bool(self.val(node)) == want:
            return [()]
        if isinstance(node, a.And | a.Or):
            parts = [self.plans(i, want) for i in node.items]
            if isinstance(node, a.And) == want:  # every child must reach `want`
                if any(not p for p in parts):
                    return []
                combos = [
                    tuple(s for plan in combo for s in plan) for combo in product(*(p[:CAP] for p in parts))
                ]
                return sorted(combos, key=plan_size)[: CAP * CAP]
            return sorted((plan for p in parts for plan in p[:CAP]), key=plan_size)
        if isinstance(node, a.Prev):
            return self.prev() if want and self.prev else []
        return [self.enabled(p) for p in self.leaf(node, want)]

    def enabled(self, plan: Plan) -> Plan:
        """The plan preceded by what makes its inputs asked at all (their `applies_if`)."""
        if self.enable is None:
            return plan
        before: list[Step] = []
        for step in plan:
            for c in step.changes:
                found = self.enable(c.input)
                if found and found[0]:
                    before.extend(found[0])
        return (*before, *plan)

    # -- words --------------------------------------------------------------------------------
    def label(self, code: str) -> Text:
        return self.env[code].label

    def current(self, codes: Iterable[str]) -> Text:
        codes = list(dict.fromkeys(codes))

        def one(lang: str) -> str:
            return "; ".join(
                f"{self.label(c).get(lang)}: {_describe(self.env[c], self.ctx.get(c)).get(lang)}"
                for c in codes
            )

        return Text(one("th"), one("en"))

    def step(self, text: Text, *changes: Change) -> Plan:
        return (Step(text, self.current(c.input for c in changes), changes),)

    def quantity(self, n: a.Node) -> Text | None:
        """A number of a rule named as a respondent would; None when it has no words."""
        if isinstance(n, a.Ref):
            return say("q.input", label=self.label(n.code))
        if isinstance(n, a.Call) and n.name == "count" and isinstance(n.args[0], a.Ref):
            inp = self.env[n.args[0].code]
            if len(n.args) > 1 and isinstance(n.args[1], a.SetLit):
                return say(
                    "q.count.among",
                    label=inp.label,
                    items=listing(inp, [str(i.value) for i in n.args[1].items]),
                )
            return say("q.count", label=inp.label)
        if isinstance(n, a.Call) and n.name == "full_rows" and isinstance(n.args[0], a.Ref):
            return say("q.full_rows", label=self.label(n.args[0].code))
        if isinstance(n, a.Call) and n.name == "share":
            part, whole = self.quantity(n.args[0]), self.quantity(n.args[1])
            return say("q.share", part=part, whole=whole) if part and whole else None
        if isinstance(n, a.Arith) and n.op == "+":
            left, right = self.quantity(n.left), self.quantity(n.right)
            return say("q.plus", left=left, right=right) if left and right else None
        if isinstance(n, a.Num):
            return Text(fmt_number(n.value), fmt_number(n.value))
        return None

    # -- leaves -------------------------------------------------------------------------------
    def leaf(self, node: a.Node, want: bool) -> list[Plan]:
        if isinstance(node, a.Ref) and self.env[node.code].type == "yes_no":
            code = node.code
            change = Change(code, "set", self.ctx.get(code), want)
            now = _describe(self.env[code], self.ctx.get(code))
            return [self.step(say("s.yes" if want else "s.no", label=self.label(code), now=now), change)]
        if isinstance(node, a.Call) and isinstance(node.args[0], a.Ref) and want:
            inp = self.env[node.args[0].code]
            if node.name == "answered":
                return [
                    self.step(
                        say("s.answer", label=inp.label), Change(inp.code, "answer", self.ctx.get(inp.code))
                    )
                ]
            if node.name in ("any", "all") and inp.type == "multiple_choice":
                rest = self.not_chosen(inp, None)
                return self.choose(inp, 1 if node.name == "any" else len(rest), rest)
        if isinstance(node, a.Compare):
            return self.compare(node, want)
        if isinstance(node, a.In):
            return self.membership(node, want)
        return []

    def not_chosen(self, inp: Input, among: set[str] | None) -> list[str]:
        chosen = self.ctx.get(inp.code) or frozenset()
        return [o.code for o in inp.options if o.code not in chosen and (among is None or o.code in among)]

    def choose(self, inp: Input, need: int, rest: list[str]) -> list[Plan]:
        if need <= 0 or need > len(rest):
            return []
        now = len(self.ctx.get(inp.code) or ())
        text = say("s.choose", n=need, label=inp.label, now=now, items=listing(inp, rest))
        return [self.step(text, Change(inp.code, "add", self.ctx.get(inp.code), None, tuple(rest), need))]

    def set_choice(self, inp: Input, codes: list[str]) -> list[Plan]:
        """One plan per option that meets the condition, the options after the current answer first."""
        order = [o.code for o in inp.options]
        now = self.ctx.get(inp.code)
        pos = order.index(now) if now in order else -1
        ranked = sorted(codes, key=lambda c: (order.index(c) < pos, order.index(c) if c in order else 0))
        return [
            self.step(
                say("s.choice", label=inp.label, to=listing(inp, [c]), now=_describe(inp, now)),
                Change(inp.code, "set", now, c),
            )
            for c in ranked[:CAP]
        ]

    def membership(self, node: a.In, want: bool) -> list[Plan]:
        member = want != node.negated
        if (
            isinstance(node.left, a.Ref)
            and isinstance(node.right, a.SetLit)
            and self.env[node.left.code].options
        ):
            inp = self.env[node.left.code]
            listed = {str(i.value) for i in node.right.items}
            return self.set_choice(inp, [o.code for o in inp.options if (o.code in listed) == member])
        if isinstance(node.left, a.Str) and isinstance(node.right, a.Ref):
            inp = self.env[node.right.code]
            item, now = node.left.value, self.ctx.get(inp.code)
            if member:
                return [
                    self.step(
                        say("s.add", label=inp.label, items=listing(inp, [item])),
                        Change(inp.code, "add", now, None, (item,), 1),
                    )
                ]
            return [
                self.step(
                    say("s.remove", label=inp.label, items=listing(inp, [item])),
                    Change(inp.code, "remove", now, None, (item,)),
                )
            ]
        return []

    def compare(self, node: a.Compare, want: bool) -> list[Plan]:
        op = node.op if want else _NEGATE[node.op]
        left, right = node.left, node.right
        if isinstance(left, a.Num | a.Str) and not isinstance(right, a.Num | a.Str):
            left, right, op = right, left, _FLIP[op]
        if isinstance(left, a.Ref) and isinstance(right, a.Str) and self.env[left.code].options:
            inp = self.env[left.code]
            if op == "==":
                return self.set_choice(inp, [right.value])
            if op == "!=":
                return self.set_choice(inp, [o.code for o in inp.options if o.code != right.value])
            return []
        if op not in _CMP:
            return []  # a figure that would have to go down: never advised
        target = self.val(right)
        if target is None:
            return []
        if isinstance(right, a.Num):
            return self.raise_to(left, op, float(target))
        return self.above(left, right, op, float(target))

    # -- raising a number ---------------------------------------------------------------------
    def raise_to(self, node: a.Node, op: str, target: float) -> list[Plan]:
        """Plans that bring the number `node` to `op target` (>=, > or ==), only ever raising answers."""
        now = self.val(node)
        if isinstance(node, a.Ref) and self.env[node.code].type in NUMBER_TYPES:
            inp = self.env[node.code]
            v = self.least(inp, op, target, lambda x: x)
            if v is None or (now is not None and v < now):
                return []
            bound = say("exactly" if op == "==" else ("more_than" if op == ">" else "at_least"))
            text = say(
                "s.raise",
                what=say("q.input", label=inp.label),
                now=fmt_number(now),
                bound=bound,
                target=fmt_number(target),
            )
            return [self.step(text, Change(inp.code, "set", self.ctx.get(inp.code), v))]
        if (
            isinstance(node, a.Call)
            and node.name == "count"
            and isinstance(node.args[0], a.Ref)
            and self.env[node.args[0].code].type == "multiple_choice"
        ):
            inp = self.env[node.args[0].code]
            among = (
                {str(i.value) for i in node.args[1].items}
                if len(node.args) > 1 and isinstance(node.args[1], a.SetLit)
                else None
            )
            k = float(now or 0)
            need = next((n for n in range(0, len(inp.options) + 1) if _CMP[op](k + n, target)), None)
            return self.choose(inp, need or 0, self.not_chosen(inp, among))
        if isinstance(node, a.Call) and node.name == "full_rows" and isinstance(node.args[0], a.Ref):
            return self.fill_rows(self.env[node.args[0].code], op, target, float(now or 0))
        if isinstance(node, a.Call) and node.name == "share":
            return self.raise_share(node, op, target, None)
        if isinstance(node, a.Arith) and node.op == "+":
            out: list[Plan] = []
            for term, other in ((node.left, node.right), (node.right, node.left)):
                rest = self.val(other)
                if rest is not None:
                    out.extend(self.raise_to(term, op, target - float(rest)))
            return sorted(out, key=plan_size)
        return []

    def least(
        self, inp: Input, op: str, target: float, f: Callable[[float], float], start: float | None = None
    ) -> float | None:
        """The smallest allowed value v of a number input with f(v) `op` target, or None (`start`: the
        value f maps to the target)."""
        lo, hi = inp.bounds
        step = 1.0 if inp.type != "number" or hi > 1 else 0.01
        v = target if start is None else start
        if op != "==":
            v = math.ceil(v / step - 1e-9) * step if step == 1.0 else math.floor(v * 100 + 1e-9) / 100
        for _ in range(4):
            if lo <= v <= hi and _CMP[op](f(v), target):
                return v
            v = round(v + step, 2)
        return None

    def fill_rows(self, inp: Input, op: str, target: float, now: float) -> list[Plan]:
        cols = {c.code for c in inp.columns}
        checked = self.ctx.get(inp.code) or {}
        rest = sorted(
            (r.code for r in inp.rows if set(checked.get(r.code, ())) != cols),
            key=lambda r: len(cols - set(checked.get(r, ()))),
        )
        need = next((n for n in range(0, len(rest) + 1) if _CMP[op](now + n, target)), None)
        if not need:
            return []
        text = say("s.rows", n=need, label=inp.label, items=listing(inp, rest))
        return [self.step(text, Change(inp.code, "fill_rows", jsonable(checked), None, tuple(rest), need))]

    def raise_share(
        self, node: a.Call, op: str, target: float, versus: tuple[Text, Text] | None
    ) -> list[Plan]:
        """Raise the part of share(part, whole) until the share is `op target` (the whole stays)."""
        part, whole = node.args
        w, p = self.val(whole), self.val(part)
        what, part_words, whole_words = self.quantity(node), self.quantity(part), self.quantity(whole)
        if not w or w <= 0 or what is None or part_words is None or whole_words is None:
            return []

        def share_of(x: float) -> float:
            return x / float(w) * 100

        had = float(p or 0)
        if isinstance(part, a.Ref):
            inp = self.env[part.code]
            need = self.least(inp, op, target, share_of, target * float(w) / 100)
            if need is None or need < had or need > w:
                return []
            changes: tuple[Change, ...] = (Change(inp.code, "set", self.ctx.get(inp.code), need),)
        elif (
            isinstance(part, a.Call)
            and part.name == "count"
            and isinstance(part.args[0], a.Ref)
            and self.env[part.args[0].code].type == "multiple_choice"
        ):
            inp = self.env[part.args[0].code]
            among = (
                {str(i.value) for i in part.args[1].items}
                if len(part.args) > 1 and isinstance(part.args[1], a.SetLit)
                else None
            )
            rest = self.not_chosen(inp, among)
            more = next((n for n in range(1, len(rest) + 1) if _CMP[op](share_of(had + n), target)), None)
            if more is None:
                return []
            need = had + more
            changes = (Change(inp.code, "add", self.ctx.get(inp.code), None, tuple(rest), more),)
        else:
            return []
        bound = say("exactly" if op == "==" else ("more_than" if op == ">" else "at_least"))
        values = dict(
            part=part_words,
            whole=fmt_number(w),
            need=fmt_number(need),
            had=fmt_number(had),
            bound=say("exactly" if op == "==" else "at_least"),
        )
        if versus is not None:
            text = say(
                "s.above", left=what, right=versus[0], lnow=_pct(share_of(had)), rnow=versus[1], **values
            )
        elif op == "==":
            text = say("s.equal", what=what, target=_pct(target), **values)
        else:
            text = say(
                "s.raise_share",
                what=what,
                now=_pct(share_of(had)),
                target=_pct(target),
                above=bound,
                **values,
            )
        return [(Step(text, self.current(c.input for c in changes), changes),)]

    def above(self, left: a.Node, right: a.Node, op: str, target: float) -> list[Plan]:
        """`left op right` with two figures of the agency (this year against last year): raise the left."""
        if op == "==" and isinstance(left, a.Call) and left.name == "share":
            return self.raise_share(left, op, target, None)
        right_words = self.quantity(right)
        if right_words is None:
            return []
        rnow: Text = (
            _pct(target)
            if isinstance(right, a.Call) and right.name == "share"
            else Text(fmt_number(target), fmt_number(target))
        )
        if isinstance(left, a.Call) and left.name == "share":
            return self.raise_share(left, op, target, (right_words, rnow))
        return self.raise_to(left, op, target)


def unknown_inputs(rule: CompiledRule, ctx: Mapping[str, Any]) -> tuple[list[str], bool]:
    """The inputs whose unknown value leaves `rule` unknown for these answers (three-valued, see
    dgmm.rules.compile), and whether its `prev` is one of the unknown parts. Only the parts that
    can still decide are followed: in `a and b` with `a` true, only `b`'s."""
    codes: list[str] = []
    prev = False
    unknown = frozenset(c for c in (*rule.inputs, PREV) if ctx.get(c) is UNKNOWN)

    def visit(node: a.Node) -> None:
        nonlocal prev
        fn = rule.nodes.get(node)
        if fn is None or unknown.isdisjoint(rule.reads_under(node)) or fn(ctx) is not UNKNOWN:
            return  # a part that reads nothing unknown is known
        if isinstance(node, a.Ref):
            codes.append(node.code)
        elif isinstance(node, a.Prev):
            prev = True
        for child in a.children(node):
            visit(child)

    visit(rule.tree)
    return list(dict.fromkeys(codes)), prev
