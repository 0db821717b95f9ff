"""Home, response rates, results (scoped) and the public pages of published cycles."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from dgmm import AnswerSet, Framework, NotFoundError, explain_from
from dgmm.web.accounts.decorators import staff_only
from dgmm.web.cycles.audit import record_export
from dgmm.web.cycles.frameworks import get_framework
from dgmm.web.cycles.frozen import results_document, results_rows
from dgmm.web.cycles.models import Cycle, CycleResult, CycleStatus, ParticipationStatus, result_status_label
from dgmm.web.cycles.permissions import CyclePolicy
from dgmm.web.dashboards.rates import response_rates
from dgmm.web.dashboards.results import advice_for, agency_view, cohort_view, ranking
from dgmm.web.registry.models import Agency


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("cycles:list")
    return redirect("dashboards:public")


@staff_only
def rates(request: HttpRequest, cycle: str) -> HttpResponse:
    c = CyclePolicy(request.user).get_cycle(cycle)
    lang = "en" if (get_language() or "th").startswith("en") else "th"
    data = response_rates(c.participations.all(), lang)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "ok": True,
                "cycle": c.code,
                "overall": data["overall"].as_dict(),
                **{k: [r.as_dict() for r in data[k]] for k in ("by_tier", "by_ministry", "by_province")},
            }
        )
    return render(request, "dashboards/rates.html", {"cycle": c, **data})


def _results(c: Cycle) -> list[tuple[CycleResult, Framework]]:
    return [(r, get_framework(r.framework)) for r in results_rows(c.results.order_by("tier"))]


def results(request: HttpRequest, cycle: str) -> HttpResponse:
    policy = CyclePolicy(request.user)
    c = policy.get_cycle(cycle)
    if not policy.can_view_results(c):
        raise Http404
    visible = policy.agencies.visible_ids()
    if not policy.site.is_staff_role and c.publish_agency_results:
        visible = None
    tiers = []
    for res, fw in _results(c):
        doc = results_document(res)  # shared: read only
        tiers.append(
            {
                "result": res,
                "framework": fw,
                "cohort": cohort_view(doc, fw),
                "ranking": ranking(
                    doc,
                    None
                    if visible is None
                    else set(Agency.objects.filter(pk__in=visible).values_list("code", flat=True)),
                ),
            }
        )
    return render(
        request,
        "dashboards/results.html",
        {"cycle": c, "tiers": tiers, "can_download": policy.site.is_staff_role},
    )


@staff_only
def results_csv(request: HttpRequest, cycle: str, tier: str) -> HttpResponse:
    """One tier's results as the core's CSV (every agency with its status), for staff; audited."""
    from dgmm.results import results_csv as core_csv

    c = CyclePolicy(request.user).get_cycle(cycle)
    res = results_rows(c.results.filter(tier=tier)).first()
    if res is None:
        raise Http404
    name = f"results-{c.code}-{res.tier}.csv"
    record_export(request, name, cycle=c, note="results CSV")
    response = HttpResponse(
        core_csv(results_document(res), get_framework(res.framework)).encode("utf-8-sig"),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def deck(request: HttpRequest, cycle: str) -> HttpResponseBase:
    """The national results deck (PDF) of a cycle: for staff once scored, for everyone once published.
    Agency names (the top agencies of each tier) only where the viewer may see agency results."""
    from django.http import FileResponse

    from dgmm.reports import ReportError
    from dgmm.web.dashboards.deck import deck_pdf

    policy = CyclePolicy(request.user)
    c = policy.get_cycle(cycle)
    if not policy.can_view_results(c) or not c.results.exists():
        raise Http404
    lang = request.GET.get("lang") or ("en" if (get_language() or "th").startswith("en") else "th")
    if lang not in ("th", "en"):
        lang = "th"
    audience = "agencies" if policy.site.is_staff_role or c.publish_agency_results else "aggregates"
    try:
        path = deck_pdf(c, lang, audience)
    except ReportError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    name = f"deck-{c.code}-{lang}.pdf"
    record_export(request, name, cycle=c, note="national results deck")
    return FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type="application/pdf")


def _agency_results(request: HttpRequest, cycle: str, agency: str) -> tuple[Cycle, Agency, CycleResult, Any]:
    """The cycle, agency, frozen results (without the document: `results_document`) and framework —
    or 404 unless this user may see the agency's results."""
    policy = CyclePolicy(request.user)
    c = policy.get_cycle(cycle)
    try:
        a = Agency.objects.get(code=agency)
    except Agency.DoesNotExist:
        raise Http404 from None
    if not policy.can_view_results(c, a):
        raise Http404
    res = results_rows(c.results.filter(tier=a.tier)).first()
    if res is None:
        raise Http404
    return c, a, res, get_framework(res.framework)


