"""Explain a compiled rule for one agency: which leaf conditions are unmet, and what answer meets them.

The walk uses the compiled closures of each node, so an explanation can never disagree with the
score. Negation is pushed down to the leaves; of the alternatives of an `or`, the one with the
fewest unmet conditions is advised (the first on a tie). `unknown_inputs` names, for answers with
unknown values (three-valued, dgmm.rules.compile), the inputs on which a rule's outcome still hangs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from dgmm.framework.schema import Input
from dgmm.rules import ast as a
from dgmm.rules.compile import PREV, UNKNOWN, CompiledRule

_NEGATE = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "!=", "!=": "=="}
_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}
_OP_EN = {">=": "at least", ">": "more than", "<=": "at most", "<": "less than", "==": "exactly", "!=": "other than"}
_OP_TH = {">=": "ไม่น้อยกว่า", ">": "มากกว่า", "<=": "ไม่เกิน", "<": "น้อยกว่า", "==": "เท่ากับ", "!=": "ไม่เท่ากับ"}
LIST_MAX = 12


@dataclass(frozen=True)
class Unmet:
    """One condition that does not hold, and what would make it hold, in Thai and English."""

    condition: str  # the part of the rule, as written in the framework
    inputs: tuple[str, ...]
    text_en: str
    text_th: str
    current_en: str = ""
    current_th: str = ""


def _fmt(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:g}" if float(x).is_integer() else f"{x:.2f}"


def _labels(inp: Input, codes: Any, lang: str) -> list[str]:
    out = []
    for c in codes:
        opt = inp.option(c) if isinstance(c, str) else None
        out.append(opt.label.get(lang) if opt else str(c))
    return out


def _listing(items: list[str]) -> str:
    shown = items[:LIST_MAX]
    more = len(items) - len(shown)
    return "; ".join(shown) + (f"; … (+{more})" if more > 0 else "")


def describe_value(inp: Input, value: Any, lang: str) -> str:
    """An answer as a respondent would read it."""
    none = "ยังไม่ได้ตอบ" if lang == "th" else "not answered"
    if value is None:
        return none
    if isinstance(value, bool):
        return ("ใช่" if value else "ไม่ใช่") if lang == "th" else ("yes" if value else "no")
    if isinstance(value, frozenset | set):
        if not value:
            return "ไม่ได้เลือกข้อใด" if lang == "th" else "none chosen"
        return _listing(_labels(inp, [o.code for o in inp.options if o.code in value], lang))
    if isinstance(value, dict):
        n = sum(len(v) for v in value.values())
        return f"{n} ช่อง" if lang == "th" else f"{n} cells checked"
    if isinstance(value, str) and inp.options:
        return _listing(_labels(inp, [value], lang))
    if isinstance(value, float | int):
        return _fmt(value)
    return str(value)


class Explainer:
    def __init__(self, rule: CompiledRule, env: Mapping[str, Input], ctx: Mapping[str, Any],
                 prev: Callable[[], list[Unmet]] | None = None) -> None:
        self.rule = rule
        self.env = env
        self.ctx = ctx
        self.prev = prev

    def src(self, node: a.Node) -> str:
        return self.rule.source[node.start:node.end]

    def val(self, node: a.Node) -> Any:
        return self.rule.nodes[node](self.ctx)

    def unmet(self, node: a.Node, want: bool = True) -> list[Unmet]:
        if isinstance(node, a.Not):
            return self.unmet(node.operand, not want)
        if isinstance(node, a.And | a.Or):
            conj = isinstance(node, a.And) == want  # all children must reach `want`
            parts = [self.unmet(i, want) for i in node.items]
            if conj:
                return [u for p in parts for u in p]
            failing = [p for p in parts if p]
            if len(failing) < len(parts):
                return []
            return min(failing, key=len)
        if bool(self.val(node)) == want:
            return []
        if isinstance(node, a.Prev):
            return self.prev() if self.prev else [self.generic(node, want)]
        return [self.leaf(node, want)]

    # -- leaves --------------------------------------------------------------------------------
    def current(self, codes: tuple[str, ...]) -> tuple[str, str]:
        en = "; ".join(f"{self.env[c].label.get('en')}: {describe_value(self.env[c], self.ctx.get(c), 'en')}"
                       for c in codes)
        th = "; ".join(f"{self.env[c].label.get('th')}: {describe_value(self.env[c], self.ctx.get(c), 'th')}"
                       for c in codes)
        return en, th

    def make(self, node: a.Node, codes: tuple[str, ...], en: str, th: str) -> Unmet:
        cur_en, cur_th = self.current(codes)
        return Unmet(self.src(node), codes, en[:1].upper() + en[1:], th, cur_en, cur_th)

    def generic(self, node: a.Node, want: bool) -> Unmet:
        codes = tuple(dict.fromkeys(n.code for n in a.walk(node) if isinstance(n, a.Ref)))
        cond = self.src(node)
        if want:
            return self.make(node, codes, f"The condition “{cond}” must hold", f"ต้องเป็นไปตามเงื่อนไข “{cond}”")
        return self.make(node, codes, f"The condition “{cond}” must not hold", f"ต้องไม่เป็นไปตามเงื่อนไข “{cond}”")

    def leaf(self, node: a.Node, want: bool) -> Unmet:
        if isinstance(node, a.Ref) and self.env[node.code].type == "yes_no":
            inp = self.env[node.code]
            yes_en, yes_th = ("yes", "ใช่") if want else ("no", "ไม่ใช่")
            return self.make(node, (node.code,), f"Answer “{yes_en}” to “{inp.label.get('en')}”",
                             f"ตอบ “{yes_th}” ในข้อ “{inp.label.get('th')}”")
        if isinstance(node, a.Call) and node.name == "answered" and isinstance(node.args[0], a.Ref):
            inp = self.env[node.args[0].code]
            if want:
                return self.make(node, (inp.code,), f"Answer “{inp.label.get('en')}”", f"ตอบข้อ “{inp.label.get('th')}”")
        if isinstance(node, a.Call) and node.name in ("any", "all") and isinstance(node.args[0], a.Ref) and want:
            inp = self.env[node.args[0].code]
            chosen = self.ctx.get(inp.code) or frozenset()
            rest = [o.code for o in inp.options if o.code not in chosen]
            if node.name == "any":
                return self.choose_more(node, inp, 1, rest)
            return self.choose_more(node, inp, len(rest), rest)
        if isinstance(node, a.Compare):
            return self.compare(node, want)
        if isinstance(node, a.In):
            return self.membership(node, want)
        return self.generic(node, want)

    def choose_more(self, node: a.Node, inp: Input, m: int, candidates: list[str]) -> Unmet:
        en_list = _listing(_labels(inp, candidates, "en"))
        th_list = _listing(_labels(inp, candidates, "th"))
        return self.make(node, (inp.code,),
                         f"Choose at least {m} more in “{inp.label.get('en')}” from: {en_list}",
                         f"ดำเนินการเพิ่มอีกอย่างน้อย {m} ข้อ ในข้อ “{inp.label.get('th')}” จาก: {th_list}")

    def compare(self, node: a.Compare, want: bool) -> Unmet:
        op = node.op if want else _NEGATE[node.op]
        left, right = node.left, node.right
        if isinstance(left, a.Num | a.Str) and not isinstance(right, a.Num | a.Str):
            left, right, op = right, left, _FLIP[op]
        # count(X) / count(X, S) against a number
        if isinstance(left, a.Call) and left.name == "count" and isinstance(right, a.Num) \
                and isinstance(left.args[0], a.Ref) and self.env[left.args[0].code].type == "multiple_choice":
            inp = self.env[left.args[0].code]
            k = int(self.val(left) or 0)
            n = right.value
            subset = None
            if len(left.args) > 1 and isinstance(left.args[1], a.SetLit):
                subset = {str(i.value) for i in left.args[1].items}
            chosen = self.ctx.get(inp.code) or frozenset()
            rest = [o.code for o in inp.options if o.code not in chosen and (subset is None or o.code in subset)]
            if op in (">=", ">", "==") and k < n + (1 if op == ">" else 0):
                need = int(n - k + (1 if op == ">" else 0))
                need = max(need, 1)
                return self.choose_more(node, inp, need, rest)
            return self.make(node, (inp.code,), f"The number chosen in “{inp.label.get('en')}” must be "
                             f"{_OP_EN[op]} {_fmt(n)} (now {k})",
                             f"จำนวนที่เลือกในข้อ “{inp.label.get('th')}” ต้อง{_OP_TH[op]} {_fmt(n)} (ปัจจุบัน {k})")
        if isinstance(left, a.Ref) and isinstance(right, a.Str) and self.env[left.code].options:
            inp = self.env[left.code]
            label_en = _labels(inp, [right.value], "en")[0]
            label_th = _labels(inp, [right.value], "th")[0]
            if op == "==":
                return self.make(node, (inp.code,), f"Answer “{inp.label.get('en')}”: {label_en}",
                                 f"ตอบข้อ “{inp.label.get('th')}” ว่า: {label_th}")
            return self.make(node, (inp.code,), f"Answer “{inp.label.get('en')}” with other than: {label_en}",
                             f"ตอบข้อ “{inp.label.get('th')}” เป็นอย่างอื่นที่ไม่ใช่: {label_th}")
        if isinstance(right, a.Num):
            codes = tuple(dict.fromkeys(n.code for n in a.walk(left) if isinstance(n, a.Ref)))
            now = self.val(left)
            what_en, what_th = self.quantity(left)
            return self.make(node, codes, f"{what_en} must be {_OP_EN[op]} {_fmt(right.value)} (now {_fmt(now)})",
                             f"{what_th} ต้อง{_OP_TH[op]} {_fmt(right.value)} (ปัจจุบัน {_fmt(now)})")
        return self.generic(node, want)

    def quantity(self, node: a.Node) -> tuple[str, str]:
        """How a respondent would name a number in a rule: an input's label, a share, a count."""
        def label(n: a.Node, lang: str) -> str:
            if isinstance(n, a.Ref):
                return f"“{self.env[n.code].label.get(lang)}”"
            if isinstance(n, a.Call) and n.name == "count" and isinstance(n.args[0], a.Ref):
                inner = self.env[n.args[0].code].label.get(lang)
                return f"จำนวนข้อที่เลือกใน “{inner}”" if lang == "th" else f"the number chosen in “{inner}”"
            if isinstance(n, a.Call) and n.name == "full_rows" and isinstance(n.args[0], a.Ref):
                inner = self.env[n.args[0].code].label.get(lang)
                return (f"จำนวนแถวใน “{inner}” ที่ทำครบทุกช่อง" if lang == "th"
                        else f"the number of rows of “{inner}” with every column checked")
            if isinstance(n, a.Call) and n.name == "share":
                part, whole = label(n.args[0], lang), label(n.args[1], lang)
                return (f"สัดส่วนร้อยละของ {part} ต่อ {whole}" if lang == "th"
                        else f"the percentage {part} is of {whole}")
            if isinstance(n, a.Arith):
                op = {"+": "+", "-": "−", "*": "×", "/": "÷"}[n.op]
                return f"{label(n.left, lang)} {op} {label(n.right, lang)}"
            if isinstance(n, a.Num):
                return _fmt(n.value)
            return f"“{self.src(n)}”"

        return label(node, "en"), label(node, "th")

    def membership(self, node: a.In, want: bool) -> Unmet:
        member = want != node.negated
        if isinstance(node.left, a.Ref) and isinstance(node.right, a.SetLit) and self.env[node.left.code].options:
            inp = self.env[node.left.code]
            codes = [str(i.value) for i in node.right.items]
            if not member:
                codes = [o.code for o in inp.options if o.code not in codes]
            return self.make(node, (inp.code,),
                             f"Answer “{inp.label.get('en')}” with one of: {_listing(_labels(inp, codes, 'en'))}",
                             f"ตอบข้อ “{inp.label.get('th')}” เป็นข้อใดข้อหนึ่งต่อไปนี้: "
                             f"{_listing(_labels(inp, codes, 'th'))}")
        if isinstance(node.left, a.Str) and isinstance(node.right, a.Ref):
            inp = self.env[node.right.code]
            label_en = _labels(inp, [node.left.value], "en")[0]
            label_th = _labels(inp, [node.left.value], "th")[0]
            if member:
                return self.make(node, (inp.code,), f"In “{inp.label.get('en')}”, carry out: {label_en}",
                                 f"ในข้อ “{inp.label.get('th')}” ดำเนินการ: {label_th}")
            return self.make(node, (inp.code,), f"In “{inp.label.get('en')}”, do not choose: {label_en}",
                             f"ในข้อ “{inp.label.get('th')}” ไม่เลือก: {label_th}")
        return self.generic(node, want)


def unmet_conditions(rule: CompiledRule, env: Mapping[str, Input], ctx: Mapping[str, Any],
                     prev: Callable[[], list[Unmet]] | None = None) -> list[Unmet]:
    """Unmet leaf conditions of `rule` for these answers (empty when the rule holds)."""
    return Explainer(rule, env, ctx, prev).unmet(rule.tree, True)


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
