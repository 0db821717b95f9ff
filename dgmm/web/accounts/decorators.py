"""View guards. Pages outside a user's scope answer 404, as if they did not exist."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from dgmm.web.accounts.permissions import SitePolicy

View = Callable[..., HttpResponseBase]


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def signed_in(view: View) -> View:
    """Signed-in users only: others go to the login page (or get a 401 envelope when they asked for JSON)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            if wants_json(request):
                from dgmm.web.envelope import error_response

                return error_response(
                    _(
                        "Your session has ended. Sign in again in another tab; your input is "
                        "kept on this device."
                    ),
                    401,
                    "not_signed_in",
                )
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def staff_only(view: View) -> View:
    """Analysts and administrators; others signed in get 404, anonymous users the login page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not SitePolicy(request.user).is_staff_role:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
