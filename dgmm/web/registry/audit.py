"""The registry's history: every agency created or changed (parent department, ministry, province,
tier, active, names), by an import or in the admin, is an audit entry with its old and new value.

Who sees an agency's answers follows its parent department, so a re-parented agency must leave a trace.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db import models

from dgmm.web.cycles.audit import changes, entry, shown
from dgmm.web.cycles.models import AuditEntry
from dgmm.web.registry.models import Agency, Ministry, Province

# The fields each registry model's history follows; a related row is written as its code.
AUDITED: dict[type[models.Model], tuple[str, ...]] = {
    Agency: (
        "code",
        "name_th",
        "name_en",
        "tier",
        "ministry",
        "province",
        "parent",
        "agency_type",
        "is_active",
    ),
    Ministry: ("code", "abbr_th", "name_th", "name_en"),
    Province: ("code", "name_th", "name_en", "region"),
}
LABELS: dict[type[models.Model], str] = {Ministry: "ministry", Province: "province"}


def state(obj: models.Model) -> dict[str, Any]:
    """The audited fields of a registry row (related rows as their code)."""
    out = {}
    for f in AUDITED[type(obj)]:
        value = getattr(obj, f)
        out[f] = getattr(value, "code", None) if isinstance(value, models.Model) else value
    return out


def agencies_with_relations(codes: Iterable[str]) -> dict[str, Agency]:
    return {
        a.code: a
        for a in Agency.objects.filter(code__in=list(codes)).select_related("ministry", "province", "parent")
    }


def entries(obj: models.Model, before: dict[str, Any] | None, actor: Any, note: str) -> Iterator[AuditEntry]:
    """Entries for one row: "created" (with every value) when there was no ``before``, else one per change."""
    after = state(obj)
    agency = obj if isinstance(obj, Agency) else None
    prefix = "" if agency is not None else f"{LABELS[type(obj)]} {getattr(obj, 'code', '')} "
    if before is None:
        summary = "; ".join(f"{f}={shown(v)}" for f, v in after.items() if v not in (None, ""))
        yield entry(
            AuditEntry.Kind.REGISTRY, prefix + "created", actor=actor, agency=agency, new=summary, note=note
        )
        return
    for field, old, new in changes(before, after):
        yield entry(
            AuditEntry.Kind.REGISTRY, prefix + field, actor=actor, agency=agency, old=old, new=new, note=note
        )


def deleted(obj: models.Model, actor: Any, note: str) -> AuditEntry:
    """The entry for a deleted row (it can no longer be linked: the target names it)."""
    label = "agency" if isinstance(obj, Agency) else LABELS[type(obj)]
    summary = "; ".join(f"{f}={shown(v)}" for f, v in state(obj).items() if v not in (None, ""))
    return entry(
        AuditEntry.Kind.REGISTRY,
        f"{label} {getattr(obj, 'code', '')} deleted",
        actor=actor,
        old=summary,
        new=None,
        note=note,
    )
