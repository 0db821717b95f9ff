"""Why each topic has its level, and what would reach the next one (DECISIONS §16).

For every topic: its level and which level's rule held; for the next level, the steps that reach it
in words (`Step`), each with the answers it changes (`Change`). The steps are found on the rules'
structure (dgmm.rules.explain) and kept only when, applied to the agency's answers and re-scored,
they take the topic to the next level or above without lowering any other topic: advice is always
true. Conditions the agency already meets are never listed. Where no such change can be phrased the
explanation carries the next level's criterion text only (`fallback`).

Topics scored from the parent department's answers are explained on those answers and marked
`by_parent`: the parent department must act on them, not the agency.

`explain_from` is the one way to explain an agency from stored answers, for the command line, the
reports and the web.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from dgmm.answers import AnswerSet
from dgmm.framework.schema import Framework, Text
from dgmm.inheritance import Overlay, overlay, overlay_from, parent_provenance
from dgmm.rules.compile import PREV
from dgmm.rules.explain import Change, Plan, Planner, Step, apply_changes, plan_size
from dgmm.rules.words import say
from dgmm.scoring.agency import TopicResult, combine_subtopics, effective_answers, score_overlay, score_topic
from dgmm.scoring.engine import CompiledTopic, Engine, engine_for

TOP = 5


@dataclass(frozen=True)
class TopicExplanation:
    topic_id: str
    name: Text
    status: str
    level: int | None
    held: int | None  # the level whose rule held; None = level 1 because no rule held
    provenance: str
    criterion: Text  # the criterion of the level reached
    next_level: int | None = (
        None  # the level the steps reach (the next level with a rule when no step is found)
    )
    next_criterion: Text = Text()
    next_advice: Text = Text()
    steps: tuple[Step, ...] = ()  # what reaches the next level, checked by re-scoring
    reaches: int | None = None  # the level the steps give (at least next_level)
    missing: tuple[tuple[str, Text], ...] = ()  # required inputs without an answer: (code, label)
    reason: str = ""
    decided_by: tuple[
        tuple[str, Text], ...
    ] = ()  # undetermined: unanswered inputs that would decide the level
    sub_topics: tuple[TopicExplanation, ...] = field(default_factory=tuple)

    @property
    def by_parent(self) -> bool:
        """The level comes from the parent department's answers: the parent must act."""
        return self.provenance.startswith("parent")

    @property
    def fallback(self) -> bool:
        """No change could be phrased: only the next level's criterion text is given."""
        return self.next_level is not None and not self.steps

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(c for s in self.steps for c in s.changes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic_id,
            "name_th": self.name.th,
            "name_en": self.name.en,
            "status": self.status,
            "level": self.level,
            "held": self.held,
            "provenance": self.provenance,
            "by_parent": self.by_parent,
            "criterion_th": self.criterion.th,
            "criterion_en": self.criterion.en,
            "next_level": self.next_level,
            "next_criterion_th": self.next_criterion.th,
            "next_criterion_en": self.next_criterion.en,
            "next_advice_th": self.next_advice.th,
            "next_advice_en": self.next_advice.en,
            "reaches": self.reaches,
            "steps": [s.as_dict() for s in self.steps],
            "missing": [{"input": c, "label_th": t.th, "label_en": t.en} for c, t in self.missing],
            "reason": self.reason,
            "decided_by": [{"input": c, "label_th": t.th, "label_en": t.en} for c, t in self.decided_by],
            "sub_topics": [s.as_dict() for s in self.sub_topics],
        }


