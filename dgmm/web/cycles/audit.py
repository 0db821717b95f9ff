"""Writing the audit log: every change of an answer, a status, a review, a cycle, the registry or an
account, and every export, goes through here.

An entry keeps the actor's user name as written (``actor_name``) so it survives the account, and the
API token a change was made with: the token authentication puts it on the request's user object
(``user.api_token``), which lives for one request only, so no token leaks into another request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from dgmm.web.bulk import insert_many
from dgmm.web.cycles.models import AuditEntry

FIELDS = ("kind", "target", "actor", "actor_name", "token", "cycle", "agency", "at", "old_value", "new_value", "note")


def _who(actor: Any) -> tuple[Any, Any]:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return user, getattr(user, "api_token", None) if user is not None else None


def record(kind: str, target: str, *, actor: Any, cycle: Any = None, agency: Any = None,
           old: str | None = None, new: str | None = None, note: str = "") -> AuditEntry:
    """Append one entry (who, when, what, old, new). Entries are never changed afterwards."""
    user, token = _who(actor)
    return AuditEntry.objects.create(kind=kind, target=target[:120], actor=user,
                                     actor_name=user.get_username() if user is not None else "",
                                     token=token, cycle=cycle, agency=agency,
                                     old_value=old, new_value=new, note=note)


def record_many(kind: str, changes: Iterable[tuple[str, int, str | None, str | None]], *, actor: Any,
                cycle_id: int, note: str = "") -> None:
    """Append an entry per (target, agency id, old, new) of `changes`, by `actor`, now: an import's thousands.

    The same entries as `record` writes, written in bulk (dgmm.web.bulk).
    """
    user, token = _who(actor)
    who = (user.pk if user is not None else None, user.get_username() if user is not None else "",
           token.pk if token is not None else None)
    now = timezone.now()
    insert_many(AuditEntry, FIELDS, ((kind, target[:120], *who, cycle_id, agency_id, now, old, new, note)
                                     for target, agency_id, old, new in changes))
