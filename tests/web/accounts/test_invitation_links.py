"""An invitation's link is stored hashed, can be sent again (the old link then stops working), and the
people page lists invitations as pending, accepted or expired."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dgmm.web.accounts.actions import Invite, ResendInvitation
from dgmm.web.accounts.models import Invitation, Role
from dgmm.web.actions import ActionError, ActionPermissionError
from dgmm.web.cycles.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def link_of(message) -> str:
    found = re.findall(r"https?://\S+(/accounts/invitation/\S+/)", message.body)
    assert found, message.body
    return found[0]


@pytest.fixture
def invited(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = Invite(
            world.users["analyst"], "new@x.go.th", Role.RESPONDENT, world.pcio_a1, "Somsri"
        ).execute()
    return sent


def test_the_link_is_stored_only_as_a_hash(invited):
    token = invited.link.rstrip("/").rsplit("/", 1)[-1]
    row = Invitation.objects.values().get()
    assert token not in str(row) and len(row["token_hash"]) == 64
    assert Invitation.find(token).pk == invited.invitation.pk
    assert Invitation.find("x" * 101) is None and Invitation.find("") is None


def test_sending_again_gives_a_new_link_and_the_old_one_stops_working(
    invited, world, client, client_for, django_capture_on_commit_callbacks
):
    old = link_of(mail.outbox[0])
    assert old == invited.link.removeprefix("http://localhost:8000")
    inv = invited.invitation
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("analyst").post(reverse("accounts:invitation-resend", kwargs={"pk": inv.pk}))
    assert response.status_code == 302
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["new@x.go.th"]
    new = link_of(mail.outbox[1])
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    inv.refresh_from_db()
    assert inv.sent_count == 2
    assert AuditEntry.objects.filter(target="invitation new@x.go.th", note__startswith="sent again").exists()


def test_an_expired_invitation_can_be_sent_again_and_opens_for_another_fortnight(
    invited, client, django_capture_on_commit_callbacks
):
    inv = invited.invitation
    Invitation.objects.filter(pk=inv.pk).update(expires_at=timezone.now() - timedelta(days=1))
    assert client.get(link_of(mail.outbox[0])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        sent = ResendInvitation(inv.invited_by, Invitation.objects.get(pk=inv.pk)).execute()
    assert sent.invitation.expires_at > timezone.now() + timedelta(days=13)
    assert client.get(link_of(mail.outbox[1])).status_code == 200


def test_an_accepted_invitation_is_not_sent_again(invited, world):
    Invitation.objects.filter(pk=invited.invitation.pk).update(accepted_at=timezone.now())
    with pytest.raises(ActionError) as caught:
        ResendInvitation(world.users["analyst"], Invitation.objects.get()).execute()
    assert caught.value.code == "accepted"


@pytest.mark.parametrize("who", ["resp_a1", "parent_a"])
def test_only_staff_send_invitations_again(invited, world, client_for, who):
    inv = invited.invitation
    before = Invitation.objects.values_list("token_hash", flat=True).get()
    response = client_for(who).post(reverse("accounts:invitation-resend", kwargs={"pk": inv.pk}))
    assert response.status_code == 404
    with pytest.raises(ActionPermissionError):
        ResendInvitation(world.users[who], inv).check()
    assert Invitation.objects.values_list("token_hash", flat=True).get() == before


def test_analysts_do_not_send_an_administrators_invitation_again(world):
    inv = Invitation.objects.create(email="boss@x.go.th", role=Role.ADMIN)
    with pytest.raises(ActionPermissionError):
        ResendInvitation(world.users["analyst"], inv).check()
    ResendInvitation(world.users["admin"], inv).check()


def test_the_people_page_lists_invitations_by_status(world, client_for):
    now = timezone.now()
    Invitation.objects.create(email="pending@x.go.th", role=Role.RESPONDENT, agency=world.pcio_a1)
    Invitation.objects.create(
        email="expired@x.go.th",
        role=Role.RESPONDENT,
        agency=world.pcio_a1,
        expires_at=now - timedelta(hours=1),
    )
    Invitation.objects.create(email="accepted@x.go.th", role=Role.ANALYST, accepted_at=now)
    c = client_for("analyst")

    def listed(status: str = "") -> dict[str, str]:
        html = c.get(reverse("accounts:people"), {"status": status} if status else {}).content.decode()
        rows = re.findall(r'<tr data-invitation="([^"]+)">(.*?)</tr>', html, re.S)
        return {email: re.sub(r"<[^>]+>", " ", row) for email, row in rows}

    everyone = listed()
    assert set(everyone) == {"pending@x.go.th", "expired@x.go.th", "accepted@x.go.th"}
    assert "Pending" in everyone["pending@x.go.th"] and "Send a new link" in everyone["pending@x.go.th"]
    assert "Expired" in everyone["expired@x.go.th"] and "Send a new link" in everyone["expired@x.go.th"]
    assert (
        "Accepted" in everyone["accepted@x.go.th"] and "Send a new link" not in everyone["accepted@x.go.th"]
    )
    assert set(listed("pending")) == {"pending@x.go.th"}
    assert set(listed("expired")) == {"expired@x.go.th"}
    assert set(listed("accepted")) == {"accepted@x.go.th"}
