"""Score one agency: answers -> topic levels and scores -> sub-pillar -> pillar -> overall.

Semantics (DECISIONS.md): a topic's level is the highest level whose rule holds, else 1 (§1); a
topic whose level an unanswered required input could change has no level but may keep a score
from what was answered (§2, dgmm.scoring.decide); sub-pillar, pillar and overall levels aggregate
the determined levels below with the framework's rule (floor of the mean by default, §3), sub-pillars outside the model carry a score
and no level (§4); scores are point-weighted (§5) and the overall score is the pillar-weighted mean
(§6). Topics flagged `from_parent` read the parent department's answers and say so (§7); analyst
values win over the agency's own for scoring (§8). A topic reading a stored value that does not fit
its input (`invalid`) is undetermined with reason invalid_value (§25).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from dgmm.framework.schema import Framework
from dgmm.rules.compile import PREV, points_of
from dgmm.scoring.decide import decide_levels, rule_deciders, unknown_context
from dgmm.scoring.engine import CompiledTopic, Engine, engine_for
from dgmm.scoring.rollup import weighted_mean as _weighted
from dgmm.scoring.rounding import aggregate_levels

DETERMINED = "determined"
UNDETERMINED = "undetermined"
NO_LEVEL = "no_level"  # rule kind none: score only
NOT_APPLICABLE = "not_applicable"  # the agency's answer says the topic does not apply (DECISIONS §24)
INVALID_VALUE = "invalid_value"  # reason: a stored value the topic reads does not fit its input (§25)


@dataclass(frozen=True)
class TopicResult:
    level: int | None
    score: float | None
    status: str  # determined | undetermined | no_level
    provenance: str  # own | parent:<id> | analyst
    held: int | None = None  # the level whose rule held (None: level 1 because none held)
    missing: tuple[str, ...] = ()  # required inputs without an answer (a determined topic may have some)
    reason: str = ""  # parent_missing: the parent department has not answered; invalid_value: see `missing`
    decided_by: tuple[str, ...] = ()  # undetermined: the unanswered inputs whose answers would decide the level


@dataclass(frozen=True)
class NodeResult:
    score: float | None
    level: int | None
    in_model: bool = True
    inherited: str = "none"  # none | partial | full (sub-pillars)


@dataclass
class AgencyResult:
    topics: dict[str, TopicResult] = field(default_factory=dict)
    sub_pillars: dict[str, NodeResult] = field(default_factory=dict)
    pillars: dict[str, NodeResult] = field(default_factory=dict)
    overall: NodeResult = NodeResult(None, None)
    answered: bool = False


def effective_answers(engine: Engine, values: Mapping[str, Any]) -> dict[str, Any]:
    """A working copy of the answers with inputs that do not apply (applies_if false) removed."""
    ctx = dict(values)
    for code, applies in engine.applies:
        if code in ctx and not applies(ctx):
            del ctx[code]
    return ctx


def _is_applicable(engine: Engine, code: str, ctx: Mapping[str, Any]) -> bool:
    applies = engine.applies_by_code.get(code)
    return True if applies is None else bool(applies(ctx))


def _may_apply(engine: Engine, code: str, ctx: Mapping[str, Any]) -> bool:
    """Whether an input applies, or cannot be known to not apply because a required input its
    applies_if reads is unanswered (then its own answer counts as missing, never as "not asked")."""
    applies = engine.applies_by_code.get(code)
    if applies is None or applies(ctx):
        return True
    rule = engine.applies_rules[code]
    inputs = engine.framework.inputs
    return any(r not in ctx and inputs[r].required for r in rule.inputs)


def evaluate_levels(ct: CompiledTopic, ctx: dict[str, Any]) -> tuple[int, int | None]:
    """(level, level whose rule held) — the highest level whose rule holds; 1 when none does."""
    held: int | None = None
    below = False
    for k, fn, uses_prev in ct.ladder:  # levels without a rule are not in it: `prev` is the nearest rule below
        if uses_prev:
            ctx[PREV] = below
        below = fn(ctx) is True
        if below:
            held = k
    ctx.pop(PREV, None)
    return (held or 1), held


def _points(ct: CompiledTopic, ctx: Mapping[str, Any], engine: Engine) -> tuple[float, float]:
    earned = possible = 0.0
    for inp in ct.pointed:
        if inp.applies_if is not None and not _is_applicable(engine, inp.code, ctx):
            continue
        possible += engine.max_points[inp.code]
        earned += points_of(ctx.get(inp.code), engine.option_points[inp.code])
    return earned, possible


def combine_subtopics(ct: CompiledTopic, subs: list[TopicResult], provenance: str) -> TopicResult:
    """The result of a topic of rule kind subtopics from its sub-topics' results."""
    subs = [s for s in subs if s.status != NOT_APPLICABLE]
    if not subs:
        return TopicResult(None, None, NOT_APPLICABLE, provenance)
    missing = tuple(m for s in subs for m in s.missing)
    levels = [s.level for s in subs if s.level is not None]
    sub_scores = [s.score for s in subs if s.score is not None]
    if any(s.status == UNDETERMINED for s in subs) or not levels:
        score = sum(sub_scores) / len(sub_scores) if sub_scores else None
        reason = INVALID_VALUE if any(s.reason == INVALID_VALUE for s in subs) else ""
        deciders = tuple(dict.fromkeys(d for s in subs for d in s.decided_by))
        return TopicResult(None, score, UNDETERMINED, provenance, None, missing, reason, deciders)
    level = aggregate_levels(levels, ct.topic.rule.aggregate)
    assert level is not None
    return TopicResult(level, (level - 1) / 4 * 100, DETERMINED, provenance, level, missing)


