"""Trends across years for the public (docs/web.md, "Trends across years"): what the trend pages read.

Only published cycles ever appear. A ministry's and a province's figures are read from each
published cycle's stored public aggregates (`PublishedAggregate`, made at publication); an agency's
from the frozen results of the published cycles that publish agency results. The series and what may
be compared between two cycles are made by the core (`dgmm.trends`), through the crosswalks shipped
with dgmm (`dgmm.framework.crosswalk`) when two cycles used different frameworks.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from django.db import connection
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
    """(cycle, results, framework reference) of the agency's tier in each published cycle that
    publishes agency results, oldest first. `results` is the results document cut down to what the
    agency's page reads: its ``framework`` and, in ``agencies``, the agency's own record (none when it
    has none). The database picks the record out of each document (PostgreSQL's jsonb path, SQLite's
    json_each), so a page does not load thousands of other agencies' records."""
    rows = list(
        CycleResult.objects.filter(
            cycle__status=CycleStatus.PUBLISHED, cycle__publish_agency_results=True, tier=agency.tier
        )
        .order_by(*(f"cycle__{f}" for f in ORDER))
        .values_list("pk", "framework", "cycle__code", "cycle__year", "cycle__name_th", "cycle__name_en")
    )
    parts = _records([r[0] for r in rows], agency.code)
    out = []
    for pk, ref, code, year, name_th, name_en in rows:
        framework, record = parts[pk]
        doc = {"framework": framework, "agencies": [record] if record else []}
        out.append(({"code": code, "year": year, "name_th": name_th, "name_en": name_en}, doc, ref))
    return out


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _records(pks: list[int], code: str) -> dict[int, tuple[dict[str, Any], dict[str, Any] | None]]:
    """{result pk: (the document's framework block, the agency's record or None)}."""
    if not pks:
        return {}
    table = connection.ops.quote_name(CycleResult._meta.db_table)
    marks = ", ".join(["%s"] * len(pks))
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT id, document->'framework', jsonb_path_query_first(document, "
            f"'$.agencies[*] ? (@.id == $id)', jsonb_build_object('id', %s::text)) "
            f"FROM {table} WHERE id IN ({marks})"
        )
    elif connection.vendor == "sqlite":
        sql = (
            f"SELECT id, json_extract(document, '$.framework'), (SELECT e.value FROM "
            f"json_each({table}.document, '$.agencies') AS e WHERE json_extract(e.value, '$.id') = %s) "
            f"FROM {table} WHERE id IN ({marks})"
        )
    else:  # any other database: the whole documents, cut down here
        found = {}
        for pk, doc in CycleResult.objects.filter(pk__in=pks).values_list("pk", "document"):
            rec = next((r for r in doc.get("agencies", []) if r.get("id") == code), None)
            found[pk] = (doc["framework"], rec)
        return found
    with connection.cursor() as cur:
        cur.execute(sql, [code, *pks])
        return {pk: (_json(fw), _json(rec) if rec is not None else None) for pk, fw, rec in cur.fetchall()}


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
