"""The framework model: frozen dataclasses built from a framework file (docs/framework-format.md).

Rules are kept here as their source text with the file line they came from; `dgmm.rules` parses
and type-checks them, `dgmm.scoring` compiles them. Nothing here evaluates anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

InputType = Literal[
    "single_choice",
    "multiple_choice",
    "yes_no",
    "integer",
    "number",
    "percent",
    "year",
    "url",
    "file",
    "text",
    "matrix",
]
INPUT_TYPES: tuple[str, ...] = (
    "single_choice",
    "multiple_choice",
    "yes_no",
    "integer",
    "number",
    "percent",
    "year",
    "url",
    "file",
    "text",
    "matrix",
)
CHOICE_TYPES = frozenset({"single_choice", "multiple_choice", "yes_no"})
NUMBER_TYPES = frozenset({"integer", "number", "percent", "year"})
STRING_TYPES = frozenset({"url", "file", "text"})
ANSWERED_BY = ("agency", "parent", "analyst")

# Bounds on every answer value (docs/framework-format.md, "Bounds"): what an input accepts when the
# framework states nothing, and the largest bounds a framework may state.
DEFAULT_MAX = 1e12  # integer and number inputs without a `max`; without a `min` they start at 0
PERCENT_BOUNDS = (0.0, 100.0)
YEAR_BOUNDS = (2400.0, 2700.0)  # Buddhist era
BOUND_LIMIT = 1e15  # a stated min/max lies within ±this (whole numbers stay exact as floats)
MAX_LENGTHS = {"text": 4000, "url": 2000, "file": 255}  # characters, where `max_length` is not stated
MAX_LENGTH_LIMIT = 100_000  # the largest `max_length` a framework may state
AGGREGATES = ("floor_mean", "round_mean", "min")
TIERS = ("department", "provincial", "pcio", "local")
SEVERITIES = ("warning", "doubtful")  # of a consistency check (docs/framework-format.md, "Checks")
CHECK_EACH = ("topic",)  # `each:` of a check: evaluated once per topic with a level


@dataclass(frozen=True)
class Text:
    """A bilingual text."""

    th: str = ""
    en: str = ""

    def get(self, lang: str = "th") -> str:
        """The text in `lang`, falling back to the other language."""
        first, second = (self.th, self.en) if lang == "th" else (self.en, self.th)
        return first or second


class Named:
    """`name_th` / `name_en` of anything with a bilingual `name`."""

    name: Text

    @property
    def name_th(self) -> str:
        return self.name.th

    @property
    def name_en(self) -> str:
        return self.name.en


@dataclass(frozen=True)
class RuleSource:
    """A rule expression as written in the framework file, with its location."""

    text: str
    line: int
    where: str  # YAML path, for messages


@dataclass(frozen=True)
class Option:
    code: str
    label: Text
    points: float | None = None

    @property
    def label_th(self) -> str:
        return self.label.th

    @property
    def label_en(self) -> str:
        return self.label.en


@dataclass(frozen=True)
class Input:
    code: str
    type: str
    label: Text
    help: Text = Text()
    answered_by: str = "agency"
    required: bool = True
    applies_if: RuleSource | None = None
    options: tuple[Option, ...] = ()
    rows: tuple[Option, ...] = ()
    columns: tuple[Option, ...] = ()
    min: float | None = None
    max: float | None = None
    max_length: int | None = None  # url, file, text: characters allowed (MAX_LENGTHS when None)
    topic_id: str = ""
    line: int = 0

    @property
    def label_th(self) -> str:
        return self.label.th

    @property
    def label_en(self) -> str:
        return self.label.en

    @property
    def bounds(self) -> tuple[float, float]:
        """The range a number input accepts: its `min`/`max`,
        else 0..10^12 (percent 0..100, year 2400..2700)."""
        lo, hi = {"percent": PERCENT_BOUNDS, "year": YEAR_BOUNDS}.get(self.type, (0.0, DEFAULT_MAX))
        return (lo if self.min is None else self.min), (hi if self.max is None else self.max)

    @property
    def length_limit(self) -> int:
        """Characters a url, file or text answer may have: its `max_length`, else the type's default."""
        return (
            self.max_length
            if self.max_length is not None
            else MAX_LENGTHS.get(self.type, MAX_LENGTHS["text"])
        )

    def option(self, code: str) -> Option | None:
        for opt in self.options:
            if opt.code == code:
                return opt
        return None

    @property
    def option_codes(self) -> tuple[str, ...]:
        return tuple(o.code for o in self.options)

    @property
    def has_points(self) -> bool:
        return any(o.points is not None for o in self.options)

    @property
    def max_points(self) -> float:
        """Points possible on this input: best single choice, or all positive multiple choices."""
        pts = [o.points for o in self.options if o.points is not None]
        if not pts:
            return 0.0
        if self.type == "multiple_choice":
            return float(sum(p for p in pts if p > 0))
        return float(max(pts))


@dataclass(frozen=True)
class Level:
    level: int
    criterion: Text
    advice: Text = Text()
    rule: RuleSource | None = None

    @property
    def criterion_th(self) -> str:
        return self.criterion.th

    @property
    def criterion_en(self) -> str:
        return self.criterion.en


