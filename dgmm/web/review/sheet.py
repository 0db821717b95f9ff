"""The review sheet of one agency: every topic in framework order with the agency's answers (analyst
checks beside them, inherited answers marked as the parent department's), its evidence files, and the
level those answers give with the rule that held and what the next level needs.

Levels come from the core only (``dgmm.explain_from``, which scores the overlay of the stored answers
as ``dgmm.score_agency`` does): the stored answers are read as the cycle will be scored
(``dgmm.web.cycles.scoring.answer_set``), so an analyst value changes the level shown at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from dgmm import explain_from
from dgmm.advice import TopicExplanation
from dgmm.framework.schema import Framework, Topic
from dgmm.inheritance import PARENT_MISSING, Source, plan_for
from dgmm.scoring.agency import INVALID_VALUE, NOT_APPLICABLE, UNDETERMINED
from dgmm.web.cycles.forms import Field, display_value, text
from dgmm.web.cycles.models import Answer, AnswerSource, Evidence, Participation
from dgmm.web.cycles.progress import StoredAnswer
from dgmm.web.cycles.scoring import agency_answers
from dgmm.web.review.models import ReviewComment


@dataclass
class Item:
    """One input as the reviewer sees it: the agency's answer, the analyst's value, the difference."""

    field: Field | None  # an editable analyst field, or None
    code: str
    label: str
    agency_display: str
    analyst_display: str
    answered_by: str
    inherited: bool = False  # the parent department's answer

    @property
    def differs(self) -> bool:
        return bool(self.analyst_display) and self.agency_display != self.analyst_display


@dataclass
class LevelView:
    """The level the answers give one topic, in words: what held and what the next level needs."""

    topic_id: str
    level: int | None
    level_name: str
    status: str
    held: int | None
    criterion: str
    by_parent: bool
    by_analyst: bool
    next_level: int | None
    next_name: str
    next_criterion: str
    steps: list[tuple[str, str]]
    missing: list[tuple[str, str]]
    decided_by: list[tuple[str, str]]
    reason: str
    sub_topics: list[LevelView] = field(default_factory=list)

    @property
    def undetermined(self) -> bool:
        return self.status == UNDETERMINED

    @property
    def not_applicable(self) -> bool:
        return self.status == NOT_APPLICABLE

    @property
    def waits_for_parent(self) -> bool:
        return self.reason == PARENT_MISSING

    @property
    def invalid(self) -> bool:
        return self.reason == INVALID_VALUE


@dataclass
class EvidenceLink:
    pk: int
    agency_code: str  # whose participation the file belongs to (the parent's for inherited topics)
    name: str
    size: int
    from_parent: bool


@dataclass
class TopicRow:
    topic: Topic
    name: str
    inherited: bool
    items: list[Item]
    level: LevelView
    evidence: list[EvidenceLink] = field(default_factory=list)
    comments: list[ReviewComment] = field(default_factory=list)
    draft: str = ""  # a correction comment being written (kept when the analyst goes back from confirming)

    @property
    def dom_id(self) -> str:
        return "t-" + self.topic.id.replace(".", "-")


def level_view(fw: Framework, exp: TopicExplanation) -> LevelView:
    scale = fw.level_scale

    def name(level: int | None) -> str:
        return text(scale[level - 1]) if level and 1 <= level <= len(scale) else ""

    return LevelView(
        topic_id=exp.topic_id,
        level=exp.level,
        level_name=name(exp.level),
        status=exp.status,
        held=exp.held,
        criterion=text(exp.criterion),
        by_parent=exp.by_parent,
        by_analyst=exp.provenance == "analyst",
        next_level=exp.next_level,
        next_name=name(exp.next_level),
        next_criterion=text(exp.next_criterion),
        steps=[] if exp.by_parent else [(text(s.text), text(s.current)) for s in exp.steps],
        missing=[(c, text(t)) for c, t in exp.missing],
        decided_by=[(c, text(t)) for c, t in exp.decided_by],
        reason=exp.reason,
        sub_topics=[level_view(fw, s) for s in exp.sub_topics],
    )


def explanations(p: Participation, fw: Framework) -> dict[str, TopicExplanation]:
    """The core's explanation of every topic from the answers stored now (the agency's, its analyst's
    checks and its parent department's), read as the cycle will be scored."""
    a = p.agency
    parent_code = a.parent.code if a.parent_id and a.parent is not None else None
    return explain_from(fw, agency_answers(p.cycle, fw, a), a.code, parent_code)


def levels(p: Participation, fw: Framework) -> dict[str, LevelView]:
    return {tid: level_view(fw, exp) for tid, exp in explanations(p, fw).items()}


Stored = dict[str, StoredAnswer]


