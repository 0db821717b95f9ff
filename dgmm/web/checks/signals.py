"""Store the flags when an agency submits (`dgmm.web.cycles.signals.answers_submitted`)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from dgmm.errors import DgmmError
from dgmm.web.actions import ActionError
from dgmm.web.cycles.models import Participation
from dgmm.web.cycles.signals import answers_submitted

log = logging.getLogger("dgmm.web")


def on_submitted(sender: Any, participation: Participation, **kwargs: Any) -> None:
    from dgmm.web.checks.evaluation import refresh

    p = Participation.objects.select_related("agency__parent", "cycle").get(pk=participation.pk)
    try:  # checks never block a submission: a framework that cannot be checked leaves the queue unchanged
        with transaction.atomic():
            refresh([p])
    except (DgmmError, ActionError) as exc:
        log.warning(
            "cycle %s agency %s: answers not checked on submission: %s", p.cycle.code, p.agency.code, exc
        )


def connect() -> None:
    answers_submitted.connect(on_submitted, dispatch_uid="checks-on-submission")
