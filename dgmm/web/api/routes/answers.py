"""Answers of one agency in one cycle: read them, save one with a version check (stale -> 409).

Saving goes through the same action as the questionnaire pages (``cycles.actions.SaveAnswer``):
the same scope, validation by the core, locks, version bump and audit log.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from dgmm.web.api.schemas import ERRORS, AnswerIn, AnswerOut, AnswerSaved
from dgmm.web.cycles.actions import SaveAnswer
from dgmm.web.cycles.models import Answer, AnswerSource
from dgmm.web.cycles.permissions import CyclePolicy

router = Router(tags=["answers"])


def answer_out(a: Answer) -> dict[str, Any]:
    return {
        "input": a.code,
        "source": a.source,
        "value": a.value,
        "version": a.version,
        "updated_at": a.updated_at,
    }


def _answers(request: HttpRequest, cycle: str, agency: str, source: str) -> Any:
    p = CyclePolicy(request.user).get_participation(cycle, agency)
    qs = Answer.objects.filter(cycle_id=p.cycle_id, agency_id=p.agency_id).order_by("code", "source")
    if source:
        if source not in AnswerSource.values:
            raise Http404
        qs = qs.filter(source=source)
    return qs


@router.get(
    "/cycles/{cycle}/agencies/{agency}/answers",
    response={200: list[AnswerOut], **ERRORS},
    operation_id="answer_list",
    url_name="answer-list",
)
def answer_list(request: HttpRequest, cycle: str, agency: str, source: str = "") -> list[dict[str, Any]]:
    """Every stored answer of the agency (``?source=agency|analyst``), cleared ones with ``value`` null."""
    return [answer_out(a) for a in _answers(request, cycle, agency, source)]


@router.get(
    "/cycles/{cycle}/agencies/{agency}/answers/{code}",
    response={200: AnswerOut, **ERRORS},
    operation_id="answer_detail",
    url_name="answer-detail",
)
def answer_detail(
    request: HttpRequest, cycle: str, agency: str, code: str, source: str = AnswerSource.AGENCY
) -> dict[str, Any]:
    a = _answers(request, cycle, agency, source).filter(code=code).first()
    if a is None:
        raise Http404
    return answer_out(a)


@router.put(
    "/cycles/{cycle}/agencies/{agency}/answers/{code}",
    response={200: AnswerSaved, **ERRORS},
    operation_id="answer_save",
    url_name="answer-save",
)
def answer_save(
    request: HttpRequest, cycle: str, agency: str, code: str, payload: AnswerIn
) -> dict[str, Any]:
    """Save one answer. ``version`` must be the stored version (0 for a first answer); otherwise 409
    with ``current_value`` and ``current_version``. Saving the same value again changes nothing."""
    p = CyclePolicy(request.user).get_participation(cycle, agency)
    result = SaveAnswer(
        p, request.user, code, payload.value, payload.version, source=payload.source
    ).execute()
    a = result.answer
    return {
        "input": code,
        "source": payload.source,
        "value": a.value if a else None,
        "version": a.version if a else 0,
        "changed": result.changed,
    }
