"""applies_if for simulated answers, decided by the core exactly as scoring decides it.

Each condition is evaluated by ``dgmm.input_applies`` on typed values from the core's answer parsers.
It is given the answers to every input the condition reads, directly or through the conditions of
those inputs, so chains (C applies if B ..., B applies if A ...) behave as in scoring. Results are
memoised on those raw strings: a condition is evaluated once per distinct combination.
"""

from __future__ import annotations

from collections.abc import Mapping

from dgmm.answers import ValueParsers
from dgmm.framework.schema import Framework
from dgmm.rules.compile import compile_rule
from dgmm.scoring.agency import input_applies


def direct_refs(fw: Framework) -> dict[str, frozenset[str]]:
    """Input code -> the inputs its applies_if names, for every input with applies_if."""
    return {
        code: compile_rule(inp.applies_if.text, fw.inputs).inputs
        for code, inp in fw.inputs.items()
        if inp.applies_if is not None
    }


class Condition:
    """The applies_if of one input: which inputs it depends on, and whether it holds for raw answers."""

    def __init__(
        self, fw: Framework, code: str, refs: Mapping[str, frozenset[str]], parsers: ValueParsers
    ) -> None:
        self.fw = fw
        self._parse = parsers.parse
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
        self._memo1: dict[str | None, bool] = {}
        if len(self.refs) == 1:
            self.holds = self._holds_one  # type: ignore[method-assign]

    def holds(self, raw: Mapping[str, str]) -> bool:
        """Whether the input applies, given the raw answers so far ({code: value string})."""
        key = tuple([raw.get(c) for c in self.refs])
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = self._decide(key)
        return hit

    def _holds_one(self, raw: Mapping[str, str]) -> bool:
        value = raw.get(self.refs[0])
        hit = self._memo1.get(value)
        if hit is None:
            hit = self._memo1[value] = self._decide((value,))
        return hit

    def _decide(self, key: tuple[str | None, ...]) -> bool:
        values = {c: self._parse(c, v) for c, v in zip(self.refs, key, strict=True) if v is not None}
        return input_applies(self.fw, self.code, values)


def conditions_of(fw: Framework) -> dict[str, Condition]:
    """Input code -> its condition, for every input with applies_if."""
    refs = direct_refs(fw)
    parsers = ValueParsers(fw)
    return {code: Condition(fw, code, refs, parsers) for code in refs}
