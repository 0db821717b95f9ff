"""Analysts review submissions item by item, fill analyst-only inputs, ask for corrections, approve."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Value, When
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dgmm.inheritance import Source, plan_for
from dgmm.web.accounts.decorators import staff_only
from dgmm.web.actions import ActionError, ActionPermissionError, ConflictError
from dgmm.web.cycles.actions import SaveAnswer, framework_of
from dgmm.web.cycles.forms import FieldValueError, display_value, text, value_from_data, version_name
from dgmm.web.cycles.models import (
    AnswerSource,
    AuditEntry,
    CycleFramework,
    Participation,
    ParticipationStatus,
)
from dgmm.web.cycles.overview import days_left
from dgmm.web.cycles.permissions import CyclePolicy
from dgmm.web.cycles.views.questionnaire import saved_response
from dgmm.web.envelope import action_error_response, error_response
from dgmm.web.registry.models import Ministry, Province, Tier
from dgmm.web.review.actions import MAX_COMMENT, Approve, Reopen, RequestCorrection, version_token
from dgmm.web.review.permissions import ReviewPolicy
from dgmm.web.review.sheet import level_summary, levels, sheet

PER_PAGE = 50
SORTS = {
    "": None,  # waiting for review first, then returned, then the rest; oldest submission first
    "submitted": (F("submitted_at").asc(nulls_last=True), "agency__code"),
    "-submitted": (F("submitted_at").desc(nulls_last=True), "agency__code"),
}


@dataclass
class QueueFilters:
    """The queue's filters as read from the query string (unknown values are ignored)."""

    status: str = ""
    tier: str = ""
    ministry: str = ""
    province: str = ""
    sort: str = ""

    @classmethod
    def read(cls, data: Any, tiers: list[str]) -> QueueFilters:
        def pick(name: str, allowed: Any) -> str:
            value = str(data.get(name, ""))[:60]
            return value if value in allowed else ""

        return cls(
            pick("status", ParticipationStatus.values),
            pick("tier", tiers),
            str(data.get("ministry", ""))[:20],
            str(data.get("province", ""))[:20],
            pick("sort", SORTS),
        )

    def query(self, **change: str) -> str:
        """The query string of these filters with `change` applied (empty values left out)."""
        values = {**self.__dict__, **change}
        return urlencode({k: v for k, v in values.items() if v})

    @property
    def all(self) -> str:
        return self.query()

    @property
    def but_status(self) -> str:
        return self.query(status="")

    @property
    def but_sort(self) -> str:
        return self.query(sort="")


