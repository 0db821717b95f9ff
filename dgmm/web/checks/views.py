"""The analysts' queue of flagged answers (filters, resolve with a note, check again)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dgmm.web.accounts.decorators import staff_only
from dgmm.web.actions import ActionError
from dgmm.web.checks.actions import ResolveFlag
from dgmm.web.checks.evaluation import refresh, stale
from dgmm.web.checks.models import NOTE_MAX, FlagStatus, Severity
from dgmm.web.checks.permissions import ChecksPolicy
from dgmm.web.cycles.permissions import CyclePolicy
from dgmm.web.registry.models import Ministry, Province

FILTERS = ("check", "severity", "status", "ministry", "province", "agency")
SHOWN = 200  # rows at most; filters narrow the rest


def _filters(request: HttpRequest) -> dict[str, str]:
    got = {k: request.GET.get(k, "")[:80] for k in FILTERS}
    if "status" not in request.GET:
        got["status"] = FlagStatus.OPEN
    return got


def _queue_url(cycle: str, query: str) -> str:
    url = reverse("checks:queue", kwargs={"cycle": cycle})
    return f"{url}?{query}" if query else url


@staff_only
def queue(request: HttpRequest, cycle: str) -> HttpResponse:
    c = CyclePolicy(request.user).get_cycle(cycle)
    policy = ChecksPolicy(request.user)
    if not policy.can_view_queue():
        raise Http404
    checked = refresh(stale(c))  # answers changed since their last check are checked again first
    f = _filters(request)
    qs = policy.queue(c)
    choices = sorted(set(qs.values_list("check_id", flat=True)))
    if f["check"]:
        qs = qs.filter(check_id=f["check"])
    if f["severity"] in Severity.values:
        qs = qs.filter(severity=f["severity"])
    if f["status"] in FlagStatus.values:
        qs = qs.filter(status=f["status"])
    if f["ministry"]:
        qs = qs.filter(participation__agency__ministry__code=f["ministry"])
    if f["province"]:
        qs = qs.filter(participation__agency__province__code=f["province"])
    if f["agency"]:
        qs = qs.filter(participation__agency__code=f["agency"])
    total = qs.count()
    in_cycle = {"agencies__participations__cycle": c}
    return render(
        request,
        "checks/queue.html",
        {
            "cycle": c,
            "flags": list(qs.order_by("status", "-severity", "participation__agency__code", "key")[:SHOWN]),
            "total": total,
            "shown": min(total, SHOWN),
            "filters": f,
            "query": urlencode({k: v for k, v in f.items() if v}),
            "check_choices": choices,
            "severities": Severity.choices,
            "statuses": FlagStatus.choices,
            "ministries": Ministry.objects.filter(**in_cycle).distinct(),
            "provinces": Province.objects.filter(**in_cycle).distinct(),
            "can_resolve": policy.can_resolve(),
            "note_max": NOTE_MAX,
            "rechecked": checked,
        },
    )


@require_POST
@staff_only
def resolve(request: HttpRequest, cycle: str, pk: int) -> HttpResponse:
    c = CyclePolicy(request.user).get_cycle(cycle)
    flag = get_object_or_404(
        ChecksPolicy(request.user).queue(c).select_related("participation__cycle"), pk=pk
    )
    try:
        ResolveFlag(flag, request.user, request.POST.get("note", "")).execute()
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Flag resolved for %(agency)s.") % {"agency": flag.participation.agency.name}
        )
    return redirect(_queue_url(c.code, _safe_query(request.POST.get("query", ""))))


def _safe_query(query: str) -> str:
    """The queue's filters to return to: only its own keys, bounded."""
    from urllib.parse import parse_qsl

    pairs: list[tuple[str, Any]] = [(k, v[:80]) for k, v in parse_qsl(query[:1000]) if k in FILTERS]
    return urlencode(pairs)
