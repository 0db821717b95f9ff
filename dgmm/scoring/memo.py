"""Scoring a whole cycle: each distinct topic, sub-pillar and pillar outcome is computed once.

Agencies of a cycle give the same answers again and again, so `CycleScorer` keeps what it computed.
A topic's result is looked up by what its rules can see (`dgmm.scoring.projection`) of the inputs
it reads, with the inputs their `applies_if` conditions read; a sub-topic's the same way, and a
topic made of sub-topics by its sub-topics' results. A sub-pillar's result is looked up by its
topics' results and a pillar's by its sub-pillars' (the overall result, nearly always different,
is computed each time). Everything looked up was computed by `dgmm.scoring.agency` (`score_topic`,
the roll-up of `score_agency`) on the first agency that needed it, so every agency gets the results
of `score_agency`: each agency's effective answers (`dgmm.inheritance.overlay`, its parent's for the
inputs it inherits) make its vector, and provenance (own, analyst, parent) is part of each key.

Values must be typed as `dgmm.answers` types them (one Python type per input type); an agency
whose answers hold a value that cannot be looked up (an unhashable one) is scored without the memo.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from itertools import repeat
from operator import call, getitem, itemgetter
from typing import Any, cast

from dgmm.framework.schema import Framework
from dgmm.inheritance import Plan, Source, has_a_parent, overlay, plan_for
from dgmm.rounding import tie_key
from dgmm.scoring.agency import (
    AgencyResult,
    TopicResult,
    combine_subtopics,
    mark_parent_missing,
    parent_silent,
    score_agency,
    score_read,
    topic_provenance,
)
from dgmm.scoring.engine import CompiledTopic, Engine, engine_for
from dgmm.scoring.projection import Projection, projections
from dgmm.scoring.rollup import roll_up, sub_pillar_weight

_MISSING: Any = object()  # an input without an answer, in a vector of answers
Key = Callable[[Sequence[Any]], Any]
_get = cast(Callable[[dict[Any, "Outcome"], Any], "Outcome | None"], dict.get)  # memo lookup, for map()
Entries = tuple[tuple[str, dict[str, Any]], ...]


class Outcome:
    """One computed result: of a topic (with its sub-topics), a sub-pillar, a pillar or the whole.

    Outcomes compare and hash by identity, so a key made of outcomes costs no more than a tuple of
    ids; equal topic results are one object (interned), so sub-pillar keys repeat.
    """

    __slots__ = ("entry", "level", "missing", "order", "result", "rollup", "score", "tie", "topics", "weight")

    def __init__(
        self,
        score: float | None,
        level: int | None,
        entry: dict[str, Any],
        weight: float = 0.0,
        topics: Entries = (),
        rollup: Outcome | None = None,
        result: TopicResult | None = None,
    ) -> None:
        self.result = result  # a topic's TopicResult
        self.score = score
        self.level = level
        self.entry = entry  # the entry in a results record, copied into every record
        self.weight = weight  # a topic's weight in its sub-pillar; a sub-pillar's in its pillar
        self.topics = topics  # a topic's (topic id, entry) and its sub-topics'
        # the entries holding lists (of inputs), which every record gets a copy of
        self.missing = (
            tuple((k, e) for k, e in topics if "missing" in e or "decided_by" in e) if topics else ()
        )
        self.rollup = rollup  # a topic with sub-topics: the topic alone, as its sub-pillar's key holds it
        self.tie = None if score is None else tie_key(score)  # the score as ranks and highlights compare it
        self.order: tuple[float, int] | None = None  # a sub-pillar's (tie, position): "improve first" order


def topic_entry(t: TopicResult) -> dict[str, Any]:
    """A topic's entry in a results record (docs/results-format.md)."""
    entry: dict[str, Any] = {
        "score": t.score,
        "level": t.level,
        "status": t.status,
        "provenance": t.provenance,
    }
    if t.missing:
        entry["missing"] = list(t.missing)
    if t.decided_by:
        entry["decided_by"] = list(t.decided_by)
    if t.reason:
        entry["reason"] = t.reason
    return entry


