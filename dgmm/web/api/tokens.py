"""Creating and revoking API tokens (check() then execute(), see dgmm.web.actions).

Who may create a token for whom:

- every signed-in user, for themselves;
- an administrator, also for a non-staff user (a respondent or a parent department, e.g. an
  agency's own system);
- nobody, for another analyst or administrator: a token acts as its user, so a token for another
  staff account would let its creator act under that person's name;
- the shell (``create_api_token``, actor ``None``): the operator, for any user.

A token lasts ``DEFAULT_DAYS`` unless asked otherwise, never more than ``MAX_DAYS``. Creating and
revoking are audited (kind ACCOUNT); a refused attempt writes nothing. A user may revoke their own
tokens, staff any token.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from dgmm.web.accounts.permissions import SitePolicy
from dgmm.web.actions import Action, ActionError, ActionPermissionError
from dgmm.web.api.models import TOKEN_PREFIX, ApiToken, token_hash
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry

DEFAULT_DAYS = 90
MAX_DAYS = 365


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_days(days: int | None) -> int:
    """The lifetime in days: ``DEFAULT_DAYS`` when not given; ActionError outside 1..MAX_DAYS."""
    if days is None:
        return DEFAULT_DAYS
    if not 1 <= days <= MAX_DAYS:
        message = _("A token lasts from 1 to %(max)d days; %(days)d was asked.") % {
            "max": MAX_DAYS,
            "days": days,
        }
        raise ActionError(
            message,
            code="invalid_days",
            errors=[{"field": "days", "message": message, "code": "out_of_range"}],
        )
    return days


def check_may_ask_for(actor: Any, username: str) -> None:
    """Refuse a non-administrator naming someone else, before any look-up (no hint whether they exist)."""
    if actor is not None and username != actor.get_username() and not SitePolicy(actor).is_admin_role:
        raise ActionPermissionError(_("You may create API tokens for yourself only."))


class CreateToken(Action):
    """A new token for ``owner``; ``execute()`` returns (ApiToken, the token text, shown only now)."""

    def __init__(self, actor: Any, owner: Any, name: str = "", days: int | None = None) -> None:
        self.actor = actor
        self.owner = owner
        self.name = name
        self.days = days

    def check(self) -> None:
        token_days(self.days)
        if self.actor is None or self.owner.pk == self.actor.pk:
            return
        check_may_ask_for(self.actor, self.owner.get_username())
        if self.owner.is_staff_role or self.owner.is_staff:
            raise ActionPermissionError(
                _("Nobody creates API tokens for another analyst or administrator; they create their own.")
            )

    def _execute(self) -> tuple[ApiToken, str]:
        text = new_token()
        expires = timezone.now() + timedelta(days=token_days(self.days))
        token = ApiToken.objects.create(
            user=self.owner,
            name=self.name,
            prefix=text[:12],
            key_hash=token_hash(text),
            created_by=self.actor,
            expires_at=expires,
        )
        record(
            AuditEntry.Kind.ACCOUNT,
            f"api token {token.prefix}… of {self.owner.get_username()}",
            actor=self.actor,
            new=f"expires {expires.date().isoformat()}",
            note=self.name if self.actor is not None else f"{self.name} (command line)".strip(),
        )
        return token, text


class RevokeToken(Action):
    def __init__(self, actor: Any, token: ApiToken) -> None:
        self.actor = actor
        self.token = token

    def check(self) -> None:
        if self.token.user_id != getattr(self.actor, "pk", None) and not SitePolicy(self.actor).is_staff_role:
            raise ActionPermissionError(_("You may revoke your own tokens only."))

    def _execute(self) -> None:
        ApiToken.objects.filter(pk=self.token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        record(
            AuditEntry.Kind.ACCOUNT,
            f"api token {self.token.prefix}… of {self.token.user.get_username()}",
            actor=self.actor,
            old="active",
            new="revoked",
        )


def user_for_token(text: str) -> Any | None:
    """The active token's user (None when unknown, revoked
    or expired); notes the use at most once a minute."""
    try:
        token = ApiToken.objects.select_related("user").get(key_hash=token_hash(text))
    except ApiToken.DoesNotExist:
        return None
    if not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at < now - timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    user = token.user
    user.api_token = token  # this request's user object only: the audit log records the token
    return user
