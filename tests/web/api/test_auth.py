"""Tokens: stored hashed, created by their user or an administrator (API or management command), refused when
unknown, revoked or expired."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from dgmm.web.api.models import ApiToken
from tests.web.api.conftest import ApiClient, assert_envelope

pytestmark = [pytest.mark.django_db, pytest.mark.db]

ME = "/api/v1/me"


def test_a_token_is_stored_as_its_hash_only(world, token_of):
    text = token_of("resp_a1")
    token = ApiToken.objects.get(user=world.users["resp_a1"])
    assert token.key_hash == hashlib.sha256(text.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.filter(pk=token.pk).values().first().values()]
    assert text not in stored
    assert text.startswith(token.prefix) and len(token.prefix) < len(text) // 2


def test_a_token_authenticates_as_its_user(world, token_of):
    body = ApiClient(token_of("resp_a1")).get(ME).json()
    assert body == {
        "username": "resp_a1",
        "role": "respondent",
        "agency_id": "pcio-a1",
        "is_authenticated": True,
    }


@pytest.mark.parametrize("header", ["Bearer dgmm_not-a-token", "Bearer ", "Basic dXNlcjpwYXNz", "Token x"])
def test_a_bad_authorization_header_is_401_never_anonymous(world, header):
    from django.test import Client

    response = Client().get(ME, HTTP_AUTHORIZATION=header)
    assert_envelope(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"] == "Bearer"


def test_revoked_and_expired_tokens_are_refused(world, token_of):
    text = token_of("resp_a1")
    client = ApiClient(text)
    assert client.get(ME).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert_envelope(client.get(ME), 401, "unauthenticated")
    ApiToken.objects.update(expires_at=None, revoked_at=timezone.now())
    assert_envelope(client.get(ME), 401, "unauthenticated")


def test_a_deactivated_user_token_is_refused(world, token_of):
    client = ApiClient(token_of("resp_a1"))
    world.users["resp_a1"].is_active = False
    world.users["resp_a1"].save()
    assert_envelope(client.get(ME), 401)


def test_administrators_create_tokens_for_respondents_and_others_only_for_themselves(world, api_as):
    response = api_as("admin").post("/api/v1/tokens", {"username": "resp_b1", "name": "offline tablet"})
    assert response.status_code == 201
    created = response.json()
    assert created["username"] == "resp_b1" and created["token"].startswith(created["prefix"])
    assert ApiClient(created["token"]).get(ME).json()["username"] == "resp_b1"
    assert_envelope(
        api_as("analyst").post("/api/v1/tokens", {"username": "resp_b1"}), 403, "permission_denied"
    )
    assert_envelope(
        api_as("resp_a1").post("/api/v1/tokens", {"username": "resp_b1"}), 403, "permission_denied"
    )
    assert_envelope(api_as("admin").post("/api/v1/tokens", {"username": "nobody"}), 404, "not_found")
    assert_envelope(api_as(None).post("/api/v1/tokens", {"username": "resp_a1"}), 401, "unauthenticated")
    assert ApiToken.objects.filter(user=world.users["resp_b1"]).count() == 1


def test_token_list_never_shows_the_token(world, api_as):
    rows = api_as("resp_a1").get("/api/v1/tokens").json()
    assert len(rows) == 1 and "token" not in rows[0] and rows[0]["username"] == "resp_a1"


def test_the_management_command_prints_a_working_token(world):
    out = StringIO()
    call_command("create_api_token", "resp_b1", "--name", "script", "--days", "2", stdout=out)
    text = out.getvalue().strip()
    assert ApiClient(text).get(ME).json()["username"] == "resp_b1"
    token = ApiToken.objects.get(user=world.users["resp_b1"])
    assert token.name == "script" and token.expires_at > timezone.now() + timedelta(days=1)


def test_the_last_use_is_noted(world, token_of):
    ApiClient(token_of("resp_a1")).get(ME)
    assert ApiToken.objects.get(user=world.users["resp_a1"]).last_used_at is not None


def test_the_management_command_gives_agencies_system_accounts(world):
    out = StringIO()
    call_command("create_api_token", "--for-agency", "pcio-a1", "--for-agency", "dept-b", stdout=out)
    lines = [line.split("\t") for line in out.getvalue().splitlines()]
    assert [(a, u) for a, u, _t in lines] == [("pcio-a1", "pcio-a1-api"), ("dept-b", "dept-b-api")]
    client = ApiClient(lines[0][2])
    assert client.get(ME).json()["agency_id"] == "pcio-a1"
    assert client.get("/api/v1/cycles/c2566/agencies/dept-b").status_code == 404
    with pytest.raises(Exception, match="unknown agencies: nope"):
        call_command("create_api_token", "--for-agency", "nope", stdout=StringIO())
