"""What if an agency changed some answers: its projected levels and standing, and the changes that reach
a target level.

`WhatIf` holds one scored cycle (its framework, the answers it was scored from and its results
document). `project` applies planned answer changes ({input code: new value}) to one agency's answers
and scores them with the cycle's own scorer (`dgmm.scoring.memo.CycleScorer`, the path of
`dgmm.score_cycle`): every topic, sub-pillar, pillar and the overall, before and after. Where the
agency would stand is read against the cycle as it was frozen: its group from the cycle's cut-offs
(the results' percentiles), its rank among the other agencies' scores, which do not move.

`targets` looks for the smallest sets of answer changes that take a topic, sub-pillar, pillar or the
overall to a level. The candidates are the advice's (`dgmm.advice`): for each topic the agency answers
itself, the changes that make a higher level's rule hold, carried out with the questions they open.
Combinations are tried smallest first, then grown greedily towards the target; every set found is
checked by projection and cut down until no strict subset of it reaches the target; a set reaches it
only when it leaves no topic that has a level now without one (an unanswered question that drops a
topic out of the averages is never a way up). The search is
bounded (`limit` projections); the answer says when it was cut.

Inputs the parent department answers for the agency are not the agency's to change: a change to one is
refused, and no candidate changes one.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from dgmm.advice import _Advisor
from dgmm.answers import AnswerSet
from dgmm.answers.values import ValueParsers, ValueProblem
from dgmm.cohort.counting import NOT_COUNTED, Counting
from dgmm.cohort.peers import group_of
from dgmm.errors import DgmmError, NotFoundError, did_you_mean, shown
from dgmm.framework.schema import Framework, Text
from dgmm.inheritance import AgencyAnswers, Source, answers_of, has_answered, overlay, plan_for
from dgmm.rounding import tie_key
from dgmm.rules.explain import Plan, Step, apply_changes, describe_value, plan_size
from dgmm.scoring.engine import CompiledTopic, engine_for
from dgmm.scoring.memo import CycleScorer, Outcome

OVERALL = "overall"
MAX_SETS = 5  # change sets a target search gives by default
LIMIT = 3000  # projections a target search may make by default
EXACT_SUBSETS = 8  # a set of up to this many changes is checked against every strict subset
PLANS_PER_LEVEL = 3  # candidate plans kept per topic and level
GREEDY_WIDTH = 16  # moves tried at each step of a greedy completion


class WhatIfError(DgmmError):
    """A planned change or a target that cannot be projected: an unknown input, a value the input does
    not accept, an input the agency does not answer itself, an unknown target."""

    code = "whatif"


Level = tuple[float | None, int | None]  # score, level


@dataclass(frozen=True)
class NodeChange:
    """One topic, sub-pillar, pillar or the overall: its score and level now and once the changes are
    made."""

    id: str
    kind: str  # topic | sub_pillar | pillar | overall
    score: float | None
    level: int | None
    projected_score: float | None
    projected_level: int | None

    @property
    def changed(self) -> bool:
        return (self.score, self.level) != (self.projected_score, self.projected_level)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "score": self.score,
            "level": self.level,
            "projected_score": self.projected_score,
            "projected_level": self.projected_level,
        }


@dataclass(frozen=True)
class Projection:
    """An agency's results now and with the planned changes, and its standing in the cycle."""

    agency_id: str
    changes: Mapping[str, Any]  # input code -> new value (None: the answer removed)
    nodes: dict[str, NodeChange]  # every topic, sub-pillar, pillar and "overall", framework order
    scored: bool  # the projected answers are scored (the agency answered something itself)
    group: str | None  # the group and rank the results give the agency now
    rank: int | None
    projected_group: str | None
    projected_rank: int | None
    cohort: int  # agencies ranked in the cycle (the agency included once)

    @property
    def overall(self) -> NodeChange:
        return self.nodes[OVERALL]

    def level_of(self, node_id: str) -> int | None:
        return self.nodes[node_id].projected_level

    def changed_nodes(self) -> list[NodeChange]:
        return [n for n in self.nodes.values() if n.changed]

    def as_dict(self) -> dict[str, Any]:
        return {
            "agency": self.agency_id,
            "changes": {k: _jsonable(v) for k, v in self.changes.items()},
            "scored": self.scored,
            "overall": self.overall.as_dict(),
            "group": self.group,
            "rank": self.rank,
            "projected_group": self.projected_group,
            "projected_rank": self.projected_rank,
            "cohort": self.cohort,
            "nodes": [n.as_dict() for n in self.nodes.values()],
        }


