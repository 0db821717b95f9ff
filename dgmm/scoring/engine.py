"""A framework compiled for scoring: every rule parsed, type-checked and turned into closures.

Compiling is also the second stage of validation: a rule that names an unknown input, an option
the input does not define, or uses `prev` without a level below fails here, with the file, line,
topic and level in the message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dgmm.errors import FrameworkError, Problem, RuleError
from dgmm.framework.kinds import KINDS, RuleKind
from dgmm.framework.schema import Framework, Input, Topic
from dgmm.rules.compile import BOOL, NUM, CompiledRule, compile_rule

Applies = Callable[[Mapping[str, Any]], bool]


@dataclass
class CompiledTopic:
    topic: Topic
    levels: dict[int, CompiledRule]  # level (2..5) -> rule
    needed: tuple[str, ...]  # inputs whose answers decide the level (referenced or owned)
    required: tuple[str, ...]  # of those, the ones that must be answered (when they apply)
    owned: tuple[Input, ...]
    has_points: bool
    max_points: float
    subs: tuple[CompiledTopic, ...] = ()
    analyst_inputs: frozenset[str] = frozenset()
    pointed: tuple[Input, ...] = ()  # owned inputs whose options carry points
    not_applicable: CompiledRule | None = None  # holds when the topic does not apply (map options to null)
    # what the level may depend on: `needed` with, transitively, the inputs their applies_if reads;
    # `unknowable`: of those, the required ones (unanswered, their value is unknown, DECISIONS §2)
    reads: tuple[str, ...] = ()
    unknowable: frozenset[str] = frozenset()
    # (level, rule, whether it reads `prev`) for the levels that have a rule, lowest first
    ladder: tuple[tuple[int, Callable[[Any], Any], bool], ...] = field(init=False)
    kind: RuleKind = field(init=False)  # the topic's rule kind (dgmm/framework/kinds.py)

    def __post_init__(self) -> None:
        self.ladder = tuple((k, r.fn, r.uses_prev) for k, r in sorted(self.levels.items()))
        self.kind = KINDS[self.topic.rule.kind]

    @property
    def id(self) -> str:
        return self.topic.id

    @property
    def weight(self) -> float:
        if self.topic.weight is not None:
            return self.topic.weight
        return self.max_points if self.has_points else 1.0


@dataclass
class Engine:
    framework: Framework
    topics: dict[str, CompiledTopic]
    applies: list[tuple[str, Applies]] = field(
        default_factory=list
    )  # inputs with applies_if, framework order
    applies_rules: dict[str, CompiledRule] = field(default_factory=dict)  # input -> its compiled applies_if
    applies_by_code: dict[str, Applies] = field(init=False)  # input -> its applies_if
    option_points: dict[str, dict[str, float]] = field(init=False)  # input with points -> option -> points
    max_points: dict[str, float] = field(init=False)  # input with points -> points possible

    def __post_init__(self) -> None:
        self.applies_by_code = dict(self.applies)
        pointed = [inp for inp in self.framework.inputs.values() if inp.has_points]
        self.option_points = {i.code: {o.code: (o.points or 0.0) for o in i.options} for i in pointed}
        self.max_points = {i.code: i.max_points for i in pointed}


def compile_framework(fw: Framework) -> Engine:
    """Compile every rule of `fw`; raise FrameworkError listing every rule problem."""
    env = fw.inputs
    problems: list[Problem] = []

    def fail(src_line: int, where: str, topic_id: str, exc: RuleError, level: int | None = None) -> None:
        prefix = f"level {level}: " if level else ""
        problems.append(Problem(fw.path or fw.id, src_line, where, prefix + str(exc), exc.code, topic_id))

    applies: list[tuple[str, Applies]] = []
    applies_rules: dict[str, CompiledRule] = {}
    for code, inp in env.items():
        if inp.applies_if is not None:
            try:
                rule = compile_rule(inp.applies_if.text, env)
            except RuleError as exc:
                fail(inp.applies_if.line, inp.applies_if.where, inp.topic_id, exc)
                continue
            applies.append((code, rule.fn))
            applies_rules[code] = rule

    def compile_topic(topic: Topic) -> CompiledTopic:
        kind = KINDS[topic.rule.kind]
        levels: dict[int, CompiledRule] = {}
        wrong_input = kind.input_problem(topic.rule, env)
        if wrong_input is not None:
            where = f"{topic.id}.rule.input"
            problems.append(
                Problem(fw.path or fw.id, topic.rule.line, where, wrong_input, "unknown_input", topic.id)
            )
            return _empty(topic)
        for k, src in sorted(kind.level_sources(topic).items()):
            has_below = bool(levels)  # prev = the nearest level below that has a rule
            try:
                levels[k] = compile_rule(src.text, env, allow_prev=has_below, want=BOOL)
            except RuleError as exc:
                fail(src.line, src.where, topic.id, exc, k)
        value = kind.value_source(topic.rule)
        if value is not None:
            try:
                compile_rule(value.text, env, want=NUM)
            except RuleError as exc:
                fail(value.line, value.where, topic.id, exc)
        not_applicable = None
        na = kind.not_applicable_source(topic)
        if na is not None:
            try:
                not_applicable = compile_rule(na.text, env, want=BOOL)
            except RuleError as exc:
                fail(na.line, na.where, topic.id, exc)
        subs = tuple(compile_topic(st) for st in topic.sub_topics)
        referenced: list[str] = []
        for rule in levels.values():
            referenced.extend(sorted(rule.inputs))
        referenced.extend(kind.reads(topic.rule))
        owned = topic.inputs
        needed = tuple(dict.fromkeys([*referenced, *(i.code for i in owned)]))
        # a topic without level rules still needs its required point-carrying inputs: unanswered, it
        # has no score rather than a silent zero (DECISIONS §2, §5)
        required = tuple(c for c in needed if env[c].required and (kind.has_level or env[c].has_points))
        has_points = any(i.has_points for i in owned)
        reads = applies_closure(needed, applies_rules)
        return CompiledTopic(
            topic=topic,
            levels=levels,
            needed=needed,
            required=required,
            owned=owned,
            has_points=has_points,
            max_points=sum(i.max_points for i in owned),
            subs=subs,
            analyst_inputs=frozenset(c for c in needed if env[c].answered_by == "analyst"),
            pointed=tuple(i for i in owned if i.has_points),
            not_applicable=not_applicable,
            reads=reads,
            unknowable=frozenset(c for c in reads if env[c].required),
        )

    topics = {t.id: compile_topic(t) for t in fw.iter_topics()}
    if problems:
        raise FrameworkError(problems, f"{fw.path or fw.id}: {len(problems)} problem(s) in the rules")
    return Engine(fw, topics, applies, applies_rules)


def applies_closure(codes: tuple[str, ...], applies_rules: Mapping[str, CompiledRule]) -> tuple[str, ...]:
    """`codes` and, transitively, the inputs their applies_if conditions read (in order of discovery)."""
    out = dict.fromkeys(codes)
    todo = list(codes)
    while todo:
        rule = applies_rules.get(todo.pop())
        for r in sorted(rule.inputs) if rule else ():
            if r not in out:
                out[r] = None
                todo.append(r)
    return tuple(out)


def _empty(topic: Topic) -> CompiledTopic:
    return CompiledTopic(topic, {}, (), (), topic.inputs, False, 0.0)


_ENGINES: dict[int, tuple[Framework, Engine]] = {}


def engine_for(fw: Framework) -> Engine:
    """The compiled engine of a framework (compiled once per framework object)."""
    hit = _ENGINES.get(id(fw))
    if hit is not None and hit[0] is fw:
        return hit[1]
    eng = compile_framework(fw)
    _ENGINES[id(fw)] = (fw, eng)
    return eng
