"""What the rules can see of an answer: the part of a value on which every rule's outcome depends.

A rule reads a multiple choice through ``count()``, ``any()``, ``all()`` and ``'x' in``; a number
through comparisons with constants; a text through ``answered()`` and comparisons with quoted
texts; a matrix through ``count()``, ``any()`` and ``full_rows()``. Two answers that agree on what
all of a framework's rules (level rules and applies_if conditions) see of them give every topic
the same result, so `dgmm.scoring.memo` looks results up by these projections instead of the raw
answers: the thousands of distinct checklists, web addresses and counts of a cycle collapse into a
few distinct projections each.

An input is projected only when every use of it is one of those forms; any other use (arithmetic,
``points()``, points on its options, ``rank()``...) keeps the whole value. Whether an input is
answered is always kept: `MISSING` projects to itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from dgmm.framework.schema import NUMBER_TYPES, STRING_TYPES, Framework, Input
from dgmm.rules import ast as a
from dgmm.rules.compile import CompiledRule
from dgmm.scoring.engine import CompiledTopic, Engine

Projection = Callable[[Any], Any]

_OTHER = object()  # a text that no rule compares with: it differs from every quoted text


class _Uses:
    """How the rules use one input: the observations a projection must keep."""

    def __init__(self) -> None:
        self.whole = False  # some use needs the whole value
        self.size = False  # count(x), any(x) of a multiple choice or matrix
        self.subsets: set[frozenset[str]] = set()  # count(x, {...}) of a multiple choice
        self.singles: set[str] = set()  # 'a' in x of a multiple choice
        self.every = False  # all(x) of a multiple choice
        self.full_rows = False  # full_rows(x) of a matrix
        self.texts: set[str] = set()  # quoted texts a text (or choice) is compared with
        self.compares: set[tuple[str, Any, bool]] = set()  # number: (op, constant, constant on the left)
        self.members: set[frozenset[Any]] = set()  # number sets of `x in {...}`

    def only(self, *kinds: str) -> bool:
        """Whether every use is of these kinds."""
        used = {
            "size": self.size,
            "subsets": bool(self.subsets),
            "singles": bool(self.singles),
            "every": self.every,
            "full_rows": self.full_rows,
            "texts": bool(self.texts),
            "compares": bool(self.compares),
            "members": bool(self.members),
        }
        return not self.whole and not any(v for k, v in used.items() if k not in kinds)


def _rules(engine: Engine) -> Iterator[CompiledRule]:
    def of_topic(ct: CompiledTopic) -> Iterator[CompiledRule]:
        yield from ct.levels.values()
        if ct.not_applicable is not None:
            yield ct.not_applicable
        for st in ct.subs:
            yield from of_topic(st)

    for ct in engine.topics.values():
        yield from of_topic(ct)
    yield from engine.applies_rules.values()


def _note(uses: dict[str, _Uses], node: a.Ref, parent: a.Node | None) -> None:
    """Record how a reference to an input is used by its parent node."""
    u = uses.setdefault(node.code, _Uses())
    if isinstance(parent, a.Call) and parent.args and parent.args[0] is node:
        name, args = parent.name, parent.args
        if name == "answered":
            return
        if name in ("any", "count") and len(args) == 1:
            u.size = True
            return
        if name == "count" and isinstance(args[1], a.SetLit):
            u.subsets.add(frozenset(str(i.value) for i in args[1].items))
            return
        if name == "all":
            u.every = True
            return
        if name == "full_rows":
            u.full_rows = True
            return
    if isinstance(parent, a.Compare):
        other = parent.right if parent.left is node else parent.left
        if isinstance(other, a.Str) and parent.op in ("==", "!="):
            u.texts.add(other.value)
            return
        if isinstance(other, a.Num):
            u.compares.add((parent.op, other.value, other is parent.left))
            return
    if isinstance(parent, a.In):
        if parent.left is node and isinstance(parent.right, a.SetLit):
            items = parent.right.items
            if all(isinstance(i, a.Str) for i in items):
                u.texts.update(str(i.value) for i in items)
            else:
                u.members.add(frozenset(i.value for i in items))
            return
        if parent.right is node and isinstance(parent.left, a.Str):
            u.singles.add(parent.left.value)
            return
    u.whole = True


def _visit(uses: dict[str, _Uses], node: a.Node, parent: a.Node | None) -> None:
    if isinstance(node, a.Ref):
        _note(uses, node, parent)
    for child in a.children(node):
        _visit(uses, child, node)


def projections(framework: Framework, engine: Engine) -> dict[str, Projection]:
    """The projection of each input whose rules see only part of its value (see the module doc)."""
    uses: dict[str, _Uses] = {}
    for rule in _rules(engine):
        _visit(uses, rule.tree, None)
    out: dict[str, Projection] = {}
    for code, inp in framework.inputs.items():
        u = uses.get(code, _Uses())
        if u.whole or inp.has_points:
            continue
        proj = _projection(inp, u)
        if proj is not None:
            out[code] = proj
    return out


_CMP: dict[str, Callable[[Any, Any], bool]] = {
    "==": lambda x, y: x == y,
    "!=": lambda x, y: x != y,
    "<": lambda x, y: x < y,
    "<=": lambda x, y: x <= y,
    ">": lambda x, y: x > y,
    ">=": lambda x, y: x >= y,
}


def _projection(inp: Input, u: _Uses) -> Projection | None:
    typ = inp.type
    if typ == "multiple_choice" and u.only("size", "subsets", "singles", "every"):
        return _choices(inp, u)
    if typ == "matrix" and u.only("size", "full_rows"):
        return _matrix(inp, u)
    if typ in STRING_TYPES and u.only("texts"):
        texts = frozenset(u.texts)

        def text(v: Any) -> Any:
            return v if v in texts else _OTHER

        return text
    if typ in NUMBER_TYPES and u.only("compares", "members"):
        tests = list(u.compares)
        members = list(u.members)

        def number(v: Any) -> Any:
            return (
                tuple(_CMP[op](k, v) if left else _CMP[op](v, k) for op, k, left in tests),
                tuple(v in m for m in members),
            )

        return number
    return None


def _choices(inp: Input, u: _Uses) -> Projection:
    size, every = u.size, u.every
    subsets, singles = list(u.subsets), list(u.singles)
    options = frozenset(inp.option_codes)

    def choices(v: Any) -> Any:
        return (
            len(v) if size else None,
            tuple(len(v & s) for s in subsets),
            tuple(c in v for c in singles),
            options <= v if every else None,
        )

    return choices


def _matrix(inp: Input, u: _Uses) -> Projection:
    cols = frozenset(o.code for o in inp.columns)
    size, full = u.size, u.full_rows

    def matrix(v: Any) -> Any:  # v: frozenset of (row, frozenset of columns)
        return (
            sum(len(c) for _, c in v) if size else None,
            bool(v) if size else None,
            sum(1 for _, c in v if cols <= c) if full else None,
        )

    return matrix