@dataclass(frozen=True)
class Target:
    node: str  # a topic, sub-pillar or pillar id, or "overall"
    kind: str
    level: int

    def __str__(self) -> str:
        return f"{self.node}={self.level}"


@dataclass(frozen=True)
class ChangeSet:
    """Answer changes that reach a target, with what they say in words and what they give."""

    changes: Mapping[str, Any]  # input code -> new value
    before: Mapping[str, Any]  # input code -> the answer now (None: none)
    steps: tuple[Step, ...]  # the advice's steps these changes carry out
    projection: Projection
    minimal: str  # how minimality was checked: "all_subsets" or "single_removals"

    @property
    def size(self) -> int:
        return len(self.changes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "changes": [
                {"input": c, "from": _jsonable(self.before.get(c)), "to": _jsonable(v)}
                for c, v in self.changes.items()
            ],
            "steps": [s.as_dict() for s in self.steps],
            "minimal": self.minimal,
            "projection": self.projection.as_dict(),
        }


@dataclass
class TargetSearch:
    """The change sets found for a target, smallest first."""

    agency_id: str
    target: Target
    level: int | None  # the target node's level now
    sets: list[ChangeSet] = field(default_factory=list)
    reached: bool = False  # the agency is at the target already
    cut: bool = False  # the search stopped at its limit: smaller or other sets may exist
    tried: int = 0  # projections made

    def as_dict(self) -> dict[str, Any]:
        return {
            "agency": self.agency_id,
            "target": {"node": self.target.node, "kind": self.target.kind, "level": self.target.level},
            "level": self.level,
            "reached": self.reached,
            "cut": self.cut,
            "tried": self.tried,
            "sets": [s.as_dict() for s in self.sets],
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, dict):
        return {k: sorted(v) for k, v in value.items()}
    return value


class _Agency:
    """One agency's answers as the cycle reads them, and how planned changes are written into them."""

    def __init__(self, framework: Framework, answers: AnswerSet, agency_id: str, parent_id: str | None):
        self.id = agency_id
        self.a: AgencyAnswers = answers_of(answers, agency_id, parent_id)
        self.invalid = frozenset(answers.invalid.get(agency_id, ()))
        self.parent_invalid = (
            frozenset(answers.invalid.get(self.a.parent_id, ())) if self.a.parent_id else frozenset()
        )
        self.plan = plan_for(framework, self.a.has_parent)
        self.overlay = overlay(
            framework,
            self.a.own,
            self.a.analyst,
            has_parent=self.a.has_parent,
            parent_id=self.a.parent_id,
            parent=self.a.parent,
            parent_analyst=self.a.parent_analyst,
            invalid=self.invalid,
            parent_invalid=self.parent_invalid,
        )

    def changed(
        self, changes: Mapping[str, Any]
    ) -> tuple[dict[str, Any], dict[str, Any] | None, frozenset[str]]:
        """(own answers, analyst checks, invalid inputs) with the changes made where each value is read
        from: an analyst's check where there is one (or the input is the analyst's), else the agency's
        own answer."""
        own = dict(self.a.own)
        analyst = dict(self.a.analyst) if self.a.analyst is not None else None
        for code, value in changes.items():
            in_analyst = analyst is not None and code in analyst
            if self.plan.source(code) is Source.ANALYST or in_analyst:
                analyst = analyst if analyst is not None else {}
                target = analyst
            else:
                target = own
            if value is None:
                target.pop(code, None)
            else:
                target[code] = value
        return own, analyst, self.invalid - changes.keys()