class _Advisor:
    """Finds, for one side of an agency (its own answers or its parent's), the checked steps per topic."""

    def __init__(
        self,
        engine: Engine,
        values: Mapping[str, Any],
        provenance: str,
        invalid: Collection[str],
        topics: list[CompiledTopic],
    ) -> None:
        self.engine = engine
        self.values = dict(values)
        self.provenance = provenance
        self.invalid = invalid
        self.topics = topics  # the topics these answers decide, for "no other topic drops"
        self.ctx = effective_answers(engine, self.values)
        self.readers = _readers(engine, topics)
        self._before: dict[str, tuple[int, tuple[str, ...]]] = {}

    def score(self, ct: CompiledTopic, ctx: dict[str, Any]) -> tuple[int, tuple[str, ...]]:
        """(level, 0 when undetermined; required inputs without an answer)."""
        tr = score_topic(self.engine, ct, dict(ctx), self.provenance, self.invalid)
        return tr.level or 0, tr.missing

    def level(self, ct: CompiledTopic, ctx: dict[str, Any]) -> int:
        return self.score(ct, ctx)[0]

    def before(self, ct: CompiledTopic) -> tuple[int, tuple[str, ...]]:
        if ct.id not in self._before:
            self._before[ct.id] = self.score(ct, self.ctx)
        return self._before[ct.id]

    def affected(self, plan: Plan) -> list[CompiledTopic]:
        """The topics that read an input the plan changes (or one whose `applies_if` reads it)."""
        seen: dict[str, CompiledTopic] = {}
        for c in (c for s in plan for c in s.changes):
            seen.update((t.id, t) for t in self.readers.get(c.input, ()))
        return list(seen.values())

    # -- candidates ---------------------------------------------------------------------------
    def planner(self, ct: CompiledTopic, k: int, ctx: dict[str, Any]) -> Planner:
        rule = ct.levels[k]
        local = dict(ctx)
        lower = [j for j in ct.levels if j < k]
        if rule.uses_prev and lower:
            local[PREV] = _holds(ct, max(lower), dict(ctx))
        prev = (
            (lambda: self.planner(ct, max(lower), ctx).plans(ct.levels[max(lower)].tree)) if lower else None
        )
        return Planner(rule, self.engine.framework.inputs, local, prev, self.enable)

    def enable(self, code: str) -> list[Plan]:
        rule = self.engine.applies_rules.get(code)
        if rule is None or rule.fn(self.ctx):
            return []
        return Planner(rule, self.engine.framework.inputs, self.ctx, None, self.enable).plans(rule.tree)

    def carried_out(self, plan: Plan) -> tuple[Plan, dict[str, Any], list[CompiledTopic]]:
        """The plan, followed by answering the questions it opens, the answers once it is done, and the
        topics it touches."""
        env = self.engine.framework.inputs
        ctx = effective_answers(
            self.engine, apply_changes(self.values, (c for s in plan for c in s.changes), env)
        )
        touched = self.affected(plan)
        opened = sorted(
            {c for t in touched for c in self.score(t, ctx)[1]}
            - {c for t in touched for c in self.before(t)[1]}
        )
        if opened:
            changes = tuple(Change(c, "answer", None) for c in opened)
            labels = Text(
                "; ".join(f"“{env[c].label.th}”" for c in opened),
                "; ".join(f"“{env[c].label.en}”" for c in opened),
            )
            plan = (*plan, Step(say("s.answer_also", labels=labels), Text(), changes))
            ctx = effective_answers(
                self.engine, apply_changes(self.values, (c for s in plan for c in s.changes), env)
            )
            touched = self.affected(plan)
        return plan, ctx, touched

    def works(self, ct: CompiledTopic, plan: Plan, target: int) -> tuple[int, Plan] | None:
        """The topic's level once the plan is carried out, with the plan, if it reaches `target` and no
        other topic drops."""
        plan, ctx, touched = self.carried_out(plan)
        reached = self.level(ct, ctx)
        if reached < target:
            return None
        if any(self.level(other, ctx) < self.before(other)[0] for other in touched if other is not ct):
            return None
        return reached, plan

    def advise(self, ct: CompiledTopic, level: int) -> tuple[int | None, Plan, int | None]:
        """(next level, checked steps, level they give) for a topic at `level`."""
        if ct.kind.combines_subtopics:
            return self.advise_subtopics(ct, level)
        above = sorted(k for k in ct.levels if k > level)
        if not above:
            return None, (), None
        target = above[0]
        for k in above:  # a higher level whose band the agency can move into, when the next one cannot
            for plan in sorted(self.planner(ct, k, self.ctx).plans(ct.levels[k].tree), key=plan_size):
                if plan and (done := self.works(ct, plan, target)) is not None:
                    return target, done[1], done[0]
        return target, (), None

    def advise_subtopics(self, ct: CompiledTopic, level: int) -> tuple[int | None, Plan, int | None]:
        if level >= TOP:
            return None, (), None
        target = level + 1
        steps: Plan = ()
        sub = _Advisor(self.engine, self.values, self.provenance, self.invalid, self.topics)
        for _ in range(len(ct.subs) * TOP):
            results = [
                score_topic(self.engine, st, dict(sub.ctx), self.provenance, self.invalid) for st in ct.subs
            ]
            if (combine_subtopics(ct, results, self.provenance).level or 0) >= target:
                break
            ranked = sorted(
                (r.level, i) for i, r in enumerate(results) if r.level is not None and r.level < TOP
            )
            found = next(
                ((plan, i) for _, i in ranked if (plan := sub.advise(ct.subs[i], results[i].level or 0)[1])),
                None,
            )
            if found is None:
                return target, (), None
            steps = (*steps, *found[0])
            sub = _Advisor(
                self.engine,
                apply_changes(
                    sub.values, (c for s in found[0] for c in s.changes), self.engine.framework.inputs
                ),
                self.provenance,
                self.invalid,
                self.topics,
            )
        done = self.works(ct, steps, target) if steps else None
        return (target, done[1], done[0]) if done is not None else (target, (), None)


