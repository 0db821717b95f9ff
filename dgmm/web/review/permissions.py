"""Who reviews: analysts and administrators, on every participation of a cycle that is not a draft."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from dgmm.web.accounts.permissions import SitePolicy
from dgmm.web.cycles.models import Cycle, CycleStatus, Participation, ParticipationStatus


class ReviewPolicy:
    def __init__(self, user: Any) -> None:
        self.user = user
        self.site = SitePolicy(user)

    def can_review(self) -> bool:
        return self.site.can_review

    def queue(self, cycle: Cycle) -> QuerySet[Participation]:
        """Submissions waiting for review first, then the rest."""
        if not self.can_review():
            return Participation.objects.none()
        return Participation.objects.filter(cycle=cycle).select_related("agency")

    def may_act(self, p: Participation) -> bool:
        return self.can_review() and p.cycle.status == CycleStatus.OPEN

    def can_request_correction(self, p: Participation) -> bool:
        return self.may_act(p) and p.status in (ParticipationStatus.SUBMITTED, ParticipationStatus.APPROVED)

    def can_approve(self, p: Participation) -> bool:
        return self.may_act(p) and p.status == ParticipationStatus.SUBMITTED