class WhatIf:
    """Projections and target searches on one scored cycle (see the module doc)."""

    def __init__(
        self,
        framework: Framework,
        answers: AnswerSet,
        results: Mapping[str, Any],
        counting: Counting | None = None,
    ) -> None:
        """`counting`: whose answers count in the cycle (`dgmm.results.counting_of`), for parent
        departments the results do not list; a parent they list counts unless its status says not."""
        self.framework = framework
        self.answers = answers
        self.results = results
        self.counting = counting or Counting(None)
        self.scorer = CycleScorer(framework)
        self.engine = engine_for(framework)
        self.parsers = ValueParsers(framework)
        self.records = {r["id"]: r for r in results["agencies"]}
        groups = framework.aggregation.groups
        pct = (results.get("cohort") or {}).get("percentiles") or {}
        self.cuts = {
            g.id: (float(pct[f"p{int(g.min_percentile)}"]) if g.min_percentile > 0 else float("-inf"))
            for g in groups
            if g.min_percentile == 0 or f"p{int(g.min_percentile)}" in pct
        }
        if len(self.cuts) != len(groups):  # no agency was scored: no cut-offs, no group
            self.cuts = {}
        self.scores = {
            r["id"]: float(r["overall"]["score"])
            for r in results["agencies"]
            if r.get("status") == "scored" and (r.get("overall") or {}).get("score") is not None
        }
        self.keys = sorted(-tie_key(s) for s in self.scores.values())
        self.topic_ids = [t.id for t in framework.iter_topics()]
        self.sub_topic_ids = [st.id for t in framework.iter_topics() for st in t.sub_topics]
        self.sp_ids = [sp.id for _, sp in framework.iter_sub_pillars()]
        self.pillar_ids = [p.id for p in framework.pillars]
        self._agencies: dict[str, _Agency] = {}

    # -- one agency --------------------------------------------------------------------------------
    def agency(self, agency_id: str) -> _Agency:
        found = self._agencies.get(agency_id)
        if found is not None:
            return found
        rec = self.records.get(agency_id)
        if rec is None:
            raise NotFoundError(
                f"agency {agency_id!r} is not in these results{did_you_mean(agency_id, self.records)}"
            )
        if rec.get("status") in NOT_COUNTED:
            raise WhatIfError(
                f"agency {agency_id}: its answers do not count in this cycle ({rec['status']}), "
                "so nothing can be projected from them"
            )
        parent_id = rec.get("parent_id") or None
        answers = self.answers
        if parent_id and (
            (self.records.get(parent_id) or {}).get("status") in NOT_COUNTED
            or not self.counting.counts(parent_id)
        ):
            answers = self.answers.without(parent_id)  # a parent whose answers do not count (§28)
        found = self._agencies[agency_id] = _Agency(self.framework, answers, agency_id, parent_id)
        return found

    def parse(self, agency_id: str, raw: Mapping[str, str]) -> dict[str, Any]:
        """Typed values of planned changes given as text ({input code: value}); an empty text removes
        the answer (except for a multiple choice or matrix, where it chooses nothing)."""
        out: dict[str, Any] = {}
        for code, text in raw.items():
            inp = self._input(agency_id, code)
            if text.strip() == "" and inp.type not in ("multiple_choice", "matrix"):
                out[code] = None
                continue
            try:
                out[code] = self.parsers.parse(code, text)
            except ValueProblem as exc:
                raise WhatIfError(f"input {code}: {exc}") from None
        return out

    def restore(self, agency_id: str, stored: Mapping[str, Any]) -> dict[str, Any]:
        """Typed values of planned changes as `Projection.as_dict` writes them (JSON: a multiple
        choice as a list of option codes, a matrix as rows of lists), e.g. a plan item's changes
        read back; WhatIfError for an unknown input, one the agency does not answer or a bad value."""
        out: dict[str, Any] = {}
        for code, value in stored.items():
            inp = self._input(agency_id, code)
            choices = inp.type in ("multiple_choice", "matrix")
            try:
                if value is None:
                    out[code] = None
                elif inp.type == "multiple_choice" and isinstance(value, list):
                    out[code] = frozenset(str(v) for v in value)
                elif inp.type == "matrix" and isinstance(value, dict):
                    if not all(isinstance(cs, list) for cs in value.values()):
                        raise TypeError
                    out[code] = {str(r): frozenset(str(c) for c in cs) for r, cs in value.items()}
                elif isinstance(value, bool | int | float | str) and not choices:
                    out[code] = value
                else:
                    raise TypeError
            except TypeError:
                raise WhatIfError(
                    f"input {code}: {shown(str(value))} is not a stored {inp.type} value"
                ) from None
        return out

    def _input(self, agency_id: str, code: str) -> Any:
        inp = self.framework.inputs.get(code)
        if inp is None:
            raise WhatIfError(
                f"unknown input code {shown(code)} in framework {self.framework.id}"
                f"{did_you_mean(code, self.framework.inputs)}"
            )
        ag = self.agency(agency_id)
        if ag.plan.is_inherited(code):
            raise WhatIfError(
                f"input {code} is answered by the parent department {ag.a.parent_id or ''} for agency "
                f"{agency_id}: it is not the agency's to change".replace("  ", " ")
            )
        return inp

    def project(self, agency_id: str, changes: Mapping[str, Any]) -> Projection:
        """The agency's results with these answer changes (typed values, see `parse`), against the
        cycle's frozen cut-offs and the other agencies' scores."""
        for code in changes:
            self._input(agency_id, code)
        ag = self.agency(agency_id)
        before = self._score(ag, {})
        after = self._score(ag, changes) if changes else before
        return self._projection(ag, changes, before, after)

    def _score(self, ag: _Agency, changes: Mapping[str, Any]) -> dict[str, Level] | None:
        """Every node's (score, level) with the changes made, by the cycle's scorer; None: the agency
        would have answered nothing itself, so it is not scored (DECISIONS §27)."""
        own, analyst, invalid = ag.changed(changes) if changes else (ag.a.own, ag.a.analyst, ag.invalid)
        if not has_answered(ag.plan, own, invalid):
            return None
        overall, pillars, sps, topics = self.scorer.score(
            own,
            ag.a.parent,
            analyst,
            parent_id=ag.a.parent_id,
            invalid=invalid,
            parent_invalid=ag.parent_invalid,
            has_parent=ag.a.has_parent,
            parent_analyst=ag.a.parent_analyst,
        )
        out: dict[str, Level] = {}
        for t in topics:
            for tid, entry in t.topics:
                out[tid] = (entry["score"], entry["level"])
        out.update(_levels(self.sp_ids, sps))
        out.update(_levels(self.pillar_ids, pillars))
        out[OVERALL] = (overall.score, overall.level)
        return out

    def _projection(
        self,
        ag: _Agency,
        changes: Mapping[str, Any],
        before: dict[str, Level] | None,
        after: dict[str, Level] | None,
    ) -> Projection:
        nodes: dict[str, NodeChange] = {}
        for kind, ids in (
            ("topic", [*self.topic_ids, *self.sub_topic_ids]),
            ("sub_pillar", self.sp_ids),
            ("pillar", self.pillar_ids),
            (OVERALL, [OVERALL]),
        ):
            for nid in ids:
                b = before.get(nid, (None, None)) if before else (None, None)
                a = after.get(nid, (None, None)) if after else (None, None)
                nodes[nid] = NodeChange(nid, kind, b[0], b[1], a[0], a[1])
        rec = self.records[ag.id]
        score = nodes[OVERALL].projected_score
        group = rank = None
        if score is not None:
            group = group_of(score, self.framework.aggregation.groups, self.cuts) if self.cuts else None
            rank = (
                1 + bisect_left(self.keys, -tie_key(score), hi=len(self.keys)) - self._above_self(ag, score)
            )
        cohort = len(self.scores) + (0 if ag.id in self.scores or score is None else 1)
        return Projection(
            ag.id,
            dict(changes),
            nodes,
            after is not None,
            rec.get("group"),
            rec.get("rank"),
            group,
            rank,
            cohort,
        )

    def _above_self(self, ag: _Agency, score: float) -> int:
        """1 when the agency's own frozen score is above the projected one (it is not its own rival)."""
        own = self.scores.get(ag.id)
        return 1 if own is not None and tie_key(own) > tie_key(score) else 0

    # -- targets -----------------------------------------------------------------------------------
    def target(self, text: str) -> Target:
        """A target from `NODE=LEVEL` (a topic, sub-pillar or pillar id, or "overall"; a level 1 to 5)."""
        node, sep, level_text = text.partition("=")
        node = node.strip()
        expected = "expected NODE=LEVEL, e.g. P4=4, P1.SP2.T1=3 or overall=4"
        if not sep or not node:
            raise WhatIfError(f"target {shown(text)}: {expected}")
        try:
            level = int(level_text.strip())
        except ValueError:
            raise WhatIfError(f"target {shown(text)}: the level must be a whole number 1 to 5") from None
        if not 1 <= level <= 5:
            raise WhatIfError(f"target {shown(text)}: the level must be 1 to 5, not {level}")
        kinds = {OVERALL: OVERALL}
        kinds.update((p, "pillar") for p in self.pillar_ids)
        kinds.update((sp.id, "sub_pillar") for _, sp in self.framework.iter_sub_pillars() if sp.in_model)
        kinds.update((t, "topic") for t in self.topic_ids)
        kind = kinds.get(node if node != "OVERALL" else OVERALL)
        if kind is None:
            raise WhatIfError(
                f"target {shown(text)}: no topic, sub-pillar or pillar {shown(node)} with levels in "
                f"framework {self.framework.id}{did_you_mean(node, kinds)}; {expected}"
            )
        if kind == "topic" and not self.engine.topics[node].kind.has_level:
            raise WhatIfError(f"target {shown(text)}: topic {node} has a score and no level")
        return Target(OVERALL if kind == OVERALL else node, kind, level)

    def targets(
        self, agency_id: str, target: Target, *, max_sets: int = MAX_SETS, limit: int = LIMIT
    ) -> TargetSearch:
        """The smallest sets of answer changes that take the target's node to its level (see the
        module doc)."""
        ag = self.agency(agency_id)
        base = self._score(ag, {})
        now = base.get(target.node, (None, None))[1] if base else None
        search = TargetSearch(agency_id, target, now)
        if now is not None and now >= target.level:
            search.reached = True
            return search
        return _Search(self, ag, target, search, max_sets, limit).run()


