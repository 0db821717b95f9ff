"""Writing the audit log: every change of an answer, a status, a review or a cycle goes through here."""

from __future__ import annotations

from typing import Any

from dgmm.web.cycles.models import AuditEntry


def record(kind: str, target: str, *, actor: Any, cycle: Any = None, agency: Any = None,
           old: str | None = None, new: str | None = None, note: str = "") -> AuditEntry:
    """Append one entry (who, when, what, old, new). Entries are never changed afterwards."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(kind=kind, target=target, actor=user, cycle=cycle, agency=agency,
                                     old_value=old, new_value=new, note=note)
