"""Importing a cycle's answers from a file: checked in full, then saved in one transaction.

    action = ImportAnswers(cycle, user, path, display_name="answers.xlsx")
    action.check()            # ActionPermissionError / ActionError (cycle not open, deadline passed)
    report = action.execute() # AnswerError listing every problem (nothing saved), or an ImportReport

Scopes: analysts and administrators import for any agency of the cycle (and analyst checks, with
``source`` analyst); a respondent imports for their own agency only. Answers of a submitted or
approved agency are locked: rows that would change them are reported, not saved, until an analyst
reopens the submission. Every change bumps the answer's version and is written to the audit log.

Every row is checked before the transaction starts; in it, the saved answers are read once (and
locked), and the new answers, the changed ones and their audit entries are written in bulk
(dgmm.web.bulk), so a large file holds the write lock for a short time (bench/imports.py).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dgmm.web.actions import Action, ActionError, ActionPermissionError, ConflictError
from dgmm.web.bulk import insert_many, update_many
from dgmm.web.cycles.actions import start_participations
from dgmm.web.cycles.audit import record, record_many
from dgmm.web.cycles.models import (
    EDITABLE_STATUSES,
    Answer,
    AnswerSource,
    AuditEntry,
    Cycle,
    CycleStatus,
    Participation,
)
from dgmm.web.cycles.permissions import CyclePolicy
from dgmm.web.exchange.longformat import ImportScope, LongRow, check_answers_file
from dgmm.web.uploads import save_upload

BULK = 500  # agencies named in one query; saved answers fetched this many at a time
ANSWER_FIELDS = ("cycle", "agency", "code", "source", "value", "version", "updated_at", "updated_by")
LOCKED_SHOWN = 100  # locked rows listed in a report (all are counted)


@dataclass(frozen=True)
class LockedRow:
    row: int
    agency_id: str
    code: str
    status: str


@dataclass
class ImportReport:
    """What an import did: counts, and the rows left alone because the agency's answers are locked."""

    file: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    agencies: int = 0
    locked: list[LockedRow] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "agencies": self.agencies,
            "locked": [
                {"row": r.row, "agency_id": r.agency_id, "input": r.code, "status": r.status}
                for r in self.locked[:LOCKED_SHOWN]
            ],
            "locked_count": len(self.locked),
        }


def import_scope(cycle: Cycle, user: Any) -> ImportScope:
    """The participants of the cycle, and those the user may import for (may be none)."""
    policy = CyclePolicy(user)
    parts = {
        p.agency.code: p
        for p in Participation.objects.filter(cycle=cycle).select_related("agency", "agency__parent")
    }
    staff = policy.site.is_staff_role
    allowed = (
        frozenset(parts) if staff else frozenset(c for c, p in parts.items() if policy.can_edit_answers(p))
    )
    own = "" if staff else (user.agency.code if getattr(user, "agency", None) else "")
    return ImportScope(cycle, parts, allowed, analyst_allowed=policy.can_review(), own_agency=own)


