"""Users with one role each, and invitations that turn into accounts."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dgmm.web.labels import label_fields


class Role(models.TextChoices):
    RESPONDENT = "respondent", _("Agency respondent")
    PARENT = "parent", _("Parent department")
    ANALYST = "analyst", _("Analyst")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    """A person who signs in. Respondents and parent departments belong to one agency."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.RESPONDENT)
    agency = models.ForeignKey(
        "registry.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )

    # Never stored, set on one request's user object only: the API token the request came with (the
    # audit log records it) and, while a save is running, the watched fields before it (accounts.audit).
    api_token: Any = None
    _audit_before: dict[str, Any] | None = None

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_staff_role(self) -> bool:
        """Analysts and administrators: DGA staff who see every agency."""
        return self.is_superuser or self.role in (Role.ANALYST, Role.ADMIN)

    @property
    def is_admin_role(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN


def _token() -> str:
    return secrets.token_urlsafe(32)


def _expiry():  # type: ignore[no-untyped-def]
    return timezone.now() + timedelta(days=14)


class Invitation(models.Model):
    """An invitation to create an account with a role (and an agency), accepted through its token link."""

    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        "registry.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=_expiry)
    accepted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


label_fields(Invitation, invited_by=_("invited by"), accepted_by=_("accepted by"))
