"""Signing in safely: the lockout page after too many failed sign-ins, and resetting a forgotten password."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.contrib.auth import views as auth_views
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone

from dgmm.web.accounts.passwords import reset_allowed
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry


def lock_ends(request: HttpRequest, username: str) -> datetime:
    """When this user name may sign in again from this
    address (the lock runs from the last counted failure)."""
    last = AccessAttempt.objects.filter(
        username=username, ip_address=getattr(request, "axes_ip_address", None)
    ).aggregate(last=Max("attempt_time"))["last"]
    ends: datetime = (last or timezone.now()) + get_cool_off(request)
    return ends


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): our own page, 429, saying when to try again."""
    username = get_client_username(request, credentials) or ""
    until = lock_ends(request, username)
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    return render(
        request,
        "accounts/locked.html",
        {"username": username, "until": until, "minutes": minutes},
        status=429,
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, Thai and English e-mails, a limit on how often, and an audit entry each time."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form: Any) -> HttpResponse:
        email = form.cleaned_data["email"]
        allowed = reset_allowed(self.request, email)
        accounts = len(list(form.get_users(email)))
        record(
            AuditEntry.Kind.ACCOUNT,
            f"password reset {email}",
            actor=self.request.user,
            new=f"e-mail sent to {accounts} account(s)" if allowed else "refused: too many requests",
            note=f"from {self.request.META.get('REMOTE_ADDR', '')}",
        )
        if not allowed:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
