"""Which agencies a user may see and answer for: the scope every page and call goes through.

    policy = AgencyPolicy(user)
    policy.visible()              # queryset of agencies the user may see
    policy.visible_q("agency__")  # the same scope as a condition on another model's agency
    policy.can_view(agency)       # one agency
    policy.can_answer(agency)     # may fill the agency's questionnaire

Analysts and administrators see every agency; a parent department sees itself and its own agencies
(those whose parent it is); a respondent sees only their agency; anyone else sees none.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from dgmm.web.accounts.permissions import SitePolicy
from dgmm.web.registry.models import Agency


class AgencyPolicy:
    def __init__(self, user: Any) -> None:
        self.user = user
        self.site = SitePolicy(user)

    def visible(self) -> QuerySet[Agency]:
        return Agency.objects.filter(self.visible_q())

    def visible_q(self, path: str = "") -> Q:
        """The visible agencies as a condition on the agency at `path` ("" for agencies themselves,
        "agency__" for the rows of another model that point to an agency)."""
        if self.site.is_staff_role:
            return Q()
        if self.site.is_parent:
            return Q(**{f"{path}pk": self.user.agency_id}) | Q(**{f"{path}parent_id": self.user.agency_id})
        if self.site.is_respondent:
            return Q(**{f"{path}pk": self.user.agency_id})
        return Q(**{f"{path}pk__in": []})

    def visible_ids(self) -> set[int] | None:
        """Ids of the visible agencies; None means every agency (staff)."""
        if self.site.is_staff_role:
            return None
        return set(self.visible().values_list("pk", flat=True))

    def can_view(self, agency: Agency) -> bool:
        ids = self.visible_ids()
        return ids is None or agency.pk in ids

    def can_answer(self, agency: Agency) -> bool:
        """Respondents of the agency (and administrators, who may act for anyone)."""
        if self.site.is_admin_role:
            return True
        return self.site.is_respondent and self.user.agency_id == agency.pk

    def can_manage(self) -> bool:
        return self.site.can_manage_registry
