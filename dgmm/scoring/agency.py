"""Score one agency: answers -> topic levels and scores -> sub-pillar -> pillar -> overall.

Semantics (DECISIONS.md): a topic's level is the highest level whose rule holds, else 1 (§1); a
topic whose level an unanswered required input could change has no level but may keep a score from
what was answered (§2, dgmm.scoring.decide); sub-pillar, pillar and overall levels aggregate the
determined levels below with the framework's rule (floor of the mean by default, §3), sub-pillars
outside the model carry a score and no level (§4); scores are point-weighted (§5) and the overall
score is the pillar-weighted mean (§6). Who answers each input, and so which answers a topic reads,
is `dgmm.inheritance`'s decision (own, parent, analyst; §7, §8). A topic reading a stored value that
does not fit its input (`invalid`) is undetermined with reason invalid_value (§25).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from dgmm.framework.schema import Framework
from dgmm.inheritance import PARENT_MISSING, Overlay, Plan, overlay, parent_provenance
from dgmm.rounding import aggregate_levels
from dgmm.rules.compile import PREV, points_of
from dgmm.scoring.decide import decide_levels, rule_deciders, unknown_context
from dgmm.scoring.engine import CompiledTopic, Engine, engine_for
from dgmm.scoring.rollup import Part, roll_up, sub_pillar_weight
from dgmm.scoring.rollup import weighted_mean as _weighted

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
    decided_by: tuple[
        str, ...
    ] = ()  # undetermined: the unanswered inputs whose answers would decide the level


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
    for (
        k,
        fn,
        uses_prev,
    ) in ct.ladder:  # levels without a rule are not in it: `prev` is the nearest rule below
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
    """The result of a topic of rule kind subtopics from its sub-topics' results (`subs` in the order
    of `ct.subs`). Its score is always the weighted mean of the scores its sub-topics have, determined
    or not, as a sub-pillar's is of its topics' (DECISIONS §5); its level aggregates their levels."""
    pairs = [(st.weight, s) for st, s in zip(ct.subs, subs, strict=True) if s.status != NOT_APPLICABLE]
    if not pairs:
        return TopicResult(None, None, NOT_APPLICABLE, provenance)
    score = _weighted((w, s.score) for w, s in pairs)
    missing = tuple(m for _, s in pairs for m in s.missing)
    levels = [s.level for _, s in pairs if s.level is not None]
    if any(s.status == UNDETERMINED for _, s in pairs) or not levels:
        reason = INVALID_VALUE if any(s.reason == INVALID_VALUE for _, s in pairs) else ""
        deciders = tuple(dict.fromkeys(d for _, s in pairs for d in s.decided_by))
        return TopicResult(None, score, UNDETERMINED, provenance, None, missing, reason, deciders)
    level = aggregate_levels(levels, ct.topic.rule.aggregate)
    return TopicResult(level, score, DETERMINED, provenance, level, missing)


def _partial(ct: CompiledTopic, ctx: Mapping[str, Any], earned: float, possible: float) -> float | None:
    """The score of an undetermined topic: from the points of what was answered, if anything was."""
    return earned / possible * 100 if possible and any(c in ctx for c in ct.needed) else None


def topic_provenance(
    plan: Plan, ct: CompiledTopic, analyst_codes: frozenset[str], parent_id: str | None
) -> str:
    """parent:<id> for an inherited topic; analyst where an analyst check is (or may be) read; else own."""
    if plan.topic_inherited(ct.id):
        return parent_provenance(parent_id)
    return "analyst" if (ct.analyst_inputs or not analyst_codes.isdisjoint(ct.needed)) else "own"


def score_read(
    engine: Engine,
    ct: CompiledTopic,
    ctx: dict[str, Any],
    prov: str,
    plan: Plan,
    invalid: Collection[str] = (),
    parent_silent: bool = False,
) -> TopicResult:
    """`score_topic` for the agency of `plan`: while the parent department has given no answer the
    agency inherits (`parent_silent`), an inherited (sub-)topic is undetermined, never level 1 from
    optional inputs; once it has answered, the topic is scored from its answers as the parent's own
    topic is. A topic waiting for an answer the parent gives has reason parent_missing (DECISIONS §7)."""
    if parent_silent and plan.topic_inherited(ct.id) and ct.needed:
        return TopicResult(None, None, UNDETERMINED, prov, None, ct.required, PARENT_MISSING)
    return mark_parent_missing(score_topic(engine, ct, ctx, prov, invalid), plan)


def parent_silent(ov: Overlay) -> bool:
    """Whether the agency inherits and its parent department has given none of the answers it inherits."""
    return (
        ov.plan.has_parent
        and not any(p.startswith("parent") for p in ov.provenance.values())
        and not any(ov.plan.is_inherited(c) for c in ov.invalid if c in ov.plan.links)
    )


def mark_parent_missing(tr: TopicResult, plan: Plan) -> TopicResult:
    """An undetermined topic waiting for an answer the parent gives the agency: reason parent_missing."""
    if (
        tr.status != UNDETERMINED
        or tr.reason
        or not any(plan.is_inherited(c) for c in tr.missing if c in plan.links)
    ):
        return tr
    return replace(tr, reason=PARENT_MISSING)


def _unanswered(engine: Engine, ct: CompiledTopic, ctx: Mapping[str, Any]) -> tuple[str, ...]:
    """The topic's required inputs without an answer that are asked of this agency."""
    return tuple(
        c for c in ct.required if c not in ctx and (not engine.applies or _may_apply(engine, c, ctx))
    )


