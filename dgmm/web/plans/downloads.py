"""An agency's plan as PDF (the report family's plan template) and as XLSX, with the plan view's checks.

This module gathers the plan (its items and the projection of their answer changes, by
`Planner.plan_projection`, the core's `WhatIf.project`) and hands it to the reports package, which
prints it; nothing here lays out, scores or projects.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from dgmm.framework.schema import Text
from dgmm.reports import PlanLine, PlanSource, ReportError, render_plan
from dgmm.reports.issuer import Issuer
from dgmm.reports.planbook import plan_workbook
from dgmm.web.cycles.audit import record_export
from dgmm.web.plans.models import PlanItem
from dgmm.web.plans.planner import Planner

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lang(request: HttpRequest) -> str:
    lang = request.GET.get("lang", "")[:2]
    if lang in ("th", "en"):
        return lang
    return "en" if (get_language() or "th").startswith("en") else "th"


def plan_items(p: Planner) -> list[PlanItem]:
    return p.items()


def plan_source(p: Planner, items: list[PlanItem], issuer: Issuer | None = None) -> PlanSource:
    """The plan as the reports package prints it: its items and the projection of their changes."""
    projection, stale = p.plan_outlook(items)
    a = p.agency
    return PlanSource(
        framework=p.framework,
        agency_id=a.code,
        agency_name=Text(a.name_th, a.name_en),
        tier=a.tier,
        year=p.cycle.year,
        lines=[
            PlanLine(
                topic=i.topic,
                level_now=i.level_now,
                target_level=i.target_level,
                actions=Text(i.actions_th, i.actions_en),
                pmqa_items=tuple(i.pmqa_items),
                responsible_unit=i.responsible_unit,
                owner=i.owner,
                due_date=i.due_date,
                status=i.status,
            )
            for i in items
        ],
        projection=projection,
        stale=stale,
        issuer=issuer or Issuer(),
    )


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def plan_pdf(request: HttpRequest, cycle: str, agency: str) -> HttpResponse:
    """The plan as PDF, for whoever may see the plan view (the agency, its parent department, staff)."""
    from dgmm.web.plans.views import _planner

    p = _planner(request, cycle, agency)
    lang = _lang(request)
    try:
        issuer_file = settings.DGMM_REPORT_ISSUER_FILE
        issuer = Issuer.load(issuer_file) if issuer_file else None
        pdf = render_plan(plan_source(p, plan_items(p), issuer), lang=lang)
    except ReportError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    name = f"plan-{p.cycle.code}-{p.agency.code}-{lang}.pdf"
    record_export(request, name, cycle=p.cycle, agency=p.agency, note="improvement plan")
    return _download(pdf, "application/pdf", name)


def plan_xlsx(request: HttpRequest, cycle: str, agency: str) -> HttpResponse:
    """The plan as XLSX (every cell inert: `dgmm.cells`), with the plan view's checks."""
    from dgmm.web.plans.views import _planner

    p = _planner(request, cycle, agency)
    lang = _lang(request)
    data = plan_workbook(plan_source(p, plan_items(p)), lang=lang)
    name = f"plan-{p.cycle.code}-{p.agency.code}-{lang}.xlsx"
    record_export(request, name, cycle=p.cycle, agency=p.agency, note="improvement plan")
    return _download(data, XLSX, name)
