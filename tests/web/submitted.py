"""Tests of what closing computes from answers: every agency's answers counted (DECISIONS §28)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from dgmm.web.cycles.models import Participation, ParticipationStatus


def submit_everyone(cycle: Any) -> None:
    """Every participation of the cycle submitted, as if each agency had submitted its answers."""
    Participation.objects.filter(cycle=cycle).update(
        status=ParticipationStatus.SUBMITTED, submitted_at=timezone.now()
    )