def _partial(ct: CompiledTopic, ctx: Mapping[str, Any], earned: float, possible: float) -> float | None:
    """The score of an undetermined topic: from the points of what was answered, if anything was."""
    return earned / possible * 100 if possible and any(c in ctx for c in ct.needed) else None


def score_topic(engine: Engine, ct: CompiledTopic, ctx: dict[str, Any], provenance: str,
                invalid: Collection[str] = ()) -> TopicResult:
    """Level, score and status of one topic from a working answer dict (`invalid`: inputs whose stored
    value does not fit, left out of `ctx`)."""
    topic = ct.topic
    if topic.rule.kind == "subtopics":
        return combine_subtopics(ct, [score_topic(engine, st, ctx, provenance, invalid) for st in ct.subs],
                                 provenance)
    complete = ctx.keys() >= ct.unknowable  # every required input the level may depend on is answered
    missing = () if complete else tuple(c for c in ct.required if c not in ctx and (not engine.applies
                                                                                   or _may_apply(engine, c, ctx)))
    earned, possible = _points(ct, ctx, engine) if ct.has_points else (0.0, 0.0)
    if topic.rule.kind == "none":
        return TopicResult(None, earned / possible * 100 if possible else None, NO_LEVEL, provenance)
    bad = [c for c in ct.needed if c in invalid] if invalid else []
    if bad:
        return TopicResult(None, _partial(ct, ctx, earned, possible), UNDETERMINED, provenance, None,
                           tuple(dict.fromkeys([*missing, *bad])), INVALID_VALUE)
    ctx3 = None if complete else unknown_context(engine, ct, ctx)
    if ctx3 is None:  # every answer the level can depend on is there
        if ct.not_applicable is not None and ct.not_applicable.fn(ctx):
            return TopicResult(None, None, NOT_APPLICABLE, provenance)
        level, held = evaluate_levels(ct, ctx)
    else:
        na = ct.not_applicable.fn(ctx3) if ct.not_applicable is not None else False
        if na is True:
            return TopicResult(None, None, NOT_APPLICABLE, provenance)
        if na is False:
            decided, held, deciders = decide_levels(engine, ct, ctx, ctx3)
        else:
            assert ct.not_applicable is not None
            decided, held, deciders = None, None, rule_deciders(engine, ct, ctx, ctx3, ct.not_applicable)
        if decided is None:
            return TopicResult(None, _partial(ct, ctx, earned, possible), UNDETERMINED, provenance, None, missing,
                               "", deciders)
        level = decided
    score = earned / possible * 100 if possible else (level - 1) / 4 * 100
    return TopicResult(level, score, DETERMINED, provenance, held, missing)


