"""Frozen results of a closed cycle: staff once scored, agencies in scope once published, the public
when the cycle publishes agency results (``CyclePolicy.can_view_results``, as the results pages)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from dgmm import NotFoundError, comparators
from dgmm import agency as agency_record
from dgmm.cohort.stats import visible as visible_average
from dgmm.web.api.schemas import ERRORS, AgencyResults, TierResults
from dgmm.web.cycles.audit import record_export
from dgmm.web.cycles.frozen import results_document, results_rows
from dgmm.web.cycles.permissions import CyclePolicy
from dgmm.web.registry.models import Agency

router = Router(tags=["results"])

COHORT_KEYS = (
    "tier",
    "invited",
    "scored",
    "policy",
    "statuses",
    "percentiles",
    "small_group_min",
    "all",
    "groups",
)


def _ranking(doc: dict[str, Any], visible: set[str] | None) -> list[dict[str, Any]]:
    """Every agency the caller may see: the scored by rank, then those not scored with their status
    (no_answers, not_submitted, returned, not_approved: no overall, group or rank; DECISIONS §27, §28)."""
    rows = [a for a in doc["agencies"] if visible is None or a["id"] in visible]
    rows.sort(key=lambda a: (a["status"] != "scored", a.get("rank") or 10**9, a["id"]))
    return [
        {
            "id": a["id"],
            "name_th": a["name_th"],
            "name_en": a["name_en"],
            "status": a["status"],
            "submission": a.get("submission"),
            "rank": a.get("rank"),
            "overall": a.get("overall"),
            "group": a.get("group"),
        }
        for a in rows
    ]


@router.get(
    "/cycles/{cycle}/results",
    response={200: list[TierResults], **ERRORS},
    operation_id="results",
    url_name="results",
)
def cycle_results(request: HttpRequest, cycle: str) -> list[dict[str, Any]]:
    """Per tier: the cohort figures (with the scoring policy and the agencies per status) and every
    agency the caller may see, ranked first, then those not scored with their status."""
    policy = CyclePolicy(request.user)
    c = policy.get_cycle(cycle)
    if not policy.can_view_results(c):
        raise Http404
    ids = policy.agencies.visible_ids()
    visible: set[str] | None = None
    if ids is not None and not c.publish_agency_results:
        visible = set(Agency.objects.filter(pk__in=ids).values_list("code", flat=True))
    record_export(
        request,
        "results (API)",
        cycle=c,
        note="all agencies" if visible is None else f"{len(visible)} agencies in scope",
    )
    out = []
    for res in results_rows(c.results.order_by("tier")):
        doc = results_document(res)  # shared: read only
        cohort = {k: doc["cohort"].get(k) for k in COHORT_KEYS}
        if (
            ids is not None
        ):  # agencies and the public: no average that fewer than small_group_min agencies have
            small = int(cohort.get("small_group_min") or 3)
            cohort["groups"] = {g: visible_average(s, small) for g, s in (cohort.get("groups") or {}).items()}
        out.append(
            {
                "tier": res.tier,
                "framework": res.framework,
                "generated_at": res.generated_at,
                "cohort": cohort,
                "ranking": _ranking(doc, visible),
            }
        )
    return out


@router.get(
    "/cycles/{cycle}/results/{agency}",
    response={200: AgencyResults, **ERRORS},
    operation_id="agency_results",
    url_name="agency-results",
)
def agency_results(request: HttpRequest, cycle: str, agency: str) -> dict[str, Any]:
    """One agency's results record (scores, levels, highlights) and its comparators."""
    policy = CyclePolicy(request.user)
    c = policy.get_cycle(cycle)
    a = Agency.objects.filter(code=agency).first()
    if a is None or not policy.can_view_results(c, a):
        raise Http404
    res = results_rows(c.results.filter(tier=a.tier)).first()
    if res is None:
        raise Http404
    doc = results_document(res)  # shared: read only
    try:
        rec = agency_record(doc, a.code)
    except NotFoundError:
        raise Http404 from None
    comps = comparators(doc, a.code) if rec.get("status") == "scored" else {}
    record_export(request, "agency results (API)", cycle=c, agency=a)
    return {
        "cycle": c.code,
        "tier": res.tier,
        "framework": res.framework,
        "agency": rec,
        "comparators": comps,
    }
