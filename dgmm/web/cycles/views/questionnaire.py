"""The respondent's questionnaire: participation overview, topic pages, autosave, submission."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dgmm import TopicResult, input_applies
from dgmm.inheritance import PARENT_MISSING, Source, plan_for
from dgmm.scoring.agency import UNDETERMINED
from dgmm.web.accounts.decorators import signed_in
from dgmm.web.actions import ActionError, ConflictError
from dgmm.web.cycles.actions import SaveAnswer, SaveResult, SubmitParticipation, framework_of
from dgmm.web.cycles.forms import FieldValueError, display_value, text, value_from_data, version_name
from dgmm.web.cycles.models import Participation, days_to
from dgmm.web.cycles.permissions import CyclePolicy
from dgmm.web.cycles.progress import (
    TopicProgress,
    overview,
    own_inputs,
    raw_answers,
    topic_progress,
    typed_values,
    would_score,
)
from dgmm.web.cycles.topicpage import build_topic_page
from dgmm.web.envelope import action_error_response, error_response, ok_response

log = logging.getLogger("dgmm.web")


def _editable(policy: CyclePolicy, p: Participation) -> bool:
    return policy.can_edit_answers(p) and p.is_editable


def _comments(p: Participation) -> list[Any]:
    return list(p.comments.select_related("author").all()[:50])


@signed_in
def participation(request: HttpRequest, cycle: str, agency: str) -> HttpResponse:
    """The agency's start page: what the survey is, the deadline, progress per pillar, where to go on."""
    policy = CyclePolicy(request.user)
    p = policy.get_participation(cycle, agency)
    fw = framework_of(p)
    progress = topic_progress(fw, raw_answers(p.cycle_id, p.agency_id), p.agency.parent_id is not None)
    comments = _comments(p)
    return render(
        request,
        "cycles/participation.html",
        {
            "p": p,
            "framework": fw,
            "framework_name": text(fw.name),
            "overview": overview(fw, progress),
            "editable": _editable(policy, p),
            "can_edit": policy.can_edit_answers(p),
            "general_comments": [c for c in comments if not c.topic_id],
            "topic_comments": _topic_comments(fw, comments),
            "can_review": policy.can_review(p),
            "days_left": days_to(p.cycle.closes_at),
        },
    )


def _topic_comments(fw: Any, comments: list[Any]) -> list[tuple[Any, Any]]:
    """(comment, topic) of the comments written about one topic, newest first."""
    return [(c, fw.topics[c.topic_id]) for c in comments if c.topic_id and c.topic_id in fw.topics]


def _topic_or_404(fw: Any, topic_id: str) -> Any:
    topic = fw.topics.get(topic_id)
    if topic is None:
        raise Http404
    return topic


@signed_in
def topic(request: HttpRequest, cycle: str, agency: str, topic_id: str) -> HttpResponse:
    policy = CyclePolicy(request.user)
    p = policy.get_participation(cycle, agency)
    fw = framework_of(p)
    t = _topic_or_404(fw, topic_id)
    editable = _editable(policy, p)
    if request.method == "POST":
        return _save_topic(request, p, fw, t, editable)
    page = build_topic_page(p, fw, t, editable=editable)
    return render(request, "cycles/topic.html", {"page": page, "p": p})


def _save_topic(request: HttpRequest, p: Participation, fw: Any, t: Any, editable: bool) -> HttpResponse:
    """Plain form submit of a whole topic: save what changed, keep the user's input on any error."""
    if not editable:
        messages.error(request, _("These answers cannot be changed now."))
        return redirect("cycles:topic", cycle=p.cycle.code, agency=p.agency.code, topic_id=t.id)
    stored = raw_answers(p.cycle_id, p.agency_id)
    posted: dict[str, tuple[str | None, str]] = {}
    versions: dict[str, int] = {}
    saved = 0
    plan = plan_for(fw, p.agency.parent_id is not None)
    for topic in (t, *t.sub_topics):
        for inp in topic.inputs:
            if plan.source(inp.code) is not Source.OWN or inp.type == "file":
                continue
            try:
                version = int(request.POST.get(version_name(inp.code), "0"))
            except ValueError:
                version = 0
            try:
                raw = value_from_data(inp, request.POST)
            except FieldValueError as exc:
                posted[inp.code] = ("|".join(request.POST.getlist(f"in-{inp.code}")), str(exc))
                continue
            current = stored.get(inp.code)
            if raw == (current.value if current else None):
                continue
            try:
                SaveAnswer(p, request.user, inp.code, raw, version).execute()
                saved += 1
            except ConflictError as exc:
                posted[inp.code] = (
                    raw,
                    exc.message
                    + " "
                    + _("Saved value: %(value)s")
                    % {"value": display_value(inp, exc.context.get("current_value"))},
                )
                versions[inp.code] = int(exc.context.get("current_version", 0))
            except ActionError as exc:
                posted[inp.code] = (raw, exc.message)
    if posted:
        page = build_topic_page(p, fw, t, editable=True, posted=posted, versions=versions)
        if saved:
            messages.info(
                request, _("%(count)d answers were saved; the others need your attention.") % {"count": saved}
            )
        return render(request, "cycles/topic.html", {"page": page, "p": p}, status=400)
    messages.success(request, _("Answers saved."))
    target = request.POST.get("next_topic")
    if target and target in fw.topics:
        return redirect("cycles:topic", cycle=p.cycle.code, agency=p.agency.code, topic_id=target)
    return redirect("cycles:topic", cycle=p.cycle.code, agency=p.agency.code, topic_id=t.id)


