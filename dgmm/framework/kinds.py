"""The rule kinds of a topic (docs/framework-format.md, "Topic rules"), each registered once as a class.

A kind says which keys its `rule:` mapping takes and how the loader reads them, whether the topic
has a level of its own or combines its sub-topics', and what the scoring engine compiles: one
expression per level, the number a band compares, the inputs the rule reads, the condition under
which the topic does not apply. The loader and `dgmm.scoring.engine` look kinds up here; nothing
else names a kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar

from dgmm.framework.schema import AGGREGATES, Input, RuleSource, Topic, TopicRule

if TYPE_CHECKING:
    from dgmm.framework.load import _Reader
    from dgmm.framework.yamlsrc import Path


class RuleKind:
    """The default kind: level rules written on the levels themselves (kind `levels`)."""

    name: ClassVar[str]
    keys: ClassVar[frozenset[str]] = frozenset()  # keys of `rule:` besides kind and note
    has_level: ClassVar[bool] = True  # False: the topic only carries a score from its points
    combines_subtopics: ClassVar[bool] = False  # True: the level comes from the sub-topics' levels

    def parse(self, r: _Reader, d: dict[str, Any], path: Path) -> TopicRule:
        """The rule from its YAML mapping `d` (keys already checked), problems reported to `r`."""
        return TopicRule(kind=self.name, line=r.line(path))

    def level_sources(self, topic: Topic) -> dict[int, RuleSource]:
        """The rule of each level (2..5) that has one."""
        return {k: lv.rule for k, lv in topic.levels.items() if lv.rule is not None}

    def value_source(self, rule: TopicRule) -> RuleSource | None:
        """An expression that must be a number (the value a band compares)."""
        return None

    def not_applicable_source(self, topic: Topic) -> RuleSource | None:
        """A condition under which the topic does not apply to the agency."""
        return None

    def reads(self, rule: TopicRule) -> tuple[str, ...]:
        """Inputs the rule reads besides those its level expressions name."""
        return ()

    def input_problem(self, rule: TopicRule, inputs: Mapping[str, Input]) -> str | None:
        """What is wrong with the input the rule is built on, if anything."""
        return None


KINDS: dict[str, RuleKind] = {}


def register(cls: type[RuleKind]) -> type[RuleKind]:
    KINDS[cls.name] = cls()
    return cls


@register
class Levels(RuleKind):
    name = "levels"


@register
class Bands(RuleKind):
    name = "bands"
    keys = frozenset({"value", "bands", "compare"})

    def parse(self, r: _Reader, d: dict[str, Any], path: Path) -> TopicRule:
        src = r.rule_source(d.get("value"), (*path, "value"))
        if src is None:
            r.problem((*path, "value"), "a bands rule needs 'value' (an expression)", "missing")
        compare = d.get("compare", ">=")
        if compare not in (">=", ">"):
            r.problem((*path, "compare"), f"compare must be '>=' or '>', found {compare!r}", "bad_rule")
            compare = ">="
        bands = r.mapping(d.get("bands"), (*path, "bands"))
        thresholds: list[tuple[int, float]] = []
        for lv, t in bands.items():
            if not isinstance(lv, int) or not 2 <= lv <= 5:
                r.problem(
                    (*path, "bands", lv), f"band level must be 2..5, found {lv!r}", "level_out_of_range"
                )
                continue
            if isinstance(t, bool) or not isinstance(t, int | float):
                r.problem((*path, "bands", lv), f"threshold must be a number, found {t!r}", "wrong_type")
                continue
            thresholds.append((lv, float(t)))
        thresholds.sort()
        for (l1, t1), (l2, t2) in pairwise(thresholds):
            if t2 < t1:
                r.problem(
                    (*path, "bands", l2),
                    f"threshold of level {l2} ({t2:g}) is below level {l1}'s ({t1:g})",
                    "bands_not_rising",
                )
        return TopicRule(
            kind=self.name, line=r.line(path), value=src, thresholds=tuple(thresholds), compare=compare
        )

    def level_sources(self, topic: Topic) -> dict[int, RuleSource]:
        rule, v = topic.rule, topic.rule.value
        if v is None:
            return {}
        return {
            k: RuleSource(f"({v.text}) {rule.compare} {t:g}", v.line, v.where) for k, t in rule.thresholds
        }

    def value_source(self, rule: TopicRule) -> RuleSource | None:
        return rule.value


@register
class Map(RuleKind):
    name = "map"
    keys = frozenset({"input", "map"})

    def parse(self, r: _Reader, d: dict[str, Any], path: Path) -> TopicRule:
        inp = r.string(d, "input", path)
        mapping = r.mapping(d.get("map"), (*path, "map"))
        pairs: list[tuple[str, int]] = []
        not_applicable: list[str] = []
        for opt, lv in mapping.items():
            if lv is None:
                not_applicable.append(str(opt))
                continue
            if not isinstance(lv, int) or isinstance(lv, bool) or not 1 <= lv <= 5:
                r.problem((*path, "map", opt), f"level must be 1..5, found {lv!r}", "level_out_of_range")
                continue
            pairs.append((str(opt), lv))
        return TopicRule(
            kind=self.name,
            line=r.line(path),
            input=inp,
            mapping=tuple(pairs),
            not_applicable=tuple(not_applicable),
        )

    def level_sources(self, topic: Topic) -> dict[int, RuleSource]:
        rule = topic.rule
        out: dict[int, RuleSource] = {}
        for level in range(2, 6):
            codes = [o for o, lv in rule.mapping if lv == level]
            if codes:
                out[level] = self._one_of(topic, codes)
        return out

    def not_applicable_source(self, topic: Topic) -> RuleSource | None:
        return self._one_of(topic, topic.rule.not_applicable) if topic.rule.not_applicable else None

    def _one_of(self, topic: Topic, codes: Any) -> RuleSource:
        listing = ", ".join(repr(c) for c in codes)
        return RuleSource(f"{topic.rule.input} in {{{listing}}}", topic.rule.line, f"{topic.id}.rule.map")

    def reads(self, rule: TopicRule) -> tuple[str, ...]:
        return (rule.input,)

    def input_problem(self, rule: TopicRule, inputs: Mapping[str, Input]) -> str | None:
        inp = inputs.get(rule.input)
        if inp is None or inp.type != "single_choice":
            return f"a map rule needs a single_choice input, found {rule.input!r}"
        return None


@register
class Subtopics(RuleKind):
    name = "subtopics"
    keys = frozenset({"aggregate"})
    combines_subtopics = True

    def parse(self, r: _Reader, d: dict[str, Any], path: Path) -> TopicRule:
        agg = d.get("aggregate", "floor_mean")
        if agg not in AGGREGATES:
            r.problem((*path, "aggregate"), f"expected one of {', '.join(AGGREGATES)}", "bad_aggregate")
            agg = "floor_mean"
        return TopicRule(kind=self.name, line=r.line(path), aggregate=agg)

    def level_sources(self, topic: Topic) -> dict[int, RuleSource]:
        return {}


@register
class NoLevel(RuleKind):
    name = "none"
    has_level = False

    def level_sources(self, topic: Topic) -> dict[int, RuleSource]:
        return {}


RULE_KINDS = tuple(KINDS)
