"""A topic's level when answers are still to come: withheld only when they could change it (DECISIONS §2).

The level rules are evaluated in three-valued logic (dgmm.rules.compile): every required input
without an answer is `UNKNOWN`, and so is every input that may or may not be asked because its
`applies_if` reads one. The level is the highest level whose rule is true (1 when none is, §1), as
for complete answers; it is determined when no level above it has a rule that is unknown, since
then every way of answering the missing inputs gives that same level. Otherwise the topic is
undetermined and `decided_by` names the unanswered inputs on which the outcome hangs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dgmm.rules.compile import MAYBE_ABSENT, PREV, UNKNOWN, CompiledRule
from dgmm.rules.explain import unknown_inputs
from dgmm.scoring.engine import CompiledTopic, Engine


def unknown_context(engine: Engine, ct: CompiledTopic, ctx: Mapping[str, Any]) -> dict[str, Any] | None:
    """The answers a topic reads with UNKNOWN for each answer still to come; None when none is."""
    if ctx.keys() >= ct.unknowable:
        return None
    unknown = [c for c in ct.reads if c in ct.unknowable and c not in ctx]
    out = dict(ctx)
    out.update(dict.fromkeys(unknown, UNKNOWN))
    maybe: set[str] = set()
    out[MAYBE_ABSENT] = maybe
    reads = set(ct.reads)
    for code, applies in engine.applies:  # framework order, as effective_answers removes them
        if code not in reads:
            continue
        v = applies(out)
        if v is False:
            out.pop(code, None)
        elif v is UNKNOWN:  # asked or not depending on a missing answer (its answer may have been set aside)
            out[code] = UNKNOWN
            maybe.add(code)
    return out


def decide_levels(
    engine: Engine,
    ct: CompiledTopic,
    ctx: Mapping[str, Any],
    ctx3: dict[str, Any],
) -> tuple[int | None, int | None, tuple[str, ...]]:
    """(level, level whose rule held, inputs deciding it) from the three-valued answers `ctx3`: the
    level is None when the unknown answers could change it, and the inputs then name them."""
    values: dict[int, Any] = {}
    below: Any = False
    for k in sorted(ct.levels):
        rule = ct.levels[k]
        if rule.uses_prev:
            ctx3[PREV] = below
        below = values[k] = rule.fn(ctx3)
    held = max((k for k, v in values.items() if v is True), default=None)
    level = held or 1
    open_levels = [k for k, v in values.items() if k > level and v is UNKNOWN]
    if not open_levels:
        ctx3.pop(PREV, None)
        return level, held, ()
    codes: list[str] = []
    todo, done = list(open_levels), set()
    while todo:  # each open level's unknown inputs, and its `prev`'s while that is unknown
        k = todo.pop()
        if k in done:
            continue
        done.add(k)
        rule = ct.levels[k]
        lower = max((j for j in values if j < k), default=None)
        if rule.uses_prev and lower is not None:
            ctx3[PREV] = values[lower]
        found, prev = unknown_inputs(rule, ctx3)
        codes.extend(found)
        if prev and lower is not None:
            todo.append(lower)
    ctx3.pop(PREV, None)
    return None, None, deciding_inputs(engine, ct, ctx, ctx3, codes)


def rule_deciders(
    engine: Engine, ct: CompiledTopic, ctx: Mapping[str, Any], ctx3: dict[str, Any], rule: CompiledRule
) -> tuple[str, ...]:
    """The unanswered inputs that leave one rule (no `prev`) unknown."""
    return deciding_inputs(engine, ct, ctx, ctx3, unknown_inputs(rule, ctx3)[0])


def deciding_inputs(
    engine: Engine, ct: CompiledTopic, ctx: Mapping[str, Any], ctx3: Mapping[str, Any], codes: list[str]
) -> tuple[str, ...]:
    """The unanswered inputs behind unknown values, in the topic's order: an input whose only doubt is
    whether it is asked is replaced by the unanswered inputs its applies_if reads."""
    maybe = ctx3.get(MAYBE_ABSENT, ())
    inputs = engine.framework.inputs
    out: set[str] = set()
    seen: set[str] = set()
    todo = list(codes)
    while todo:
        c = todo.pop()
        if c in seen:
            continue
        seen.add(c)
        if c not in ctx and inputs[c].required:
            out.add(c)
        if c in maybe:
            todo.extend(unknown_inputs(engine.applies_rules[c], ctx3)[0])
    order = {c: i for i, c in enumerate(ct.reads)}
    return tuple(sorted(out, key=lambda c: order.get(c, len(order))))
