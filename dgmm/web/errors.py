"""Error pages of the product: 400, 403, 404, 500 and 503 in Thai or English, the JSON envelope for API calls.

Pages for 400, 500 and 503 are rendered without the request's context (no user, session or
database): they must show even when what failed was the database or the request itself. A
database that cannot be reached (``OperationalError``, ``InterfaceError``) answers 503 with
``Retry-After``, never a 500.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dgmm.web.envelope import error_response

log = logging.getLogger("dgmm.web")

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60

# code -> (status, title, message); the same words on the page and in the JSON envelope.
PAGES: dict[str, tuple[int, Promise, Promise]] = {
    "bad_request": (400, _("Bad request"), _("The request could not be understood. Go back and try again.")),
    "permission_denied": (
        403,
        _("Access denied"),
        _("You may not see this page. Sign in with an account that may, or go back."),
    ),
    "csrf_failed": (
        403,
        _("The form has expired"),
        _("This form is too old or did not come from this site. Reload the page and send it again."),
    ),
    "not_found": (
        404,
        _("Page not found"),
        _("This page does not exist, or it is outside what you may see."),
    ),
    "server_error": (
        500,
        _("Something went wrong"),
        _(
            "The server had a problem and the error was logged; what you sent was not saved. "
            "What was saved before is not lost."
        ),
    ),
    "database_unavailable": (
        503,
        _("Service unavailable for a moment"),
        _(
            "The service cannot reach its database just now. What was saved before is not "
            "lost; try again in a minute."
        ),
    ),
}


def wants_json(request: HttpRequest) -> bool:
    """API paths and calls that asked for JSON (the autosave script) get the envelope."""
    return request.path_info.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def error_page(request: HttpRequest, code: str, *, bare: bool = False) -> HttpResponse:
    """The page (or envelope) for ``code``; ``bare`` renders without the request's context."""
    status, title, message = PAGES[code]
    if wants_json(request):
        return error_response(str(message), status, code)
    context: dict[str, Any] = {"title": title, "message": message, "status": status, "bare": bare}
    html = render_to_string("error.html", context, request=None if bare else request)
    return HttpResponse(html, status=status)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    log.error("database unavailable: %s %s", request.method, request.path, exc_info=True)
    response = error_page(request, "database_unavailable", bare=True)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 with Retry-After instead of a 500."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return database_unavailable(request) if isinstance(exception, DATABASE_DOWN) else None


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, "bad_request", bare=True)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, "permission_denied")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, "not_found")


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500; a database that failed outside a view (a middleware, a page's context) is still a 503."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return database_unavailable(request)
    return error_page(request, "server_error", bare=True)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_page(request, "csrf_failed")
