"""Users with one role each, and invitations that turn into accounts."""

from __future__ import annotations

import hashlib
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


INVITATION_DAYS = 14  # an invitation link works this long (a resent one again from when it is resent)
TOKEN_MAX_CHARS = 100  # a longer token in a link is no token of ours: answered 404 without a look-up


def token_hash(token: str) -> str:
    """The stored form of an invitation token (256 random bits, so a plain SHA-256 is enough)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _token() -> str:
    """Kept for migration 0001 (tokens were stored as they were sent until 0002 hashed them)."""
    return secrets.token_urlsafe(32)


def _unknown_token_hash() -> str:
    """The hash of a token nobody was told: an invitation made without `new_link` has no working link."""
    return token_hash(secrets.token_urlsafe(32))


def _expiry():  # type: ignore[no-untyped-def]
    return timezone.now() + timedelta(days=INVITATION_DAYS)


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> InvitationQuerySet:
        """Not accepted and not expired: the link works."""
        return self.filter(accepted_at=None, expires_at__gt=timezone.now())

    def with_status(self, status: str) -> InvitationQuerySet:
        if status == InvitationStatus.PENDING:
            return self.open()
        if status == InvitationStatus.ACCEPTED:
            return self.exclude(accepted_at=None)
        if status == InvitationStatus.EXPIRED:
            return self.filter(accepted_at=None, expires_at__lte=timezone.now())
        return self


class Invitation(models.Model):
    """An invitation to create an account with a role (and an agency), accepted through its token link.

    Only the token's hash is stored: the link goes out in the e-mail (and is shown to the analyst who
    made it) and can never be read back. Resending makes a new token (`new_link`), so the old link
    stops working.
    """

    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        "registry.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    token_hash = models.CharField(max_length=64, unique=True, default=_unknown_token_hash, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=_expiry)
    accepted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    sent_count = models.PositiveIntegerField(_("links sent"), default=1)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()

    @property
    def status(self) -> str:
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        return InvitationStatus.PENDING if self.expires_at > timezone.now() else InvitationStatus.EXPIRED

    def get_status_display(self) -> str:
        return str(InvitationStatus(self.status).label)

    def new_link(self) -> str:
        """A new token (the previous one stops working) and a new expiry; the token, to put in the link.

        The caller saves the invitation (``token_hash`` and ``expires_at``).
        """
        token = secrets.token_urlsafe(32)
        self.token_hash = token_hash(token)
        self.expires_at = timezone.now() + timedelta(days=INVITATION_DAYS)
        return token

    @classmethod
    def find(cls, token: str) -> Invitation | None:
        """The invitation a link's token opens, if any."""
        if not token or len(token) > TOKEN_MAX_CHARS:
            return None
        return cls.objects.filter(token_hash=token_hash(token)).select_related("agency").first()


label_fields(Invitation, invited_by=_("invited by"), accepted_by=_("accepted by"))