def topic_entries(topics: Sequence[Outcome]) -> dict[str, dict[str, Any]]:
    """Fresh topic entries of one record: no two records share a dict or a list."""
    out = {k: e.copy() for t in topics for k, e in t.topics}
    for t in topics:
        for k, e in t.missing:
            entry = out[k]
            if "missing" in e:
                entry["missing"] = list(e["missing"])
            if "decided_by" in e:
                entry["decided_by"] = list(e["decided_by"])
    return out


def _reads(engine: Engine, ct: CompiledTopic, with_subs: bool = True) -> set[str]:
    """Inputs whose answers can change a topic's result:
    the ones it reads, and those their applies_if reads."""
    codes = set(ct.needed)
    for c in (*ct.required, *(i.code for i in ct.pointed)):
        if c in engine.applies_rules:
            codes |= engine.applies_rules[c].inputs
    if with_subs:
        for st in ct.subs:
            codes |= _reads(engine, st)
    return codes


def _closure(engine: Engine, codes: set[str]) -> set[str]:
    """Add the inputs that decide whether each input applies (its applies_if reads them), transitively."""
    out: set[str] = set()
    todo = list(codes)
    while todo:
        c = todo.pop()
        if c not in out:
            out.add(c)
            if c in engine.applies_rules:
                todo.extend(engine.applies_rules[c].inputs)
    return out


def _getter(positions: list[int]) -> Key:
    if not positions:
        return lambda vec: ()
    return itemgetter(*positions)


