"""Public data of published cycles, for anyone (no token): the cycles, their aggregates, their data
package descriptor and each table of it (docs/public-data.md, docs/api.md). A cycle that is not
published is 404, as if it did not exist."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from dgmm.web.api.schemas import ERRORS, PublicAggregates, PublicCycle, PublicTable
from dgmm.web.cycles.models import Cycle, CycleStatus
from dgmm.web.dashboards.public import aggregates_for, base_url, package_for, published_cycle

router = Router(tags=["public data"], auth=None)


@router.get(
    "/public/cycles",
    response={200: list[PublicCycle], **ERRORS},
    operation_id="public_cycles",
    url_name="public-cycles",
)
def public_cycles(request: HttpRequest) -> list[dict[str, Any]]:
    """Every published cycle, the most recent first, with where its open data is."""
    return [
        {
            "code": c.code,
            "year": c.year,
            "name_th": c.name_th,
            "name_en": c.name_en,
            "published_at": c.published_at,
            "agency_results": c.publish_agency_results,
            "open_data": base_url(c),
        }
        for c in Cycle.objects.filter(status=CycleStatus.PUBLISHED).order_by("-year", "code")
    ]


@router.get(
    "/public/cycles/{cycle}/aggregates",
    response={200: PublicAggregates, **ERRORS},
    operation_id="public_aggregates",
    url_name="public-aggregates",
)
def public_aggregates(request: HttpRequest, cycle: str) -> dict[str, Any]:
    """The cycle's public aggregates (format ``dgmm-public-aggregates``, docs/public-data.md)."""
    doc = aggregates_for(published_cycle(cycle))
    if doc is None:
        raise Http404
    return doc


@router.get(
    "/public/cycles/{cycle}/datapackage",
    response={200: dict[str, Any], **ERRORS},
    operation_id="public_datapackage",
    url_name="public-datapackage",
)
def public_datapackage(request: HttpRequest, cycle: str) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the cycle's open data (its files under the cycle's
    ``open_data`` address)."""
    package = package_for(published_cycle(cycle))
    if package is None:
        raise Http404
    out: dict[str, Any] = json.loads(package.read("datapackage.json"))
    return out


@router.get(
    "/public/cycles/{cycle}/tables/{name}",
    response={200: PublicTable, **ERRORS},
    operation_id="public_table",
    url_name="public-table",
)
def public_table(request: HttpRequest, cycle: str, name: str) -> dict[str, Any]:
    """One table of the data package as JSON: its fields (Table Schema) and rows (objects by field
    name). The ``agencies`` table exists only when the cycle publishes agency results."""
    package = package_for(published_cycle(cycle))
    table = None if package is None else package.table_json(name)
    if table is None:
        raise Http404
    return table
