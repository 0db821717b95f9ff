"""Where a participation stands: stored answers as the core sees them, and incomplete topics.

Completeness comes from the core: the stored raw strings go through ``parse_answers`` and
``score_agency``; a topic is incomplete when the core reports one of the inputs the agency answers
itself (``dgmm.inheritance``: source own) as a required input without an answer (inputs whose
``applies_if`` is false are not required).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from dgmm import AnswerError, Framework, parse_answers, score_agency
from dgmm.framework.schema import Topic
from dgmm.inheritance import Source, plan_for
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
    """(typed values the core accepts, {code: why} of stored values that no longer fit the framework)."""
    raw = {code: a.value for code, a in answers.items() if a.value is not None and code in fw.inputs}
    try:
        return parse_answers(fw, raw), {}
    except AnswerError as exc:
        bad = {p.where: p.message for p in exc.problems}
        return parse_answers(fw, {k: v for k, v in raw.items() if k not in bad}), bad


def own_inputs(topic: Topic) -> list[Any]:
    """Inputs shown on a topic's page: the topic's and its sub-topics'."""
    return [inp for t in (topic, *topic.sub_topics) for inp in t.inputs]


@dataclass
class TopicProgress:
    topic: Topic
    missing: list[str] = field(default_factory=list)  # agency inputs required and unanswered
    answered: int = 0
    total: int = 0
    inherited: bool = False
    analyst_only: bool = False
    level: int | None = None  # the core's level from the agency's own answers (its parent's not read here)

    @property
    def is_complete(self) -> bool:
        return not self.missing


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
        out[topic.id] = TopicProgress(
            topic,
            sorted(missing, key=order.index),
            answered=sum(
                1
                for i in mine
                if i.code in values or (answers.get(i.code) and answers[i.code].value is not None)
            ),
            total=len(mine),
            inherited=plan.topic_inherited(topic.id),
            analyst_only=not mine and not plan.topic_inherited(topic.id),
            level=result.topics[topic.id].level,
        )
    return out


def incomplete_topics(fw: Framework, participation: Participation) -> list[TopicProgress]:
    progress = topic_progress(
        fw,
        raw_answers(participation.cycle_id, participation.agency_id),
        participation.agency.parent_id is not None,
    )
    return [p for p in progress.values() if not p.is_complete]
