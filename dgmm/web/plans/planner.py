"""The plan view's link to the core: a cycle's frozen results and answers as a `dgmm.whatif.WhatIf`, and
plan items made from a projection (the topics whose level rises, the changes in words, the PMQA items
the crosswalk links to each topic). Nothing here scores: `WhatIf.project` and `WhatIf.targets` do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import Http404

from dgmm import Framework, NotFoundError
from dgmm.inheritance import Source
from dgmm.pmqa import load_crosswalk, pmqa_items_for
from dgmm.rules.explain import describe_value
from dgmm.web.cycles.frozen import results_document, results_rows
from dgmm.web.cycles.models import Answer, AnswerSource, Cycle, CycleResult
from dgmm.web.cycles.permissions import CyclePolicy
from dgmm.web.cycles.scoring import framework_for_tier, scored_answers
from dgmm.web.plans.models import PlanItem
from dgmm.web.registry.models import Agency
from dgmm.whatif import OVERALL, Projection, WhatIf, WhatIfError, change_words

MAX_CHANGES = 60  # answer changes one projection may carry
VALUE_MAX = 500  # characters of one planned value


@dataclass(frozen=True)
class Field:
    """One input the agency answers itself: its current value (as stored and in words)."""

    code: str
    topic: str
    label: str
    raw: str  # the stored answer, the text a new value is written in
    shown: str  # the answer in words
    type: str


@dataclass(frozen=True)
class Draft:
    """A plan item made from a projection, before it is stored."""

    topic: str
    level_now: int | None
    target_level: int
    actions_th: str
    actions_en: str
    changes: dict[str, Any]
    pmqa_items: list[str]


class Planner:
    """One agency in one cycle with results: what it may change, and projections on its frozen answers.

    `document` is the cycle's parsed results document, shared between requests (dgmm.web.cycles.frozen):
    read only."""

    def __init__(self, cycle: Cycle, agency: Agency, result: CycleResult) -> None:
        self.cycle = cycle
        self.agency = agency
        self.result = result
        self.document: dict[str, Any] = results_document(result)
        self.framework: Framework = framework_for_tier(result.framework, agency.tier)
        self.record: dict[str, Any] = next(
            (r for r in self.document["agencies"] if r["id"] == agency.code), {}
        )
        self._whatif: WhatIf | None = None

    @property
    def counted(self) -> bool:
        """The agency's answers counted and were scored (nothing to plan from otherwise)."""
        return self.record.get("status") == "scored"  # never one of dgmm.cohort.counting.NOT_COUNTED

    @property
    def whatif(self) -> WhatIf:
        if self._whatif is None:
            answers = scored_answers(self.cycle, self.framework, self.agency)
            self._whatif = WhatIf(self.framework, answers, self.document)
        return self._whatif

    def fields(self, lang: str) -> list[Field]:
        """The inputs the agency answers itself, framework order, with the answers it gave."""
        ag = self.whatif.agency(self.agency.code)
        raw = dict(
            Answer.objects.filter(
                cycle=self.cycle, agency=self.agency, source=AnswerSource.AGENCY, value__isnull=False
            ).values_list("code", "value")
        )
        out = []
        for code, inp in self.framework.inputs.items():
            if ag.plan.source(code) is not Source.OWN:
                continue
            value = ag.a.own.get(code)
            out.append(
                Field(
                    code,
                    inp.topic_id,
                    inp.label.get(lang),
                    str(raw.get(code, "")),
                    describe_value(inp, value, lang) if value is not None else "",
                    inp.type,
                )
            )
        return out

    def project(self, raw: dict[str, str]) -> Projection:
        """The projection of planned changes given as text ({input: value}); WhatIfError on a bad one."""
        wi = self.whatif
        return wi.project(self.agency.code, wi.parse(self.agency.code, raw))

    def plan_projection(self, items: Iterable[Any]) -> Projection:
        """The projection of a plan: the answer changes of its items (those not dropped; a later item's
        value for an input wins) made together, projected by `WhatIf.project`; WhatIfError when a
        stored change no longer applies."""
        merged: dict[str, Any] = {}
        for item in items:
            if item.status != "dropped":
                merged.update(item.changes or {})
        wi = self.whatif
        return wi.project(self.agency.code, wi.restore(self.agency.code, merged))

    def items(self) -> list[PlanItem]:
        """The agency's plan items of the cycle, topic order."""
        return list(PlanItem.objects.filter(cycle=self.cycle, agency=self.agency).order_by("topic", "pk"))

    def plan_outlook(self, items: Iterable[Any]) -> tuple[Projection | None, str]:
        """(the plan's projection, "") — or (None, "") when its items (those not dropped) name no answer
        change, (None, why) when a stored change no longer applies. The plan's API and downloads ask here."""
        items = list(items)
        if not any(i.changes for i in items if i.status != "dropped"):
            return None, ""
        try:
            return self.plan_projection(items), ""
        except WhatIfError as exc:
            return None, str(exc)

    def drafts(self, projection: Projection, before: dict[str, Any]) -> list[Draft]:
        """A plan item for every topic whose level the projection raises, with the changes to the inputs
        the topic reads in words and the PMQA items it serves."""
        wi = self.whatif
        planned = projection.as_dict()["changes"]
        out = []
        for t in self.framework.iter_topics():
            node = projection.nodes.get(t.id)
            if node is None or node.projected_level is None:
                continue
            if node.level is not None and node.projected_level <= node.level:
                continue
            reads = set(wi.engine.topics[t.id].reads)
            mine = [c for c in projection.changes if c in reads] or list(projection.changes)
            words = [
                change_words(self.framework.inputs, c, before.get(c), projection.changes[c]) for c in mine
            ]
            out.append(
                Draft(
                    t.id,
                    node.level,
                    node.projected_level,
                    "\n".join(w.th for w in words),
                    "\n".join(w.en for w in words),
                    {c: planned[c] for c in mine},
                    pmqa_ids(self.framework.id, t.id),
                )
            )
        return out

    def before(self) -> dict[str, Any]:
        ag = self.whatif.agency(self.agency.code)
        return dict(ag.a.own)


