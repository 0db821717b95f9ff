"""The accounts side of the audit log (kind ACCOUNT), written from Django's signals.

Recorded: sign-ins and failed sign-ins (site and Django admin, with the address and the page; never a
password), every change of a user's role, agency, active flag, staff flags or password, and new
accounts. Being signals, they catch every way of changing a user: Django admin, the site's pages, the
API and the shell alike. The actor is the user of the request being served, which
``RequestActorMiddleware`` keeps for the request's duration; outside a request (the shell, a
management command) an entry has no actor. A password change is recorded as such, without values.
Invitations and API tokens are recorded by their actions (accounts/actions.py, api/tokens.py).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from dgmm.web.accounts.models import User
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry

ACCOUNT = AuditEntry.Kind.ACCOUNT
WATCHED = ("role", "agency_id", "is_active", "is_staff", "is_superuser", "password")
_request: ContextVar[HttpRequest | None] = ContextVar("dgmm_request", default=None)


class RequestActorMiddleware:
    """Keeps the request being served, so changes made from signals know who made them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reset = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(reset)


def current_actor() -> Any:
    request = _request.get()
    return getattr(request, "user", None) if request is not None else None


def _where(request: HttpRequest | None) -> str:
    """The page and client address of a request ("" outside one)."""
    if request is None:
        return ""
    match = getattr(request, "resolver_match", None)
    page = match.view_name if match is not None else request.path
    address = getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "")
    return f"{page} from {address}".strip()


def _shown(field: str, value: Any) -> str:
    if field == "agency_id":
        from dgmm.web.registry.models import Agency

        return str(Agency.objects.filter(pk=value).values_list("code", flat=True).first() or "–")
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@receiver(pre_save, sender=User, dispatch_uid="dgmm-account-before")
def _remember(
    sender: Any, instance: User, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & {*WATCHED, "agency"}:
        return  # e.g. last_login on every sign-in
    instance._audit_before = User.objects.filter(pk=instance.pk).values(*WATCHED).first()


@receiver(post_save, sender=User, dispatch_uid="dgmm-account-after")
def _record_changes(
    sender: Any, instance: User, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    if raw:
        return
    name = instance.get_username()
    actor = current_actor()
    note = _where(_request.get())
    if created:
        shown = " ".join(f"{f.removesuffix('_id')}={_shown(f, getattr(instance, f))}" for f in WATCHED[:3])
        record(ACCOUNT, f"user {name}", actor=actor, new=shown, note=f"account created {note}".strip())
        return
    before = instance.__dict__.pop("_audit_before", None)
    for field in WATCHED if before else ():
        old, new = before[field], getattr(instance, field)
        if old == new:
            continue
        if field == "password":
            record(ACCOUNT, f"user {name} password", actor=actor, note=f"password changed {note}".strip())
        else:
            record(
                ACCOUNT,
                f"user {name} {field.removesuffix('_id')}",
                actor=actor,
                old=_shown(field, old),
                new=_shown(field, new),
                note=note,
            )


@receiver(user_logged_in, dispatch_uid="dgmm-account-signed-in")
def _signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record(ACCOUNT, f"sign-in {user.get_username()}", actor=user, new="signed in", note=_where(request))


@receiver(user_login_failed, dispatch_uid="dgmm-account-sign-in-failed")
def _sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """``credentials`` as Django passes them (passwords already masked): only the user name is kept."""
    locked = bool(getattr(request, "axes_locked_out", False))
    record(
        ACCOUNT,
        f"sign-in {credentials.get('username', '')}",
        actor=None,
        new="refused: locked out" if locked else "failed",
        note=_where(request),
    )
