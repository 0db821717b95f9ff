"""Analysts manage cycles: list, create, edit, participants (status changes: views.transitions)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
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
from dgmm.web.cycles.models import Cycle, ParticipationStatus
from dgmm.web.cycles.permissions import CyclePolicy


@signed_in
def cycle_list(request: HttpRequest) -> HttpResponse:
    policy = CyclePolicy(request.user)
    cycles = policy.visible_cycles().annotate(n=Count("participations"))
    mine = (
        policy.visible_participations()
        .exclude(cycle__status="draft")
        .order_by("-cycle__year", "agency__code")
    )
    return render(
        request, "cycles/list.html", {"cycles": cycles, "mine": mine, "can_manage": policy.can_manage()}
    )


@signed_in
def cycle_detail(request: HttpRequest, cycle: str) -> HttpResponse:
    policy = CyclePolicy(request.user)
    return _render_detail(request, policy, policy.get_cycle(cycle))


def _render_detail(
    request: HttpRequest,
    policy: CyclePolicy,
    c: Cycle,
    remove_form: RemoveParticipantsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    parts = policy.visible_participations(c)
    counts = parts.aggregate(
        total=Count("id"), **{s: Count("id", filter=Q(status=s)) for s in ParticipationStatus.values}
    )
    manage = policy.can_manage()
    return render(
        request,
        "cycles/detail.html",
        {
            "cycle": c,
            "participations": parts.order_by("agency__tier", "agency__code")[:200],
            "counts": counts,
            "frameworks": c.frameworks.all(),
            "can_manage": manage,
            "participants_form": ParticipantsForm() if manage else None,
            "remove_form": (remove_form or RemoveParticipantsForm()) if manage else None,
            "statuses": ParticipationStatus.choices,
            "show_results": policy.can_view_results(c),
        },
        status=status,
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


@require_POST
@staff_only
def participants(request: HttpRequest, cycle: str) -> HttpResponse:
    c = CyclePolicy(request.user).get_cycle(cycle)
    form = ParticipantsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose at least one tier."))
        return redirect("cycles:detail", cycle=c.code)
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
    policy = CyclePolicy(request.user)
    c = policy.get_cycle(cycle)
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
    return _render_detail(request, policy, c, remove_form=form, status=400)
