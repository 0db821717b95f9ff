"""Why each topic has its level, and what would reach the next one (DECISIONS §16).

For every topic: its level and which level's rule held; for the next level that has a rule, the
criterion text of the framework and the concrete conditions that are unmet in the agency's own
answers. Conditions the agency already meets are never listed, so the advice never tells an agency
to do what it already does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dgmm.framework.schema import Framework, Text
from dgmm.rules.compile import PREV
from dgmm.rules.explain import Unmet, unmet_conditions
from dgmm.scoring.agency import TopicResult, effective_answers, score_agency
from dgmm.scoring.engine import CompiledTopic, Engine, engine_for


@dataclass(frozen=True)
class TopicExplanation:
    topic_id: str
    name: Text
    status: str
    level: int | None
    held: int | None  # the level whose rule held; None = level 1 because no rule held
    provenance: str
    criterion: Text  # the criterion of the level reached
    next_level: int | None = None
    next_criterion: Text = Text()
    next_advice: Text = Text()
    unmet: tuple[Unmet, ...] = ()
    missing: tuple[tuple[str, Text], ...] = ()  # required inputs without an answer: (code, label)
    reason: str = ""
    decided_by: tuple[tuple[str, Text], ...] = ()  # undetermined: unanswered inputs that would decide the level
    sub_topics: tuple[TopicExplanation, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic_id, "name_th": self.name.th, "name_en": self.name.en, "status": self.status,
            "level": self.level, "held": self.held, "provenance": self.provenance,
            "criterion_th": self.criterion.th, "criterion_en": self.criterion.en,
            "next_level": self.next_level, "next_criterion_th": self.next_criterion.th,
            "next_criterion_en": self.next_criterion.en, "next_advice_th": self.next_advice.th,
            "next_advice_en": self.next_advice.en,
            "unmet": [u.__dict__ for u in self.unmet],
            "missing": [{"input": c, "label_th": t.th, "label_en": t.en} for c, t in self.missing],
            "reason": self.reason,
            "decided_by": [{"input": c, "label_th": t.th, "label_en": t.en} for c, t in self.decided_by],
            "sub_topics": [s.as_dict() for s in self.sub_topics],
        }


def _next_unmet(engine: Engine, ct: CompiledTopic, level: int, ctx: dict[str, Any]) -> tuple[int | None, list[Unmet]]:
    env = engine.framework.inputs
    nxt = next((k for k in sorted(ct.levels) if k > level), None)
    if nxt is None:
        return None, []

    def below_of(k: int) -> list[Unmet]:
        lower = [j for j in ct.levels if j < k]
        if not lower:
            return []
        j = max(lower)
        rule = ct.levels[j]
        if rule.uses_prev:
            ctx[PREV] = _holds(ct, j - 1, ctx)
        return unmet_conditions(rule, env, ctx, lambda: below_of(j))

    rule = ct.levels[nxt]
    if rule.uses_prev:
        ctx[PREV] = _holds(ct, nxt - 1, ctx)
    try:
        return nxt, unmet_conditions(rule, env, ctx, lambda: below_of(nxt))
    finally:
        ctx.pop(PREV, None)


def _holds(ct: CompiledTopic, k: int, ctx: dict[str, Any]) -> bool:
    """Whether the nearest rule at or below level k holds (with its own `prev` chain)."""
    lower = [j for j in ct.levels if j <= k]
    if not lower:
        return False
    j = max(lower)
    rule = ct.levels[j]
    if rule.uses_prev:
        ctx[PREV] = _holds(ct, j - 1, ctx)
    return bool(rule.fn(ctx))


def _explain_topic(engine: Engine, ct: CompiledTopic, tr: TopicResult, ctx: dict[str, Any] | None,
                   results: Mapping[str, TopicResult]) -> TopicExplanation:
    topic = ct.topic
    env = engine.framework.inputs
    reached = topic.levels.get(tr.level) if tr.level else None
    level_text = reached.criterion if reached else Text()
    subs = tuple(_explain_topic(engine, st, results[st.id], ctx, results) for st in ct.subs)
    base = dict(topic_id=topic.id, name=topic.name, status=tr.status, level=tr.level, held=tr.held,
                provenance=tr.provenance, criterion=level_text, reason=tr.reason, sub_topics=subs)
    if tr.level is None or ctx is None:
        missing = tuple((c, env[c].label) for c in tr.missing if c in env)
        deciders = tuple((c, env[c].label) for c in tr.decided_by if c in env)
        return TopicExplanation(**base, missing=missing, decided_by=deciders)  # type: ignore[arg-type]
    if topic.rule.kind == "subtopics":
        nxt = tr.level + 1 if tr.level < 5 else None
        unmet = tuple(u for s in sorted(subs, key=lambda s: s.level or 0) for u in s.unmet)
        lv = topic.levels.get(nxt) if nxt else None
        return TopicExplanation(**base, next_level=nxt, next_criterion=lv.criterion if lv else Text(),  # type: ignore[arg-type]
                                next_advice=lv.advice if lv else Text(), unmet=unmet)
    nxt, unmet_list = _next_unmet(engine, ct, tr.level, ctx)
    lv = topic.levels.get(nxt) if nxt else None
    return TopicExplanation(**base, next_level=nxt, next_criterion=lv.criterion if lv else Text(),  # type: ignore[arg-type]
                            next_advice=lv.advice if lv else Text(), unmet=tuple(unmet_list))


def explain_agency(
    framework: Framework,
    values: Mapping[str, Any],
    parent_values: Mapping[str, Any] | None = None,
    analyst_values: Mapping[str, Any] | None = None,
    *,
    parent_id: str | None = None,
) -> dict[str, TopicExplanation]:
    """Explanations of every topic (framework order) for one agency's answers."""
    engine = engine_for(framework)
    result = score_agency(framework, values, parent_values, analyst_values, parent_id=parent_id)
    own = dict(values)
    if analyst_values:
        own.update(analyst_values)
    ctx = effective_answers(engine, own)
    pctx = effective_answers(engine, parent_values) if parent_values is not None else None
    out: dict[str, TopicExplanation] = {}
    for topic in framework.iter_topics():
        ct = engine.topics[topic.id]
        use = pctx if topic.from_parent else ctx
        out[topic.id] = _explain_topic(engine, ct, result.topics[topic.id], use, result.topics)
    return out
