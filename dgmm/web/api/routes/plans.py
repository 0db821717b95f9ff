"""Improvement plans: an agency's plan items with the projection of their changes, and the projection
of a set of planned answers. The same checks as the plan view (`plans.planner.planner_for`: the
agency's own users, its parent department, staff; a cycle with results; an agency whose answers
counted); projections are the core's (`dgmm.whatif.WhatIf.project`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from dgmm import DgmmError
from dgmm.web.actions import ActionError
from dgmm.web.api.schemas import ERRORS, PlanOut, ProjectionIn, ProjectionOut
from dgmm.web.plans.planner import planner_for

router = Router(tags=["plans"])


class BadChange(ActionError):
    """A planned answer the core refuses: an unknown input, one the parent department answers, a
    value the input does not accept."""

    code = "bad_change"
    status = 422


ITEM_FIELDS = (
    "id",
    "topic",
    "level_now",
    "target_level",
    "actions_th",
    "actions_en",
    "changes",
    "pmqa_items",
    "responsible_unit",
    "owner",
    "due_date",
    "status",
    "updated_at",
)


@router.get(
    "/cycles/{cycle}/agencies/{agency}/plan",
    response={200: PlanOut, **ERRORS},
    operation_id="plan_detail",
    url_name="plan-detail",
)
def plan_detail(request: HttpRequest, cycle: str, agency: str) -> dict[str, Any]:
    """The agency's plan items of the cycle (topic order), and the projection of their answer changes
    made together (items dropped left out; null when the items name no change)."""
    p = planner_for(request.user, cycle, agency)
    items = p.items()
    projection, why = p.plan_outlook(items)
    return {
        "cycle": p.cycle.code,
        "agency": p.agency.code,
        "framework": p.framework.id,
        "items": [{f: getattr(i, f) for f in ITEM_FIELDS} for i in items],
        "projection": projection.as_dict() if projection is not None else None,
        "projection_error": why,
    }


@router.post(
    "/cycles/{cycle}/agencies/{agency}/projection",
    response={200: ProjectionOut, **ERRORS},
    operation_id="plan_projection",
    url_name="plan-projection",
)
def plan_projection(request: HttpRequest, cycle: str, agency: str, payload: ProjectionIn) -> dict[str, Any]:
    """The agency's levels, scores, group and rank if it changed these answers (at most 60, each value
    at most 500 characters), against the cycle's frozen cut-offs and the other agencies' scores.
    Nothing is saved."""
    p = planner_for(request.user, cycle, agency)
    try:
        return p.project(dict(payload.changes)).as_dict()
    except DgmmError as exc:
        raise BadChange(str(exc)) from None