@require_POST
@signed_in
def autosave(request: HttpRequest, cycle: str, agency: str) -> JsonResponse:
    """Save one input (the autosave script posts the field's own form data plus its version)."""
    policy = CyclePolicy(request.user)
    p = policy.get_participation(cycle, agency)
    fw = framework_of(p)
    code = request.POST.get("code", "")
    inp = fw.inputs.get(code)
    if inp is None:
        return error_response(_("Unknown question."), 400, "unknown_input")
    try:
        version = int(request.POST.get(version_name(code), "0"))
        raw = value_from_data(inp, request.POST)
    except ValueError as exc:
        msg = str(exc) if isinstance(exc, FieldValueError) else _("The version number is missing.")
        return error_response(
            msg, 400, "invalid_answer", [{"field": code, "message": msg, "code": "invalid_answer"}]
        )
    try:
        result = SaveAnswer(p, request.user, code, raw, version).execute()
    except ConflictError as exc:
        current = exc.context.get("current_value")
        return action_error_response(exc, field=code, current_display=display_value(inp, current))
    except ActionError as exc:
        return action_error_response(
            exc, field=code, errors=[{"field": code, "message": exc.message, "code": exc.code}]
        )
    try:
        state = _topic_state(p, fw, inp)
    except Exception:  # the answer is committed: the response says so whatever the topic state does
        log.exception("autosave of %s for %s/%s: saved, but the topic state failed", code, cycle, agency)
        state = {}
    return saved_response(result, code, **state)


def saved_response(result: SaveResult, code: str, **extra: Any) -> JsonResponse:
    """The autosave's answer to a saved value: its version, value and the time, for the questionnaire
    and the review page alike."""
    answer = result.answer
    return ok_response(
        code=code,
        version=answer.version if answer else 0,
        value=answer.value if answer else None,
        changed=result.changed,
        saved_at=formats.time_format(timezone.localtime(), "H:i"),
        **extra,
    )


def _topic_state(p: Participation, fw: Any, inp: Any) -> dict[str, Any]:
    """What the page updates after an autosave: the topic's completeness and the inputs that do not apply."""
    own = raw_answers(p.cycle_id, p.agency_id)
    typed = typed_values(fw, own)
    progress = topic_progress(fw, own, p.agency.parent_id is not None, typed)
    topic_id = (
        inp.topic_id
        if inp.topic_id in progress
        else next(
            (tid for tid, tp in progress.items() if any(st.id == inp.topic_id for st in tp.topic.sub_topics)),
            "",
        )
    )
    tp = progress.get(topic_id)
    values = typed[0]
    not_applicable = (
        [i.code for i in own_inputs(tp.topic) if not input_applies(fw, i.code, values)] if tp else []
    )
    # The sum of the agency's answer versions grows with every committed change: the page keeps the
    # topic state of the response with the highest revision, whatever order the responses arrive in.
    revision = sum(a.version for a in own.values())
    return {
        "revision": revision,
        "not_applicable": not_applicable,
        "topic": topic_id,
        "topic_complete": bool(tp and tp.is_complete),
        "topic_state": str(tp.state) if tp else "",
        "topic_badge": tp.badge_label if tp else "",
        "topic_badge_class": tp.badge_class if tp else "",
        "topic_summary": tp.summary if tp else "",
        "missing": list(tp.missing) if tp else [],
    }


@dataclass
class ReviewRow:
    """One topic on the review page: its progress and the core's result for the answers as they are."""

    progress: TopicProgress
    result: TopicResult
    analyst_codes: frozenset[str] = frozenset()  # inputs an analyst answers for this agency

    @property
    def waits_for_parent(self) -> bool:
        return self.result.reason == PARENT_MISSING

    @property
    def waits_for_analyst(self) -> bool:
        """Undetermined only for want of an analyst's check (nothing the agency can answer)."""
        r = self.result
        waiting = set(r.decided_by or r.missing)
        return r.status == UNDETERMINED and not r.reason and bool(waiting) and waiting <= self.analyst_codes


@require_http_methods(["GET", "HEAD", "POST"])
@signed_in
def submit(request: HttpRequest, cycle: str, agency: str) -> HttpResponse:
    """GET: the review before submitting (incomplete topics, the level each topic's answers would give,
    warnings, what submitting means). POST with the confirmation: submit (SubmitParticipation)."""
    policy = CyclePolicy(request.user)
    p = policy.get_participation(cycle, agency)
    if request.method == "POST":
        return _submit(request, p)
    fw = framework_of(p)
    progress = topic_progress(fw, raw_answers(p.cycle_id, p.agency_id), p.agency.parent_id is not None)
    ov = overview(fw, progress)
    result = would_score(p, fw)
    analyst = plan_for(fw, p.agency.parent_id is not None).codes(Source.ANALYST)
    pillars = [
        (pp, [ReviewRow(tp, result.topics[tp.topic.id], analyst) for tp in pp.topics]) for pp in ov.pillars
    ]
    rows = [r for _, rs in pillars for r in rs]
    blocked = ""
    try:
        SubmitParticipation(p, request.user).check()
    except ActionError as exc:
        blocked = exc.message
    return render(
        request,
        "cycles/review.html",
        {
            "p": p,
            "framework": fw,
            "overview": ov,
            "pillars": pillars,
            "waiting_for_parent": [r for r in rows if r.waits_for_parent],
            "blocked": blocked,
            "editable": _editable(policy, p),
            "days_left": days_to(p.cycle.closes_at),
        },
    )


def _submit(request: HttpRequest, p: Participation) -> HttpResponse:
    back = reverse("cycles:submit", kwargs={"cycle": p.cycle.code, "agency": p.agency.code})
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the confirmation to submit the answers."))
        return redirect(back)
    try:
        SubmitParticipation(p, request.user).execute()
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(request, _("Submitted. Your answers are locked until an analyst returns them."))
    return redirect("cycles:participation", cycle=p.cycle.code, agency=p.agency.code)
