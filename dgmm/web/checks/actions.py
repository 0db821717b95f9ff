"""Resolving a flag: an analyst writes why the answers are right (or what was done), audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dgmm.web.actions import Action, ActionError, ActionPermissionError
from dgmm.web.checks.models import NOTE_MAX, CheckFlag, FlagStatus
from dgmm.web.checks.permissions import ChecksPolicy
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry


class ResolveFlag(Action):
    """Mark a flag resolved with a required note; it stays so unless the values that raised it change."""

    def __init__(self, flag: CheckFlag, user: Any, note: str) -> None:
        self.flag = flag
        self.user = user
        self.note = note.strip()

    def check(self) -> None:
        if not ChecksPolicy(self.user).can_resolve():
            raise ActionPermissionError(_("Only analysts resolve flagged answers."))
        if self.flag.status != FlagStatus.OPEN:
            raise ActionError(_("This flag is already resolved."), code="already_resolved")
        if not self.note:
            raise ActionError(
                _("Write a note: why the answers stand, or what was done about them."), code="note_required"
            )
        if len(self.note) > NOTE_MAX:
            raise ActionError(
                _("The note is too long: at most %(max)d characters, found %(count)d.")
                % {"max": NOTE_MAX, "count": len(self.note)},
                code="note_too_long",
            )

    def _execute(self) -> CheckFlag:
        f = self.flag
        with transaction.atomic():
            updated = CheckFlag.objects.filter(pk=f.pk, status=FlagStatus.OPEN).update(
                status=FlagStatus.RESOLVED,
                resolution_note=self.note,
                resolved_by=self.user,
                resolved_at=timezone.now(),
            )
            if updated != 1:
                raise ActionError(_("This flag is already resolved."), code="already_resolved")
            record(
                AuditEntry.Kind.REVIEW,
                f"check {f.key}",
                actor=self.user,
                cycle=f.participation.cycle,
                agency=f.participation.agency,
                old=FlagStatus.OPEN,
                new=FlagStatus.RESOLVED,
                note=self.note,
            )
        f.refresh_from_db()
        return f