def score_topic(
    engine: Engine, ct: CompiledTopic, ctx: dict[str, Any], provenance: str, invalid: Collection[str] = ()
) -> TopicResult:
    """Level, score and status of one topic from a working answer dict (`invalid`: inputs whose stored
    value does not fit, left out of `ctx`)."""
    if ct.kind.combines_subtopics:
        return combine_subtopics(
            ct, [score_topic(engine, st, ctx, provenance, invalid) for st in ct.subs], provenance
        )
    complete = ctx.keys() >= ct.unknowable  # every required input the level may depend on is answered
    missing = () if complete else _unanswered(engine, ct, ctx)
    earned, possible = _points(ct, ctx, engine) if ct.has_points else (0.0, 0.0)
    bad = [c for c in ct.needed if c in invalid] if invalid else []
    if bad:
        return TopicResult(
            None,
            _partial(ct, ctx, earned, possible),
            UNDETERMINED,
            provenance,
            None,
            tuple(dict.fromkeys([*missing, *bad])),
            INVALID_VALUE,
        )
    if not ct.kind.has_level:  # points only: a required point input unanswered leaves it undetermined
        unanswered = missing or _unanswered(engine, ct, ctx)
        if unanswered:
            return TopicResult(
                None, _partial(ct, ctx, earned, possible), UNDETERMINED, provenance, None, unanswered
            )
        return TopicResult(None, earned / possible * 100 if possible else None, NO_LEVEL, provenance)
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
            return TopicResult(
                None,
                _partial(ct, ctx, earned, possible),
                UNDETERMINED,
                provenance,
                None,
                missing,
                "",
                deciders,
            )
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
    has_parent: bool | None = None,
    parent_analyst: Mapping[str, Any] | None = None,
) -> AgencyResult:
    """Score one agency from typed answer values (see `dgmm.answers.parse_answers`). Who answers each
    input is `dgmm.inheritance`'s decision: `has_parent` (default: a `parent_id` or `parent_values`
    is given) says whether the agency inherits. `invalid` and `parent_invalid` name inputs whose
    stored value did not fit (left out of the values): the topics reading them are undetermined with
    reason invalid_value."""
    ov = overlay(
        framework,
        values,
        analyst_values,
        has_parent=has_parent,
        parent_id=parent_id,
        parent=parent_values,
        parent_analyst=parent_analyst,
        invalid=invalid,
        parent_invalid=parent_invalid,
    )
    return score_overlay(framework, ov)


def score_overlay(framework: Framework, ov: Overlay) -> AgencyResult:
    """Score one agency from its effective answers as `dgmm.inheritance.overlay` assembled them."""
    parent_id = ov.parent_id
    engine = engine_for(framework)
    ctx = effective_answers(engine, ov.values)
    analyst_codes = frozenset(c for c, p in ov.provenance.items() if p == "analyst")
    agg = framework.aggregation
    result = AgencyResult(answered=ov.has_answered)
    silent = parent_silent(ov)

    weights = framework.weights()
    p_parts: list[Part] = []
    for pillar in framework.pillars:
        sp_parts: list[Part] = []
        for sp in pillar.sub_pillars:
            t_parts: list[Part] = []
            for topic in sp.topics:
                ct = engine.topics[topic.id]
                prov = topic_provenance(ov.plan, ct, analyst_codes, parent_id)
                subs = [score_read(engine, st, ctx, prov, ov.plan, ov.invalid, silent) for st in ct.subs]
                if ct.kind.combines_subtopics:
                    tr = mark_parent_missing(combine_subtopics(ct, subs, prov), ov.plan)
                else:
                    tr = score_read(engine, ct, ctx, prov, ov.plan, ov.invalid, silent)
                result.topics[topic.id] = tr
                result.topics.update(zip([st.id for st in ct.subs], subs, strict=True))
                t_parts.append((ct.weight, tr.score, tr.level))
            score, level = roll_up(t_parts, agg.sub_pillar_level, levelled=sp.in_model)
            kind = ov.plan.sub_pillar_inheritance([t.id for t in sp.topics])
            result.sub_pillars[sp.id] = NodeResult(score, level, sp.in_model, kind)
            sp_parts.append((sub_pillar_weight(sp.weight, t_parts), score, level))
        score, level = roll_up(sp_parts, agg.pillar_level)
        result.pillars[pillar.id] = NodeResult(score, level)
        p_parts.append((weights[pillar.id], score, level))
    result.overall = NodeResult(*roll_up(p_parts, agg.overall_level))
    return result


def input_applies(framework: Framework, code: str, values: Mapping[str, Any]) -> bool:
    """Whether an input applies given the other answers (its `applies_if`; True when it has none)."""
    engine = engine_for(framework)
    ctx = effective_answers(engine, values)
    return _is_applicable(engine, code, ctx)