def planner_for(user: Any, cycle: str, agency: str) -> Planner:
    """The agency's planner, or Http404: the user must see the agency (respondents, its parent
    department, staff), the cycle must have results and the agency's answers must have counted. The
    plan view, its downloads and the API all ask here."""
    policy = CyclePolicy(user)
    c = policy.get_cycle(cycle)
    a = Agency.objects.select_related("parent").filter(code=agency).first()
    if a is None or not policy.agencies.can_view(a) or not policy.can_view_results(c, a):
        raise Http404
    res = results_rows(c.results.filter(tier=a.tier)).first()
    if res is None:
        raise Http404
    p = Planner(c, a, res)
    if not p.counted:
        raise Http404
    return p


def pmqa_ids(framework_id: str, topic_id: str) -> list[str]:
    """The PMQA 4.0 items the crosswalk links to a topic; none for a framework it does not map."""
    try:
        return [link.item.id for link in pmqa_items_for(framework_id, topic_id)]
    except NotFoundError:
        return []


def pmqa_names(lang: str) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """(item id -> name, item id -> (category id, category name)) in the reader's language."""
    pmqa = load_crosswalk().pmqa
    items: dict[str, str] = {}
    cats: dict[str, tuple[str, str]] = {}
    for c in pmqa.categories:
        for i in c.items:
            items[i.id] = i.name.get(lang)
            cats[i.id] = (c.id, c.name.get(lang))
    return items, cats


def topic_names(fw: Framework, lang: str) -> dict[str, str]:
    return {t.id: t.name.get(lang) for t in fw.iter_topics()}


def overall_of(p: Projection) -> Any:
    return p.nodes[OVERALL]
