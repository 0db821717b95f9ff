"""The one JSON error shape of the web application: ``ok``, ``error``, ``errors``, ``status``, ``code``."""

from __future__ import annotations

from typing import Any

from django.http import JsonResponse

from dgmm.web.actions import ActionError


def error_body(
    message: str, status: int, code: str, errors: list[dict[str, Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    """The error envelope; ``errors`` lists field-level problems ({field, message, code})."""
    return {"ok": False, "error": message, "errors": errors or [], "status": status, "code": code, **extra}


def error_response(
    message: str, status: int, code: str, errors: list[dict[str, Any]] | None = None, **extra: Any
) -> JsonResponse:
    return JsonResponse(error_body(message, status, code, errors, **extra), status=status)


def action_error_response(exc: ActionError, **extra: Any) -> JsonResponse:
    return error_response(exc.message, exc.status, exc.code, **{**exc.context, **extra})


def ok_response(**data: Any) -> JsonResponse:
    return JsonResponse({"ok": True, **data})