@staff_only
def queue(request: HttpRequest, cycle: str) -> HttpResponse:
    """Every participation of the cycle: counts per status, filters, sorted, one page at a time."""
    c = CyclePolicy(request.user).get_cycle(cycle)
    tiers = sorted(set(CycleFramework.objects.filter(cycle=c).values_list("tier", flat=True)))
    f = QueueFilters.read(request.GET, tiers)
    qs = ReviewPolicy(request.user).queue(c)
    if f.tier:
        qs = qs.filter(agency__tier=f.tier)
    if f.ministry:
        qs = qs.filter(agency__ministry__code=f.ministry)
    if f.province:
        qs = qs.filter(agency__province__code=f.province)
    found = dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
    counts = [(code, label, found.get(code, 0)) for code, label in ParticipationStatus.choices]
    if f.status:
        qs = qs.filter(status=f.status)
    order = SORTS[f.sort]
    if order is None:
        first = Case(
            When(status=ParticipationStatus.SUBMITTED, then=Value(0)),
            When(status=ParticipationStatus.RETURNED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        qs = qs.annotate(o=first).order_by("o", F("submitted_at").asc(nulls_last=True), "agency__code")
    else:
        qs = qs.order_by(*order)
    qs = qs.select_related("agency__ministry", "agency__province")
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    tier_labels = dict(Tier.choices)
    return render(
        request,
        "review/queue.html",
        {
            "cycle": c,
            "page": page,
            "f": f,
            "counts": counts,
            "total": sum(found.values()),
            "statuses": ParticipationStatus.choices,
            "tiers": [(t, tier_labels.get(t, t)) for t in tiers],
            "ministries": Ministry.objects.all(),
            "provinces": Province.objects.all(),
            "next_sort": "-submitted" if f.sort == "submitted" else "submitted",
        },
    )


def _drafts(data: Any) -> tuple[str, dict[str, str]]:
    """The comments of a decision form: on the whole submission, and per topic (comment-<topic id>)."""
    general = str(data.get("comment", ""))
    topics = {
        k[len("comment-") :]: str(v) for k, v in data.items() if k.startswith("comment-") and str(v).strip()
    }
    return general, topics


def _page(
    request: HttpRequest, p: Participation, general: str = "", drafts: dict[str, str] | None = None
) -> HttpResponse:
    fw = framework_of(p)
    review = ReviewPolicy(request.user)
    editable = review.may_act(p)
    rows, general_comments = sheet(p, fw, editable, drafts)
    return render(
        request,
        "review/detail.html",
        {
            "p": p,
            "framework": fw,
            "rows": rows,
            "editable": editable,
            "can_correct": review.can_request_correction(p),
            "can_approve": review.can_approve(p),
            "reopen": p.status == ParticipationStatus.APPROVED,
            "general_comments": general_comments,
            "general_draft": general,
            "max_comment": MAX_COMMENT,
        },
    )


@staff_only
def detail(request: HttpRequest, cycle: str, agency: str) -> HttpResponse:
    """The review page: every topic's answers, evidence and level side by side; the decision after them.

    A POST (from "change the comments" on a confirmation page) only fills the comment boxes again."""
    p = CyclePolicy(request.user).get_participation(cycle, agency)
    if request.method == "POST":
        general, drafts = _drafts(request.POST)
        return _page(request, p, general, drafts)
    return _page(request, p)


@require_POST
@staff_only
def analyst_answer(request: HttpRequest, cycle: str, agency: str) -> HttpResponse:
    """Save analyst-only inputs: one field (autosave, JSON) or the whole form (plain submit)."""
    p = CyclePolicy(request.user).get_participation(cycle, agency)
    fw = framework_of(p)
    code = request.POST.get("code")
    if code:
        return _save_one(request, p, fw, code)
    problems = []
    plan = plan_for(fw, p.agency.parent_id is not None)
    for inp in fw.inputs.values():
        if plan.source(inp.code) is not Source.ANALYST or f"v-{inp.code}" not in request.POST:
            continue
        try:
            raw = value_from_data(inp, request.POST)
            version = int(request.POST.get(version_name(inp.code), "0"))
            SaveAnswer(p, request.user, inp.code, raw, version, source=AnswerSource.ANALYST).execute()
        except (ActionError, FieldValueError, ValueError) as exc:
            problems.append(f"{inp.code}: {getattr(exc, 'message', str(exc))}")
    if problems:
        for msg in problems:
            messages.error(request, msg)
    else:
        messages.success(request, _("Analyst checks saved."))
    return redirect("review:detail", cycle=cycle, agency=agency)


def _save_one(request: HttpRequest, p: Any, fw: Any, code: str) -> JsonResponse:
    inp = fw.inputs.get(code)
    if inp is None:
        return error_response(_("Unknown question."), 400, "unknown_input")
    try:
        raw = value_from_data(inp, request.POST)
        version = int(request.POST.get(version_name(code), "0"))
    except ValueError as exc:
        return error_response(str(exc), 400, "invalid_answer", [{"field": code, "message": str(exc)}])
    try:
        result = SaveAnswer(p, request.user, code, raw, version, source=AnswerSource.ANALYST).execute()
    except ConflictError as exc:
        return action_error_response(
            exc, field=code, current_display=display_value(inp, exc.context.get("current_value"))
        )
    except ActionError as exc:
        return action_error_response(exc, field=code)
    # the levels follow the analyst's value: every topic's level panel, rendered again
    panels = {
        tid: render_to_string("review/_level.html", {"lv": lv}, request) for tid, lv in levels(p, fw).items()
    }
    return saved_response(result, code, levels=panels)


ACTIONS: dict[str, type[RequestCorrection] | type[Approve]] = {
    "correction": RequestCorrection,
    "approve": Approve,
    "reopen": Reopen,
}


@require_POST
@staff_only
def decide(request: HttpRequest, cycle: str, agency: str, decision: str) -> HttpResponse:
    """Return for correction, reopen or approve: first a confirmation page that states what will
    happen (and lists the comments that will be sent); the decision is taken only when confirmed."""
    p = CyclePolicy(request.user).get_participation(cycle, agency)
    cls = ACTIONS.get(decision)
    if cls is None:
        raise Http404
    general, drafts = _drafts(request.POST)
    seen = str(request.POST.get("seen", ""))[:40]
    confirmed = "confirmed" in request.POST and bool(seen)
    action = cls(
        p,
        request.user,
        general,
        str(request.POST.get("topic", ""))[:60],
        topic_comments=drafts,
        seen=seen if confirmed else "",
    )
    try:
        if not confirmed:
            action.check()
            return _confirmation(request, p, decision, action)
        action.execute()
    except ActionPermissionError:
        raise Http404 from None
    except ActionError as exc:
        messages.error(request, exc.message)
        p.refresh_from_db()
        return _page(request, p, general, drafts)
    if decision == "approve":
        messages.success(request, _("The submission is approved; the agency is told."))
    else:
        messages.success(
            request, _("The submission is returned to the agency with your comments; the agency is told.")
        )
    return redirect("review:detail", cycle=cycle, agency=agency)


def _confirmation(
    request: HttpRequest, p: Participation, decision: str, action: RequestCorrection | Approve
) -> HttpResponse:
    fw = framework_of(p)
    views = levels(p, fw)
    names = {t.id: f"{t.id} {text(t.name)}" for t in fw.iter_topics()}
    return render(
        request,
        "review/confirm.html",
        {
            "p": p,
            "decision": decision,
            "comments": [(tid, names.get(tid, ""), c) for tid, c in action.comments],
            "general": action.comment,
            "topic": action.topic_id,
            "topic_comments": action.topic_comments,
            "seen": version_token(p),
            "summary": level_summary(views.values()),
            "undetermined": [n for t, n in names.items() if views[t].undetermined],
            "topics": len(views),
            "days_left": days_left(p.cycle),
        },
    )


@staff_only
def audit(request: HttpRequest, cycle: str, agency: str) -> HttpResponse:
    p = CyclePolicy(request.user).get_participation(cycle, agency)
    entries = AuditEntry.objects.filter(cycle=p.cycle, agency=p.agency).select_related(
        "actor", "token__created_by"
    )
    return render(request, "review/audit.html", {"p": p, "entries": entries[:1000]})
