"""API tokens: everyone creates, lists and revokes their
own; administrators create them for non-staff users too."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from dgmm.web.accounts.models import User
from dgmm.web.accounts.permissions import SitePolicy
from dgmm.web.api.auth import signed_in_user
from dgmm.web.api.models import ApiToken
from dgmm.web.api.schemas import ERRORS, TokenCreated, TokenIn, TokenOut
from dgmm.web.api.tokens import CreateToken, RevokeToken, check_may_ask_for

router = Router(tags=["tokens"])


def _status(code: int, value: Any) -> Any:
    """A response with an explicit status (``ninja.Status`` where this django-ninja has it)."""
    try:
        from ninja import Status
    except ImportError:  # django-ninja before Status: a (status, value) tuple
        return code, value
    return Status(code, value)


def token_out(t: ApiToken) -> dict[str, Any]:
    return {
        "id": t.pk,
        "prefix": t.prefix,
        "name": t.name,
        "username": t.user.username,
        "created_at": t.created_at,
        "last_used_at": t.last_used_at,
        "expires_at": t.expires_at,
        "revoked_at": t.revoked_at,
    }


def _visible_tokens(user: Any) -> Any:
    qs = ApiToken.objects.select_related("user")
    return qs if SitePolicy(user).is_staff_role else qs.filter(user=user)


@router.get(
    "/tokens", response={200: list[TokenOut], **ERRORS}, operation_id="token_list", url_name="token-list"
)
def token_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Tokens of the caller (staff: every token). The token text itself is never shown again."""
    return [token_out(t) for t in _visible_tokens(signed_in_user(request))]


@router.post(
    "/tokens", response={201: TokenCreated, **ERRORS}, operation_id="token_create", url_name="token-create"
)
def token_create(request: HttpRequest, payload: TokenIn) -> Any:
    """Create a token: for yourself, or (administrators) for a respondent or parent department."""
    actor = signed_in_user(request)
    username = payload.username or actor.get_username()
    check_may_ask_for(actor, username)
    try:
        owner = User.objects.get(username=username, is_active=True)
    except User.DoesNotExist:
        raise Http404 from None
    token, text = CreateToken(actor, owner, payload.name, payload.days).execute()
    return _status(201, {**token_out(token), "token": text})


@router.delete(
    "/tokens/{token_id}", response={204: None, **ERRORS}, operation_id="token_revoke", url_name="token-revoke"
)
def token_revoke(request: HttpRequest, token_id: int) -> Any:
    user = signed_in_user(request)
    token = _visible_tokens(user).filter(pk=token_id).first()
    if token is None:
        raise Http404
    RevokeToken(user, token).execute()
    return _status(204, None)
