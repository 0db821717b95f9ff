"""The answers-exchange page of a cycle: export answers, import a file (the filled questionnaire workbook
included), the questionnaire workbook, the XLSForm and its submissions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dgmm import InputFileError
from dgmm.questionnaire import questionnaire_workbook
from dgmm.web.accounts.decorators import signed_in
from dgmm.web.actions import ActionError
from dgmm.web.cycles.audit import record_export
from dgmm.web.cycles.models import Cycle
from dgmm.web.cycles.permissions import CyclePolicy
from dgmm.web.envelope import action_error_response, error_response, ok_response
from dgmm.web.exchange.actions import ImportReport, import_scope, import_upload
from dgmm.web.exchange.forms import AnswersImportForm, SubmissionsImportForm
from dgmm.web.exchange.longformat import export_rows, frameworks_by_tier, problem_dicts, write_csv, write_xlsx
from dgmm.web.exchange.xlsform import build_xlsform, forms_for_cycle, submission_reader

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _wants_json(request: HttpRequest) -> bool:
    return request.GET.get("format") == "json" or "application/json" in request.headers.get("Accept", "")


def _page(request: HttpRequest, c: Cycle, status: int = 200, **extra: Any) -> HttpResponse:
    scope = import_scope(c, request.user)
    tiers = sorted(frameworks_by_tier(c))
    ctx = {
        "cycle": c,
        "can_import": bool(scope.allowed),
        "tiers": tiers,
        "answers_form": extra.pop("answers_form", None) or AnswersImportForm(),
        "submissions_form": extra.pop("submissions_form", None) or SubmissionsImportForm(prefix="sub"),
        **extra,
    }
    return render(request, "exchange/index.html", ctx, status=status)


@signed_in
def index(request: HttpRequest, cycle: str) -> HttpResponse:
    return _page(request, CyclePolicy(request.user).get_cycle(cycle))


@signed_in
def export(request: HttpRequest, cycle: str, fmt: str) -> HttpResponse:
    """Every answer the user may see (``?agency=`` for one agency), as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    policy = CyclePolicy(request.user)
    c = policy.get_cycle(cycle)
    parts = policy.visible_participations(c)
    agency = request.GET.get("agency", "").strip()
    if agency:
        parts = parts.filter(agency__code=agency)
        if not parts.exists():
            raise Http404
    rows = export_rows(c, parts)
    name = f"answers-{c.code}{'-' + agency if agency else ''}"
    record_export(
        request,
        f"{name}.{fmt}",
        cycle=c,
        agency=parts[0].agency if agency else None,
        note=f"{parts.count()} agencies",
    )
    if fmt == "xlsx":
        response = HttpResponse(write_xlsx(rows), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    else:
        response = HttpResponse(write_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@signed_in
def xlsform(request: HttpRequest, cycle: str, tier: str) -> HttpResponse:
    """The XLSForm of one tier, listing the agencies of that tier the user may see."""
    policy = CyclePolicy(request.user)
    c = policy.get_cycle(cycle)
    fws = frameworks_by_tier(c)
    if tier not in fws:
        raise Http404
    parts = [p for p in policy.visible_participations(c).filter(agency__tier=tier).order_by("agency__code")]
    agencies = [(p.agency.code, p.agency.name_th, p.agency.name_en) for p in parts]
    has_parent = bool(parts) and all(p.agency.parent_id for p in parts)
    form = build_xlsform(fws[tier][1], c.code, tier, agencies, has_parent)
    response = HttpResponse(form.to_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="xlsform-{c.code}-{tier}.xlsx"'
    return response


@signed_in
def questionnaire(request: HttpRequest, cycle: str, tier: str) -> HttpResponse:
    """The questionnaire workbook of one tier (as ``dgmm questionnaire --format xlsx``): its answers sheet,
    filled, imports as it is."""
    c = CyclePolicy(request.user).get_cycle(cycle)
    fws = frameworks_by_tier(c)
    if tier not in fws:
        raise Http404
    response = HttpResponse(questionnaire_workbook(fws[tier][1]), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="questionnaire-{c.code}-{tier}.xlsx"'
    return response


def _import(request: HttpRequest, cycle: str, kind: str) -> HttpResponse:
    c = CyclePolicy(request.user).get_cycle(cycle)
    if kind == "answers":
        form: AnswersImportForm | SubmissionsImportForm = AnswersImportForm(request.POST, request.FILES)
    else:
        form = SubmissionsImportForm(request.POST, request.FILES, prefix="sub")
    key = "answers_form" if kind == "answers" else "submissions_form"
    if not form.is_valid():
        if _wants_json(request):
            return error_response(
                _("Choose a file to import."),
                400,
                "invalid_request",
                [{"field": "file", "message": str(e[0]), "code": "required"} for e in form.errors.values()],
            )
        return _page(request, c, 400, **{key: form})
    rows_of = None
    if kind == "submissions":
        rows_of = submission_reader(*forms_for_cycle(import_scope(c, request.user)))
    try:
        report = import_upload(c, request.user, form.cleaned_data["file"], rows_of=rows_of)
    except InputFileError as exc:
        if _wants_json(request):
            return error_response(
                exc.summary or str(exc), 400, exc.code, problem_dicts(exc.problems), more=exc.more
            )
        return _page(
            request,
            c,
            400,
            problems=list(exc.problems),
            more=exc.more,
            count=exc.count,
            summary=exc.summary,
            **{key: form},
        )
    except ActionError as exc:
        if _wants_json(request):
            return action_error_response(exc)
        if exc.status == 403:
            raise Http404 from None
        form.add_error(None, exc.message)
        return _page(request, c, exc.status, **{key: form})
    return _done(request, c, report)


def _done(request: HttpRequest, c: Cycle, report: ImportReport) -> HttpResponse | JsonResponse:
    if _wants_json(request):
        return ok_response(report=report.as_dict())
    messages.success(
        request,
        _("%(created)d answers created, %(updated)d changed, %(unchanged)d unchanged.")
        % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
    )
    if report.locked:
        messages.warning(
            request,
            _(
                "%(count)d answers were not changed because their agency has submitted; an "
                "analyst must reopen the submission first."
            )
            % {"count": len(report.locked)},
        )
    return _page(request, c, report=report)


@require_POST
@signed_in
def import_answers(request: HttpRequest, cycle: str) -> HttpResponse:
    return _import(request, cycle, "answers")


@require_POST
@signed_in
def import_submissions(request: HttpRequest, cycle: str) -> HttpResponse:
    return _import(request, cycle, "submissions")