def score_agency(
    framework: Framework,
    values: Mapping[str, Any],
    parent_values: Mapping[str, Any] | None = None,
    analyst_values: Mapping[str, Any] | None = None,
    *,
    parent_id: str | None = None,
    invalid: Collection[str] = (),
    parent_invalid: Collection[str] = (),
) -> AgencyResult:
    """Score one agency from typed answer values (see `dgmm.answers.parse_answers`). `invalid` and
    `parent_invalid` name inputs whose stored value did not fit (left out of the values): the topics
    reading them are undetermined with reason invalid_value."""
    invalid, parent_invalid = frozenset(invalid), frozenset(parent_invalid)
    engine = engine_for(framework)
    own = dict(values)
    if analyst_values:
        own.update(analyst_values)
    ctx = effective_answers(engine, own)
    pctx = effective_answers(engine, parent_values) if parent_values is not None else None
    analyst_codes = frozenset(analyst_values or ())
    agg = framework.aggregation
    result = AgencyResult(answered=bool(values) or bool(analyst_values))

    sub_scores: dict[str, tuple[float, float | None]] = {}
    for pillar in framework.pillars:
        sp_pairs: list[tuple[float, float | None]] = []
        sp_levels: list[int] = []
        for sp in pillar.sub_pillars:
            t_pairs: list[tuple[float, float | None]] = []
            t_levels: list[int] = []
            inherited = 0
            for topic in sp.topics:
                ct = engine.topics[topic.id]
                if topic.from_parent:
                    inherited += 1
                    prov = f"parent:{parent_id}" if parent_id else "parent"
                    if pctx is None:
                        tr = TopicResult(None, None, UNDETERMINED, prov, None, ct.required, "parent_missing")
                    else:
                        tr = score_topic(engine, ct, pctx, prov, parent_invalid)
                else:
                    prov = "analyst" if (ct.analyst_inputs or analyst_codes.intersection(ct.needed)) else "own"
                    tr = score_topic(engine, ct, ctx, prov, invalid)
                result.topics[topic.id] = tr
                sub_ctx = pctx if topic.from_parent and pctx else ctx
                sub_bad = parent_invalid if sub_ctx is pctx else invalid
                for st in ct.subs:
                    result.topics[st.id] = score_topic(engine, st, sub_ctx, tr.provenance, sub_bad)
                t_pairs.append((ct.weight, tr.score))
                if tr.level is not None:
                    t_levels.append(tr.level)
            score = _weighted(t_pairs)
            level = aggregate_levels(t_levels, agg.sub_pillar_level) if sp.in_model else None
            weight = sp.weight if sp.weight is not None else sum(w for w, _ in t_pairs)
            kind = "none" if inherited == 0 else ("full" if inherited == len(sp.topics) else "partial")
            result.sub_pillars[sp.id] = NodeResult(score, level, sp.in_model, kind)
            sub_scores[sp.id] = (weight, score)
            sp_pairs.append((weight, score))
            if level is not None:
                sp_levels.append(level)
        result.pillars[pillar.id] = NodeResult(_weighted(sp_pairs), aggregate_levels(sp_levels, agg.pillar_level))

    weights = framework.weights()
    p_levels = [r.level for r in result.pillars.values() if r.level is not None]
    result.overall = NodeResult(
        _weighted([(weights[pid], r.score) for pid, r in result.pillars.items()]),
        aggregate_levels(p_levels, agg.overall_level),
    )
    return result


def input_applies(framework: Framework, code: str, values: Mapping[str, Any]) -> bool:
    """Whether an input applies given the other answers (its `applies_if`; True when it has none)."""
    engine = engine_for(framework)
    ctx = effective_answers(engine, values)
    return _is_applicable(engine, code, ctx)
