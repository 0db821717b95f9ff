"""Analysts review submissions item by item, fill analyst-only inputs, ask for corrections, approve."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dgmm.inheritance import Source, plan_for
from dgmm.web.accounts.decorators import staff_only
from dgmm.web.actions import ActionError, ConflictError
from dgmm.web.cycles.actions import SaveAnswer, framework_of
from dgmm.web.cycles.forms import Field, FieldValueError, display_value, text, value_from_data, version_name
from dgmm.web.cycles.models import AnswerSource, AuditEntry, Evidence, ParticipationStatus
from dgmm.web.cycles.permissions import CyclePolicy
from dgmm.web.cycles.progress import parent_answers, raw_answers
from dgmm.web.cycles.views.questionnaire import saved_response
from dgmm.web.envelope import action_error_response, error_response
from dgmm.web.review.actions import Approve, Reopen, RequestCorrection
from dgmm.web.review.permissions import ReviewPolicy


@staff_only
def queue(request: HttpRequest, cycle: str) -> HttpResponse:
    c = CyclePolicy(request.user).get_cycle(cycle)
    order = Case(
        When(status=ParticipationStatus.SUBMITTED, then=Value(0)),
        When(status=ParticipationStatus.RETURNED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    status = request.GET.get("status", "")
    qs = ReviewPolicy(request.user).queue(c)
    if status in ParticipationStatus.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "review/queue.html",
        {
            "cycle": c,
            "participations": qs.annotate(o=order).order_by("o", "submitted_at", "agency__code")[:300],
            "status": status,
            "statuses": ParticipationStatus.choices,
        },
    )


@dataclass
class Item:
    """One input as the reviewer sees it: the agency's answer, the analyst's value, the difference."""

    field: Field | None  # an editable analyst field, or None
    code: str
    label: str
    agency_display: str
    analyst_display: str
    answered_by: str

    @property
    def differs(self) -> bool:
        return bool(self.analyst_display) and self.agency_display != self.analyst_display


def _items(p: Any, fw: Any, editable: bool) -> list[tuple[Any, list[Item]]]:
    own = raw_answers(p.cycle_id, p.agency_id)
    analyst = raw_answers(p.cycle_id, p.agency_id, AnswerSource.ANALYST)
    parent = p.agency.parent if p.agency.parent_id else None
    inherited_answers = parent_answers(p.cycle_id, parent.pk) if parent is not None else {}
    plan = plan_for(fw, parent is not None)
    out = []
    for topic in fw.iter_topics():
        items = []
        for t in (topic, *topic.sub_topics):
            for inp in t.inputs:
                source = plan.source(inp.code)
                inherited = source is Source.PARENT
                a = (inherited_answers if inherited else own).get(inp.code)
                an = None if inherited else analyst.get(inp.code)
                f = None
                if source is Source.ANALYST:
                    f = Field(inp, an.value if an else None, an.version if an else 0, editable)
                shown = display_value(inp, a.value if a else None) if source is not Source.ANALYST else ""
                if inherited and parent is not None:
                    shown = _("%(value)s (answered by %(parent)s)") % {"value": shown, "parent": parent.name}
                items.append(
                    Item(
                        f,
                        inp.code,
                        text(inp.label),
                        shown,
                        display_value(inp, an.value) if an and an.value is not None else "",
                        inp.answered_by,
                    )
                )
        out.append((topic, items))
    return out


@staff_only
def detail(request: HttpRequest, cycle: str, agency: str) -> HttpResponse:
    policy = CyclePolicy(request.user)
    p = policy.get_participation(cycle, agency)
    fw = framework_of(p)
    review = ReviewPolicy(request.user)
    editable = review.may_act(p)
    evidence = list(Evidence.objects.filter(cycle=p.cycle, agency=p.agency, is_removed=False))
    return render(
        request,
        "review/detail.html",
        {
            "p": p,
            "framework": fw,
            "topics": _items(p, fw, editable),
            "editable": editable,
            "can_correct": review.can_request_correction(p),
            "can_approve": review.can_approve(p),
            "comments": p.comments.select_related("author").all(),
            "evidence": evidence,
            "audit": AuditEntry.objects.filter(cycle=p.cycle, agency=p.agency).select_related("actor")[:15],
            "topic_choices": [(t.id, f"{t.id} {text(t.name)}") for t in fw.iter_topics()],
        },
    )


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
    return saved_response(result, code)


ACTIONS = {"correction": RequestCorrection, "approve": Approve, "reopen": Reopen}


@require_POST
@staff_only
def decide(request: HttpRequest, cycle: str, agency: str, decision: str) -> HttpResponse:
    p = CyclePolicy(request.user).get_participation(cycle, agency)
    cls = ACTIONS.get(decision)
    if cls is None:
        messages.error(request, _("Unknown operation."))
        return redirect("review:detail", cycle=cycle, agency=agency)
    try:
        cls(p, request.user, request.POST.get("comment", ""), request.POST.get("topic", "")).execute()
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Submission is now “%(status)s”.") % {"status": p.get_status_display()})
    return redirect("review:detail", cycle=cycle, agency=agency)


@staff_only
def audit(request: HttpRequest, cycle: str, agency: str) -> HttpResponse:
    p = CyclePolicy(request.user).get_participation(cycle, agency)
    entries = AuditEntry.objects.filter(cycle=p.cycle, agency=p.agency).select_related(
        "actor", "token__created_by"
    )
    return render(request, "review/audit.html", {"p": p, "entries": entries[:1000]})
