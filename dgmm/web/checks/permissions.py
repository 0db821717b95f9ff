"""Who sees the queue of flagged answers and resolves flags: analysts and administrators only.

Respondents and parent departments see the warnings on their own questionnaire pages (whoever may see
a participation sees its warnings); the queue and its resolutions are the analysts' work."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from dgmm.web.accounts.permissions import SitePolicy
from dgmm.web.checks.models import CheckFlag
from dgmm.web.cycles.models import Cycle


class ChecksPolicy:
    def __init__(self, user: Any) -> None:
        self.site = SitePolicy(user)

    def can_view_queue(self) -> bool:
        return self.site.is_staff_role

    def can_resolve(self) -> bool:
        return self.site.can_review

    def queue(self, cycle: Cycle) -> QuerySet[CheckFlag]:
        """The flags of the current answers of a cycle (none for users outside the analysts)."""
        if not self.can_view_queue():
            return CheckFlag.objects.none()
        return CheckFlag.objects.filter(participation__cycle=cycle, is_current=True).select_related(
            "participation__agency__ministry", "participation__agency__province", "resolved_by"
        )
