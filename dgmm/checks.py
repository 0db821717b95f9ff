"""Consistency checks: the framework's `checks:` evaluated on an agency's answers, giving flags.

A check is a condition in the rule language (docs/rules.md) with a severity and a Thai/English
message (docs/framework-format.md, "Checks"). Besides the answers it may read three facts about a
topic: ``level(T)``, the level the answers give; ``previous_level(T)``, the level of the previous
cycle; ``has_evidence(T)``, whether evidence files are attached. A check is evaluated as level rules
are, in three-valued logic: a required input still unanswered is unknown, so is the level of an
undetermined topic, every previous level when no previous results are given for the agency, and
every ``has_evidence`` when evidence is not supplied. Only a condition that is **true** flags the
answers; an unknown one is undetermined and flags nothing. Flags never block anything: they are
doubts for the agency and the analyst to look at.

Checks are compiled once per framework (`checks_for`, memoised like `dgmm.scoring.engine_for`);
`dgmm.load_framework` compiles them, so a bad check fails when the framework loads.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dgmm.errors import FrameworkError, Problem, RuleError
from dgmm.framework.schema import Check, Framework, Text
from dgmm.inheritance import overlay, overlay_from
from dgmm.rules.compile import FACT_PREFIX, MAYBE_ABSENT, UNKNOWN, CompiledRule, compile_rule
from dgmm.scoring.agency import DETERMINED, UNDETERMINED, AgencyResult, effective_answers, score_overlay
from dgmm.scoring.engine import applies_closure, engine_for

if TYPE_CHECKING:
    from dgmm.answers import AnswerSet

FLAGGED, CLEAR, UNDECIDED = "flagged", "clear", "undetermined"


@dataclass(frozen=True)
class Flag:
    """One check that holds for an agency's answers: the doubt, and the values that raised it."""

    check_id: str
    severity: str  # warning | doubtful
    topics: tuple[str, ...]  # the topics it concerns
    message: Text
    values: tuple[tuple[str, Any], ...]  # (input code or fact such as "level(P1.SP1.T1)", value)
    topic: str = ""  # a check with `each: topic`: the topic it held for

    @property
    def key(self) -> str:
        """Which flag this is for an agency: the check id, with the topic for `each: topic` checks."""
        return f"{self.check_id}@{self.topic}" if self.topic else self.check_id

    def as_dict(self) -> dict[str, Any]:
        return {
            "check": self.check_id,
            "severity": self.severity,
            "topic": self.topic or None,
            "topics": list(self.topics),
            "message_th": self.message.th,
            "message_en": self.message.en,
            "values": {name: value for name, value in self.values},
        }


@dataclass
class CompiledCheck:
    """One check compiled (for one topic when it has `each: topic`)."""

    check: Check
    rule: CompiledRule
    topic: str = ""
    topics: tuple[str, ...] = ()


@dataclass
class CheckSet:
    """Every check of a framework, compiled, and what they read."""

    framework: Framework
    checks: tuple[CompiledCheck, ...]
    reads: tuple[str, ...] = ()  # the inputs they read, with those their applies_if conditions read
    unknowable: frozenset[str] = frozenset()  # of those, the required ones
    facts: tuple[str, ...] = field(default_factory=tuple)
    order: dict[str, int] = field(default_factory=dict)  # input code -> position in the framework


def compile_checks(fw: Framework) -> CheckSet:
    """Compile every check of `fw`; raise FrameworkError listing every problem (file, line, check)."""
    env = fw.inputs
    topics = {t.id: t.has_level for top in fw.iter_topics() for t in (top, *top.sub_topics)}
    problems: list[Problem] = []
    out: list[CompiledCheck] = []
    for check in fw.checks:
        src = check.when
        targets: list[str | None] = [None]
        if check.each:
            named = check.topics or tuple(t.id for t in fw.iter_topics())
            targets = [tid for tid in named if topics.get(tid)]
        for target in targets:
            try:
                rule = compile_rule(src.text, env, topics=topics, this=target)
            except RuleError as exc:
                where = f"{src.where} ({check.id})"
                problems.append(Problem(fw.path or fw.id, src.line, where, str(exc), exc.code, target or ""))
                break
            concerns = (target,) if target else check.topics
            out.append(CompiledCheck(check, rule, target or "", concerns))
    if problems:
        raise FrameworkError(problems, f"{fw.path or fw.id}: {len(problems)} problem(s) in the checks")
    reads = applies_closure(
        tuple(dict.fromkeys(c for cc in out for c in sorted(cc.rule.inputs))), engine_for(fw).applies_rules
    )
    return CheckSet(
        fw,
        tuple(out),
        reads,
        frozenset(c for c in reads if env[c].required),
        tuple(dict.fromkeys(f for cc in out for f in sorted(cc.rule.facts))),
        {c: i for i, c in enumerate(env)},
    )


_CHECKS: dict[int, tuple[Framework, CheckSet]] = {}


def checks_for(fw: Framework) -> CheckSet:
    """The compiled checks of a framework (compiled once per framework object)."""
    hit = _CHECKS.get(id(fw))
    if hit is not None and hit[0] is fw:
        return hit[1]
    cs = compile_checks(fw)
    _CHECKS[id(fw)] = (fw, cs)
    return cs


def _level_fact(result: AgencyResult, tid: str) -> Any:
    tr = result.topics.get(tid)
    if tr is None:
        return None
    if tr.status == DETERMINED:
        return tr.level
    return UNKNOWN if tr.status == UNDETERMINED else None  # not applicable, no level: no value


