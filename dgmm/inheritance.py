"""Who answers each input for an agency, and the answers its scoring reads: the one inheritance rule.

Semantics (DECISIONS.md §7, §8 and §27). For one agency, every input of a framework has exactly one
**source** (`Source`), decided by `source_of` from the framework's flags and from whether the agency
has a parent department:

- ``parent``: the agency has a parent and the input belongs to a topic flagged ``from_parent`` (the
  topic's sub-topics included, analyst checks included: the whole topic is the parent's), or the
  input is ``answered_by: parent``. Its value is the parent's: the parent's analyst check where there
  is one, else the parent's own answer. The agency's own value for it, if any, is never read.
- ``analyst``: ``answered_by: analyst`` outside inherited topics: a reviewer's check of this agency.
- ``own``: everything else. An agency **without** a parent (a department) answers its
  ``from_parent`` topics and ``answered_by: parent`` inputs itself; nothing is inherited.

For ``own`` and ``analyst`` inputs the analyst's value wins where both the agency and the analyst
gave one (§8). Each value keeps its provenance: ``own``, ``analyst`` or ``parent:<agency id>``
(``parent`` when the parent's id is not known). A topic is *inherited* when it is ``from_parent``
and the agency has a parent; its provenance is the parent's, and when it cannot be determined
because the parent has not answered an input it answers for the agency, the reason is
``parent_missing``: never a silent zero.

An agency **has answered** when it gave at least one answer of its own (a value, or a stored value
that no longer fits) to an input it does not inherit. An agency that has not is not scored: its
status is ``no_answers`` in every output (§27), whatever its parent or an analyst entered.

Everything here is pure: a `Plan` (frozen, one per framework and has-parent) lists each input's
`Link`; `overlay` assembles the effective answers (`Overlay`) from the three sets of values.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from dgmm.framework.schema import Framework, Input, Topic

if TYPE_CHECKING:
    from dgmm.answers import AnswerSet

PARENT_MISSING = "parent_missing"  # reason: an input the parent answers for the agency has no answer


class Source(StrEnum):
    """Who answers an input for an agency."""

    OWN = "own"
    PARENT = "parent"
    ANALYST = "analyst"


def source_of(topic: Topic, inp: Input, has_parent: bool) -> Source:
    """Who answers `inp` of the top-level `topic` (the input may belong to one of its sub-topics)."""
    if has_parent and (topic.from_parent or inp.answered_by == "parent"):
        return Source.PARENT
    return Source.ANALYST if inp.answered_by == "analyst" else Source.OWN


def is_inherited(topic: Topic, inp: Input, has_parent: bool) -> bool:
    """Whether the parent department answers `inp` for the agency (shown to it read-only)."""
    return source_of(topic, inp, has_parent) is Source.PARENT


def parent_provenance(parent_id: str | None) -> str:
    """Provenance of a value or topic read from the parent department."""
    return f"parent:{parent_id}" if parent_id else "parent"


@dataclass(frozen=True)
class Link:
    """One input of one topic, and who answers it for the agency."""

    code: str
    topic_id: str  # the top-level topic the input belongs to (directly or through a sub-topic)
    source: Source


@dataclass(frozen=True)
class Plan:
    """Who answers every input of a framework, for an agency with or without a parent."""

    framework_id: str
    has_parent: bool
    links: Mapping[str, Link]  # input code -> link, framework order
    inherited_topics: frozenset[str]  # topics (and their sub-topics) read wholly from the parent

    def source(self, code: str) -> Source:
        return self.links[code].source

    def is_inherited(self, code: str) -> bool:
        return self.links[code].source is Source.PARENT

    def codes(self, source: Source) -> frozenset[str]:
        return frozenset(c for c, link in self.links.items() if link.source is source)

    def topic_inherited(self, topic_id: str) -> bool:
        return topic_id in self.inherited_topics

    def sub_pillar_inheritance(self, topic_ids: Collection[str]) -> str:
        """``none`` | ``partial`` | ``full``: how many of a sub-pillar's topics are inherited."""
        n = sum(1 for t in topic_ids if t in self.inherited_topics)
        return "none" if n == 0 else ("full" if n == len(topic_ids) else "partial")


_PLANS: dict[tuple[int, bool], tuple[Framework, Plan]] = {}


def plan_for(framework: Framework, has_parent: bool) -> Plan:
    """The plan of a framework for an agency with (or without) a parent (built once per framework object)."""
    hit = _PLANS.get((id(framework), has_parent))
    if hit is not None and hit[0] is framework:
        return hit[1]
    links: dict[str, Link] = {}
    inherited: set[str] = set()
    for topic in framework.iter_topics():
        if has_parent and topic.from_parent:
            inherited.update(t.id for t in (topic, *topic.sub_topics))
        for t in (topic, *topic.sub_topics):
            for inp in t.inputs:
                links[inp.code] = Link(inp.code, topic.id, source_of(topic, inp, has_parent))
    plan = Plan(framework.id, has_parent, MappingProxyType(links), frozenset(inherited))
    _PLANS[(id(framework), has_parent)] = (framework, plan)
    return plan


