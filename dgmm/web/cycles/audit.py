"""Writing the audit log: every change of an answer, a status, a review, a cycle, the registry or an
account, and every export, goes through here.

An entry keeps the actor's user name as written (``actor_name``) so it survives the account, and the
API token a change was made with: the token authentication puts it on the request's user object
(``user.api_token``), which lives for one request only, so no token leaks into another request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dgmm.web.cycles.models import AuditEntry


def entry(kind: str, target: str, *, actor: Any, cycle: Any = None, agency: Any = None,
          old: str | None = None, new: str | None = None, note: str = "") -> AuditEntry:
    """One entry (who, when, what, old, new), not yet saved: `record` saves one, `record_many` many."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    token = getattr(user, "api_token", None) if user is not None else None
    return AuditEntry(kind=kind, target=target[:120], actor=user,
                      actor_name=user.get_username() if user is not None else "",
                      token=token, cycle=cycle, agency=agency, old_value=old, new_value=new, note=note)


def record(kind: str, target: str, *, actor: Any, cycle: Any = None, agency: Any = None,
           old: str | None = None, new: str | None = None, note: str = "") -> AuditEntry:
    """Append one entry (who, when, what, old, new). Entries are never changed afterwards."""
    e = entry(kind, target, actor=actor, cycle=cycle, agency=agency, old=old, new=new, note=note)
    e.save()
    return e


def record_many(entries: Iterable[AuditEntry]) -> None:
    """Append many entries (from `entry`) in a few statements: an import of many answers."""
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
