"""View guards. Pages outside a user's scope answer 404, as if they did not exist."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from dgmm.web.accounts.permissions import SitePolicy

View = Callable[..., HttpResponse]


def signed_in(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def staff_only(view: View) -> View:
    """Analysts and administrators; others signed in get 404, anonymous users the login page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not SitePolicy(request.user).is_staff_role:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
