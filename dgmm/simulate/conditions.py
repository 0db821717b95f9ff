"""applies_if for simulated answers, decided by the core exactly as scoring decides it.

Each condition is evaluated by ``dgmm.input_applies`` on typed values from ``dgmm.parse_answers``.
It is given the answers to every input the condition reads, directly or through the conditions of
those inputs, so chains (C applies if B ..., B applies if A ...) behave as in scoring. Results are
memoised on those raw strings: a condition is evaluated once per distinct combination.
"""

from __future__ import annotations

from collections.abc import Mapping

from dgmm.answers import parse_answers
from dgmm.framework.schema import Framework
from dgmm.rules.compile import compile_rule
from dgmm.scoring.agency import input_applies


def direct_refs(fw: Framework) -> dict[str, frozenset[str]]:
    """Input code -> the inputs its applies_if names, for every input with applies_if."""
    return {code: compile_rule(inp.applies_if.text, fw.inputs).inputs
            for code, inp in fw.inputs.items() if inp.applies_if is not None}


class Condition:
    """The applies_if of one input: which inputs it depends on, and whether it holds for raw answers."""

    def __init__(self, fw: Framework, code: str, refs: Mapping[str, frozenset[str]]) -> None:
        self.fw = fw
        self.code = code
        closure: set[str] = set()
        todo = list(refs[code])
        while todo:
            c = todo.pop()
            if c not in closure and c != code:
                closure.add(c)
                todo.extend(refs.get(c, ()))
        self.refs: tuple[str, ...] = tuple(sorted(closure))
        self._memo: dict[tuple[str | None, ...], bool] = {}

    def holds(self, raw: Mapping[str, str]) -> bool:
        """Whether the input applies, given the raw answers so far ({code: value string})."""
        key = tuple([raw.get(c) for c in self.refs])
        hit = self._memo.get(key)
        if hit is None:
            answered = {c: v for c, v in zip(self.refs, key, strict=True) if v is not None}
            hit = self._memo[key] = input_applies(self.fw, self.code, parse_answers(self.fw, answered))
        return hit


def conditions_of(fw: Framework) -> dict[str, Condition]:
    """Input code -> its condition, for every input with applies_if."""
    refs = direct_refs(fw)
    return {code: Condition(fw, code, refs) for code in refs}