def _readers(engine: Engine, topics: list[CompiledTopic]) -> dict[str, list[CompiledTopic]]:
    """Input -> the topics whose level it can change: those reading it, or reading an input whose
    `applies_if` reads it."""
    dependents: dict[str, set[str]] = {}
    for code, rule in engine.applies_rules.items():
        for ref in rule.inputs:
            dependents.setdefault(ref, set()).add(code)
    out: dict[str, list[CompiledTopic]] = {}
    for ct in topics:
        for code in {*ct.needed, *(c for st in ct.subs for c in st.needed)}:
            out.setdefault(code, []).append(ct)
    for ref, codes in dependents.items():
        extra = [t for c in codes for t in out.get(c, ())]
        out[ref] = list({t.id: t for t in (*out.get(ref, ()), *extra)}.values())
    return out


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


def _explain_topic(
    engine: Engine,
    ct: CompiledTopic,
    tr: TopicResult,
    advisor: _Advisor | None,
    results: Mapping[str, TopicResult],
) -> TopicExplanation:
    topic = ct.topic
    env = engine.framework.inputs
    reached = topic.levels.get(tr.level) if tr.level else None
    subs = tuple(_explain_topic(engine, st, results[st.id], advisor, results) for st in ct.subs)
    base: dict[str, Any] = dict(
        topic_id=topic.id,
        name=topic.name,
        status=tr.status,
        level=tr.level,
        held=tr.held,
        provenance=tr.provenance,
        criterion=reached.criterion if reached else Text(),
        reason=tr.reason,
        sub_topics=subs,
    )
    if tr.level is None or advisor is None:
        return TopicExplanation(
            **base,
            missing=tuple((c, env[c].label) for c in tr.missing if c in env),
            decided_by=tuple((c, env[c].label) for c in tr.decided_by if c in env),
        )
    nxt, plan, gives = advisor.advise(ct, tr.level)
    nxt = gives or nxt  # the level the steps reach: a band above when the next one lies behind the agency
    lv = topic.levels.get(nxt) if nxt else None
    return TopicExplanation(
        **base,
        next_level=nxt,
        next_criterion=lv.criterion if lv else Text(),
        next_advice=lv.advice if lv else Text(),
        steps=plan,
        reaches=gives,
    )


def explain_agency(
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
) -> dict[str, TopicExplanation]:
    """Explanations of every topic (framework order) for
    one agency's answers (arguments as score_agency's)."""
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
    return explain_overlay(framework, ov)


def explain_overlay(framework: Framework, ov: Overlay) -> dict[str, TopicExplanation]:
    """Explanations of every topic (framework order) for one agency's effective answers as
    `dgmm.inheritance.overlay` assembled them."""
    engine = engine_for(framework)
    parent_id = ov.parent_id
    result = score_overlay(framework, ov)
    topics = list(framework.iter_topics())
    inherited = {t.id for t in topics if ov.plan.topic_inherited(t.id)}
    # The agency acts on its own topics, the parent department on the inherited ones: each side's
    # steps are checked against the topics its answers decide.
    advisor = _Advisor(
        engine, ov.values, "own", ov.invalid, [engine.topics[t.id] for t in topics if t.id not in inherited]
    )
    parent = _Advisor(
        engine,
        ov.values,
        parent_provenance(parent_id),
        ov.invalid,
        [engine.topics[t.id] for t in topics if t.id in inherited],
    )
    out: dict[str, TopicExplanation] = {}
    for topic in topics:
        ct = engine.topics[topic.id]
        out[topic.id] = _explain_topic(
            engine, ct, result.topics[topic.id], parent if topic.id in inherited else advisor, result.topics
        )
    return out


def explain_from(
    framework: Framework, answers: AnswerSet, agency_id: str, parent_id: str | None = None
) -> dict[str, TopicExplanation]:
    """Explain one agency from a cycle's stored answers: its own, its analyst's and its parent department's
    (who answers what is `dgmm.inheritance`'s decision)."""
    return explain_overlay(framework, overlay_from(framework, answers, agency_id, parent_id))
