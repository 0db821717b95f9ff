"""Changes of a cycle's status, each through a confirmation page that states the consequences.

GET shows what will happen, in figures (``dgmm.web.cycles.consequences``); POST (the page's confirm
button) does it through the action (``dgmm.web.cycles.actions``): open, close and score (with the
scoring policy), publish, reopen a closed cycle and withdraw a publication (both with a reason).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dgmm import DgmmError
from dgmm.web.accounts.decorators import staff_only
from dgmm.web.actions import Action, ActionError
from dgmm.web.cycles.actions import (
    CloseCycle,
    OpenCycle,
    PublishCycle,
    ReopenCycle,
    WithdrawPublication,
)
from dgmm.web.cycles.consequences import figures
from dgmm.web.cycles.models import Cycle, CycleStatus
from dgmm.web.cycles.permissions import CyclePolicy
from dgmm.web.cycles.transition_forms import CloseForm, ReasonForm

# action -> (the status it starts from, the form it asks for)
TRANSITIONS: dict[str, tuple[str, type[Any] | None]] = {
    "open": (CycleStatus.DRAFT, None),
    "close": (CycleStatus.OPEN, CloseForm),
    "publish": (CycleStatus.CLOSED, None),
    "reopen": (CycleStatus.CLOSED, ReasonForm),
    "withdraw": (CycleStatus.PUBLISHED, ReasonForm),
}


def _operation(action: str, c: Cycle, request: HttpRequest, form: Any) -> Action:
    data = form.cleaned_data if form is not None else {}
    if action == "open":
        return OpenCycle(c, request.user)
    if action == "close":
        return CloseCycle(c, request.user, data.get("policy") or None)
    if action == "publish":
        return PublishCycle(c, request.user)
    if action == "reopen":
        return ReopenCycle(c, request.user, data["reason"])
    return WithdrawPublication(c, request.user, data["reason"])


@staff_only
def transition(request: HttpRequest, cycle: str, action: str) -> HttpResponse:
    """The confirmation page of one change (GET) and the change itself (POST)."""
    policy = CyclePolicy(request.user)
    c = policy.get_cycle(cycle)
    if action not in TRANSITIONS or not policy.can_manage():
        raise Http404
    source, form_class = TRANSITIONS[action]
    form = None
    if form_class is not None:
        initial = {"policy": c.scoring_policy} if form_class is CloseForm else {}
        form = form_class(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if form is None or form.is_valid():
            operation = _operation(action, c, request, form)
            try:
                operation.execute()
            except ActionError as exc:
                messages.error(request, exc.message)
            except DgmmError as exc:
                messages.error(request, _("The core refused: %(error)s") % {"error": str(exc)})
            else:
                _done(request, c, operation)
                return redirect("cycles:detail", cycle=c.code)
            if c.status != source:
                return redirect("cycles:detail", cycle=c.code)
    elif c.status != source:
        messages.error(
            request,
            _("This cannot be done while the cycle is “%(status)s”.") % {"status": c.get_status_display()},
        )
        return redirect("cycles:detail", cycle=c.code)
    return render(
        request,
        "cycles/confirm.html",
        {"cycle": c, "action": action, "form": form, "figures": figures(c)},
        status=400 if request.method == "POST" else 200,
    )


def _done(request: HttpRequest, c: Cycle, operation: Action) -> None:
    c.refresh_from_db()
    messages.success(request, _("The cycle is now “%(status)s”.") % {"status": c.get_status_display()})
    invalid = getattr(operation, "invalid", [])
    if invalid:
        messages.warning(
            request,
            _(
                "%(count)d stored answers do not fit their question; the topics that use "
                "them are undetermined: %(answers)s"
            )
            % {
                "count": len(invalid),
                "answers": "; ".join(invalid[:10]) + ("; …" if len(invalid) > 10 else ""),
            },
        )