class ImportAnswers(Action):
    """Import long-format rows (a file, or rows converted from form submissions) into one cycle."""

    def __init__(
        self,
        cycle: Cycle,
        user: Any,
        path: str | Path,
        display_name: str = "",
        rows_of: Callable[[Path, str, ImportScope], list[LongRow]] | None = None,
    ) -> None:
        self.cycle = cycle
        self.user = user
        self.path = Path(path)
        self.display_name = display_name or self.path.name
        self.rows_of = rows_of or check_answers_file
        self.scope: ImportScope | None = None
        self.write_seconds = 0.0  # how long the last execute() held the transaction (the write lock)

    def check(self) -> None:
        policy = CyclePolicy(self.user)
        scope = import_scope(self.cycle, self.user)
        if not scope.allowed:
            raise ActionPermissionError(_("You may not import answers into this cycle."))
        if self.cycle.status != CycleStatus.OPEN:
            raise ActionError(_("The cycle is not open: answers cannot be imported."), code="cycle_closed")
        if not policy.site.is_staff_role and not self.cycle.is_accepting_answers:
            raise ActionError(
                _("The cycle is not accepting answers (the deadline has passed)."), code="cycle_closed"
            )
        self.scope = scope

    def _execute(self) -> ImportReport:
        scope = self.scope or import_scope(self.cycle, self.user)
        rows = self.rows_of(self.path, self.display_name, scope)  # every row checked before the write lock
        report = ImportReport(self.display_name, rows=len(rows))
        started = time.perf_counter()
        with transaction.atomic():
            self._save(rows, scope, report)
        self.write_seconds = time.perf_counter() - started
        return report

    def _save(self, rows: list[LongRow], scope: ImportScope, report: ImportReport) -> None:
        """In the transaction: compare with the saved answers
        (locked), then write in a few bulk statements."""
        parts = scope.participants
        agency_pks = {parts[r.agency_id].agency_id for r in rows}
        saved = Answer.objects.select_for_update().filter(cycle=self.cycle)
        if len(agency_pks) <= BULK:
            saved = saved.filter(agency_id__in=agency_pks)
        existing = {
            (agency_id, code, source): (pk, value, version)
            for pk, agency_id, code, source, value, version in saved.values_list(
                "pk", "agency_id", "code", "source", "value", "version"
            ).iterator(BULK)
        }
        now = timezone.now()
        user = self.user.pk if getattr(self.user, "is_authenticated", False) else None
        note = _("import of %(file)s") % {"file": self.display_name}
        create: list[tuple[Any, ...]] = []  # ANSWER_FIELDS
        update: list[tuple[Any, ...]] = []  # value, version, updated_at, updated_by, pk
        audit: list[tuple[str, int, str | None, str]] = []  # target, agency, old, new
        changed_agencies: set[str] = set()
        for r in rows:
            p = parts[r.agency_id]
            current = existing.get((p.agency_id, r.code, r.source))
            if current is not None and current[1] == r.raw:
                report.unchanged += 1
                continue
            if r.source == AnswerSource.AGENCY and p.status not in EDITABLE_STATUSES:
                report.locked.append(LockedRow(r.row, r.agency_id, r.code, p.status))
                continue
            if current is None:
                create.append((self.cycle.pk, p.agency_id, r.code, r.source, r.raw, 1, now, user))
            else:
                update.append((r.raw, current[2] + 1, now, user, current[0]))
            target = r.code if r.source == AnswerSource.AGENCY else f"{r.code} (analyst)"
            audit.append((target, p.agency_id, None if current is None else current[1], r.raw))
            if r.source == AnswerSource.AGENCY:
                changed_agencies.add(r.agency_id)
        try:
            with transaction.atomic():
                insert_many(Answer, ANSWER_FIELDS, create)
        except IntegrityError:  # an answer created meanwhile (the saved ones are locked)
            raise self._conflict() from None
        update_many(Answer, ("value", "version", "updated_at", "updated_by"), update)
        record_many(AuditEntry.Kind.ANSWER, audit, actor=self.user, cycle_id=self.cycle.pk, note=note)
        report.created, report.updated = len(create), len(update)
        report.agencies = len({agency for _t, agency, _o, _n in audit})
        start_participations([parts[code] for code in sorted(changed_agencies)], self.user, note=note)
        record(
            AuditEntry.Kind.CYCLE,
            "answers import",
            actor=self.user,
            cycle=self.cycle,
            new=_("%(created)d created, %(updated)d updated, %(locked)d locked")
            % {"created": report.created, "updated": report.updated, "locked": len(report.locked)},
            note=note,
        )

    def _conflict(self) -> ConflictError:
        return ConflictError(
            _(
                "Some of these answers were changed by someone else while the file was imported; "
                "nothing was imported. Import the file again."
            ),
            code="conflict",
        )


def import_upload(
    cycle: Cycle,
    user: Any,
    upload: Any,
    rows_of: Callable[[Path, str, ImportScope], list[LongRow]] | None = None,
) -> ImportReport:
    """Check and import an uploaded long-format file (or, with ``rows_of``, a form-submissions export)."""
    with tempfile.TemporaryDirectory(prefix="dgmm-import-") as tmp:
        path, name = save_upload(upload, tmp, "answers.csv")
        report: ImportReport = ImportAnswers(cycle, user, path, name, rows_of=rows_of).execute()
        return report
