"""Store the flags when an agency submits: every status change is written to the audit log
(`dgmm.web.cycles.actions.set_status`), so a new "submitted" entry is the moment to check."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from dgmm.errors import DgmmError
from dgmm.web.actions import ActionError
from dgmm.web.cycles.models import AuditEntry, Participation, ParticipationStatus

log = logging.getLogger("dgmm.web")


def on_audit_entry(sender: Any, instance: AuditEntry, created: bool, **kwargs: Any) -> None:
    if not (created and instance.kind == AuditEntry.Kind.STATUS and instance.target == "status"):
        return
    if instance.new_value != ParticipationStatus.SUBMITTED or instance.cycle_id is None:
        return
    if instance.agency_id is None:
        return
    from dgmm.web.checks.evaluation import refresh

    p = (
        Participation.objects.filter(cycle_id=instance.cycle_id, agency_id=instance.agency_id)
        .select_related("agency__parent", "cycle")
        .first()
    )
    if p is None:
        return
    try:  # checks never block a submission: a framework that cannot be checked leaves the queue unchanged
        with transaction.atomic():
            refresh([p])
    except (DgmmError, ActionError) as exc:
        log.warning(
            "cycle %s agency %s: answers not checked on submission: %s", p.cycle.code, p.agency.code, exc
        )


def connect() -> None:
    post_save.connect(on_audit_entry, sender=AuditEntry, dispatch_uid="checks-on-submission")
