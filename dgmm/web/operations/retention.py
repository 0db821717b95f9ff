"""Retention: the files of removed evidence go after a grace period; expired sessions go.

A removed evidence file stays on disk for ``days`` after its removal (so a mistaken removal can still
be undone by an administrator), then its file is deleted. The row stays, with its name, size and
sha256, as the record of what was attached; the audit log gets an entry for each file deleted.
Expired invitations are left alone: they can no longer be accepted, and they record who was invited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry, Evidence

DEFAULT_DAYS = 30


@dataclass
class PurgeReport:
    evidence: list[tuple[Evidence, datetime]] = field(default_factory=list)
    sessions: int = 0


def purge(days: int = DEFAULT_DAYS, dry_run: bool = False) -> PurgeReport:
    now = timezone.now()
    cutoff = now - timedelta(days=days)
    report = PurgeReport()
    removed = (
        Evidence.objects.filter(is_removed=True, removed_at__lte=cutoff)
        .exclude(file="")
        .select_related("cycle", "agency")
    )
    report.evidence = [(ev, ev.removed_at) for ev in removed.order_by("pk") if ev.removed_at is not None]
    report.sessions = Session.objects.filter(expire_date__lt=now).count()
    if dry_run:
        return report
    for ev, when in report.evidence:
        name = ev.file.name or ""
        with transaction.atomic():
            Evidence.objects.filter(pk=ev.pk).update(file="")
            record(
                AuditEntry.Kind.EVIDENCE,
                ev.input_code or ev.topic_id,
                actor=None,
                cycle=ev.cycle,
                agency=ev.agency,
                old=ev.original_name,
                note=f"file deleted {days} days after its removal ({when:%Y-%m-%d}); sha256 {ev.sha256}",
            )
        ev.file.storage.delete(name)
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return report