def agency_result(request: HttpRequest, cycle: str, agency: str) -> HttpResponse:
    c, a, res, fw = _agency_results(request, cycle, agency)
    try:
        view = agency_view(results_document(res), fw, a.code)
    except NotFoundError:
        raise Http404 from None
    scored = (
        view["record"]["status"] == "scored"
    )  # DECISIONS §27: no advice for an agency that did not answer
    submission = view["record"].get("submission")
    return render(
        request,
        "dashboards/agency_result.html",
        {
            "cycle": c,
            "agency": a,
            "fw": fw,
            "advice": _advice(c, a, fw) if scored else [],
            "status_label": result_status_label(view["record"]["status"]),
            "submission_label": ParticipationStatus(submission).label
            if submission in ParticipationStatus.values
            else "",
            **view,
        },
    )


def agency_report(request: HttpRequest, cycle: str, agency: str) -> HttpResponse:
    """The agency report as PDF, for whoever may see the agency's results (same checks as the page)."""
    from dgmm.reports import ReportCycle, ReportError, render_agency
    from dgmm.reports.issuer import Issuer

    c, a, res, fw = _agency_results(request, cycle, agency)
    doc = results_document(res)  # shared: read only
    record = next((r for r in doc["agencies"] if r["id"] == a.code), None)
    if record is None or record.get("status") != "scored":
        raise Http404
    answers = _frozen_answers(c, a, fw)
    lang = request.GET.get("lang") or ("en" if (get_language() or "th").startswith("en") else "th")
    if lang not in ("th", "en"):
        lang = "th"
    try:
        issuer_file = settings.DGMM_REPORT_ISSUER_FILE
        issuer = Issuer.load(issuer_file) if issuer_file else None
        pdf = render_agency(ReportCycle(doc, fw, answers=answers), a.code, lang=lang, issuer=issuer)
    except ReportError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    name = f"report-{c.code}-{a.code}-{lang}.pdf"
    record_export(request, name, cycle=c, agency=a, note="agency report")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _frozen_answers(c: Cycle, a: Agency, fw: Any) -> AnswerSet:
    """Typed answers and analyst checks of the agency and its parent, as frozen with the cycle and
    as the cycle was scored (`dgmm.web.cycles.scoring.answer_set`): nothing of a parent department
    whose answers do not count (DECISIONS §28)."""
    from dgmm.web.cycles.scoring import scored_answers

    return scored_answers(c, fw, a)


def _advice(c: Cycle, a: Agency, fw: Any) -> list[Any]:
    """Advice from the answers frozen with the cycle (nothing can change them once it is closed)."""
    return advice_for(explain_from(fw, _frozen_answers(c, a, fw), a.code, _parent_code(a)))


def _parent_code(a: Agency) -> str | None:
    return a.parent.code if a.parent_id and a.parent is not None else None


def public(request: HttpRequest) -> HttpResponse:
    """The public landing page: what the survey is, and every published cycle, newest first, with its
    dashboard, open data and deck."""
    cycles = Cycle.objects.filter(status=CycleStatus.PUBLISHED).order_by("-year", "-published_at", "-pk")
    return render(request, "dashboards/public.html", {"cycles": cycles})


def dashboard(request: HttpRequest, cycle: str) -> HttpResponse:
    """The public dashboard of a published cycle, from its stored aggregates (docs/web.md, public pages).
    Staff may preview a closed cycle's (made now, not stored); anyone else: 404 unless published.

    ``?compare=<cycle>`` draws the performance/growth grid against another earlier published cycle
    (made by the core and cached, `compare_with`) instead of the previous one."""
    from dgmm.web.dashboards.dashboard import dashboard as reshape
    from dgmm.web.dashboards.public import aggregates_for, build_aggregates, compare_with, earlier_cycles
    from dgmm.web.registry.models import Tier

    policy = CyclePolicy(request.user)
    c = policy.get_cycle(cycle)
    preview = False
    if c.status == CycleStatus.PUBLISHED:
        doc = aggregates_for(c)
    elif c.status == CycleStatus.CLOSED and policy.site.is_staff_role and c.results.exists():
        doc, preview = build_aggregates(c), True
    else:
        raise Http404
    if doc is None:
        raise Http404
    lang = "en" if (get_language() or "th").startswith("en") else "th"
    choices = earlier_cycles(c)
    wanted = (request.GET.get("compare") or "")[:40]
    other = next((o for o in choices if o.code == wanted), None)
    compare_error = bool(wanted) and other is None
    compared = compare_with(c, other) if other is not None else None
    previous_codes = {code for code in ((doc.get("cycle") or {}).get("previous") or {}).values() if code}
    previous = {o.code: o for o in choices if o.code in previous_codes}
    return render(
        request,
        "dashboards/dashboard.html",
        {
            "cycle": c,
            "preview": preview,
            "d": reshape(doc, lang, {k: str(v) for k, v in Tier.choices}, compared),
            "choices": choices,
            "other": other,
            "compare_error": compare_error,
            "previous_cycles": list(previous.values()),
            "lang": lang,
        },
    )
