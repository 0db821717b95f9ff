"""Writing the audit log: every change of an answer, a status, a review, a cycle, the registry or an
account, and every export, goes through here.

An entry keeps the actor's user name as written (``actor_name``) so it survives the account, and the
API token a change was made with: the token authentication puts it on the request's user object
(``user.api_token``), which lives for one request only, so no token leaks into another request.
Entries are only ever added (``AuditEntry`` refuses updates and deletes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.utils import timezone

from dgmm.web.bulk import insert_many
from dgmm.web.cycles.models import AuditEntry

FIELDS = (
    "kind",
    "target",
    "actor",
    "actor_name",
    "token",
    "cycle",
    "agency",
    "at",
    "old_value",
    "new_value",
    "note",
)


def _who(actor: Any) -> tuple[Any, Any]:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return user, getattr(user, "api_token", None) if user is not None else None


def entry(
    kind: str,
    target: str,
    *,
    actor: Any,
    cycle: Any = None,
    agency: Any = None,
    old: str | None = None,
    new: str | None = None,
    note: str = "",
) -> AuditEntry:
    """One entry (who, when, what, old, new), not saved yet."""
    user, token = _who(actor)
    return AuditEntry(
        kind=kind,
        target=target[:120],
        actor=user,
        actor_name=user.get_username() if user is not None else "",
        token=token,
        cycle=cycle,
        agency=agency,
        old_value=old,
        new_value=new,
        note=note,
    )


def record(
    kind: str,
    target: str,
    *,
    actor: Any,
    cycle: Any = None,
    agency: Any = None,
    old: str | None = None,
    new: str | None = None,
    note: str = "",
) -> AuditEntry:
    """Append one entry. Entries are never changed afterwards."""
    e = entry(kind, target, actor=actor, cycle=cycle, agency=agency, old=old, new=new, note=note)
    e.save()
    return e


def record_all(entries: Iterable[AuditEntry]) -> int:
    """Append many entries at once (an import that changes thousands of agencies)."""
    return len(AuditEntry.objects.bulk_create(list(entries), batch_size=500))


def record_export(request: Any, what: str, *, cycle: Any = None, agency: Any = None, note: str = "") -> None:
    """An export or download by a signed-in user or API token: what, for which cycle and agency.

    Never the file's content. Anonymous downloads of published results are public data and are
    not recorded (they would let anyone grow the log)."""
    if getattr(request.user, "is_authenticated", False):
        record(AuditEntry.Kind.EXPORT, what, actor=request.user, cycle=cycle, agency=agency, note=note)


def shown(value: Any) -> str | None:
    """A field value as the log keeps it: ISO dates in local time, yes/no, codes for related rows."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    return str(value)


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[tuple[str, str | None, str | None]]:
    """(field, old, new) of every field whose value differs, in the order of ``after``."""
    return [(f, shown(before.get(f)), shown(v)) for f, v in after.items() if shown(before.get(f)) != shown(v)]


def record_many(
    kind: str,
    rows: Iterable[tuple[str, int, str | None, str | None]],
    *,
    actor: Any,
    cycle_id: int,
    note: str = "",
) -> None:
    """Append an entry per (target, agency id, old, new) of `rows`, by `actor`, now: an import's thousands.

    The same entries as `record` writes, written in bulk (dgmm.web.bulk).
    """
    user, token = _who(actor)
    who = (
        user.pk if user is not None else None,
        user.get_username() if user is not None else "",
        token.pk if token is not None else None,
    )
    now = timezone.now()
    insert_many(
        AuditEntry,
        FIELDS,
        (
            (kind, target[:120], *who, cycle_id, agency_id, now, old, new, note)
            for target, agency_id, old, new in rows
        ),
    )