class _Reads:
    """The inputs a topic reads: the key of their values in an answer vector, and their effective answers."""

    def __init__(
        self, engine: Engine, ct: CompiledTopic, position: Mapping[str, int], with_subs: bool = True
    ) -> None:
        codes = _closure(engine, _reads(engine, ct, with_subs))
        self.key = _getter(sorted(position[c] for c in codes))
        self.codes = sorted(codes)
        self.applies = [(c, fn) for c, fn in engine.applies if c in codes]

    def answers(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """`effective_answers` restricted to these inputs: the same values for everything the topic reads."""
        ctx = {c: values[c] for c in self.codes if c in values}
        for code, applies in self.applies:
            if code in ctx and not applies(ctx):
                del ctx[code]
        return ctx


class _Projected(dict[Any, Any]):
    """Value -> projection of one input (dgmm.scoring.projection), each distinct value projected once."""

    def __init__(self, projection: Projection) -> None:
        super().__init__()
        self.projection = projection

    def __missing__(self, value: Any) -> Any:
        out = self[value] = value if value is _MISSING else self.projection(value)
        return out


class CycleScorer:
    """Scores the agencies of one framework, each distinct outcome computed once (see the module doc)."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.engine = engine = engine_for(framework)
        self.codes = list(framework.inputs)
        self.misses = [_MISSING] * len(self.codes)
        self.matrix = [i for i, c in enumerate(self.codes) if framework.inputs[c].type == "matrix"]
        projected = projections(framework, engine)
        self.projected = [i for i, c in enumerate(self.codes) if c in projected]
        self.tables = [_Projected(projected[self.codes[i]]) for i in self.projected]
        # where a key finds each input in the vector: its projection, after the raw values, if it has one
        position = {c: i for i, c in enumerate(self.codes)}
        position.update((self.codes[i], len(self.codes) + j) for j, i in enumerate(self.projected))

        self.topics: list[CompiledTopic] = []
        self.sp_slices: list[tuple[int, int]] = []
        self.p_slices: list[tuple[int, int]] = []
        for pillar in framework.pillars:
            first_sp = len(self.sp_slices)
            for sp in pillar.sub_pillars:
                first = len(self.topics)
                self.topics.extend(engine.topics[t.id] for t in sp.topics)
                self.sp_slices.append((first, len(self.topics)))
            self.p_slices.append((first_sp, len(self.sp_slices)))
        self.sub_pillars = [sp for _, sp in framework.iter_sub_pillars()]
        self.pillar_ids = [p.id for p in framework.pillars]
        weights = framework.weights()
        self.pillar_weights = [weights[pid] for pid in self.pillar_ids]
        self.overall_rule = framework.aggregation.overall_level
        self.may_inherit = bool(
            plan_for(framework, True).codes(Source.PARENT)
        )  # an agency with a parent inherits
        self.compound = [i for i, ct in enumerate(self.topics) if ct.subs]

        self.reads = [_Reads(engine, ct, position) for ct in self.topics]
        self.own_reads = [_Reads(engine, ct, position, with_subs=False) for ct in self.topics]
        self.sub_reads = [[_Reads(engine, st, position) for st in ct.subs] for ct in self.topics]
        self.keys = [r.key for r in self.reads]
        self.sp_keys = [_getter(list(range(a, b))) for a, b in self.sp_slices]
        self.p_keys = [_getter(list(range(a, b))) for a, b in self.p_slices]

        n = len(self.topics)
        self.topic_memo: list[dict[tuple[str, bool, bool], dict[Any, Outcome]]] = [{} for _ in range(n)]  # by
        # (provenance, whether the agency inherits, whether its
        # parent has given none of those answers), then key
        self.static_provenance = ["analyst" if ct.analyst_inputs else "own" for ct in self.topics]
        self.static_memo = [
            m.setdefault((prov, False, False), {})
            for m, prov in zip(self.topic_memo, self.static_provenance, strict=True)
        ]
        self.part_memo: list[dict[Any, Outcome]] = [
            {} for _ in range(n)
        ]  # topics with sub-topics: their parts
        self.interned: list[dict[Any, Outcome]] = [{} for _ in range(n)]
        self.sp_memo: list[dict[Any, Outcome]] = [{} for _ in self.sp_slices]
        self.p_memo: list[dict[Any, Outcome]] = [{} for _ in self.p_slices]

    # -- one agency ----------------------------------------------------------------------------------
    def score(
        self,
        values: Mapping[str, Any],
        parent_values: Mapping[str, Any] | None = None,
        analyst_values: Mapping[str, Any] | None = None,
        *,
        parent_id: str | None = None,
        invalid: Collection[str] = (),
        parent_invalid: Collection[str] = (),
        has_parent: bool | None = None,
        parent_analyst: Mapping[str, Any] | None = None,
    ) -> tuple[Outcome, list[Outcome], list[Outcome], list[Outcome]]:
        """The outcomes of one agency: overall, pillars, sub-pillars and topics (framework order), with
        the arguments of score_agency. An agency with stored values that do not fit is scored directly."""
        if has_parent is None:
            has_parent = has_a_parent(parent_id, parent_values)
        if invalid or parent_invalid:
            return outcomes_of(
                self.framework,
                score_agency(
                    self.framework,
                    values,
                    parent_values,
                    analyst_values,
                    parent_id=parent_id,
                    invalid=invalid,
                    parent_invalid=parent_invalid,
                    has_parent=has_parent,
                    parent_analyst=parent_analyst,
                ),
            )
        inherits = has_parent and self.may_inherit
        plan = plan_for(self.framework, inherits)
        if inherits or analyst_values:
            ov = overlay(
                self.framework,
                values,
                analyst_values,
                has_parent=inherits,
                parent_id=parent_id,
                parent=parent_values,
                parent_analyst=parent_analyst,
            )
            merged = ov.values
            analyst_codes = frozenset(c for c, p in ov.provenance.items() if p == "analyst")
            silent = inherits and parent_silent(ov)
        else:
            merged, analyst_codes, silent = values, frozenset(), False
        try:
            vec = self.vector(merged)
            if inherits or analyst_codes:
                topics = self.topic_outcomes(vec, merged, plan, analyst_codes, parent_id, silent)
            else:
                found = list(map(_get, self.static_memo, map(call, self.keys, repeat(vec))))
                while None in found:
                    i = found.index(None)
                    found[i] = self.own_topic(i, vec, merged, self.static_provenance[i], plan)
                topics = cast(list[Outcome], found)
        except TypeError:  # a value that is not hashable: score this agency directly
            res = score_agency(
                self.framework,
                values,
                parent_values,
                analyst_values,
                parent_id=parent_id,
                has_parent=has_parent,
                parent_analyst=parent_analyst,
            )
            return outcomes_of(self.framework, res)
        rolls = topics
        if self.compound:
            rolls = list(topics)
            for i in self.compound:
                rolls[i] = topics[i].rollup or topics[i]
        found = list(map(_get, self.sp_memo, map(call, self.sp_keys, repeat(rolls))))
        sps = (
            cast(list[Outcome], found)
            if None not in found
            else [o or self.sub_pillar(i, rolls, plan) for i, o in enumerate(found)]
        )
        found = list(map(_get, self.p_memo, map(call, self.p_keys, repeat(sps))))
        pillars = (
            cast(list[Outcome], found)
            if None not in found
            else [o or self.pillar(i, sps) for i, o in enumerate(found)]
        )
        return (
            self.overall(pillars),
            pillars,
            sps,
            topics,
        )  # (agencies rarely share all their pillars' results)

    def vector(self, values: Mapping[str, Any]) -> list[Any]:
        """The answers in input order (_MISSING where there is none, matrices made hashable), then the
        projections of the projected inputs."""
        vec = list(map(values.get, self.codes, self.misses))
        for i in self.matrix:
            v = vec[i]
            if isinstance(v, dict):
                vec[i] = frozenset(v.items())
        vec.extend(list(map(getitem, self.tables, map(vec.__getitem__, self.projected))))
        return vec

    def topic_outcomes(
        self,
        vec: list[Any],
        merged: Mapping[str, Any],
        plan: Plan,
        analyst_codes: frozenset[str],
        parent_id: str | None,
        silent: bool = False,
    ) -> list[Outcome]:
        return [
            self.own_topic(i, vec, merged, topic_provenance(plan, ct, analyst_codes, parent_id), plan, silent)
            for i, ct in enumerate(self.topics)
        ]

    def own_topic(
        self, i: int, vec: list[Any], merged: Mapping[str, Any], prov: str, plan: Plan, silent: bool = False
    ) -> Outcome:
        """Topic i from the agency's effective answers (dgmm.inheritance), read with provenance `prov`
        (`silent`: the parent has given none of the answers the agency inherits)."""
        memo = self.topic_memo[i].setdefault((prov, plan.has_parent, silent), {})
        key = self.keys[i](vec)
        o = memo.get(key)
        if o is None:
            ct = self.topics[i]
            if ct.subs:
                o = self.compound_topic(i, vec, merged, prov, plan, silent)
            else:
                tr = score_read(self.engine, ct, self.reads[i].answers(merged), prov, plan, (), silent)
                o = self.intern(i, [(ct.id, tr)], ct.weight)
            memo[key] = o
        return o

    def compound_topic(
        self, i: int, vec: list[Any], merged: Mapping[str, Any], prov: str, plan: Plan, silent: bool = False
    ) -> Outcome:
        """A topic with sub-topics: each sub-topic looked up on its own, the topic by their results
        (rule kind subtopics) or by its own inputs."""
        ct = self.topics[i]
        subs = []
        for j, st in enumerate(ct.subs):
            reads = self.sub_reads[i][j]
            memo = self.part_memo[i]
            key = (j, prov, plan.has_parent, silent, reads.key(vec))
            o = memo.get(key)
            if o is None:
                tr = score_read(self.engine, st, reads.answers(merged), prov, plan, (), silent)
                o = memo[key] = self.intern(i, [(st.id, tr)], st.weight)
            subs.append(o)
        combined = ct.kind.combines_subtopics
        top_key = (prov, plan.has_parent, silent, tuple(subs) if combined else self.own_reads[i].key(vec))
        top = self.part_memo[i].get(top_key)
        if top is None:
            if combined:  # the sub-topics' results are all the topic needs
                tr = mark_parent_missing(
                    combine_subtopics(ct, [cast(TopicResult, s.result) for s in subs], prov), plan
                )
            else:
                tr = score_read(self.engine, ct, self.reads[i].answers(merged), prov, plan, (), silent)
            top = self.part_memo[i][top_key] = self.intern(i, [(ct.id, tr)], ct.weight)
        items = top.topics + tuple(item for s in subs for item in s.topics)
        return Outcome(top.score, top.level, top.entry, top.weight, items, rollup=top)

    def intern(self, i: int, results: Sequence[tuple[str, TopicResult]], weight: float) -> Outcome:
        """The outcome of (part of) topic i with these results, as one object for equal results."""
        content = tuple(
            (tid, r.score, r.level, r.status, r.provenance, r.missing, r.reason, r.decided_by)
            for tid, r in results
        )
        o = self.interned[i].get(content)
        if o is None:
            items = tuple((tid, topic_entry(r)) for tid, r in results)
            first = results[0][1]
            o = self.interned[i][content] = Outcome(
                first.score, first.level, items[0][1], weight, items, result=first
            )
        return o

    # -- roll-up (as score_agency does it) -------------------------------------------------------------
    def sub_pillar(self, i: int, rolls: list[Outcome], plan: Plan) -> Outcome:
        sp = self.sub_pillars[i]
        a, b = self.sp_slices[i]
        parts = [(o.weight, o.score, o.level) for o in rolls[a:b]]
        score, level = roll_up(parts, self.framework.aggregation.sub_pillar_level, levelled=sp.in_model)
        weight = sub_pillar_weight(sp.weight, parts)
        kind = plan.sub_pillar_inheritance([t.id for t in sp.topics])
        o = Outcome(
            score, level, {"score": score, "level": level, "in_model": sp.in_model, "inherited": kind}, weight
        )
        o.order = None if o.tie is None else (o.tie, i)
        self.sp_memo[i][self.sp_keys[i](rolls)] = o
        return o

    def pillar(self, i: int, sps: list[Outcome]) -> Outcome:
        a, b = self.p_slices[i]
        score, level = roll_up(
            [(o.weight, o.score, o.level) for o in sps[a:b]], self.framework.aggregation.pillar_level
        )
        o = Outcome(score, level, {"score": score, "level": level})
        self.p_memo[i][self.p_keys[i](sps)] = o
        return o

    def overall(self, pillars: list[Outcome]) -> Outcome:
        parts = [(w, o.score, o.level) for w, o in zip(self.pillar_weights, pillars, strict=True)]
        score, level = roll_up(parts, self.overall_rule)
        return Outcome(score, level, {"score": score, "level": level})


def outcomes_of(
    framework: Framework,
    res: AgencyResult,
) -> tuple[Outcome, list[Outcome], list[Outcome], list[Outcome]]:
    """The outcomes of one AgencyResult, in the shape CycleScorer.score gives them."""
    topics = []
    for t in framework.iter_topics():
        items = (
            (t.id, topic_entry(res.topics[t.id])),
            *((st.id, topic_entry(res.topics[st.id])) for st in t.sub_topics),
        )
        topics.append(Outcome(res.topics[t.id].score, res.topics[t.id].level, items[0][1], 0.0, items))
    sps = [
        Outcome(
            r.score,
            r.level,
            {"score": r.score, "level": r.level, "in_model": r.in_model, "inherited": r.inherited},
        )
        for r in (res.sub_pillars[sp.id] for _, sp in framework.iter_sub_pillars())
    ]
    for i, o in enumerate(sps):
        o.order = None if o.tie is None else (o.tie, i)
    pillars = [
        Outcome(r.score, r.level, {"score": r.score, "level": r.level})
        for r in (res.pillars[p.id] for p in framework.pillars)
    ]
    ov = res.overall
    return Outcome(ov.score, ov.level, {"score": ov.score, "level": ov.level}), pillars, sps, topics
