from __future__ import annotations

import re

import pytest
from django.urls import reverse

from dgmm.web.accounts.models import Invitation, Role, User, token_hash

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def link_in(body: str) -> str:
    """The invitation link of an e-mail, as a path (the site address removed)."""
    found = re.findall(r"https?://[^/\s]+(/accounts/invitation/[^\s]+/)", body)
    assert found, body
    return found[0]


def test_invitation_becomes_an_account_with_role_and_agency(
    world, client_for, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("analyst").post(
            reverse("accounts:people"),
            {"email": "new@example.go.th", "role": "respondent", "agency_code": "pcio-a2"},
        )
    assert response.status_code == 302
    inv = Invitation.objects.get()
    from django.core import mail

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@example.go.th"]
    url = link_in(mail.outbox[0].body)
    assert inv.token_hash == token_hash(url.rstrip("/").rsplit("/", 1)[-1])  # only the hash is stored
    assert url.split("/")[-2] not in inv.token_hash
    response = client.post(
        url,
        {
            "username": "newbie",
            "password1": "a-long-enough-passphrase-2566",
            "password2": "a-long-enough-passphrase-2566",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert user.role == Role.RESPONDENT and user.agency.code == "pcio-a2"
    assert client.get(url).status_code == 404  # used once only


def test_respondent_invitation_needs_an_agency_and_analysts_cannot_invite_admins(world, client_for):
    c = client_for("analyst")
    response = c.post(reverse("accounts:people"), {"email": "x@example.go.th", "role": "respondent"})
    assert response.status_code == 400 and not Invitation.objects.exists()
    response = c.post(reverse("accounts:people"), {"email": "x@example.go.th", "role": "admin"})
    assert response.status_code == 400 and not Invitation.objects.exists()


def test_login_page_and_django_admin_for_administrators_only(world, client_for, client):
    assert client.get(reverse("accounts:login")).status_code == 200
    assert client_for("admin").get("/admin/").status_code == 200
    assert client_for("analyst").get("/admin/").status_code == 302


def test_django_admin_edits_registry_and_users_but_survey_data_only_through_the_application(
    world, client_for
):
    admin = client_for("admin")
    assert admin.get("/admin/registry/agency/add/").status_code == 200
    assert admin.get("/admin/accounts/user/add/").status_code == 200
    for model in ("answer", "auditentry", "participation", "cycle", "cycleresult"):
        assert admin.get(f"/admin/cycles/{model}/add/").status_code == 403, model
    assert admin.get("/admin/cycles/answer/").status_code == 200  # but can be read
