"""Which cycles, participations and results a user may see or act on.

    policy = CyclePolicy(user)
    policy.visible_cycles()                     # queryset
    policy.visible_participations(cycle)        # queryset, scoped through AgencyPolicy
    policy.get_participation(cycle, agency_code)   # or Http404: out-of-scope objects do not exist
    policy.can_edit_answers(p) / can_review(p) / can_view_results(cycle, agency)

Staff (analysts, administrators) see every cycle; respondents and parent departments see the cycles
their visible agencies take part in once opened; the public sees published cycles only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from dgmm.web.accounts.permissions import SitePolicy
from dgmm.web.cycles.models import Cycle, CycleStatus, Participation
from dgmm.web.registry.models import Agency
from dgmm.web.registry.permissions import AgencyPolicy


class CyclePolicy:
    def __init__(self, user: Any) -> None:
        self.user = user
        self.site = SitePolicy(user)
        self.agencies = AgencyPolicy(user)

    # --- cycles ---
    def visible_cycles(self) -> QuerySet[Cycle]:
        if self.site.is_staff_role:
            return Cycle.objects.all()
        if self.site.is_authenticated:
            return Cycle.objects.filter(
                participations__agency__in=self.agencies.visible(),
                status__in=[CycleStatus.OPEN, CycleStatus.CLOSED, CycleStatus.PUBLISHED],
            ).distinct()
        return Cycle.objects.filter(status=CycleStatus.PUBLISHED)

    def get_cycle(self, code: str) -> Cycle:
        try:
            return self.visible_cycles().get(code=code)
        except Cycle.DoesNotExist:
            raise Http404 from None

    def can_manage(self) -> bool:
        return self.site.can_manage_cycles

    # --- participations ---
    def visible_participations(self, cycle: Cycle | None = None) -> QuerySet[Participation]:
        qs = Participation.objects.select_related("agency", "cycle")
        if cycle is not None:
            qs = qs.filter(cycle=cycle)
        if not self.site.is_staff_role:
            qs = qs.filter(self.agencies.visible_q("agency__")).exclude(cycle__status=CycleStatus.DRAFT)
        return qs

    def get_participation(self, cycle_code: str, agency_code: str) -> Participation:
        try:
            return self.visible_participations().get(cycle__code=cycle_code, agency__code=agency_code)
        except Participation.DoesNotExist:
            raise Http404 from None

    def can_edit_answers(self, p: Participation) -> bool:
        return self.agencies.can_answer(p.agency)

    def can_review(self, p: Participation | None = None) -> bool:
        return self.site.can_review

    def can_view_parent_answers(self, p: Participation) -> bool:
        """Whoever sees an agency sees the parent answers its inherited topics use (read-only)."""
        return self.agencies.can_view(p.agency)

    # --- results ---
    def can_view_results(self, cycle: Cycle, agency: Agency | None = None) -> bool:
        """Staff once scored; agencies in scope once published; the public when the cycle says so."""
        if not cycle.has_results:
            return False
        if self.site.is_staff_role:
            return True
        if cycle.status != CycleStatus.PUBLISHED:
            return False
        if agency is None:
            return True
        if self.agencies.can_view(agency):
            return True
        return cycle.publish_agency_results