@dataclass(frozen=True)
class TopicRule:
    """How a topic's level is decided: kind plus the kind's settings (docs/framework-format.md)."""

    kind: str
    line: int = 0
    value: RuleSource | None = None  # bands
    thresholds: tuple[tuple[int, float], ...] = ()  # bands
    compare: str = ">="  # bands
    input: str = ""  # map
    mapping: tuple[tuple[str, int], ...] = ()  # map
    not_applicable: tuple[str, ...] = ()  # map: options mapped to null (the topic does not apply)
    aggregate: str = "floor_mean"  # subtopics


@dataclass(frozen=True)
class Note:
    text: Text
    source: str = ""


@dataclass(frozen=True)
class Topic(Named):
    id: str
    name: Text
    inputs: tuple[Input, ...] = ()
    levels: dict[int, Level] = field(default_factory=dict)
    rule: TopicRule = TopicRule(kind="levels")
    from_parent: bool = False
    weight: float | None = None
    question_codes: tuple[str, ...] = ()
    sub_topics: tuple[Topic, ...] = ()
    notes: tuple[Note, ...] = ()
    line: int = 0

    @property
    def has_level(self) -> bool:
        from dgmm.framework.kinds import KINDS  # kinds builds on this module

        return KINDS[self.rule.kind].has_level


@dataclass(frozen=True)
class SubPillar(Named):
    id: str
    name: Text
    topics: tuple[Topic, ...]
    in_model: bool = True
    weight: float | None = None
    advice: Text = Text()
    notes: tuple[Note, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Pillar(Named):
    id: str
    name: Text
    sub_pillars: tuple[SubPillar, ...]
    level_names: tuple[Text, ...] = ()
    weight: float | None = None
    definition: Text = Text()
    advice: Text = Text()
    level_descriptions: tuple[Text, ...] = ()  # what each level means for this pillar (optional)
    notes: tuple[Note, ...] = ()
    line: int = 0

    def level_name(self, level: int, lang: str = "th") -> str:
        if 1 <= level <= len(self.level_names):
            return self.level_names[level - 1].get(lang)
        return ""


@dataclass(frozen=True)
class Check:
    """A consistency check: when its condition holds, the answers are doubtful and flagged (never blocked)."""

    id: str
    severity: str  # warning | doubtful
    when: RuleSource
    message: Text
    topics: tuple[
        str, ...
    ] = ()  # the topics it concerns (with `each`: the topics it runs on; all when empty)
    each: str = ""  # "topic": evaluated once per topic with a level, `this` standing for the topic
    notes: tuple[Note, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Group:
    id: str
    min_percentile: float
    name: Text


@dataclass(frozen=True)
class Aggregation:
    sub_pillar_level: str = "floor_mean"
    pillar_level: str = "floor_mean"
    overall_level: str = "floor_mean"
    small_group_min: int = 3
    groups: tuple[Group, ...] = (
        Group("very_high", 75, Text("สูงมาก", "Very High")),
        Group("high", 50, Text("สูง", "High")),
        Group("middle", 25, Text("ปานกลาง", "Middle")),
        Group("low", 0, Text("ต่ำ", "Low")),
    )


@dataclass(frozen=True, eq=False)
class Framework(Named):
    id: str
    revision: int
    year: int
    tiers: tuple[str, ...]
    name: Text
    level_scale: tuple[Text, ...]
    pillars: tuple[Pillar, ...]
    aggregation: Aggregation = Aggregation()
    scored: bool = True
    source: str = ""
    path: str = ""
    notes: tuple[Note, ...] = ()
    sha256: str = ""
    checks: tuple[Check, ...] = ()

    def iter_sub_pillars(self) -> Iterator[tuple[Pillar, SubPillar]]:
        for p in self.pillars:
            for sp in p.sub_pillars:
                yield p, sp

    def iter_topics(self) -> Iterator[Topic]:
        """Every topic, in framework order (sub-topics are reached through their topic)."""
        for _, sp in self.iter_sub_pillars():
            yield from sp.topics

    @cached_property
    def inputs(self) -> dict[str, Input]:
        """Every input by code, in framework order."""
        out: dict[str, Input] = {}
        for t in self.iter_topics():
            for topic in (t, *t.sub_topics):
                for inp in topic.inputs:
                    out[inp.code] = inp
        return out

    @cached_property
    def sub_pillars(self) -> dict[str, SubPillar]:
        return {sp.id: sp for _, sp in self.iter_sub_pillars()}

    @cached_property
    def topics(self) -> dict[str, Topic]:
        return {t.id: t for t in self.iter_topics()}

    def pillar(self, pillar_id: str) -> Pillar:
        for p in self.pillars:
            if p.id == pillar_id:
                return p
        raise KeyError(pillar_id)

    def weights(self) -> dict[str, float]:
        """Pillar weights in percent; equal when the file gives none."""
        if all(p.weight is None for p in self.pillars):
            n = len(self.pillars) or 1
            return {p.id: 100.0 / n for p in self.pillars}
        return {p.id: float(p.weight or 0.0) for p in self.pillars}