def check_context(
    cs: CheckSet,
    values: Mapping[str, Any],
    result: AgencyResult,
    previous: Mapping[str, int | None] | None,
    evidence: Collection[str] | None,
) -> dict[str, Any]:
    """The answers the checks read, three-valued (unanswered required inputs UNKNOWN), with the facts."""
    engine = engine_for(cs.framework)
    ctx = effective_answers(engine, values)
    unknown = [c for c in cs.reads if c in cs.unknowable and c not in ctx]
    if unknown:  # as dgmm.scoring.decide.unknown_context, over the inputs the checks read
        ctx.update(dict.fromkeys(unknown, UNKNOWN))
        maybe: set[str] = set()
        ctx[MAYBE_ABSENT] = maybe
        reads = set(cs.reads)
        for code, applies in engine.applies:
            if code not in reads:
                continue
            v = applies(ctx)
            if v is False:
                ctx.pop(code, None)
            elif v is UNKNOWN:
                ctx[code] = UNKNOWN
                maybe.add(code)
    for key in cs.facts:
        name, _, tid = key[1:].partition(":")
        if name == "level":
            ctx[key] = _level_fact(result, tid)
        elif name == "previous_level":
            ctx[key] = UNKNOWN if previous is None else previous.get(tid)
        else:
            ctx[key] = UNKNOWN if evidence is None else tid in evidence
    return ctx


def evaluate_checks(
    framework: Framework,
    answers: Mapping[str, Any],
    result: AgencyResult | None = None,
    *,
    previous: Mapping[str, int | None] | None = None,
    evidence: Collection[str] | None = None,
) -> list[tuple[CompiledCheck, str, dict[str, Any]]]:
    """Each compiled check with its outcome (flagged, clear or undetermined) and the context it read.

    `answers` are the agency's effective typed answers (input code -> value, as `dgmm.parse_answers`
    gives them); `result` its scored result (scored from `answers` when not given); `previous` the
    previous cycle's level per topic (None: no previous results, so previous levels are unknown; a
    topic absent or None had no level); `evidence` the topics with evidence attached (None: unknown)."""
    cs = checks_for(framework)
    if not cs.checks:
        return []
    if result is None:
        result = score_overlay(framework, overlay(framework, answers, has_parent=False))
    ctx = check_context(cs, answers, result, previous, evidence)
    out = []
    for cc in cs.checks:
        v = cc.rule.fn(ctx)
        out.append((cc, FLAGGED if v is True else (UNDECIDED if v is UNKNOWN else CLEAR), ctx))
    return out


def check_answers(
    framework: Framework,
    answers: Mapping[str, Any],
    result: AgencyResult | None = None,
    *,
    previous: Mapping[str, int | None] | None = None,
    evidence: Collection[str] | None = None,
) -> list[Flag]:
    """The flags the framework's checks raise on one agency's answers (see `evaluate_checks`)."""
    flags = []
    for cc, outcome, ctx in evaluate_checks(framework, answers, result, previous=previous, evidence=evidence):
        if outcome == FLAGGED:
            flags.append(
                Flag(
                    cc.check.id,
                    cc.check.severity,
                    cc.topics,
                    cc.check.message,
                    _values(checks_for(framework).order, cc.rule, ctx),
                    cc.topic,
                )
            )
    return flags


def check_agency(
    framework: Framework,
    answers: AnswerSet,
    agency_id: str,
    parent_id: str | None = None,
    *,
    has_parent: bool | None = None,
    previous: Mapping[str, int | None] | None = None,
    evidence: Collection[str] | None = None,
) -> list[Flag]:
    """The flags on one agency of a cycle's answers: its own, its analyst's and its parent's answers
    as `dgmm.inheritance` combines them. An agency that answered nothing itself has no flags."""
    ov = overlay_from(framework, answers, agency_id, parent_id, has_parent=has_parent)
    if not ov.has_answered or not checks_for(framework).checks:
        return []
    result = score_overlay(framework, ov)
    return check_answers(framework, ov.values, result, previous=previous, evidence=evidence)


def previous_levels(doc: Mapping[str, Any], agency_id: str) -> dict[str, int | None] | None:
    """An agency's topic levels in a results document (`dgmm.read_results`); None when it was not
    scored there (then its previous levels are unknown)."""
    for rec in doc.get("agencies", ()):
        if rec.get("id") == agency_id:
            if rec.get("status", "scored") != "scored":
                return None
            return {tid: t.get("level") for tid, t in (rec.get("topics") or {}).items()}
    return None


def _values(
    order: Mapping[str, int], rule: CompiledRule, ctx: Mapping[str, Any]
) -> tuple[tuple[str, Any], ...]:
    out = [(c, _plain(ctx.get(c))) for c in sorted(rule.inputs, key=lambda c: order.get(c, 0))]
    for key in sorted(rule.facts):
        name, _, tid = key[1:].partition(":")
        out.append((f"{name}({tid})", _plain(ctx.get(key))))
    return tuple(out)


def _plain(value: Any) -> Any:
    """A value as JSON holds it: sets as sorted lists, a matrix as rows of sorted lists, unknown as None."""
    if value is UNKNOWN:
        return None
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, dict):
        return {k: sorted(v) for k, v in sorted(value.items())}
    return value


__all__ = [
    "CLEAR",
    "FACT_PREFIX",
    "FLAGGED",
    "UNDECIDED",
    "CheckSet",
    "CompiledCheck",
    "Flag",
    "check_agency",
    "check_answers",
    "checks_for",
    "compile_checks",
    "evaluate_checks",
    "previous_levels",
]
