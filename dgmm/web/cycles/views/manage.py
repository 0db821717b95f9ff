"""Analysts manage cycles: list, create, edit, participants (status changes: views.transitions)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dgmm.web.accounts.decorators import signed_in, staff_only
from dgmm.web.actions import ActionError
from dgmm.web.cycles.actions import (
    AddParticipants,
    RemoveParticipants,
    participants_query,
)
from dgmm.web.cycles.editing import FIELDS, CreateCycle, EditCycle
from dgmm.web.cycles.forms import CycleForm, ParticipantsForm, RemoveParticipantsForm
from dgmm.web.cycles.models import Cycle, Participation, ParticipationStatus
from dgmm.web.cycles.overview import (
    ParticipantFilter,
    counts_by_cycle,
    days_left,
    empty_counts,
    progress,
    status_counts,
    status_links,
)
from dgmm.web.cycles.permissions import CyclePolicy

STATUSES = ParticipationStatus.choices


PER_PAGE = 50
HOME_CYCLES = 4  # a parent department's home details its newest cycles; older ones are a table row
HOME_ROWS = 25  # agencies listed per cycle on the home page; the cycle page lists them all


@signed_in
def cycle_list(request: HttpRequest) -> HttpResponse:
    """Every visible cycle with its agencies counted by status; a parent department's home adds, per
    cycle, its agencies filtered by status and province."""
    policy = CyclePolicy(request.user)
    cycles = list(policy.visible_cycles())
    scope = policy.visible_participations().filter(cycle__in=[c.pk for c in cycles])
    counted = policy.can_manage() or policy.site.is_parent  # a respondent's one agency needs no counts
    counts = counts_by_cycle(scope) if counted else {}
    rows = []
    for c in cycles:
        n = counts.get(c.pk, empty_counts())
        rows.append((c, n["total"], [(code, label, n[code]) for code, label in STATUSES], progress(n)))
    context: dict[str, Any] = {
        "cycles": rows,
        "can_manage": policy.can_manage(),
        "statuses": STATUSES if counted else (),
        "counted": counted,
    }
    if policy.site.is_parent:
        context.update(_parent_home(request, policy, cycles, scope))
    elif not policy.can_manage():
        mine = policy.visible_participations().exclude(cycle__status="draft")
        context["mine"] = mine.order_by("-cycle__year", "agency__code")
    return render(request, "cycles/list.html", context)


def _parent_home(
    request: HttpRequest, policy: CyclePolicy, cycles: list[Cycle], scope: QuerySet[Participation]
) -> dict[str, Any]:
    """Per cycle (the newest HOME_CYCLES): the department's agencies, counted by status and filtered."""
    form = ParticipantFilter(request.GET, scope, fields=("status", "province"))
    sections = []
    for c in cycles[:HOME_CYCLES]:
        mine = scope.filter(cycle=c)
        counts = status_counts(form.apply(mine, status=False))
        shown = form.apply(mine).select_related("agency__province").order_by("agency__tier", "agency__code")
        parts = list(shown[: HOME_ROWS + 1])
        sections.append(
            {
                "cycle": c,
                "days_left": days_left(c),
                "counts": counts,
                "progress": progress(counts),
                "links": status_links(counts, request.GET, form.value("status")),
                "participations": parts[:HOME_ROWS],
                "more": len(parts) > HOME_ROWS,
                "show_results": policy.can_view_results(c),
            }
        )
    return {"form": form, "sections": sections}


@signed_in
def cycle_detail(request: HttpRequest, cycle: str) -> HttpResponse:
    """A cycle's agencies first: counts by status as filter links, filters, one page of rows."""
    policy = CyclePolicy(request.user)
    c = policy.get_cycle(cycle)
    scope = policy.visible_participations(c)
    form = ParticipantFilter(request.GET, scope)
    counts = status_counts(form.apply(scope, status=False))
    rows = form.apply(scope).select_related("agency__ministry", "agency__province")
    rows = rows.order_by("agency__tier", "agency__code")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    manage = policy.can_manage()
    return render(
        request,
        "cycles/detail.html",
        {
            "cycle": c,
            "days_left": days_left(c),
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "counts": counts,
            "total": counts["total"] if not form.narrowed else scope.count(),
            "progress": progress(counts),
            "links": status_links(counts, request.GET, form.value("status")),
            "frameworks": c.frameworks.all() if manage else (),
            "can_manage": manage,
            "can_review": policy.can_review(),
            "show_results": policy.can_view_results(c),
        },
    )


