"""The people page: accounts, invitations (one or a file of people at a time, sent again), accepting one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dgmm import InputFileError, Problem
from dgmm.web.accounts.actions import (
    AcceptInvitation,
    BulkReport,
    Invite,
    ResendInvitation,
    Sent,
    invite_staged,
    stage_upload,
)
from dgmm.web.accounts.decorators import staff_only
from dgmm.web.accounts.forms import AcceptInvitationForm, InvitationForm, PeopleFileForm
from dgmm.web.accounts.models import INVITATION_DAYS, Invitation, InvitationStatus, User
from dgmm.web.accounts.people_file import template_workbook
from dgmm.web.actions import ActionError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page(
    request: HttpRequest,
    form: InvitationForm | None = None,
    file_form: PeopleFileForm | None = None,
    problems: list[Problem] | None = None,
    more: int = 0,
    status: int = 200,
) -> HttpResponse:
    shown = request.GET.get("status", "")
    invitations = Invitation.objects.select_related("agency", "invited_by")
    if shown in InvitationStatus.values:
        invitations = invitations.with_status(shown)
    problems = problems or []
    return render(
        request,
        "accounts/people.html",
        {
            "users": User.objects.select_related("agency").order_by("role", "username")[:500],
            "form": form or InvitationForm(),
            "file_form": file_form or PeopleFileForm(),
            "invitations": Paginator(invitations, 50).get_page(request.GET.get("page")),
            "statuses": InvitationStatus.choices,
            "shown_status": shown,
            "problems": problems,
            "more": more,
            "count": len(problems) + more,
        },
        status=status,
    )


def _sent(request: HttpRequest, sent: Sent, text: str) -> None:
    messages.success(request, text % {"email": sent.invitation.email, "link": sent.link})
    if sent.delivery.failed:
        messages.warning(request, _("The invitation email could not be sent."))


@staff_only
def people(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            sent = Invite(
                request.user,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                form.cleaned_data.get("agency"),
                form.cleaned_data.get("name", ""),
            ).execute()
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            _sent(request, sent, _("Invitation created and e-mailed to %(email)s. Its link: %(link)s"))
            return redirect("accounts:people")
    return _page(request, form=form, status=400)


STAGED = "dgmm-people-file"  # the session key of a checked file of people awaiting confirmation
SHOWN = 50  # people listed on the confirmation page (all are counted)


@staff_only
@require_POST
def people_file(request: HttpRequest) -> HttpResponse:
    """Check every person of an uploaded CSV/XLSX file (every problem listed, nobody invited); when all
    are right, a confirmation page says who will be invited and e-mailed before anything is sent."""
    file_form = PeopleFileForm(request.POST, request.FILES)
    problems: list[Problem] = []
    more = 0
    if file_form.is_valid():
        try:
            staged = stage_upload(request.user, file_form.cleaned_data["file"])
        except InputFileError as exc:
            problems, more = list(exc.problems), exc.more
        except ActionError as exc:
            file_form.add_error(None, exc.message)
        else:
            request.session[STAGED] = {"name": staged.display_name, "csv": staged.csv}
            return render(
                request,
                "accounts/people_confirm.html",
                {
                    "name": staged.display_name,
                    "count": len(staged.people),
                    "people": staged.people[:SHOWN],
                    "more": max(0, len(staged.people) - SHOWN),
                    "days": INVITATION_DAYS,
                },
            )
    return _page(request, file_form=file_form, problems=problems, more=more, status=400)


@staff_only
@require_POST
def people_file_confirm(request: HttpRequest) -> HttpResponse:
    """Invite the people of the file checked on the confirmation page (checked again), all or none."""
    staged = request.session.pop(STAGED, None)
    if not isinstance(staged, dict) or "csv" not in staged:
        messages.error(request, _("No checked file is waiting to be sent; choose the file again."))
        return redirect("accounts:people")
    try:
        report = invite_staged(request.user, str(staged["csv"]), str(staged["name"]))
    except InputFileError as exc:
        return _page(request, problems=list(exc.problems), more=exc.more, status=400)
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:people")
    _invited(request, report)
    return redirect("accounts:people")


def _invited(request: HttpRequest, report: BulkReport) -> None:
    messages.success(
        request,
        ngettext(
            "%(count)d person invited; the invitation is on its way by e-mail.",
            "%(count)d people invited; the invitations are on their way by e-mail.",
            report.invited,
        )
        % {"count": report.invited},
    )
    if report.delivery.failed:
        messages.warning(
            request,
            ngettext(
                "%(count)d invitation e-mail could not be sent; send it again from the list.",
                "%(count)d invitation e-mails could not be sent; send them again from the list.",
                report.delivery.failed,
            )
            % {"count": report.delivery.failed},
        )


@staff_only
def people_template(request: HttpRequest) -> HttpResponse:
    """The XLSX file to fill in with the people to invite."""
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="invite-people.xlsx"'
    return response


@staff_only
@require_POST
def resend(request: HttpRequest, pk: int) -> HttpResponse:
    inv = get_object_or_404(Invitation.objects.select_related("agency"), pk=pk)
    try:
        sent = ResendInvitation(request.user, inv).execute()
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        _sent(
            request,
            sent,
            _("A new link was e-mailed to %(email)s; the earlier link no longer works: %(link)s"),
        )
    return redirect("accounts:people")


def accept(request: HttpRequest, token: str) -> HttpResponse:
    inv = Invitation.find(token)
    if inv is None or not inv.is_open:
        raise Http404
    form = AcceptInvitationForm(request.POST or None, email=inv.email, initial=_names(inv))
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


def _names(inv: Invitation) -> dict[str, Any]:
    """The first and last name the invitation gives, to start the form with."""
    first, _sep, last = inv.name.strip().partition(" ")
    return {"first_name": first, "last_name": last.strip()}
