"""What one topic page of the questionnaire shows: fields, inherited answers, criteria, evidence, progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from dgmm import Framework, input_applies
from dgmm.framework.schema import Topic
from dgmm.inheritance import Source, plan_for
from dgmm.web.cycles.forms import Field, display_value, invalid_stored, text
from dgmm.web.cycles.models import AnswerSource, Evidence, Participation
from dgmm.web.cycles.progress import (
    StoredAnswer,
    TopicProgress,
    parent_answers,
    raw_answers,
    topic_progress,
    typed_values,
)


@dataclass
class Criterion:
    level: int
    name: str
    text: str


@dataclass
class Section:
    topic: Topic
    fields: list[Field]
    criteria: list[Criterion]

    @property
    def title(self) -> str:
        return text(self.topic.name)


@dataclass
class Provenance:
    agency: Any  # the parent department
    updated_at: Any
    status: str


@dataclass
class TopicPage:
    participation: Participation
    framework: Framework
    topic: Topic
    sections: list[Section]
    progress: dict[str, TopicProgress]
    evidence: list[Evidence]
    editable: bool
    inherited: Provenance | None = None
    file_inputs: list[Field] = field(default_factory=list)
    is_inherited: bool = False
    comments: list[Any] = field(default_factory=list)  # the review's comments about this topic

    @property
    def can_save(self) -> bool:
        """A Save button only where the agency may change one of the answers shown."""
        return self.editable and any(f.editable for f in self.fields)

    @property
    def can_attach(self) -> bool:
        """Files are attached to the topics the agency answers itself, never to inherited ones."""
        return self.editable and not self.is_inherited

    @property
    def title(self) -> str:
        return text(self.topic.name)

    @property
    def topic_ids(self) -> list[str]:
        return list(self.progress)

    @property
    def previous_id(self) -> str | None:
        ids = self.topic_ids
        i = ids.index(self.topic.id)
        return ids[i - 1] if i > 0 else None

    @property
    def next_id(self) -> str | None:
        ids = self.topic_ids
        i = ids.index(self.topic.id)
        return ids[i + 1] if i + 1 < len(ids) else None

    @property
    def fields(self) -> list[Field]:
        return [f for s in self.sections for f in s.fields]

    @property
    def errors(self) -> list[Field]:
        return [f for f in self.fields if f.error]

    @property
    def this_progress(self) -> TopicProgress:
        return self.progress[self.topic.id]


def criteria_of(fw: Framework, topic: Topic) -> list[Criterion]:
    lang_names = fw.level_scale
    out = []
    for k in range(1, 6):
        lv = topic.levels.get(k)
        if lv is None or not (lv.criterion.th or lv.criterion.en):
            continue
        name = text(lang_names[k - 1]) if k - 1 < len(lang_names) else ""
        out.append(Criterion(k, name, text(lv.criterion)))
    return out


def build_topic_page(
    p: Participation,
    fw: Framework,
    topic: Topic,
    *,
    editable: bool,
    posted: dict[str, tuple[str | None, str]] | None = None,
    versions: dict[str, int] | None = None,
) -> TopicPage:
    """The page for `topic`. `posted` maps input codes to (raw value kept from the user, error message)."""
    own = raw_answers(p.cycle_id, p.agency_id)
    analyst = raw_answers(p.cycle_id, p.agency_id, AnswerSource.ANALYST)
    has_parent = p.agency.parent_id is not None
    plan = plan_for(fw, has_parent)
    typed = typed_values(fw, own)
    progress = topic_progress(fw, own, has_parent, typed)
    values = typed[0]
    parent = p.agency.parent if p.agency.parent_id else None
    inherited_answers: dict[str, StoredAnswer] = {}
    provenance = None
    needs_parent = any(plan.is_inherited(i.code) for t in (topic, *topic.sub_topics) for i in t.inputs)
    if needs_parent and parent is not None:
        inherited_answers = parent_answers(p.cycle_id, parent.pk)
        pp = Participation.objects.filter(cycle_id=p.cycle_id, agency=parent).first()
        last = max((a.updated_at for a in inherited_answers.values()), default=None)
        provenance = Provenance(parent, last, pp.get_status_display() if pp else _("Not taking part"))
    evidence = list(
        Evidence.objects.filter(
            cycle_id=p.cycle_id, agency_id=p.agency_id, topic_id=topic.id, is_removed=False
        )
    )
    posted = posted or {}
    sections = []
    file_fields = []
    for t in (topic, *topic.sub_topics):
        fields = []
        for inp in t.inputs:
            stored = own.get(inp.code)
            inherited = plan.is_inherited(inp.code)
            can_edit = editable and plan.source(inp.code) is Source.OWN
            raw, error = posted.get(inp.code, (stored.value if stored else None, ""))
            if (
                not error and inp.code in typed[1]
            ):  # a stored value that no longer fits (e.g. saved before bounds)
                error = invalid_stored(inp, typed[1][inp.code])
            version = (versions or {}).get(inp.code, stored.version if stored else 0)
            f = Field(inp, raw, version, can_edit, error=error, applies=input_applies(fw, inp.code, values))
            f.inherited = inherited
            if inherited:
                pa = inherited_answers.get(inp.code)
                f.parent_raw = pa.value if pa else None
                f.parent_display = display_value(inp, f.parent_raw)
            a = analyst.get(inp.code)
            if a is not None and a.value is not None:
                f.analyst_display = display_value(inp, a.value)
            f.evidence = [e for e in evidence if e.input_code == inp.code]
            fields.append(f)
            if inp.type == "file" and can_edit and not plan.topic_inherited(topic.id):
                file_fields.append(f)
        sections.append(Section(t, fields, criteria_of(fw, t)))
    ids = [t.id for t in (topic, *topic.sub_topics)]
    comments = list(p.comments.filter(topic_id__in=ids).select_related("author")[:20])
    return TopicPage(
        p,
        fw,
        topic,
        sections,
        progress,
        evidence,
        editable,
        provenance,
        file_fields,
        plan.topic_inherited(topic.id),
        comments,
    )
