"""The agency registry: a scoped list, one agency, and the CSV/XLSX import."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dgmm import InputFileError, Problem
from dgmm.web.accounts.decorators import signed_in, staff_only
from dgmm.web.actions import ActionError
from dgmm.web.cycles.models import Participation
from dgmm.web.registry.actions import import_upload
from dgmm.web.registry.forms import AgencyImportForm
from dgmm.web.registry.models import Agency, Tier
from dgmm.web.registry.permissions import AgencyPolicy


@signed_in
def agency_list(request: HttpRequest) -> HttpResponse:
    qs = AgencyPolicy(request.user).visible().select_related("ministry", "province", "parent")
    q = request.GET.get("q", "").strip()
    tier = request.GET.get("tier", "")
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name_th__icontains=q) | Q(name_en__icontains=q))
    if tier in Tier.values:
        qs = qs.filter(tier=tier)
    page = Paginator(qs.order_by("tier", "code"), 50).get_page(request.GET.get("page"))
    return render(request, "registry/list.html", {"page": page, "q": q, "tier": tier, "tiers": Tier.choices})


@signed_in
def agency_detail(request: HttpRequest, agency: str) -> HttpResponse:
    policy = AgencyPolicy(request.user)
    try:
        a = policy.visible().select_related("ministry", "province", "parent").get(code=agency)
    except Agency.DoesNotExist:
        raise Http404 from None
    children = policy.visible().filter(parent=a).order_by("code")
    parts = Participation.objects.filter(agency=a).select_related("cycle").exclude(cycle__status="draft")
    return render(
        request, "registry/detail.html", {"agency": a, "children": children, "participations": parts}
    )


@staff_only
def agency_import(request: HttpRequest) -> HttpResponse:
    form = AgencyImportForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    more = 0
    if request.method == "POST" and form.is_valid():
        try:
            report = import_upload(request.user, form.cleaned_data["file"])
        except InputFileError as exc:
            problems, more = list(exc.problems), exc.more
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("%(created)d agencies created, %(updated)d updated.")
                % {"created": report.created, "updated": report.updated},
            )
            return redirect("registry:list")
    return render(
        request,
        "registry/import.html",
        {"form": form, "problems": problems, "more": more, "count": len(problems) + more},
        status=400 if request.method == "POST" else 200,
    )
