"""Deadline reminders: e-mail the respondents of every agency that has not submitted, on set days before
its cycle's deadline (``settings.DGMM_REMINDER_DAYS``, e.g. 14, 7 and 1), each step once.

`python -m dgmm.web remind` runs it; a scheduler starts it once a day (docs/operations.md). For each
open cycle whose deadline is ahead, the step due is the nearest step not below the days left (with
14, 7, 1: 10 days left is step 14, 3 days left step 7, the last day step 1). An agency gets a step's
reminder when it has not submitted (not started, in progress or returned for correction) and has
not had that step's reminder yet. What was sent is kept per participation and step (`ReminderSent`),
so a second run the same day, or two runs at once, send nothing more; a missed day is caught up by
the next run, with the step then due (never the steps already past).

A reminder is recorded and sent in a savepoint of its own (in transactions of `BATCH` agencies):
when the mail server refuses, that record is rolled back and the next run tries again. An agency
without a respondent with an e-mail address is recorded too (with no recipient) and listed, so that
the survey office can invite someone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import (
    EDITABLE_STATUSES,
    AuditEntry,
    Cycle,
    CycleStatus,
    Participation,
    days_to,
)
from dgmm.web.notices import letters
from dgmm.web.notices.mail import send_now
from dgmm.web.notices.models import ReminderSent

BATCH = 200  # agencies recorded per transaction


@dataclass(frozen=True)
class Due:
    """One reminder to send: the agency, the step, the days left and who receives it."""

    participation: Participation
    step: int
    days_left: int
    to: tuple[str, ...]


@dataclass
class Outcome:
    sent: list[Due]
    nobody: list[Due]  # no respondent with an e-mail address: recorded, nothing sent
    failed: list[Due]  # the mail server refused: not recorded, tried again on the next run


def step_due(left: int, steps: Sequence[int]) -> int | None:
    """The nearest step not below `left` (the most urgent reached), or None while no step is reached."""
    reached = [s for s in steps if s >= left]
    return min(reached) if reached else None


def due(now: datetime | None = None, steps: Sequence[int] | None = None) -> Iterator[Due]:
    """Every reminder due now, cycle by cycle and agency by agency."""
    now = now or timezone.now()
    steps = tuple(settings.DGMM_REMINDER_DAYS if steps is None else steps)
    if not steps:
        return
    cycles = Cycle.objects.filter(status=CycleStatus.OPEN, opens_at__lte=now, closes_at__gt=now)
    for cycle in cycles.order_by("closes_at", "code"):
        left = days_to(cycle.closes_at, now)
        step = step_due(left, steps)
        if step is None:
            continue
        waiting = list(
            Participation.objects.filter(cycle=cycle, status__in=EDITABLE_STATUSES)
            .exclude(reminders__days_before=step)
            .select_related("agency", "cycle")
            .order_by("agency__code")
        )
        addresses = letters.respondents_of(p.agency_id for p in waiting)
        for p in waiting:
            yield Due(p, step, max(left, 0), tuple(addresses.get(p.agency_id, ())))


def send(reminders: Sequence[Due], actor: Any = None) -> Outcome:
    """Record and send each reminder; one audit entry per cycle and step for what went out.

    Agencies are written in transactions of `BATCH`, each agency in a savepoint of its own: a refused
    e-mail rolls back that agency's record only.
    """
    outcome = Outcome([], [], [])
    connection = get_connection()  # one for the whole run
    with contextlib.suppress(OSError):  # a server that is down: each message then fails and is retried
        connection.open()
    try:
        for start in range(0, len(reminders), BATCH):
            with transaction.atomic():
                for d in reminders[start : start + BATCH]:
                    _send_one(d, outcome, connection)
    finally:
        with contextlib.suppress(OSError):
            connection.close()
    groups: dict[tuple[int, int], list[Due]] = {}
    for d in outcome.sent + outcome.nobody:
        groups.setdefault((d.participation.cycle_id, d.step), []).append(d)
    for group in groups.values():
        first = group[0]
        reached = sum(1 for d in group if d.to)
        record(
            AuditEntry.Kind.CYCLE,
            f"deadline reminders {first.step} days before",
            actor=actor,
            cycle=first.participation.cycle,
            new=f"{reached} agencies e-mailed, {len(group) - reached} without a respondent's address",
            note="python -m dgmm.web remind",
        )
    return outcome


def _send_one(d: Due, outcome: Outcome, connection: Any) -> None:
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                participation=d.participation, days_before=d.step, recipients=len(d.to)
            )
            if d.to:
                message = letters.reminder(d.participation, d.days_left, list(d.to))
                delivery = send_now([message], connection=connection)
                if delivery.failed:
                    raise _NotDelivered
    except IntegrityError:
        return  # another run recorded this step meanwhile
    except _NotDelivered:
        outcome.failed.append(d)
        return
    (outcome.sent if d.to else outcome.nobody).append(d)


class _NotDelivered(Exception):
    """The mail server refused: roll the record back so the next run tries again."""
