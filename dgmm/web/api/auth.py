"""Bearer-token authentication: ``Authorization: Bearer dgmm_...``.

Without the header a call is anonymous and sees what the public pages show (published results);
a header with an unknown, revoked or expired token is refused with 401, never treated as anonymous.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from dgmm.web.api.tokens import user_for_token


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header)
        if not header:
            request.user = AnonymousUser()
            return request.user
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationError()
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            raise AuthenticationError()
        request.user = user
        return user


def signed_in_user(request: HttpRequest) -> Any:
    """The calling user; AuthenticationError (401) for an anonymous call."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise AuthenticationError()
    return user
