"""Who am I, cycles, agencies and participations, the questionnaire: read-only, scoped like the pages."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from dgmm import questionnaire
from dgmm.web.api.schemas import ERRORS, AgencyOut, CycleOut, Me, ParticipationOut
from dgmm.web.cycles.frameworks import get_framework
from dgmm.web.cycles.models import Cycle, Participation
from dgmm.web.cycles.permissions import CyclePolicy
from dgmm.web.registry.models import Agency
from dgmm.web.registry.permissions import AgencyPolicy

router = Router(tags=["cycles"])


def agency_out(a: Agency) -> dict[str, Any]:
    return {
        "id": a.code,
        "name_th": a.name_th,
        "name_en": a.name_en,
        "tier": a.tier,
        "parent_id": a.parent.code if a.parent_id and a.parent else None,
        "ministry": a.ministry.code if a.ministry_id and a.ministry else None,
        "province": a.province.code if a.province_id and a.province else None,
    }


def cycle_out(c: Cycle) -> dict[str, Any]:
    return {
        "code": c.code,
        "year": c.year,
        "name_th": c.name_th,
        "name_en": c.name_en,
        "status": c.status,
        "opens_at": c.opens_at,
        "closes_at": c.closes_at,
        "has_results": c.has_results,
        "frameworks": {cf.tier: cf.framework for cf in c.frameworks.all()},
    }


def participation_out(policy: CyclePolicy, p: Participation) -> dict[str, Any]:
    return {
        "agency": agency_out(p.agency),
        "status": p.status,
        "submitted_at": p.submitted_at,
        "can_edit": policy.can_edit_answers(p) and p.is_editable,
    }


AGENCY_RELATED = ("agency", "agency__parent", "agency__ministry", "agency__province", "cycle")


@router.get("/me", response={200: Me, **ERRORS}, operation_id="me", url_name="me")
def me(request: HttpRequest) -> dict[str, Any]:
    """The calling user (anonymous without a token)."""
    u = request.user
    if not u.is_authenticated:
        return {"username": None, "role": None, "agency_id": None, "is_authenticated": False}
    return {
        "username": u.username,
        "role": u.role,
        "agency_id": u.agency.code if u.agency else None,
        "is_authenticated": True,
    }


@router.get(
    "/cycles", response={200: list[CycleOut], **ERRORS}, operation_id="cycle_list", url_name="cycle-list"
)
def cycle_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Cycles the caller may see: staff all, agencies the
    cycles they take part in, the public published ones."""
    return [cycle_out(c) for c in CyclePolicy(request.user).visible_cycles().prefetch_related("frameworks")]


@router.get(
    "/cycles/{cycle}",
    response={200: CycleOut, **ERRORS},
    operation_id="cycle_detail",
    url_name="cycle-detail",
)
def cycle_detail(request: HttpRequest, cycle: str) -> dict[str, Any]:
    return cycle_out(CyclePolicy(request.user).get_cycle(cycle))


@router.get(
    "/cycles/{cycle}/agencies",
    response={200: list[ParticipationOut], **ERRORS},
    operation_id="participation_list",
    url_name="participation-list",
)
def participation_list(request: HttpRequest, cycle: str) -> list[dict[str, Any]]:
    """The agencies of a cycle the caller may see, with their submission status."""
    policy = CyclePolicy(request.user)
    c = policy.get_cycle(cycle)
    parts = policy.visible_participations(c).select_related(*AGENCY_RELATED).order_by("agency__code")
    return [participation_out(policy, p) for p in parts]


@router.get(
    "/cycles/{cycle}/agencies/{agency}",
    response={200: ParticipationOut, **ERRORS},
    operation_id="participation_detail",
    url_name="participation-detail",
)
def participation_detail(request: HttpRequest, cycle: str, agency: str) -> dict[str, Any]:
    policy = CyclePolicy(request.user)
    return participation_out(policy, policy.get_participation(cycle, agency))


@router.get(
    "/cycles/{cycle}/questionnaire/{tier}",
    response={200: dict[str, Any], **ERRORS},
    operation_id="questionnaire",
    url_name="questionnaire",
)
def cycle_questionnaire(request: HttpRequest, cycle: str, tier: str) -> dict[str, Any]:
    """The questionnaire of one tier (``dgmm.questionnaire``): pillars, topics, inputs, options, criteria."""
    c = CyclePolicy(request.user).get_cycle(cycle)
    cf = c.frameworks.filter(tier=tier).first()
    if cf is None:
        raise Http404
    return questionnaire(get_framework(cf.framework))


@router.get(
    "/agencies", response={200: list[AgencyOut], **ERRORS}, operation_id="agency_list", url_name="agency-list"
)
def agency_list(request: HttpRequest, tier: str = "") -> list[dict[str, Any]]:
    """Agencies of the registry the caller may see (``?tier=`` to filter)."""
    qs = (
        AgencyPolicy(request.user).visible().select_related("parent", "ministry", "province").order_by("code")
    )
    if tier:
        qs = qs.filter(tier=tier)
    return [agency_out(a) for a in qs]


@router.get(
    "/agencies/{agency}",
    response={200: AgencyOut, **ERRORS},
    operation_id="agency_detail",
    url_name="agency-detail",
)
def agency_detail(request: HttpRequest, agency: str) -> dict[str, Any]:
    try:
        a = (
            AgencyPolicy(request.user)
            .visible()
            .select_related("parent", "ministry", "province")
            .get(code=agency)
        )
    except Agency.DoesNotExist:
        raise Http404 from None
    return agency_out(a)
