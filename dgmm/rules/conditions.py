"""Parse rule expressions (docs/rules.md) into the tree of `dgmm.rules.ast`.

A hand-written tokenizer and recursive-descent parser with a fixed whitelist of operators and
functions. Nothing is ever evaluated as Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dgmm.errors import RuleError
from dgmm.framework.schema import BOUND_LIMIT
from dgmm.rules import ast as a

FUNCTIONS: dict[str, tuple[int, int]] = {  # name -> (min args, max args)
    "count": (1, 2),
    "any": (1, 1),
    "all": (1, 1),
    "full_rows": (1, 1),
    "answered": (1, 1),
    "rank": (1, 1),
    "points": (1, 1),
    "share": (2, 2),
    "min": (1, 16),
    "max": (1, 16),
    "abs": (1, 1),
    # facts beyond the answers, in consistency checks only (dgmm.rules.compile.CHECK_FUNCTIONS)
    "level": (1, 1),
    "previous_level": (1, 1),
    "has_evidence": (1, 1),
}
KEYWORDS = {"and", "or", "not", "in", "true", "false", "prev"}

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d+)?)
  | (?P<str>'[^'\n]*'|"[^"\n]*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)
  | (?P<op>==|!=|<=|>=|<|>|\(|\)|\{|\}|,|\+|-|\*|/)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str  # num, str, name, op, end
    text: str
    start: int
    end: int


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if not m:
            ch = source[pos]
            hint = " (use 'and', 'or', 'not')" if ch in "&|!" else ""
            hint = " (use '==' to compare)" if ch == "=" else hint
            raise RuleError(f"unexpected character {ch!r}{hint}", source, pos, "syntax")
        kind = m.lastgroup or ""
        if kind != "ws":
            tokens.append(Token(kind, m.group(), m.start(), m.end()))
        pos = m.end()
    tokens.append(Token("end", "", len(source), len(source)))
    return tokens


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.i = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def error(self, message: str, tok: Token | None = None) -> RuleError:
        t = tok or self.tok
        return RuleError(message, self.source, t.start, "syntax")

    def is_word(self, word: str) -> bool:
        return self.tok.kind == "name" and self.tok.text == word

    def is_op(self, op: str) -> bool:
        return self.tok.kind == "op" and self.tok.text == op

    def take(self) -> Token:
        t = self.tok
        self.i += 1
        return t

    def expect_op(self, op: str) -> Token:
        if not self.is_op(op):
            found = self.tok.text or "the end of the rule"
            raise self.error(f"expected '{op}', found {found!r}")
        return self.take()

    def parse(self) -> a.Node:
        if self.tok.kind == "end":
            raise self.error("the rule is empty")
        node = self.or_()
        if self.tok.kind != "end":
            raise self.error(f"unexpected {self.tok.text!r} after a complete expression")
        return node

    def or_(self) -> a.Node:
        start = self.tok.start
        items = [self.and_()]
        while self.is_word("or"):
            self.take()
            items.append(self.and_())
        return items[0] if len(items) == 1 else a.Or(tuple(items), start=start, end=items[-1].end)

    def and_(self) -> a.Node:
        start = self.tok.start
        items = [self.not_()]
        while self.is_word("and"):
            self.take()
            items.append(self.not_())
        return items[0] if len(items) == 1 else a.And(tuple(items), start=start, end=items[-1].end)

    def not_(self) -> a.Node:
        if self.is_word("not"):
            t = self.take()
            operand = self.not_()
            return a.Not(operand, start=t.start, end=operand.end)
        return self.compare()

    def compare(self) -> a.Node:
        left = self.sum_()
        if self.tok.kind == "op" and self.tok.text in ("==", "!=", "<", "<=", ">", ">="):
            op = self.take().text
            right = self.sum_()
            return a.Compare(op, left, right, start=left.start, end=right.end)
        if self.is_word("in"):
            self.take()
            right = self.sum_()
            return a.In(left, right, start=left.start, end=right.end)
        if (
            self.is_word("not")
            and self.tokens[self.i + 1].kind == "name"
            and self.tokens[self.i + 1].text == "in"
        ):
            self.take()
            self.take()
            right = self.sum_()
            return a.In(left, right, negated=True, start=left.start, end=right.end)
        return left

    def sum_(self) -> a.Node:
        node = self.product()
        while self.tok.kind == "op" and self.tok.text in ("+", "-"):
            op = self.take().text
            right = self.product()
            node = a.Arith(op, node, right, start=node.start, end=right.end)
        return node

    def product(self) -> a.Node:
        node = self.unary()
        while self.tok.kind == "op" and self.tok.text in ("*", "/"):
            op = self.take().text
            right = self.unary()
            node = a.Arith(op, node, right, start=node.start, end=right.end)
        return node

    def unary(self) -> a.Node:
        if self.is_op("-"):
            t = self.take()
            operand = self.unary()
            if isinstance(operand, a.Num):
                return a.Num(-operand.value, start=t.start, end=operand.end)
            return a.Neg(operand, start=t.start, end=operand.end)
        return self.atom()

    def atom(self) -> a.Node:
        t = self.tok
        if t.kind == "num":
            self.take()
            value = float(t.text)
            if not abs(value) <= BOUND_LIMIT:
                raise RuleError(
                    f"the number {t.text[:20]}{'…' if len(t.text) > 20 else ''} is too large "
                    f"(at most {BOUND_LIMIT:.0f})",
                    self.source,
                    t.start,
                    "bad_number",
                )
            return a.Num(value, start=t.start, end=t.end)
        if t.kind == "str":
            self.take()
            return a.Str(t.text[1:-1], start=t.start, end=t.end)
        if self.is_op("("):
            self.take()
            node = self.or_()
            close = self.expect_op(")")
            return _respan(node, t.start, close.end)
        if self.is_op("{"):
            return self.set_literal()
        if t.kind == "name":
            self.take()
            if t.text in ("true", "false"):
                return a.Bool(t.text == "true", start=t.start, end=t.end)
            if t.text == "prev":
                return a.Prev(start=t.start, end=t.end)
            if t.text in KEYWORDS:
                raise self.error(f"'{t.text}' cannot start an expression", t)
            if self.is_op("("):
                return self.call(t)
            return a.Ref(t.text, start=t.start, end=t.end)
        found = t.text or "the end of the rule"
        raise self.error(f"expected a value, an input code or '(', found {found!r}")

    def call(self, name: Token) -> a.Node:
        if name.text not in FUNCTIONS:
            raise RuleError(
                f"unknown function '{name.text}' (known: {', '.join(sorted(FUNCTIONS))})",
                self.source,
                name.start,
                "unknown_function",
            )
        self.expect_op("(")
        args = [self.or_()]
        while self.is_op(","):
            self.take()
            args.append(self.or_())
        close = self.expect_op(")")
        lo, hi = FUNCTIONS[name.text]
        if not lo <= len(args) <= hi:
            want = str(lo) if lo == hi else f"{lo} to {hi}"
            raise RuleError(
                f"{name.text}() takes {want} argument(s), found {len(args)}",
                self.source,
                name.start,
                "wrong_arguments",
            )
        return a.Call(name.text, tuple(args), start=name.start, end=close.end)

    def set_literal(self) -> a.Node:
        open_ = self.take()
        items: list[a.Num | a.Str] = []
        if not self.is_op("}"):
            while True:
                item = self.unary()
                if not isinstance(item, a.Num | a.Str):
                    raise RuleError(
                        "a set holds option codes in quotes or numbers", self.source, item.start, "syntax"
                    )
                items.append(item)
                if self.is_op(","):
                    self.take()
                    continue
                break
        close = self.expect_op("}")
        return a.SetLit(tuple(items), start=open_.start, end=close.end)


def _respan(node: a.Node, start: int, end: int) -> a.Node:
    object.__setattr__(node, "start", start)
    object.__setattr__(node, "end", end)
    return node


def parse_rule(source: str) -> a.Node:
    """Parse one rule expression; RuleError names the character where it went wrong."""
    return _Parser(source).parse()
