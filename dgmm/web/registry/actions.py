"""Registry operations: import agencies from a CSV/XLSX file (validated in full, saved in one transaction,
every agency created or changed written to the audit log with its old and new values)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dgmm import InputFileError, Problem
from dgmm.registry import AGENCY_COLUMNS, REQUIRED_COLUMNS, check_agencies
from dgmm.registry import Agency as CoreAgency
from dgmm.tables import read_rows
from dgmm.web.actions import Action, ActionPermissionError
from dgmm.web.cycles.audit import record, record_all
from dgmm.web.cycles.models import AuditEntry
from dgmm.web.registry.audit import agencies_with_relations, entries, state
from dgmm.web.registry.models import Agency, Ministry, Province
from dgmm.web.registry.permissions import AgencyPolicy
from dgmm.web.uploads import import_limits, localized, save_upload


@dataclass
class ImportReport:
    created: int
    updated: int


class ImportAgencies(Action):
    """Create or update agencies from a file with the core's agencies columns.

    Every row is checked first (with the core's ``check_agencies``: unique ids, known tiers, parents
    that exist in the file or the registry, no cycles; plus known ministry and province codes);
    any problem raises InputFileError listing all of them and nothing is saved.
    """

    def __init__(self, user: Any, path: str | Path, display_name: str = "") -> None:
        self.user = user
        self.path = Path(path)
        self.display_name = display_name or self.path.name

    def check(self) -> None:
        if not AgencyPolicy(self.user).can_manage():
            raise ActionPermissionError(_("Only analysts import agencies."))

    def read(self) -> list[CoreAgency]:
        try:
            cols, rows = read_rows(self.path, REQUIRED_COLUMNS, import_limits())
            return self._agencies(cols, rows)
        except InputFileError as exc:  # unreadable, too large, missing columns
            raise localized(
                exc, self.display_name, _("%(name)s: nothing was imported") % {"name": self.display_name}
            ) from None

    def _agencies(self, cols: list[str], rows: Iterable[tuple[int, list[str]]]) -> list[CoreAgency]:
        index = {c: i for i, c in enumerate(cols)}
        fields = [c for c in AGENCY_COLUMNS if c in index]
        out = []
        for rownum, cells in rows:
            if not any(c.strip() for c in cells):
                continue
            values = {f: cells[index[f]].strip() if index[f] < len(cells) else "" for f in fields}
            out.append(CoreAgency(row=rownum, **values))
        return out

    def validate(self, rows: list[CoreAgency]) -> None:
        name = self.display_name
        in_file = {a.id for a in rows}
        existing = [
            CoreAgency(id=code, tier=tier, parent_id=parent or "")
            for code, tier, parent in Agency.objects.exclude(code__in=in_file).values_list(
                "code", "tier", "parent__code"
            )
        ]
        problems: list[Problem] = []
        try:
            check_agencies([*rows, *existing], name)
        except InputFileError as exc:
            problems.extend(exc.problems)
        ministries = set(Ministry.objects.values_list("code", flat=True))
        provinces = set(Province.objects.values_list("code", flat=True))
        for a in rows:
            if a.ministry and a.ministry not in ministries:
                problems.append(
                    Problem(
                        name, a.row, "ministry", f"unknown ministry code {a.ministry!r}", "unknown_ministry"
                    )
                )
            if a.province and a.province not in provinces:
                problems.append(
                    Problem(
                        name, a.row, "province", f"unknown province code {a.province!r}", "unknown_province"
                    )
                )
            if not a.name_th:
                problems.append(Problem(name, a.row, "name_th", "the Thai name is empty", "missing"))
        if problems:
            raise InputFileError(
                problems, f"{name}: nothing was imported", limit=import_limits().max_problems
            )

    def _execute(self) -> ImportReport:
        rows = self.read()
        self.validate(rows)
        ministries = {m.code: m for m in Ministry.objects.all()}
        provinces = {p.code: p for p in Province.objects.all()}
        created = updated = 0
        with transaction.atomic():
            before = {code: state(a) for code, a in agencies_with_relations(a.id for a in rows).items()}
            saved: dict[str, Agency] = {}
            for a in rows:
                obj, was_created = Agency.objects.update_or_create(
                    code=a.id,
                    defaults={
                        "name_th": a.name_th,
                        "name_en": a.name_en,
                        "tier": a.tier,
                        "ministry": ministries.get(a.ministry),
                        "province": provinces.get(a.province),
                        "agency_type": a.agency_type,
                    },
                )
                saved[a.id] = obj
                created += was_created
                updated += not was_created
            for a in rows:
                parent = saved.get(a.parent_id) or (
                    Agency.objects.get(code=a.parent_id) if a.parent_id else None
                )
                Agency.objects.filter(pk=saved[a.id].pk).update(parent=parent)
            after = agencies_with_relations(saved)
            record_all(
                e
                for code, a in after.items()
                for e in entries(a, before.get(code), self.user, self.display_name)
            )
            record(
                AuditEntry.Kind.REGISTRY,
                "registry import",
                actor=self.user,
                new=f"{created} created, {updated} updated",
                note=self.display_name,
            )
        return ImportReport(created, updated)


def import_upload(user: Any, upload: Any) -> ImportReport:
    """Import an uploaded file (written to a temporary file so the core's readers can open it)."""
    with tempfile.TemporaryDirectory(prefix="dgmm-import-") as tmp:
        path, name = save_upload(upload, tmp, "agencies.csv")
        report: ImportReport = ImportAgencies(user, path, display_name=name).execute()
        return report
