"""The plan view on an agency's results (what-if, targets, saving plan items), editing an item, and the
analysts' page of plans aggregated by PMQA 4.0 item and by topic.

Works without JavaScript: GET shows the page; POST with "project" shows it again with the projection;
POST with "save" stores plan items and redirects to the page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dgmm import DgmmError
from dgmm.rounding import display
from dgmm.web.accounts.decorators import staff_only
from dgmm.web.actions import ActionError
from dgmm.web.cycles.frameworks import get_framework
from dgmm.web.cycles.frozen import results_document, results_rows
from dgmm.web.cycles.models import Cycle, CycleResult
from dgmm.web.cycles.permissions import CyclePolicy
from dgmm.web.plans.actions import CreatePlanItems, DeletePlanItem, UpdatePlanItem, can_edit
from dgmm.web.plans.forms import ItemForm, WhoForm
from dgmm.web.plans.models import PlanItem, PlanStatus
from dgmm.web.plans.planner import (
    MAX_CHANGES,
    VALUE_MAX,
    Planner,
    planner_for,
    pmqa_names,
    topic_names,
)
from dgmm.whatif import MAX_SETS, OVERALL, Projection, TargetSearch, change_words

SEARCH_LIMIT = 1500  # projections one target search may make on a page request


def _lang() -> str:
    return "en" if (get_language() or "th").startswith("en") else "th"


def _planner(request: HttpRequest, cycle: str, agency: str) -> Planner:
    return planner_for(request.user, cycle, agency)


@dataclass
class Shown:
    """A projection as the page shows it."""

    projection: Projection
    rows: list[dict[str, Any]]  # changed pillars, sub-pillars and topics
    overall: dict[str, Any]
    group: str
    projected_group: str


def _shown(p: Planner, proj: Projection, lang: str) -> Shown:
    fw = p.framework
    names: dict[str, str] = {}
    for pillar in fw.pillars:
        names[pillar.id] = pillar.name.get(lang)
        for sp in pillar.sub_pillars:
            names[sp.id] = sp.name.get(lang)
    names.update(topic_names(fw, lang))
    groups = {g.id: g.name.get(lang) for g in fw.aggregation.groups}
    kinds = {"pillar": _("Pillar"), "sub_pillar": _("Sub-pillar"), "topic": _("Topic")}
    rows = []
    for kind in ("pillar", "sub_pillar", "topic"):
        for n in proj.changed_nodes():
            if n.kind == kind and n.id != OVERALL:
                rows.append(
                    {
                        "id": n.id,
                        "kind": kinds[kind],
                        "name": names.get(n.id, ""),
                        "score": display(n.score),
                        "level": n.level,
                        "projected_score": display(n.projected_score),
                        "projected_level": n.projected_level,
                    }
                )
    o = proj.overall
    overall = {
        "score": display(o.score),
        "level": o.level,
        "projected_score": display(o.projected_score),
        "projected_level": o.projected_level,
    }
    return Shown(
        proj, rows, overall, groups.get(proj.group or "", "–"), groups.get(proj.projected_group or "", "–")
    )


def _targets(p: Planner, lang: str) -> list[tuple[str, str]]:
    """The nodes a target may name: the overall, pillars, sub-pillars in the model, topics with levels."""
    fw = p.framework
    out = [(OVERALL, _("Overall"))]
    for pillar in fw.pillars:
        out.append((pillar.id, f"{pillar.id} {pillar.name.get(lang)}"))
        for sp in pillar.sub_pillars:
            if sp.in_model:
                out.append((sp.id, f"{sp.id} {sp.name.get(lang)}"))
    engine = p.whatif.engine
    out += [
        (t.id, f"{t.id} {t.name.get(lang)}")
        for t in fw.iter_topics()
        if t.id in engine.topics and engine.topics[t.id].kind.has_level
    ]
    return out


def _ticked(request: HttpRequest, codes: set[str]) -> dict[str, str]:
    """The planned changes of the form: ticked inputs with their new values, bounded."""
    ticked = request.POST.getlist("tick")
    if len(ticked) > MAX_CHANGES:
        raise ActionError(_("Tick at most %(n)s answers to change at once.") % {"n": MAX_CHANGES})
    out: dict[str, str] = {}
    for code in ticked:
        if code not in codes:
            raise ActionError(
                _("%(code)s is not a question this agency answers itself.") % {"code": code[:40]}
            )
        value = request.POST.get(f"value-{code}", "")
        if len(value) > VALUE_MAX:
            raise ActionError(
                _("The new value of %(code)s is too long: at most %(n)s characters.")
                % {"code": code, "n": VALUE_MAX}
            )
        out[code] = value
    return out


def _search(p: Planner, request: HttpRequest) -> TargetSearch:
    node = request.POST.get("target", "")[:40]
    level = request.POST.get("level", "")[:2]
    wi = p.whatif
    try:
        target = wi.target(f"{node}={level}")
    except DgmmError:
        raise ActionError(_("Choose a topic, sub-pillar or pillar and a level from 1 to 5.")) from None
    return wi.targets(p.agency.code, target, limit=SEARCH_LIMIT)


def plan(request: HttpRequest, cycle: str, agency: str) -> HttpResponse:
    p = _planner(request, cycle, agency)
    lang = _lang()
    editable = can_edit(request.user, p.agency)
    fields = p.fields(lang)
    codes = {f.code for f in fields}
    ctx: dict[str, Any] = {
        "cycle": p.cycle,
        "agency": p.agency,
        "editable": editable,
        "mode": "changes",
        "ticked": {},
        "target": "",
        "level": "",
        "option": 1,
    }
    who = WhoForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        action = "save" if "save" in request.POST else "project"
        if action == "save" and not editable:
            raise PermissionDenied
        mode = "target" if request.POST.get("mode") == "target" else "changes"
        ctx["mode"] = mode
        try:
            if mode == "changes":
                raw = _ticked(request, codes)
                ctx["ticked"] = raw
                if not raw:
                    raise ActionError(_("Tick at least one answer to change."))
                try:
                    proj = p.project(raw)
                except DgmmError as exc:
                    raise ActionError(str(exc)) from None
                ctx["shown"] = _shown(p, proj, lang)
                source = "changes"
            else:
                search = _search(p, request)
                ctx["target"], ctx["level"] = request.POST.get("target", ""), request.POST.get("level", "")
                ctx["search"] = search
                befores = p.before()
                ctx["options"] = [
                    {
                        "n": i,
                        "size": s.size,
                        "words": [
                            change_words(p.framework.inputs, c, befores.get(c), v).get(lang)
                            for c, v in s.changes.items()
                        ],
                        "shown": _shown(p, s.projection, lang),
                    }
                    for i, s in enumerate(search.sets, 1)
                ]
                try:
                    option = int(request.POST.get("option", "1")[:2])
                except ValueError:
                    option = 1
                option = option if 1 <= option <= max(1, len(search.sets)) else 1
                ctx["option"] = option
                proj = search.sets[option - 1].projection if search.sets else None  # type: ignore[assignment]
                source = f"target {search.target}"
            if action == "save":
                if proj is None:
                    raise ActionError(
                        _("No set of answer changes reaches this target: there is nothing to plan.")
                    )
                if who.is_valid():
                    CreatePlanItems(
                        p.cycle, p.agency, request.user, p.drafts(proj, p.before()), who.cleaned_data, source
                    ).execute()
                    messages.success(request, _("The plan items were saved."))
                    return HttpResponseRedirect(
                        reverse("plans:plan", kwargs={"cycle": cycle, "agency": agency}) + "#items"
                    )
        except ActionError as exc:
            ctx["error"] = exc.message
    ctx.update(
        {
            "who": who,
            "rows": [(f, ctx["ticked"].get(f.code, f.raw)) for f in fields],
            "targets": _targets(p, lang),
            "levels": range(1, 6),
            "items": _items(p, lang),
            "earlier": _earlier(p, lang),
            "max_sets": MAX_SETS,
        }
    )
    return render(request, "plans/plan.html", ctx)


def _items(p: Planner, lang: str) -> list[dict[str, Any]]:
    names = topic_names(p.framework, lang)
    item_names, _cats = pmqa_names(lang)
    return [
        {
            "item": i,
            "name": names.get(i.topic, ""),
            "actions": i.actions(lang),
            "pmqa": [(x, item_names.get(x, "")) for x in i.pmqa_items],
        }
        for i in p.items()
    ]


def _earlier(p: Planner, lang: str) -> list[dict[str, Any]]:
    """Plan items of the agency (by registry code) from earlier cycles, with the level each topic reached
    in this cycle: achieved when it is at least the target."""
    topics = p.record.get("topics") or {}
    names = topic_names(p.framework, lang)
    rows = []
    qs = (
        PlanItem.objects.filter(agency__code=p.agency.code, cycle__opens_at__lt=p.cycle.opens_at)
        .select_related("cycle")
        .order_by("-cycle__opens_at", "topic", "pk")
    )
    for i in qs:
        reached = (topics.get(i.topic) or {}).get("level")
        rows.append(
            {
                "item": i,
                "name": names.get(i.topic, ""),
                "reached": reached,
                "achieved": reached is not None and reached >= i.target_level,
            }
        )
    return rows


def _item(request: HttpRequest, cycle: str, agency: str, pk: int) -> tuple[Planner, PlanItem]:
    p = _planner(request, cycle, agency)
    item = (
        PlanItem.objects.filter(pk=pk, cycle=p.cycle, agency=p.agency)
        .select_related("agency", "cycle")
        .first()
    )
    if item is None:
        raise Http404
    if not can_edit(request.user, p.agency):
        raise PermissionDenied
    return p, item


def edit_item(request: HttpRequest, cycle: str, agency: str, pk: int) -> HttpResponse:
    p, item = _item(request, cycle, agency, pk)
    initial = {f: getattr(item, f) for f in ItemForm.base_fields}
    form = ItemForm(request.POST if request.method == "POST" else None, initial=initial)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            UpdatePlanItem(item, request.user, form.cleaned_data).execute()
            messages.success(request, _("The plan item was saved."))
            return HttpResponseRedirect(
                reverse("plans:plan", kwargs={"cycle": cycle, "agency": agency}) + "#items"
            )
        except ActionError as exc:
            error = exc.message
    names = topic_names(p.framework, _lang())
    return render(
        request,
        "plans/item_form.html",
        {
            "cycle": p.cycle,
            "agency": p.agency,
            "item": item,
            "name": names.get(item.topic, ""),
            "form": form,
            "error": error,
        },
    )


def delete_item(request: HttpRequest, cycle: str, agency: str, pk: int) -> HttpResponse:
    p, item = _item(request, cycle, agency, pk)
    if request.method == "POST":
        DeletePlanItem(item, request.user).execute()
        messages.success(request, _("The plan item was deleted."))
        return HttpResponseRedirect(
            reverse("plans:plan", kwargs={"cycle": cycle, "agency": agency}) + "#items"
        )
    names = topic_names(p.framework, _lang())
    return render(
        request,
        "plans/item_delete.html",
        {"cycle": p.cycle, "agency": p.agency, "item": item, "name": names.get(item.topic, "")},
    )


@dataclass
class Tally:
    agencies: set[str]
    items: int = 0
    judged: int = 0  # items whose topic has a level in the next cycle
    achieved: int = 0

    @property
    def share(self) -> str:
        return f"{round(100 * self.achieved / self.judged)}%" if self.judged else "–"


def _next_cycle(c: Cycle) -> Cycle | None:
    later = Cycle.objects.filter(opens_at__gt=c.opens_at).order_by("opens_at")
    return next((x for x in later if x.has_results), None)


@staff_only
def overview(request: HttpRequest, cycle: str) -> HttpResponse:
    """Plans of a cycle by PMQA 4.0 category and item and by topic: how many agencies plan each, and in
    the next cycle with results, the share of items achieved."""
    c = CyclePolicy(request.user).get_cycle(cycle)
    lang = _lang()
    nxt = _next_cycle(c)
    reached: dict[tuple[str, str], dict[str, Any]] = {}  # (tier, agency code) -> topics
    if nxt is not None:
        for res in results_rows(CycleResult.objects.filter(cycle=nxt)):
            for r in results_document(res)["agencies"]:
                reached[(res.tier, r["id"])] = r.get("topics") or {}
    names: dict[str, str] = {}
    for res in results_rows(c.results.all()):
        names.update(topic_names(get_framework(res.framework), lang))
    item_names, cats = pmqa_names(lang)
    by_item: dict[str, Tally] = defaultdict(lambda: Tally(set()))
    by_topic: dict[str, Tally] = defaultdict(lambda: Tally(set()))
    rows = PlanItem.objects.filter(cycle=c).values_list(
        "agency__code", "agency__tier", "topic", "target_level", "pmqa_items", "status"
    )
    for code, tier, topic, target, pmqa, status in rows:
        level = None
        judged = nxt is not None and (tier, code) in reached and status != PlanStatus.DROPPED
        if judged:
            level = (reached[(tier, code)].get(topic) or {}).get("level")
        tallies = [by_topic[topic], *(by_item[x] for x in pmqa)]
        for t in tallies:
            t.agencies.add(code)
            t.items += 1
            if judged:
                t.judged += 1
                t.achieved += int(level is not None and level >= target)
    categories: dict[str, dict[str, Any]] = {}
    for item_id in sorted(by_item, key=lambda x: tuple(int(n) for n in x.removeprefix("PMQA").split("."))):
        cat_id, cat_name = cats.get(item_id, ("", ""))
        cat = categories.setdefault(cat_id, {"id": cat_id, "name": cat_name, "items": []})
        cat["items"].append({"id": item_id, "name": item_names.get(item_id, ""), "tally": by_item[item_id]})
    topics = [
        {"id": t, "name": names.get(t, ""), "tally": by_topic[t]}
        for t in sorted(by_topic, key=lambda t: (-len(by_topic[t].agencies), t))
    ]
    return render(
        request,
        "plans/overview.html",
        {"cycle": c, "next": nxt, "categories": list(categories.values()), "topics": topics},
    )
