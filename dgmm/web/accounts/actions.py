"""Account operations: invite someone, accept an invitation (creates the account with its role).

Both are audited (kind ACCOUNT); the account's own creation is recorded by accounts/audit.py.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dgmm.web.accounts.models import Invitation, Role, User
from dgmm.web.accounts.permissions import SitePolicy
from dgmm.web.actions import Action, ActionError, ActionPermissionError
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry


class Invite(Action):
    def __init__(self, user: Any, email: str, role: str, agency: Any = None) -> None:
        self.user = user
        self.email = email
        self.role = role
        self.agency = agency

    def check(self) -> None:
        site = SitePolicy(self.user)
        if not site.can_manage_accounts:
            raise ActionPermissionError(_("Only analysts invite people."))
        if self.role == Role.ADMIN and not site.is_admin_role:
            raise ActionPermissionError(_("Only administrators invite administrators."))
        if self.role in (Role.RESPONDENT, Role.PARENT) and self.agency is None:
            raise ActionError(_("Respondents and parent departments need an agency."), code="agency_required")

    def _execute(self) -> Invitation:
        inv = Invitation.objects.create(
            email=self.email, role=self.role, agency=self.agency, invited_by=self.user
        )
        record(
            AuditEntry.Kind.ACCOUNT,
            f"invitation {inv.email}",
            actor=self.user,
            new=f"role={inv.role} agency={getattr(inv.agency, 'code', '–')}",
            note=f"invited, open until {inv.expires_at.date().isoformat()}",
        )
        return inv


class AcceptInvitation(Action):
    def __init__(
        self, invitation: Invitation, username: str, password: str, first_name: str = "", last_name: str = ""
    ) -> None:
        self.invitation = invitation
        self.username = username
        self.password = password
        self.first_name = first_name
        self.last_name = last_name

    def check(self) -> None:
        if not self.invitation.is_open:
            raise ActionError(_("This invitation was used or has expired."), code="invitation_closed")

    def _execute(self) -> User:
        inv = self.invitation
        with transaction.atomic():
            if Invitation.objects.filter(pk=inv.pk, accepted_at=None).update(accepted_at=timezone.now()) != 1:
                raise ActionError(_("This invitation was used or has expired."), code="invitation_closed")
            is_admin = inv.role == Role.ADMIN
            user = User.objects.create_user(
                self.username,
                inv.email,
                self.password,
                role=inv.role,
                agency=inv.agency,
                first_name=self.first_name,
                last_name=self.last_name,
                is_staff=is_admin,
                is_superuser=is_admin,
            )
            Invitation.objects.filter(pk=inv.pk).update(accepted_by=user)
            record(
                AuditEntry.Kind.ACCOUNT,
                f"invitation {inv.email}",
                actor=user,
                old="open",
                new=f"accepted as {user.get_username()}",
            )
        return user
