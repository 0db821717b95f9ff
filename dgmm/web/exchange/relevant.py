"""``applies_if`` conditions as XLSForm ``relevant`` expressions, by walking the core's parsed rule tree.

Only what maps cleanly is translated, with the core's meaning kept: an unanswered input makes a
comparison false (so comparisons are guarded with ``${X} != ''``), ``count()`` of an unanswered
multiple choice is 0, and the form's "none of these" choice (``_none``) counts as nothing chosen.
Anything else (``rank``, ``points``, ``share``, ``min``/``max``, matrices, inputs that are not in
the form) raises ``Untranslatable`` with the reason, and the form says so in its notes.
"""

from __future__ import annotations

from collections.abc import Mapping

from dgmm import RuleError
from dgmm.framework.schema import NUMBER_TYPES, Input
from dgmm.rules import ast as a
from dgmm.rules.conditions import parse_rule

NONE_CHOICE = "_none"  # the form's "none of these" choice of a multiple choice
_XPATH_OPS = {"==": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_ARITH = {"+": "+", "-": "-", "*": "*", "/": "div"}


class Untranslatable(Exception):
    """A condition, or a part of it, has no faithful XLSForm counterpart."""


def _literal(value: str) -> str:
    if "'" in value:
        raise Untranslatable(f"the text {value!r} holds a quote")
    return f"'{value}'"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _direct_refs(node: a.Node) -> list[a.Ref]:
    """Inputs read as values, not through a function (count() of an unanswered input is 0, not "no value")."""
    if isinstance(node, a.Call):
        return []
    if isinstance(node, a.Ref):
        return [node]
    return [r for child in a.children(node) for r in _direct_refs(child)]


class RelevantTranslator:
    """Translate conditions that refer to the inputs of one form: ``{code: (field name, Input)}``."""

    def __init__(self, fields: Mapping[str, tuple[str, Input]]) -> None:
        self.fields = fields

    def translate(self, source: str) -> str:
        """The ``relevant`` expression of ``source``; Untranslatable when it has none."""
        try:
            tree = parse_rule(source)
        except RuleError as exc:  # the framework loader has checked it already; be safe anyway
            raise Untranslatable(str(exc)) from None
        return self.cond(tree)

    # -- references ---------------------------------------------------------------------------
    def ref(self, node: a.Node, *types: str) -> tuple[str, Input]:
        if not isinstance(node, a.Ref):
            raise Untranslatable("expected an input code")
        if node.code not in self.fields:
            raise Untranslatable(f"{node.code} is not asked in this form")
        name, inp = self.fields[node.code]
        if types and inp.type not in types:
            raise Untranslatable(f"{node.code} is a {inp.type} input")
        return f"${{{name}}}", inp

    def guards(self, *nodes: a.Node) -> list[str]:
        """``${X} != ''`` for every input read directly (an unanswered input makes the comparison false)."""
        out = [f"{self.ref(r)[0]} != ''" for node in nodes for r in _direct_refs(node)]
        return list(dict.fromkeys(out))

    @staticmethod
    def guarded(guards: list[str], expr: str) -> str:
        return "(" + " and ".join([*guards, expr]) + ")" if guards else expr

    # -- conditions ---------------------------------------------------------------------------
    def cond(self, node: a.Node) -> str:
        if isinstance(node, a.And | a.Or):
            word = " and " if isinstance(node, a.And) else " or "
            return "(" + word.join(self.cond(i) for i in node.items) + ")"
        if isinstance(node, a.Not):
            return f"not({self.cond(node.operand)})"
        if isinstance(node, a.Bool):
            return "true()" if node.value else "false()"
        if isinstance(node, a.Ref):
            ref, _inp = self.ref(node, "yes_no")
            return f"{ref} = 'yes'"
        if isinstance(node, a.Compare):
            return self.compare(node)
        if isinstance(node, a.In):
            return self.member(node)
        if isinstance(node, a.Call):
            return self.call_cond(node)
        raise Untranslatable(f"{type(node).__name__.lower()} is not a condition")

    def compare(self, node: a.Compare) -> str:
        op = _XPATH_OPS[node.op]
        left, right = node.left, node.right
        if isinstance(right, a.Ref) and not isinstance(left, a.Ref):
            left, right = right, left
            op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)
        if isinstance(left, a.Ref):
            ref, inp = self.ref(left)
            if inp.type == "single_choice" and isinstance(right, a.Str) and op in ("=", "!="):
                return self.guarded([f"{ref} != ''"], f"{ref} {op} {_literal(right.value)}")
            if inp.type == "yes_no" and isinstance(right, a.Bool) and op in ("=", "!="):
                return self.guarded([f"{ref} != ''"], f"{ref} {op} '{'yes' if right.value else 'no'}'")
        return self.guarded(
            self.guards(node.left, node.right), f"{self.num(node.left)} {op} {self.num(node.right)}"
        )

    def member(self, node: a.In) -> str:
        left, right = node.left, node.right
        if isinstance(left, a.Str) and isinstance(right, a.Ref):
            ref, _inp = self.ref(right, "multiple_choice")
            test = f"selected({ref}, {_literal(left.value)})"
        elif isinstance(right, a.SetLit) and isinstance(left, a.Ref):
            ref, inp = self.ref(left, "single_choice", *NUMBER_TYPES)
            if inp.type == "single_choice":
                items = [f"{ref} = {_literal(str(i.value))}" for i in right.items]
            else:
                items = [f"{ref} = {_number(i.value)}" for i in right.items if isinstance(i, a.Num)]
                if len(items) != len(right.items):
                    raise Untranslatable("a number compared with texts")
            test = "(" + " or ".join(items or ["false()"]) + ")"
        else:
            raise Untranslatable("this use of 'in'")
        return self.guarded([f"{ref} != ''"], f"not({test})" if node.negated else test)

    def call_cond(self, node: a.Call) -> str:
        if node.name == "answered":
            ref, _inp = self.ref(node.args[0])
            return f"{ref} != ''"
        if node.name == "any":
            return f"{self.count(node.args[0])} > 0"
        if node.name == "all":
            ref, inp = self.ref(node.args[0], "multiple_choice")
            return "(" + " and ".join(f"selected({ref}, {_literal(o)})" for o in inp.option_codes) + ")"
        raise Untranslatable(f"{node.name}() as a condition")

    # -- numbers ------------------------------------------------------------------------------
    def count(self, node: a.Node, subset: a.Node | None = None) -> str:
        ref, _inp = self.ref(node, "multiple_choice")
        if subset is None:
            return f"(count-selected({ref}) - if(selected({ref}, '{NONE_CHOICE}'), 1, 0))"
        if not isinstance(subset, a.SetLit):
            raise Untranslatable("count() with a second argument that is not a set")
        parts = [f"if(selected({ref}, {_literal(str(i.value))}), 1, 0)" for i in subset.items]
        return "(" + " + ".join(parts or ["0"]) + ")"

    def num(self, node: a.Node) -> str:
        if isinstance(node, a.Num):
            return _number(node.value)
        if isinstance(node, a.Ref):
            ref, _inp = self.ref(node, *NUMBER_TYPES)
            return ref
        if isinstance(node, a.Neg):
            return f"-({self.num(node.operand)})"
        if isinstance(node, a.Arith):
            if node.op == "/":
                raise Untranslatable("division (no value when dividing by zero)")
            return f"({self.num(node.left)} {_ARITH[node.op]} {self.num(node.right)})"
        if isinstance(node, a.Call) and node.name == "count":
            return self.count(node.args[0], node.args[1] if len(node.args) > 1 else None)
        if isinstance(node, a.Call):
            raise Untranslatable(f"{node.name}()")
        raise Untranslatable(f"{type(node).__name__.lower()} as a number")
