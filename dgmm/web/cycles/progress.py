"""Where a participation stands: stored answers as the core sees them, and each topic's state.

Completeness comes from the core: the stored raw strings go through ``parse_answers`` and
``score_agency``; a topic is incomplete when the core reports one of the inputs the agency answers
itself (``dgmm.inheritance``: source own) as a required input without an answer, or a stored value
of one that no longer fits. So "complete" means the core can score the topic from the agency's side.

A topic asks the agency the inputs it answers itself that apply given its other answers (the core's
``input_applies``): a follow-up whose controlling answer makes it not apply is not asked, and a topic
the core finds not applicable asks nothing more. A topic that asks only optional questions and has
none answered is neither incomplete nor complete: it can be scored, from no answers (`TopicState`).

`would_score` scores the agency's answers as closing the cycle would (its own, its analyst's checks
and its parent department's answers for what it inherits): a preview for the agency, never official.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dgmm import AgencyResult, AnswerError, Framework, input_applies, parse_answers, score_agency
from dgmm.framework.schema import Topic
from dgmm.inheritance import Source, overlay_from, plan_for
from dgmm.scoring.agency import NOT_APPLICABLE, UNDETERMINED, score_overlay
from dgmm.web.cycles.forms import problem_message
from dgmm.web.cycles.models import Answer, AnswerSource, Participation


class StoredAnswer(NamedTuple):
    """What pages need of a stored answer (read without building model instances)."""

    code: str
    value: str | None
    version: int
    updated_at: datetime


def raw_answers(cycle_id: int, agency_id: int, source: str = AnswerSource.AGENCY) -> dict[str, StoredAnswer]:
    """Stored answers of one agency ({input code: StoredAnswer}), cleared ones included."""
    rows = Answer.objects.filter(cycle_id=cycle_id, agency_id=agency_id, source=source).values_list(
        "code", "value", "version", "updated_at"
    )
    return {row[0]: StoredAnswer(*row) for row in rows}


def parent_answers(cycle_id: int, parent_id: int) -> dict[str, StoredAnswer]:
    """What a child inherits from its parent department: the parent's answers, its analyst's checks
    first (dgmm.inheritance), by input code."""
    out = raw_answers(cycle_id, parent_id)
    out.update(
        (c, a)
        for c, a in raw_answers(cycle_id, parent_id, AnswerSource.ANALYST).items()
        if a.value is not None
    )
    return out


def typed_values(fw: Framework, answers: Mapping[str, StoredAnswer]) -> tuple[dict[str, Any], dict[str, str]]:
    """(typed values the core accepts, {code: why, in the user's language} of stored values that no
    longer fit the framework)."""
    raw = {code: a.value for code, a in answers.items() if a.value is not None and code in fw.inputs}
    try:
        return parse_answers(fw, raw), {}
    except AnswerError as exc:
        bad = {p.where: problem_message(p) for p in exc.problems}
        return parse_answers(fw, {k: v for k, v in raw.items() if k not in bad}), bad


def own_inputs(topic: Topic) -> list[Any]:
    """Inputs shown on a topic's page: the topic's and its sub-topics'."""
    return [inp for t in (topic, *topic.sub_topics) for inp in t.inputs]


class TopicState(StrEnum):
    """Where a topic stands for the agency (what its badge says)."""

    COMPLETE = "complete"  # the core can score it, and something was answered
    INCOMPLETE = "incomplete"  # a required question it asks is unanswered (or a saved value does not fit)
    OPTIONAL = "optional"  # only optional questions asked, none answered: can be scored as it is
    NOT_APPLICABLE = "not_applicable"  # the agency's answers say the topic does not apply (DECISIONS §24)
    INHERITED = "inherited"  # answered by the parent department
    ANALYST = "analyst"  # only analysts' checks: nothing for the agency to answer


@dataclass
class TopicProgress:
    topic: Topic
    missing: list[str] = field(default_factory=list)  # agency inputs required and unanswered
    answered: int = 0  # asked inputs with an answer
    total: int = 0  # inputs the agency answers itself
    inherited: bool = False
    analyst_only: bool = False
    level: int | None = None  # the core's level from the agency's own answers (its parent's not read here)
    asked: int = 0  # inputs the agency answers itself that apply given its answers
    required: int = 0  # of those, the required ones
    status: str = ""  # the core's status of the topic (determined, undetermined, not_applicable, ...)

    @property
    def is_complete(self) -> bool:
        """Nothing keeps the core from scoring the topic on the agency's side (submission needs this)."""
        return not self.missing

    @property
    def state(self) -> TopicState:
        if self.inherited:
            return TopicState.INHERITED
        if self.analyst_only:
            return TopicState.ANALYST
        if self.missing:
            return TopicState.INCOMPLETE
        if self.status == NOT_APPLICABLE:
            return TopicState.NOT_APPLICABLE
        if self.asked and not self.answered:
            return TopicState.OPTIONAL
        return TopicState.COMPLETE

    @property
    def badge_label(self) -> str:
        """The state in words, in the user's language."""
        state = self.state
        if state is TopicState.INCOMPLETE:
            return _("incomplete") if self.answered else _("not started")
        return {
            TopicState.COMPLETE: _("complete"),
            TopicState.OPTIONAL: _("optional, not answered"),
            TopicState.NOT_APPLICABLE: _("does not apply"),
            TopicState.INHERITED: _("from parent department"),
            TopicState.ANALYST: _("filled by an analyst"),
        }[state]

    @property
    def summary(self) -> str:
        """How many questions were answered of those asked, and whether the topic can be scored."""
        state = self.state
        if state is TopicState.INHERITED:
            return _("The parent department answers this topic.")
        if state is TopicState.ANALYST:
            return _("An analyst fills this topic in; nothing for you to answer.")
        done = ngettext(
            "%(answered)d of %(asked)d question answered.",
            "%(answered)d of %(asked)d questions answered.",
            self.asked,
        ) % {"answered": self.answered, "asked": self.asked}
        if state is TopicState.INCOMPLETE:
            more = ngettext(
                "%(count)d required question still to answer before the topic can be scored.",
                "%(count)d required questions still to answer before the topic can be scored.",
                len(self.missing),
            ) % {"count": len(self.missing)}
        elif state is TopicState.OPTIONAL:
            more = (
                _("All its questions are optional: it can be scored as it is, at level %(level)d.")
                % {"level": self.level}
                if self.level is not None
                else _("All its questions are optional: it can be scored as it is.")
            )
        elif state is TopicState.NOT_APPLICABLE:
            more = _("Your answers say this topic does not apply to your agency: it is not scored.")
        elif self.status == UNDETERMINED:
            more = _(
                "Your answers to this topic are complete; its level also waits for answers given by "
                "others (an analyst's check or the parent department)."
            )
        else:
            more = _("The topic can be scored.")
        return f"{done} {more}"

    @property
    def badge_class(self) -> str:
        return {
            TopicState.COMPLETE: "badge-ok",
            TopicState.NOT_APPLICABLE: "badge-ok",
            TopicState.INCOMPLETE: "badge-todo",
        }.get(self.state, "badge-info")

    @property
    def for_the_agency(self) -> bool:
        """The agency answers questions of this topic itself."""
        return not (self.inherited or self.analyst_only)

    @property
    def all_optional(self) -> bool:
        return bool(self.asked) and not self.required


def topic_progress(
    fw: Framework,
    answers: Mapping[str, StoredAnswer],
    has_parent: bool,
    typed: tuple[dict[str, Any], dict[str, str]] | None = None,
) -> dict[str, TopicProgress]:
    """Progress of every top-level topic, in framework order (`typed`: typed_values(fw, answers),
    when the caller has them already)."""
    values, bad = typed if typed is not None else typed_values(fw, answers)
    plan = plan_for(fw, has_parent)
    result = score_agency(fw, values, has_parent=has_parent)
    out: dict[str, TopicProgress] = {}
    for topic in fw.iter_topics():
        inputs = own_inputs(topic)
        mine = [i for i in inputs if plan.source(i.code) is Source.OWN]
        own_codes = {i.code for i in mine}
        missing: set[str] = own_codes.intersection(bad)
        for t in (topic, *topic.sub_topics):
            tr = result.topics.get(t.id)
            if tr is not None:
                missing.update(c for c in tr.missing if c in own_codes)
        order = [i.code for i in mine]
        tr = result.topics[topic.id]
        if tr.status == NOT_APPLICABLE:  # only the answers that say so were asked
            asked = [i for i in mine if i.code in values]
        else:
            asked = [i for i in mine if i.code in missing or input_applies(fw, i.code, values)]
        out[topic.id] = TopicProgress(
            topic,
            sorted(missing, key=order.index),
            answered=sum(
                1
                for i in asked
                if i.code in values or (answers.get(i.code) and answers[i.code].value is not None)
            ),
            total=len(mine),
            inherited=plan.topic_inherited(topic.id),
            analyst_only=not mine and not plan.topic_inherited(topic.id),
            level=tr.level,
            asked=len(asked),
            required=sum(1 for i in asked if i.required),
            status=tr.status,
        )
    return out


def incomplete_topics(fw: Framework, participation: Participation) -> list[TopicProgress]:
    progress = topic_progress(
        fw,
        raw_answers(participation.cycle_id, participation.agency_id),
        participation.agency.parent_id is not None,
    )
    return [p for p in progress.values() if not p.is_complete]


@dataclass
class PillarProgress:
    """How far the agency is in one pillar: the topics it answers itself, and those done."""

    pillar: Any
    topics: list[TopicProgress]

    @property
    def to_answer(self) -> list[TopicProgress]:
        return [tp for tp in self.topics if tp.for_the_agency]

    @property
    def done(self) -> int:
        """Topics the core can score from the agency's answers, with something answered (or found not
        to apply): an optional topic left empty is not counted as done."""
        return sum(1 for tp in self.to_answer if tp.state in (TopicState.COMPLETE, TopicState.NOT_APPLICABLE))

    @property
    def total(self) -> int:
        return len(self.to_answer)


@dataclass
class Overview:
    """The agency's progress through the questionnaire, for its start page and the review page."""

    progress: dict[str, TopicProgress]
    pillars: list[PillarProgress]

    @property
    def to_answer(self) -> list[TopicProgress]:
        return [tp for tp in self.progress.values() if tp.for_the_agency]

    @property
    def incomplete(self) -> list[TopicProgress]:
        return [tp for tp in self.progress.values() if not tp.is_complete]

    @property
    def optional_unanswered(self) -> list[TopicProgress]:
        return [tp for tp in self.progress.values() if tp.state is TopicState.OPTIONAL]

    @property
    def done(self) -> int:
        return sum(p.done for p in self.pillars)

    @property
    def total(self) -> int:
        return sum(p.total for p in self.pillars)

    @property
    def started(self) -> bool:
        return any(tp.answered for tp in self.to_answer)

    @property
    def next_topic(self) -> TopicProgress | None:
        """Where to go on: the first topic with an unanswered required question, else the first
        optional topic with nothing answered; None when every topic is done."""
        return next(iter(self.incomplete), None) or next(iter(self.optional_unanswered), None)


def overview(fw: Framework, progress: dict[str, TopicProgress]) -> Overview:
    pillars = [
        PillarProgress(pillar, [progress[t.id] for sp in pillar.sub_pillars for t in sp.topics])
        for pillar in fw.pillars
    ]
    return Overview(progress, pillars)


def would_score(p: Participation, fw: Framework) -> AgencyResult:
    """The core's result for the agency's answers as closing the cycle would score them now: its own
    answers, its analyst's checks, and its parent department's answers to what it inherits. A preview
    for the agency (stored drafts included), never an official result."""
    from dgmm.web.cycles.scoring import agency_answers

    agency = p.agency
    parent = agency.parent if agency.parent_id else None
    aset = agency_answers(p.cycle, fw, agency)
    return score_overlay(fw, overlay_from(fw, aset, agency.code, parent.code if parent is not None else None))
