"""Trends across years for the public (docs/web.md, "Trends across years"): what the trend pages read.

Only published cycles ever appear. A ministry's and a province's figures are read from each
published cycle's stored public aggregates (`PublishedAggregate`, made at publication); an agency's
from the frozen results of the published cycles that publish agency results. The series and what may
be compared between two cycles are made by the core (`dgmm.trends`), through the crosswalks shipped
with dgmm (`dgmm.framework.crosswalk`) when two cycles used different frameworks.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from dgmm import FrameworkError, NotFoundError, load_framework
from dgmm.aggregates import VERSION
from dgmm.framework.crosswalk import Crosswalk, read_crosswalk, shipped_crosswalks
from dgmm.web.cycles.frameworks import get_framework
from dgmm.web.cycles.models import Cycle, CycleResult, CycleStatus, Participation
from dgmm.web.dashboards.models import PublishedAggregate
from dgmm.web.dashboards.public import stored_aggregates
from dgmm.web.registry.models import Agency, Ministry, Province

ORDER = ("year", "published_at", "pk")


def published_cycles() -> QuerySet[Cycle]:
    return Cycle.objects.filter(status=CycleStatus.PUBLISHED).order_by(*ORDER)


def published_aggregates() -> list[dict[str, Any]]:
    """The stored aggregates of every published cycle, oldest first (one query; a cycle whose
    aggregates are missing or of an older version gets them made, as `aggregates_for` does)."""
    stored = {
        a.cycle_id: a.document
        for a in PublishedAggregate.objects.filter(cycle__status=CycleStatus.PUBLISHED, version=VERSION)
    }
    out = []
    for c in published_cycles():
        doc = stored.get(c.pk)
        if doc is None:
            agg = stored_aggregates(c)
            doc = agg.document if agg else None
        if doc is not None:
            out.append(doc)
    return out


def agency_results(agency: Agency) -> list[tuple[dict[str, Any], dict[str, Any], str]]:
    """(cycle, results document, framework reference) of the agency's tier in each published cycle that
    publishes agency results, oldest first."""
    rows = (
        CycleResult.objects.filter(
            cycle__status=CycleStatus.PUBLISHED, cycle__publish_agency_results=True, tier=agency.tier
        )
        .select_related("cycle")
        .order_by(*(f"cycle__{f}" for f in ORDER))
    )
    return [
        (
            {
                "code": r.cycle.code,
                "year": r.cycle.year,
                "name_th": r.cycle.name_th,
                "name_en": r.cycle.name_en,
            },
            r.document,
            r.framework,
        )
        for r in rows
    ]


@lru_cache(maxsize=32)
def crosswalk_for(old: str, new: str) -> Crosswalk | None:
    """The shipped crosswalk from framework id `old` to `new`, read and checked against both
    frameworks; None when there is none (or a framework cannot be loaded by its id)."""
    path = shipped_crosswalks().get((old, new))
    if path is None:
        return None
    try:
        return read_crosswalk(path, load_framework(old), load_framework(new))
    except (FrameworkError, NotFoundError):
        return None


def framework_names(ref: str) -> dict[str, Any]:
    """Names of a framework reference: {"pillars": {id: {th, en}}, "parts" (pillars and sub-pillars),
    "groups": {id: {th, en}}, "levels": [{th, en}]}."""
    fw = get_framework(ref)
    return {
        "pillars": {p.id: {"th": p.name.th, "en": p.name.en} for p in fw.pillars},
        "parts": {
            **{p.id: {"th": p.name.th, "en": p.name.en} for p in fw.pillars},
            **{sp.id: {"th": sp.name.th, "en": sp.name.en} for _p, sp in fw.iter_sub_pillars()},
        },
        "groups": {g.id: {"th": g.name.th, "en": g.name.en} for g in fw.aggregation.groups},
        "levels": [{"th": t.th, "en": t.en} for t in fw.level_scale],
    }


def _published_participation(**filters: Any) -> Exists:
    return Exists(Participation.objects.filter(cycle__status=CycleStatus.PUBLISHED, **filters))


def listed_ministries() -> QuerySet[Ministry]:
    """Ministries with an agency in a published cycle."""
    return Ministry.objects.filter(_published_participation(agency__ministry=OuterRef("pk")))


def listed_provinces() -> QuerySet[Province]:
    return Province.objects.filter(_published_participation(agency__province=OuterRef("pk")))


def listed_agencies() -> QuerySet[Agency]:
    """Agencies taking part in a published cycle that publishes agency results."""
    return Agency.objects.filter(
        _published_participation(agency=OuterRef("pk"), cycle__publish_agency_results=True)
    )
