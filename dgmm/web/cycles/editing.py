"""Creating and editing a cycle: everything is checked first, then saved in one transaction, with one
audit entry per changed setting (old → new) and one for the frameworks.

A refused edit saves nothing: not the dates, not the names, not the frameworks.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dgmm.web.actions import ActionError
from dgmm.web.cycles.actions import SaveCycleFrameworks, _StaffAction
from dgmm.web.cycles.audit import changes, entry, record, record_all
from dgmm.web.cycles.models import AuditEntry, Cycle, CycleStatus

# The settings an analyst edits, in the order the audit log lists them.
FIELDS = ("code", "year", "name_th", "name_en", "opens_at", "closes_at", "publish_agency_results")


def _check_values(values: dict[str, Any], cycle: Cycle | None) -> None:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"not cycle settings: {sorted(unknown)}")
    opens, closes = values.get("opens_at"), values.get("closes_at")
    if opens and closes and closes <= opens:
        raise ActionError(_("The closing date must be after the opening date."), code="bad_dates")
    others = Cycle.objects.filter(code=values.get("code"))
    if cycle is not None:
        others = others.exclude(pk=cycle.pk)
    if "code" in values and others.exists():
        raise ActionError(
            _("Another cycle already has the code %(code)s.") % {"code": values["code"]}, code="code_taken"
        )


class CreateCycle(_StaffAction):
    """A new draft cycle with its settings and a framework per tier."""

    def __init__(self, user: Any, values: dict[str, Any], tier_frameworks: dict[str, str]) -> None:
        super().__init__(Cycle(), user)
        self.values = values
        self.tier_frameworks = tier_frameworks

    def check(self) -> None:
        super().check()
        _check_values(self.values, None)

    def _execute(self) -> Cycle:
        with transaction.atomic():
            self.cycle = Cycle.objects.create(**self.values)
            record(AuditEntry.Kind.CYCLE, "created", actor=self.user, cycle=self.cycle, new=self.cycle.code)
            record_all(
                entry(AuditEntry.Kind.CYCLE, f, actor=self.user, cycle=self.cycle, old=None, new=new)
                for f, _old, new in changes({}, self.values)
                if f != "code"
            )
            SaveCycleFrameworks(self.cycle, self.user, self.tier_frameworks).execute(skip_check=True)
        return self.cycle


class EditCycle(_StaffAction):
    """Change a cycle's settings and frameworks, all or nothing.

    Refused: a closing date before the opening date, a code another cycle has, a new code once the
    cycle has left the draft (links and result files name it), other frameworks once it has left
    the draft. The rules are checked again inside the transaction, on the row as stored then.
    """

    def __init__(
        self, cycle: Cycle, user: Any, values: dict[str, Any], tier_frameworks: dict[str, str]
    ) -> None:
        super().__init__(cycle, user)
        self.values = values
        self.tier_frameworks = tier_frameworks

    def check(self) -> None:
        super().check()
        self._check_rules(
            Cycle.objects.get(pk=self.cycle.pk)
        )  # as stored: a form may have changed the object

    def _check_rules(self, stored: Cycle) -> None:
        _check_values(self.values, stored)
        if stored.status != CycleStatus.DRAFT and self.values.get("code", stored.code) != stored.code:
            raise ActionError(_("The code can only change while the cycle is a draft."), code="not_draft")
        SaveCycleFrameworks(stored, self.user, self.tier_frameworks).check()

    def _execute(self) -> Cycle:
        with transaction.atomic():
            stored = Cycle.objects.select_for_update().get(pk=self.cycle.pk)
            self._check_rules(stored)
            diff = changes({f: getattr(stored, f) for f in FIELDS}, self.values)
            if diff:
                Cycle.objects.filter(pk=stored.pk).update(**{f: self.values[f] for f, _old, _new in diff})
            record_all(
                entry(AuditEntry.Kind.CYCLE, f, actor=self.user, cycle=stored, old=old, new=new)
                for f, old, new in diff
            )
            SaveCycleFrameworks(stored, self.user, self.tier_frameworks).execute(skip_check=True)
        stored.refresh_from_db()
        self.cycle = stored
        return stored
