"""Creating and revoking API tokens (check() then execute(), see dgmm.web.actions).

Analysts and administrators create tokens for any user; a user may revoke their own tokens. The
management command ``create_api_token`` does the same from the shell.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from dgmm.web.accounts.permissions import SitePolicy
from dgmm.web.actions import Action, ActionPermissionError
from dgmm.web.api.models import TOKEN_PREFIX, ApiToken, token_hash
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class CreateToken(Action):
    """A new token for ``owner``; ``execute()`` returns (ApiToken, the token text, shown only now)."""

    def __init__(self, actor: Any, owner: Any, name: str = "", days: int | None = None) -> None:
        self.actor = actor
        self.owner = owner
        self.name = name
        self.days = days

    def check(self) -> None:
        if self.actor is not None and not SitePolicy(self.actor).is_staff_role:
            raise ActionPermissionError(_("Only analysts and administrators create API tokens."))

    def _execute(self) -> tuple[ApiToken, str]:
        text = new_token()
        expires = timezone.now() + timedelta(days=self.days) if self.days else None
        token = ApiToken.objects.create(user=self.owner, name=self.name, prefix=text[:12], key_hash=token_hash(text),
                                        created_by=self.actor, expires_at=expires)
        record(AuditEntry.Kind.CYCLE, "api token", actor=self.actor, new=f"{token.prefix}… for {self.owner}",
               note=self.name)
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
        record(AuditEntry.Kind.CYCLE, "api token", actor=self.actor, old=f"{self.token.prefix}…", new=None,
               note="revoked")


def user_for_token(text: str) -> Any | None:
    """The active token's user (None when unknown, revoked or expired); notes the use at most once a minute."""
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
