"""What a user's role allows across the site (the per-object scopes live in each app's permissions.py)."""

from __future__ import annotations

from typing import Any

from dgmm.web.accounts.models import Role


class SitePolicy:
    """Answers "may this user use this part of the site" for navigation and view guards."""

    def __init__(self, user: Any) -> None:
        self.user = user

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    @property
    def is_staff_role(self) -> bool:
        """Analysts and administrators."""
        return self.is_authenticated and bool(self.user.is_staff_role)

    @property
    def is_admin_role(self) -> bool:
        return self.is_authenticated and bool(self.user.is_admin_role)

    @property
    def is_respondent(self) -> bool:
        return self.is_authenticated and self.user.role == Role.RESPONDENT and self.user.agency_id is not None

    @property
    def is_parent(self) -> bool:
        return self.is_authenticated and self.user.role == Role.PARENT and self.user.agency_id is not None

    can_manage_cycles = is_staff_role
    can_manage_registry = is_staff_role
    can_manage_accounts = is_staff_role
    can_review = is_staff_role

    @property
    def can_use_django_admin(self) -> bool:
        return self.is_admin_role and bool(self.user.is_staff)
