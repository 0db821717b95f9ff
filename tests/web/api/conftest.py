"""API test helpers: a test client that sends a user's bearer token."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

ENVELOPE_KEYS = {"ok", "error", "errors", "status", "code"}


class ApiClient:
    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def call(self, method: str, url: str, body: Any = None, **extra: Any) -> Any:
        kwargs: dict[str, Any] = {**self.headers, **extra}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return getattr(self.client, method.lower())(url, **kwargs)

    def get(self, url: str, **extra: Any) -> Any:
        return self.call("GET", url, **extra)

    def put(self, url: str, body: Any, **extra: Any) -> Any:
        return self.call("PUT", url, body, **extra)

    def post(self, url: str, body: Any, **extra: Any) -> Any:
        return self.call("POST", url, body, **extra)


def assert_envelope(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The error envelope, with the HTTP status repeated in it (datasette's test_error_shape habit)."""
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) >= ENVELOPE_KEYS, body
    assert (
        body["ok"] is False and body["status"] == status and isinstance(body["error"], str) and body["error"]
    )
    assert isinstance(body["errors"], list) and isinstance(body["code"], str) and body["code"]
    if code is not None:
        assert body["code"] == code, body
    return body


@pytest.fixture
def token_of(world: Any) -> Any:
    from dgmm.web.api.tokens import CreateToken

    made: dict[str, str] = {}

    def make(name: str) -> str:
        if name not in made:
            made[name] = CreateToken(None, world.users[name], "tests").execute()[1]
        return made[name]

    return make


@pytest.fixture
def api_as(token_of: Any) -> Any:
    """api_as("resp_a1") -> a client calling with that user's token; api_as(None) -> anonymous."""
    return lambda name: ApiClient(token_of(name) if name else None)
