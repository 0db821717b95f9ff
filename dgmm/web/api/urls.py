"""``/api/v1/...``: the ninja API, with unknown paths and methods answered in the error envelope too."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from dgmm.web.api.api import api, not_found_response
from dgmm.web.envelope import error_response

# The ninja API carries the "api" namespace itself (reverse("api:answer-save", ...)).


def _enveloped(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Ninja answers a wrong method with a plain-text 405: give it the envelope."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            allowed = response.get("Allow", "")
            out = error_response(
                _("Method %(method)s is not allowed here (allowed: %(allowed)s).")
                % {"method": request.method, "allowed": allowed},
                405,
                "method_not_allowed",
            )
            out["Allow"] = allowed
            return out
        return response

    return csrf_exempt(wrapper)


def _wrap(patterns: list[Any]) -> list[Any]:
    out = []
    for p in patterns:
        if isinstance(p, URLPattern):
            p.callback = _enveloped(p.callback)
        out.append(p)
    return out


@csrf_exempt
def unknown(request: HttpRequest, rest: str = "") -> HttpResponse:
    return not_found_response()


_patterns, _app, _namespace = api.urls
urlpatterns = [
    path("v1/", (_wrap(list(_patterns)), _app, _namespace)),
    re_path(r"^(?P<rest>.*)$", unknown),
]