def _levels(ids: list[str], outcomes: list[Outcome]) -> Iterable[tuple[str, Level]]:
    return ((i, (o.score, o.level)) for i, o in zip(ids, outcomes, strict=True))


@dataclass(frozen=True)
class _Move:
    """Candidate changes that raise one topic: its level once they are made."""

    topic: str
    level: int
    changes: tuple[tuple[str, Any], ...]  # (input, new value), input order
    steps: Plan


class _Search:
    def __init__(
        self, w: WhatIf, ag: _Agency, target: Target, out: TargetSearch, max_sets: int, limit: int
    ) -> None:
        self.w, self.ag, self.target, self.out = w, ag, target, out
        self.max_sets, self.limit = max(1, max_sets), max(1, limit)
        self.values = dict(ag.overlay.values)
        self.memo: dict[frozenset[tuple[str, Any]], dict[str, Level] | None] = {}
        self.moves_found: list[_Move] = []
        base = self.levels(())
        topics = [*w.topic_ids, *w.sub_topic_ids]
        self.determined = [t for t in topics if base and base[t][1] is not None]

    # projections, each counted against the limit
    def levels(self, changes: Iterable[tuple[str, Any]]) -> dict[str, Level] | None:
        key = frozenset(changes)
        if key not in self.memo:
            self.out.tried += 1
            self.memo[key] = self.w._score(self.ag, dict(key))
        return self.memo[key]

    def reaches(self, changes: Iterable[tuple[str, Any]]) -> bool:
        """Whether the changes take the target's node to its level and leave no topic that has a level
        now without one (a topic left undetermined drops out of the averages: never a way up)."""
        got = self.levels(changes)
        level = got.get(self.target.node, (None, None))[1] if got else None
        if level is None or level < self.target.level:
            return False
        assert got is not None
        return all(got[t][1] is not None for t in self.determined)

    def progress(self, changes: Iterable[tuple[str, Any]]) -> tuple[int, float]:
        got = self.levels(changes)
        score, level = got.get(self.target.node, (None, None)) if got else (None, None)
        return level or 0, score or 0.0

    def spent(self) -> bool:
        return self.out.tried >= self.limit

    # candidates
    def topics(self) -> list[CompiledTopic]:
        """The topics under the target that the agency answers itself."""
        fw, node = self.w.framework, self.target.node
        ids: list[str] = []
        for pillar in fw.pillars:
            for sp in pillar.sub_pillars:
                for t in sp.topics:
                    if node in (OVERALL, pillar.id, sp.id, t.id):
                        ids.append(t.id)
        return [self.w.engine.topics[t] for t in ids if not self.ag.plan.topic_inherited(t)]

    def moves(self) -> list[_Move]:
        engine = self.w.engine
        topics = self.topics()
        advisor = _Advisor(engine, self.values, "own", self.ag.overlay.invalid, topics)
        out: list[_Move] = []
        for ct in topics:
            now = advisor.level(ct, advisor.ctx)
            if ct.kind.combines_subtopics:
                out += self.chained(ct, now)
                continue
            for k in sorted(j for j in ct.levels if j > now):
                plans = sorted(advisor.planner(ct, k, advisor.ctx).plans(ct.levels[k].tree), key=plan_size)
                for plan in plans[:PLANS_PER_LEVEL]:
                    if not plan:
                        continue
                    steps, ctx, _ = advisor.carried_out(plan)
                    reached = advisor.level(ct, ctx)
                    move = self.move(ct.id, reached, steps)
                    if reached > now and move is not None:
                        out.append(move)
        return _distinct(out)

    def chained(self, ct: CompiledTopic, now: int) -> list[_Move]:
        """A topic made of sub-topics: the advice's steps one level at a time, each on the last's answers."""
        engine, out = self.w.engine, []
        values, level = self.values, now
        steps: Plan = ()
        for _ in range(5):
            advisor = _Advisor(engine, values, "own", self.ag.overlay.invalid, [ct])
            _, plan, gives = advisor.advise(ct, level)
            if not plan or gives is None or gives <= level:
                break
            steps = (*steps, *plan)
            values = apply_changes(values, (c for s in plan for c in s.changes), engine.framework.inputs)
            level = gives
            move = self.move(ct.id, gives, steps)
            if move is not None:
                out.append(move)
        return out

    def move(self, topic: str, level: int, steps: Plan) -> _Move | None:
        env = self.w.framework.inputs
        after = apply_changes(self.values, (c for s in steps for c in s.changes), env)
        changed = tuple((c, after[c]) for c in env if c in after and after[c] != self.values.get(c))
        if not changed or any(self.ag.plan.is_inherited(c) for c, _ in changed):
            return None
        if any(not _hashable(v) for _, v in changed):
            changed = tuple((c, _frozen(v)) for c, v in changed)
        return _Move(topic, level, changed, steps)

    # the search
    def run(self) -> TargetSearch:
        moves = self.moves()
        found: list[frozenset[tuple[str, Any]]] = []
        self.moves_found = moves
        self.smallest_first(moves, found)
        if len(found) < self.max_sets and not self.spent():
            self.greedy(moves, found, GREEDY_WIDTH)
        if not found and not self.spent():  # every move weighed at every step
            self.greedy(moves, found, len(moves))
        self.out.cut = self.spent()
        sets = sorted(found, key=lambda s: (len(s), sorted(c for c, _ in s)))
        for s in sets[: self.max_sets]:
            self.out.sets.append(self.change_set(s))
        return self.out

    def add(self, found: list[frozenset[tuple[str, Any]]], changes: frozenset[tuple[str, Any]]) -> None:
        """Cut a set that reaches the target down to a minimal one and keep it when it is new."""
        small = self.minimal(changes)
        if small is not None and small not in found:
            found.append(small)

    def smallest_first(self, moves: list[_Move], found: list[frozenset[tuple[str, Any]]]) -> None:
        """Combinations of moves (one per topic), fewest changed answers first."""
        heap: list[tuple[int, int, tuple[int, ...]]] = [
            (len(m.changes), i, (i,)) for i, m in enumerate(moves)
        ]
        heapq.heapify(heap)
        seen: set[tuple[int, ...]] = set()
        budget = self.limit // (2 if self.target.kind == "topic" else 4)
        while heap and len(found) < self.max_sets and self.out.tried < budget:
            _, _, combo = heapq.heappop(heap)
            changes = _union(moves[i] for i in combo)
            if any(s <= changes for s in found):
                continue
            if self.reaches(changes):
                self.add(found, changes)
                continue
            topics = {moves[i].topic for i in combo}
            for j in range(combo[-1] + 1, len(moves)):
                if moves[j].topic in topics:
                    continue
                nxt = (*combo, j)
                if nxt not in seen:
                    seen.add(nxt)
                    heapq.heappush(heap, (len(_union(moves[i] for i in nxt)), len(seen), nxt))

    def gain(self, now: tuple[int, float], got: tuple[int, float], cost: int) -> tuple[float, float]:
        """How much nearer the target a move brings it: levels, then score per changed answer."""
        return float(got[0] - now[0]), (got[1] - now[1]) / max(1, cost)

    def greedy(self, moves: list[_Move], found: list[frozenset[tuple[str, Any]]], wide: int) -> None:
        """From each move in turn (the most promising first), add the move that brings the target
        nearest per changed answer, among the `wide` most promising alone, until it is reached."""
        base = self.progress(())
        alone = [self.gain(base, self.progress(m.changes), len(m.changes)) for m in moves]
        ranked = sorted(range(len(moves)), key=lambda i: alone[i], reverse=True)
        for first in ranked:
            if len(found) >= self.max_sets or self.spent():
                return
            if alone[first] <= (0.0, 0.0) and wide < len(moves):
                continue
            combo = [first]
            changes = _union([moves[first]])
            while not self.reaches(changes) and not self.spent():
                have = {moves[i].topic for i in combo}
                best: tuple[tuple[float, float], int] | None = None
                now = self.progress(changes)
                width = [j for j in ranked if moves[j].topic not in have][:wide]
                for j in width:
                    if self.spent():
                        break
                    more = _union([*(moves[i] for i in combo), moves[j]])
                    gain = self.gain(now, self.progress(more), len(more) - len(changes))
                    if gain > (0.0, 0.0) and (best is None or gain > best[0]):
                        best = (gain, j)
                if best is None:
                    break
                combo.append(best[1])
                changes = _union(moves[i] for i in combo)
            if self.reaches(changes):
                self.add(found, changes)

    def minimal(self, changes: frozenset[tuple[str, Any]]) -> frozenset[tuple[str, Any]] | None:
        """A subset of the changes that reaches the target and none of whose strict subsets does (every
        subset tried up to EXACT_SUBSETS changes; above, none with a single change left out does)."""
        current = changes
        dropped = True
        while dropped:  # drop any change the target does not need, until none can be dropped
            dropped = False
            for item in sorted(current, key=lambda cv: cv[0]):
                if len(current) > 1 and self.reaches(current - {item}):
                    current, dropped = current - {item}, True
        if len(current) <= EXACT_SUBSETS:
            for n in range(1, len(current) - 1):
                for sub in combinations(sorted(current, key=lambda cv: cv[0]), n):
                    if self.reaches(sub):  # its own strict subsets, smaller, were tried before it
                        return frozenset(sub)
        return current

    def change_set(self, changes: frozenset[tuple[str, Any]]) -> ChangeSet:
        env = self.w.framework.inputs
        position = {c: i for i, c in enumerate(env)}
        ordered = dict(sorted(changes, key=lambda cv: position[cv[0]]))
        typed = {c: _thawed(v) for c, v in ordered.items()}
        texts: dict[tuple[str, str], Step] = {}
        for m in self.moves_found:  # the advice's steps whose answers this set gives exactly
            given = dict(m.changes)
            for s in m.steps:
                inputs = {ch.input for ch in s.changes if ch.input in given}
                if inputs and all(c in ordered and ordered[c] == given[c] for c in inputs):
                    texts.setdefault((s.text.th, s.text.en), s)
        projection = self.w._projection(self.ag, typed, self.levels(()), self.levels(changes))
        return ChangeSet(
            typed,
            {c: self.values.get(c) for c in ordered},
            tuple(texts.values()),
            projection,
            "all_subsets" if len(changes) <= EXACT_SUBSETS else "single_removals",
        )