def _save_cycle(request: HttpRequest, form: CycleForm, cycle: Cycle | None) -> HttpResponse | None:
    """Check and save through one action: a refused change saves nothing and the form comes back."""
    if not form.is_valid():
        return None
    values = {f: form.cleaned_data[f] for f in FIELDS}
    action = (
        CreateCycle(request.user, values, form.tier_frameworks())
        if cycle is None
        else EditCycle(cycle, request.user, values, form.tier_frameworks())
    )
    try:
        saved = action.execute()
    except ActionError as exc:
        form.add_error(None, exc.message)
        return None
    messages.success(request, _("Cycle saved."))
    return redirect("cycles:detail", cycle=saved.code)


@staff_only
def cycle_create(request: HttpRequest) -> HttpResponse:
    form = CycleForm(request.POST or None)
    if request.method == "POST" and (resp := _save_cycle(request, form, None)):
        return resp
    return render(
        request,
        "cycles/form.html",
        {"form": form, "cycle": None},
        status=400 if request.method == "POST" else 200,
    )


@staff_only
def cycle_edit(request: HttpRequest, cycle: str) -> HttpResponse:
    c = CyclePolicy(request.user).get_cycle(cycle)
    form = CycleForm(
        request.POST or None, instance=Cycle.objects.get(pk=c.pk)
    )  # the form's copy, never saved
    if request.method == "POST" and (resp := _save_cycle(request, form, c)):
        return resp
    return render(
        request,
        "cycles/form.html",
        {"form": form, "cycle": c},
        status=400 if request.method == "POST" else 200,
    )


def _participants_page(
    request: HttpRequest,
    c: Cycle,
    add_form: ParticipantsForm | None = None,
    remove_form: RemoveParticipantsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "cycles/participants.html",
        {
            "cycle": c,
            "count": c.participations.count(),
            "participants_form": add_form or ParticipantsForm(),
            "remove_form": remove_form or RemoveParticipantsForm(),
        },
        status=status,
    )


@staff_only
def participants(request: HttpRequest, cycle: str) -> HttpResponse:
    """Add agencies of the registry by tier, ministry and province (GET shows the add and remove forms)."""
    c = CyclePolicy(request.user).get_cycle(cycle)
    if request.method != "POST":
        return _participants_page(request, c)
    form = ParticipantsForm(request.POST)
    if not form.is_valid():
        return _participants_page(request, c, add_form=form, status=400)
    agencies = participants_query(
        form.cleaned_data["tiers"], form.cleaned_data["ministry"], form.cleaned_data["province"]
    )
    try:
        n = AddParticipants(c, request.user, agencies).execute()
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(count)d agencies added.") % {"count": n})
    return redirect("cycles:detail", cycle=c.code)


@require_POST
@staff_only
def remove_participants(request: HttpRequest, cycle: str) -> HttpResponse:
    """Take agencies out of the cycle; on a refusal the page comes back with the ids as typed."""
    c = CyclePolicy(request.user).get_cycle(cycle)
    form = RemoveParticipantsForm(request.POST)
    if form.is_valid():
        try:
            n = RemoveParticipants(c, request.user, form.codes()).execute()
        except ActionError as exc:
            if c.has_results:  # the page no longer shows the form: say it at the top
                messages.error(request, exc.message)
                return redirect("cycles:detail", cycle=c.code)
            form.add_error("agencies", exc.message)
        else:
            messages.success(request, _("%(count)d agencies removed from the cycle.") % {"count": n})
            return redirect("cycles:detail", cycle=c.code)
    return _participants_page(request, c, remove_form=form, status=400)