@dataclass(frozen=True)
class Overlay:
    """The answers an agency's scoring reads, each with its provenance."""

    plan: Plan
    parent_id: str | None
    values: Mapping[str, Any]  # input code -> effective value
    provenance: Mapping[str, str]  # input code -> own | analyst | parent:<id>, for every value
    invalid: frozenset[str]  # inputs whose stored value (own, or the parent's when inherited) does not fit
    has_answered: bool  # the agency gave an answer of its own (see the module docstring)


def has_a_parent(parent_id: str | None, parent: Mapping[str, Any] | None) -> bool:
    """Whether an agency inherits when nobody says: when its parent or the parent's answers are named."""
    return parent_id is not None or parent is not None


def overlay(
    framework: Framework,
    own: Mapping[str, Any] | None,
    analyst: Mapping[str, Any] | None = None,
    *,
    has_parent: bool | None = None,
    parent_id: str | None = None,
    parent: Mapping[str, Any] | None = None,
    parent_analyst: Mapping[str, Any] | None = None,
    invalid: Collection[str] = (),
    parent_invalid: Collection[str] = (),
) -> Overlay:
    """Assemble an agency's effective answers: its own and its analyst's values for the inputs it
    answers, its parent's (analyst check first) for the inputs it inherits. Codes the framework does
    not define are kept as the agency's own (scoring ignores them). `has_parent` defaults to whether a
    `parent_id` or `parent` answers are given."""
    if has_parent is None:
        has_parent = has_a_parent(parent_id, parent)
    plan = plan_for(framework, has_parent)
    from_parent = parent_provenance(parent_id)
    values: dict[str, Any] = {}
    provenance: dict[str, str] = {}
    for given, prov, of_parent in (
        (own, "own", False),
        (analyst, "analyst", False),
        (parent, from_parent, True),
        (parent_analyst, from_parent, True),
    ):
        for code, value in (given or {}).items():
            link = plan.links.get(code)
            if (link is not None and link.source is Source.PARENT) is not of_parent:
                # the agency's values of inherited inputs and the parent's of the others are not read
                continue
            values[code] = value
            provenance[code] = prov
    bad = {c for c in invalid if not plan.is_inherited(c)} if invalid else set()
    if parent_invalid:
        bad.update(c for c in parent_invalid if c in plan.links and plan.is_inherited(c))
    return Overlay(plan, parent_id, values, provenance, frozenset(bad), has_answered(plan, own, invalid))


def has_answered(plan: Plan, own: Mapping[str, Any] | None, invalid: Collection[str] = ()) -> bool:
    """Whether the agency gave an answer of its own (a value, or a stored value that does not fit) to an
    input it does not inherit: only then is it scored (DECISIONS §27)."""
    links = plan.links
    return any(c in links and links[c].source is not Source.PARENT for c in (*(own or ()), *invalid))


@dataclass(frozen=True)
class AgencyAnswers:
    """What one agency's scoring reads from a cycle's answers: its own, its analyst's, its parent's."""

    own: Mapping[str, Any]
    analyst: Mapping[str, Any] | None
    parent_id: str | None
    parent: Mapping[str, Any] | None
    parent_analyst: Mapping[str, Any] | None

    @property
    def has_parent(self) -> bool:
        return self.parent_id is not None


def answers_of(answers: AnswerSet, agency_id: str, parent_id: str | None) -> AgencyAnswers:
    """An agency's answers out of a cycle's `AnswerSet` (`parent_id`: its parent department, or None)."""
    parent_id = parent_id or None
    return AgencyAnswers(
        answers.own.get(agency_id, {}),
        answers.analyst.get(agency_id),
        parent_id,
        answers.own.get(parent_id) if parent_id else None,
        answers.analyst.get(parent_id) if parent_id else None,
    )


def overlay_from(
    framework: Framework,
    answers: AnswerSet,
    agency_id: str,
    parent_id: str | None,
    *,
    has_parent: bool | None = None,
) -> Overlay:
    """`overlay` of one agency of a cycle's `AnswerSet`: its own, its analyst's and its parent's answers
    (`answers_of`) and the stored values of each that do not fit. `has_parent` defaults to whether a
    `parent_id` is given."""
    a = answers_of(answers, agency_id, parent_id)
    return overlay(
        framework,
        a.own,
        a.analyst,
        has_parent=a.has_parent if has_parent is None else has_parent,
        parent_id=a.parent_id,
        parent=a.parent,
        parent_analyst=a.parent_analyst,
        invalid=answers.invalid.get(agency_id, {}),
        parent_invalid=answers.invalid.get(a.parent_id, {}) if a.parent_id else (),
    )