def _stored(p: Participation) -> tuple[Stored, Stored, Stored]:
    """The agency's answers, its analyst checks, and what it inherits from its parent department (the
    parent's answers, its analyst's checks first, as ``progress.parent_answers``), in one query."""
    a = p.agency
    own: dict[str, StoredAnswer] = {}
    analyst: dict[str, StoredAnswer] = {}
    parent_own: dict[str, StoredAnswer] = {}
    parent_checks: dict[str, StoredAnswer] = {}
    rows = Answer.objects.filter(
        cycle_id=p.cycle_id, agency_id__in=[a.pk, *([a.parent_id] if a.parent_id else [])]
    ).values_list("agency_id", "source", "code", "value", "version", "updated_at")
    for agency_id, source, code, value, version, updated_at in rows:
        mine = agency_id == a.pk
        if source == AnswerSource.ANALYST:
            target = analyst if mine else parent_checks
        else:
            target = own if mine else parent_own
        target[code] = StoredAnswer(code, value, version, updated_at)
    parent_own.update((c, x) for c, x in parent_checks.items() if x.value is not None)
    return own, analyst, parent_own


def _items(p: Participation, fw: Framework, editable: bool) -> dict[str, list[Item]]:
    own, analyst, inherited_answers = _stored(p)
    parent = p.agency.parent if p.agency.parent_id else None
    plan = plan_for(fw, parent is not None)
    out: dict[str, list[Item]] = {}
    for topic in fw.iter_topics():
        items = []
        for t in (topic, *topic.sub_topics):
            for inp in t.inputs:
                source = plan.source(inp.code)
                inherited = source is Source.PARENT
                a = (inherited_answers if inherited else own).get(inp.code)
                an = None if inherited else analyst.get(inp.code)
                f = None
                if source is Source.ANALYST:
                    f = Field(inp, an.value if an else None, an.version if an else 0, editable)
                shown = display_value(inp, a.value if a else None) if source is not Source.ANALYST else ""
                if inherited and parent is not None:
                    shown = _("%(value)s (answered by %(parent)s)") % {"value": shown, "parent": parent.name}
                items.append(
                    Item(
                        f,
                        inp.code,
                        text(inp.label),
                        shown,
                        display_value(inp, an.value) if an and an.value is not None else "",
                        inp.answered_by,
                        inherited,
                    )
                )
        out[topic.id] = items
    return out


def _evidence(p: Participation, fw: Framework) -> dict[str, list[EvidenceLink]]:
    """Evidence files by topic; for inherited topics the parent department's files."""
    a = p.agency
    plan = plan_for(fw, a.parent_id is not None)
    inherited = {t.id for t in fw.iter_topics() if plan.topic_inherited(t.id)}
    agencies = [a.pk] + ([a.parent_id] if a.parent_id and inherited else [])
    out: dict[str, list[EvidenceLink]] = {}
    rows = Evidence.objects.filter(cycle_id=p.cycle_id, agency_id__in=agencies, is_removed=False).values_list(
        "pk", "agency_id", "agency__code", "topic_id", "original_name", "size"
    )
    for pk, agency_id, code, topic_id, name, size in rows:
        from_parent = agency_id != a.pk
        if from_parent != (topic_id in inherited):
            continue  # the parent's own topics, or files left on a topic the agency no longer answers
        out.setdefault(topic_id, []).append(EvidenceLink(pk, code, name, size, from_parent))
    return out


def sheet(
    p: Participation, fw: Framework, editable: bool, drafts: Mapping[str, str] | None = None
) -> tuple[list[TopicRow], list[ReviewComment]]:
    """The rows of the review page in framework order, and the comments on the whole submission."""
    drafts = drafts or {}
    items = _items(p, fw, editable)
    views = levels(p, fw)
    files = _evidence(p, fw)
    plan = plan_for(fw, p.agency.parent_id is not None)
    topic_ids = set(items)
    by_topic: dict[str, list[ReviewComment]] = {}
    general: list[ReviewComment] = []
    for c in p.comments.select_related("author"):
        (by_topic.setdefault(c.topic_id, []) if c.topic_id in topic_ids else general).append(c)
    rows = [
        TopicRow(
            topic,
            text(topic.name),
            plan.topic_inherited(topic.id),
            items[topic.id],
            views[topic.id],
            files.get(topic.id, []),
            by_topic.get(topic.id, []),
            drafts.get(topic.id, ""),
        )
        for topic in fw.iter_topics()
    ]
    return rows, general


def level_summary(views: Iterable[LevelView]) -> dict[str, int]:
    """How many topics have a level, are undetermined, or do not apply (for the confirmation pages)."""
    out = {"levelled": 0, "undetermined": 0, "not_applicable": 0}
    for lv in views:
        if lv.level is not None:
            out["levelled"] += 1
        elif lv.not_applicable:
            out["not_applicable"] += 1
        else:
            out["undetermined"] += 1
    return out
