"""Template context: the navigation a user's role gives."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from dgmm.web.accounts.permissions import SitePolicy


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"site_policy": SitePolicy(request.user)}
