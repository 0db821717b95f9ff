"""The JSON API (django-ninja): routers, token authentication and the one error envelope.

Every error, whatever raised it (validation of the request, a scope that hides an object, an
action refused, a stale version, an unknown URL or method), answers with the envelope of
``dgmm.web.envelope``: ``{"ok": false, "error", "errors", "status", "code"}``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from dgmm.web import errors
from dgmm.web.actions import ActionError
from dgmm.web.api.auth import TokenAuth
from dgmm.web.api.routes import answers, cycles, plans, public, results, tokens
from dgmm.web.envelope import error_response

log = logging.getLogger("dgmm.web")

api = NinjaAPI(
    title="dgmm survey platform API",
    version="1",
    description="Cycles, agencies, answers and results of the digital-government maturity survey. "
    "Authenticate with `Authorization: Bearer <token>`; every call has the token user's scope.",
    auth=TokenAuth(),
    urls_namespace="api",
)
api.add_router("", cycles.router)
api.add_router("", answers.router)
api.add_router("", results.router)
api.add_router("", plans.router)
api.add_router("", tokens.router)
api.add_router("", public.router)


def _field(loc: Any) -> str:
    parts = [str(p) for p in (loc or ())]
    if parts and parts[0] in ("body", "query", "path", "header", "form"):
        parts = parts[1:]
    if parts and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {
            "field": _field(e.get("loc")),
            "message": str(e.get("msg", "")),
            "code": str(e.get("type", "invalid")),
        }
        for e in exc.errors
    ]
    return error_response(_("The request is not valid."), 422, "invalid_request", errors)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = error_response(
        _("A valid API token is required (Authorization: Bearer <token>)."), 401, "unauthenticated"
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return not_found_response()


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(_("You may not do this."), 403, "permission_denied")


@api.exception_handler(ActionError)
def action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
    errors = exc.context.pop("errors", None)
    return error_response(exc.message, exc.status, exc.code, errors, **exc.context)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(str(exc.message), exc.status_code, "http_error")


def database_unavailable(request: HttpRequest, exc: Any) -> HttpResponse:
    return errors.database_unavailable(request)


for _error in errors.DATABASE_DOWN:
    api.add_exception_handler(_error, database_unavailable)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("API call failed: %s %s", request.method, request.path)
    return error_response(_("Something went wrong on the server; the error was logged."), 500, "server_error")


def not_found_response() -> HttpResponse:
    return error_response(_("Not found (or outside your scope)."), 404, "not_found")