def _union(moves: Iterable[_Move]) -> frozenset[tuple[str, Any]]:
    """The answers a combination of moves changes; two moves changing one answer take the later value."""
    merged: dict[str, Any] = {}
    for m in moves:
        for c, v in m.changes:
            old = merged.get(c)
            if isinstance(old, frozenset) and isinstance(v, frozenset):
                v = old | v
            merged[c] = v
    return frozenset(merged.items())


def _distinct(moves: list[_Move]) -> list[_Move]:
    seen: dict[tuple[str, tuple[tuple[str, Any], ...]], _Move] = {}
    for m in moves:
        seen.setdefault((m.topic, m.changes), m)
    return sorted(seen.values(), key=lambda m: (len(m.changes), m.topic, m.level))


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


class _Matrix(dict[str, frozenset[str]]):
    """A matrix answer that can be a member of a set of changes."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))


def _frozen(value: Any) -> Any:
    return _Matrix(value) if isinstance(value, dict) else value


def _thawed(value: Any) -> Any:
    return dict(value) if isinstance(value, _Matrix) else value


def change_words(inputs: Mapping[str, Any], code: str, before: Any, after: Any) -> Text:
    """One answer change in words: the question, the answer now and the answer planned."""
    inp = inputs[code]

    def one(lang: str) -> str:
        now = describe_value(inp, before, lang)
        then = describe_value(inp, after, lang)
        return f"“{inp.label.get(lang)}”: {now} → {then}"

    return Text(one("th"), one("en"))
