"""Sign-in pages, the people list, invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.mail import send_mail
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from dgmm.web.accounts.actions import AcceptInvitation, Invite
from dgmm.web.accounts.decorators import staff_only
from dgmm.web.accounts.forms import AcceptInvitationForm, InvitationForm
from dgmm.web.accounts.models import Invitation, User
from dgmm.web.actions import ActionError


@staff_only
def people(request: HttpRequest) -> HttpResponse:
    users = User.objects.select_related("agency").order_by("role", "username")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            inv = Invite(
                request.user,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                form.cleaned_data.get("agency"),
            ).execute()
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            link = request.build_absolute_uri(reverse("accounts:accept", kwargs={"token": inv.token}))
            try:
                send_mail(
                    _("Your invitation to the digital government maturity survey"),
                    _("Create your account here: %(link)s\nThe link can be used once, before %(date)s.")
                    % {"link": link, "date": inv.expires_at.date().isoformat()},
                    None,
                    [inv.email],
                )
            except OSError:
                messages.warning(request, _("The invitation email could not be sent."))
            messages.success(
                request,
                _("Invitation created. Send this link to %(email)s: %(link)s")
                % {"email": inv.email, "link": link},
            )
            return redirect("accounts:people")
    return render(
        request,
        "accounts/people.html",
        {
            "users": users[:500],
            "form": form,
            "invitations": Invitation.objects.select_related("agency")[:100],
        },
        status=400 if request.method == "POST" else 200,
    )


def accept(request: HttpRequest, token: str) -> HttpResponse:
    inv = Invitation.objects.filter(token=token).select_related("agency").first()
    if inv is None or not inv.is_open:
        raise Http404
    form = AcceptInvitationForm(request.POST or None, email=inv.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = AcceptInvitation(
                inv,
                form.cleaned_data["username"],
                form.cleaned_data["password1"],
                form.cleaned_data["first_name"],
                form.cleaned_data["last_name"],
            ).execute()
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome. Your account is ready."))
            return redirect("dashboards:home")
    return render(
        request,
        "accounts/accept.html",
        {"form": form, "invitation": inv},
        status=400 if request.method == "POST" else 200,
    )
