"""Accounts: API tokens act only as their owner, sign-ins are throttled, passwords are strong and can be
reset, and every change to an account is in the audit log (kind ACCOUNT)."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dgmm.web.accounts.models import Invitation, Role, User
from dgmm.web.api.models import ApiToken
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry
from tests.web.api import conftest as api_fixtures
from tests.web.api.conftest import ApiClient, assert_envelope
from tests.web.conftest import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.db]

ME = "/api/v1/me"
TOKENS = "/api/v1/tokens"
ROLES = ["resp_a1", "parent_a", "analyst", "admin"]
NON_STAFF = {"resp_a1", "resp_b1", "parent_a"}
LOGIN = "/accounts/login/"
token_of, api_as = api_fixtures.token_of, api_fixtures.api_as  # the API tests' fixtures
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the password-reset limits count in the cache
    yield
    cache.clear()


def account_entries(**filters):
    return AuditEntry.objects.filter(kind=AuditEntry.Kind.ACCOUNT, **filters)


# ---- API tokens ----------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ROLES)
@pytest.mark.parametrize("owner", ["resp_a1", "resp_b1", "parent_a", "analyst", "admin"])
def test_a_token_for_someone_else_only_from_an_administrator_and_never_for_staff(world, api_as, actor, owner):
    client = api_as(actor)  # the actor's own token, made by the fixture
    tokens_before = ApiToken.objects.count()
    response = client.post(TOKENS, {"username": owner})
    if actor == owner or (actor == "admin" and owner in NON_STAFF):
        assert response.status_code == 201, response.content
        assert ApiClient(response.json()["token"]).get(ME).json()["username"] == owner
        entry = account_entries(target__startswith="api token").latest("id")
        assert entry.actor == world.users[actor] and entry.target.endswith(f"of {owner}")
        return
    body = assert_envelope(response, 403, "permission_denied")
    assert "yourself" in body["error"] or "analyst or administrator" in body["error"]
    assert ApiToken.objects.count() == tokens_before
    assert not account_entries(target__endswith=f"of {owner}", actor=world.users[actor]).exists()
    # and the impersonation of old: no token that acts as `owner` came out of it
    assert not ApiToken.objects.filter(user=world.users[owner], created_by=world.users[actor]).exists()


def test_a_token_lasts_90_days_by_default_and_at_most_365(world, api_as):
    client = api_as("resp_a1")
    default = client.post(TOKENS, {}).json()
    expires = ApiToken.objects.get(pk=default["id"]).expires_at
    assert abs(expires - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)
    assert client.post(TOKENS, {"days": 365}).status_code == 201
    for days in (0, -3, 366, 10_000):
        body = assert_envelope(client.post(TOKENS, {"days": days}), 400, "invalid_days")
        assert "365" in body["error"] and body["errors"][0]["field"] == "days"
    assert (
        ApiToken.objects.filter(user=world.users["resp_a1"], created_by=world.users["resp_a1"]).count() == 2
    )
    # a name or user name longer than the stored field is refused with the envelope, never a server error
    assert_envelope(client.post(TOKENS, {"name": "x" * 101}), 422, "invalid_request")
    assert_envelope(client.post(TOKENS, {"username": "u" * 151}), 422, "invalid_request")
    assert client.post(TOKENS, {"name": "x" * 100}).status_code == 201
    with pytest.raises(CommandError, match="365"):
        call_command("create_api_token", "resp_b1", "--days", "400", stdout=StringIO())
    out = StringIO()
    call_command("create_api_token", "resp_b1", stdout=out)
    assert ApiToken.objects.get(user=world.users["resp_b1"]).expires_at < timezone.now() + timedelta(days=91)


def test_an_answer_saved_with_a_token_names_the_token_and_its_creator_in_the_audit_log(
    world, api_as, client_for
):
    created = api_as("admin").post(TOKENS, {"username": "resp_a1", "name": "agency system"}).json()
    url = f"/api/v1/cycles/{world.cycle.code}/agencies/pcio-a1/answers/C1"
    assert ApiClient(created["token"]).put(url, {"value": "a", "version": 0}).status_code == 200
    entry = AuditEntry.objects.get(kind=AuditEntry.Kind.ANSWER, target="C1")
    assert entry.actor == world.users["resp_a1"] and entry.token.prefix == created["prefix"]
    assert entry.token.created_by == world.users["admin"]
    page = client_for("analyst").get(reverse("review:audit", kwargs={"cycle": "c2566", "agency": "pcio-a1"}))
    assert created["prefix"] in page.content.decode() and "admin" in page.content.decode()
    admin_list = client_for("admin").get("/admin/cycles/auditentry/").content.decode()
    assert created["prefix"] in admin_list


def test_creating_and_revoking_tokens_is_audited(world, api_as):
    client = api_as("analyst")
    created = client.post(TOKENS, {"name": "script"}).json()
    assert client.call("DELETE", f"{TOKENS}/{created['id']}").status_code == 204
    entries = list(account_entries(target=f"api token {created['prefix']}… of analyst").order_by("id"))
    assert [(e.actor, e.new_value) for e in entries][-1] == (world.users["analyst"], "revoked")
    assert entries[-2].note == "script" and entries[-2].new_value.startswith("expires ")


# ---- signing in --------------------------------------------------------------------------------------


def sign_in(client, password, username="analyst", url=LOGIN, **extra):
    return client.post(url, {"username": username, "password": password, "next": "/"}, **extra)


def is_signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
def test_five_wrong_passwords_lock_the_sign_in_even_with_the_right_password(world, url):
    user = "admin" if url == ADMIN_LOGIN else "analyst"
    client = Client()
    for _attempt in range(4):
        assert sign_in(client, "wrong guess", user, url).status_code == 200
    locked = sign_in(client, "wrong guess", user, url)
    assert locked.status_code == 429
    locked = sign_in(client, PASSWORD, user, url, HTTP_ACCEPT_LANGUAGE="th")
    assert locked.status_code == 429 and not is_signed_in(client)
    page = locked.content.decode()
    assert "ลองใหม่" in page and re.search(r"\b\d\d:\d\d\b", page)  # Thai, and the time to try again
    assert reverse("accounts:password-reset") in page
    # the lock is on this user name from this address only: the same person elsewhere still signs in
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert sign_in(other, PASSWORD, user, url).status_code == 302 and is_signed_in(other)


def test_a_session_ends_after_a_working_day(world):
    client = Client()
    before = timezone.now()
    assert sign_in(client, PASSWORD).status_code == 302
    expires = client.session.get_expiry_date()
    assert before + timedelta(hours=11, minutes=59) <= expires <= timezone.now() + timedelta(hours=12)
    cookie = client.cookies["sessionid"]
    assert 0 < int(cookie["max-age"]) <= 12 * 3600 and cookie["httponly"]


def test_the_lock_ends_after_15_minutes_and_a_success_resets_the_count(world):
    from axes.models import AccessAttempt

    client = Client()
    for _attempt in range(4):
        sign_in(client, "wrong guess")
    assert sign_in(client, PASSWORD).status_code == 302  # a success before the limit resets the count
    client = Client()
    for _attempt in range(4):
        assert sign_in(client, "wrong guess").status_code == 200
    for _attempt in range(5):
        sign_in(client, "wrong guess")
    assert sign_in(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, PASSWORD).status_code == 302 and is_signed_in(client)


def test_the_test_client_signs_in_with_a_request_while_throttling_is_on(world):
    from django.http import HttpRequest

    assert Client().login(request=HttpRequest(), username="analyst", password=PASSWORD)
    assert not Client().login(request=HttpRequest(), username="analyst", password="wrong guess")


def test_sign_ins_and_failed_sign_ins_are_audited_without_the_password(world):
    sign_in(Client(), "my secret guess", "resp_a1")
    sign_in(Client(), PASSWORD, "resp_a1")
    entries = list(account_entries(target="sign-in resp_a1").order_by("id"))
    assert [(e.actor, e.new_value) for e in entries] == [
        (None, "failed"),
        (world.users["resp_a1"], "signed in"),
    ]
    assert "accounts:login from 127.0.0.1" in entries[0].note
    texts = [str(v) for e in AuditEntry.objects.values() for v in e.values()]
    assert not any("my secret guess" in t or PASSWORD in t for t in texts)


# ---- passwords -------------------------------------------------------------------------------------------


def invitation(world):
    """An invitation, with the token of its link (``token``: only its hash is stored)."""
    inv = Invitation(
        email="somchai@example.go.th",
        role=Role.RESPONDENT,
        agency=world.pcio_a2,
        invited_by=world.users["analyst"],
    )
    inv.token = inv.new_link()
    inv.save()
    return inv


@pytest.mark.parametrize(
    ("password", "thai"),
    [
        ("a", "สั้นเกินไป"),
        ("2566256625662566", "ตัวเลขทั้งหมด"),
        ("password123", "ใช้กันทั่วไป"),
        ("somchai.example", "คล้าย"),
        ("somchai2566x", "คล้าย"),
    ],
)
def test_a_weak_password_is_refused_when_accepting_an_invitation_with_a_thai_message(world, password, thai):
    inv = invitation(world)
    response = Client().post(
        reverse("accounts:accept", kwargs={"token": inv.token}),
        {"username": "somchai2566", "password1": password, "password2": password},
        HTTP_ACCEPT_LANGUAGE="th",
    )
    assert response.status_code == 400 and thai in response.content.decode()
    assert not User.objects.filter(username="somchai2566").exists()


def test_invitations_made_and_accepted_are_audited(world, client_for):
    response = client_for("analyst").post(
        reverse("accounts:people"),
        {"email": "new@example.go.th", "role": "respondent", "agency_code": "pcio-a2"},
    )
    (shown,) = [str(m) for m in get_messages(response.wsgi_request)]
    link = re.search(r"https?://[^/]+(/accounts/invitation/\S+/)", shown).group(1)  # shown to the analyst
    made = account_entries(target="invitation new@example.go.th").get()
    assert made.actor == world.users["analyst"] and made.new_value == "role=respondent agency=pcio-a2"
    strong = "lanna-rice-field-2566"
    Client().post(
        link,
        {"username": "newbie", "password1": strong, "password2": strong},
    )
    accepted = account_entries(target="invitation new@example.go.th").latest("id")
    assert accepted.actor.username == "newbie" and accepted.new_value == "accepted as newbie"
    created = account_entries(target="user newbie").get()
    assert created.new_value == "role=respondent agency=pcio-a2 is_active=yes"


def reset_mail_for(email, **extra):
    return Client().post(reverse("accounts:password-reset"), {"email": email}, **extra)


def test_a_password_reset_mail_in_thai_with_a_link_that_sets_a_new_password(world):
    analyst = world.users["analyst"]
    analyst.email = "analyst@dga.or.th"
    analyst.save()
    assert reverse("accounts:password-reset") in Client().get(LOGIN).content.decode()
    response = reset_mail_for("analyst@dga.or.th", HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 302 and len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["analyst@dga.or.th"] and "รหัสผ่าน" in message.subject and "รหัสผ่าน" in message.body
    link = re.search(r"https?://\S+", message.body).group(0)
    client = Client()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "1234", "new_password2": "1234"}, HTTP_ACCEPT_LANGUAGE="th")
    assert weak.status_code == 200 and "สั้นเกินไป" in weak.content.decode()
    new = "monsoon-over-doi-suthep"
    assert client.post(set_url, {"new_password1": new, "new_password2": new}).status_code == 302
    assert sign_in(Client(), new).status_code == 302
    assert client.get(link, follow=True).context["validlink"] is False  # used once
    assert account_entries(target="user analyst password").exists()
    assert (
        account_entries(target="password reset analyst@dga.or.th").get().new_value
        == "e-mail sent to 1 account(s)"
    )


def test_a_reset_request_says_nothing_about_the_address_and_is_limited(world):
    world.users["analyst"].email = "analyst@dga.or.th"
    world.users["analyst"].save()
    unknown = reset_mail_for("nobody@example.com")
    known = reset_mail_for("analyst@dga.or.th")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert len(mail.outbox) == 1
    for _attempt in range(4):
        assert reset_mail_for("analyst@dga.or.th")["Location"] == known["Location"]
    assert len(mail.outbox) == 3  # three an hour for one address
    assert account_entries(new_value="refused: too many requests").count() == 2


# ---- changes to accounts ------------------------------------------------------------------------


def admin_change(client, user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "agency": user.agency_id or "",
        "is_active": "on" if user.is_active else "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        **changes,
    }
    data = {k: v for k, v in data.items() if v != ""}
    return client.post(f"/admin/accounts/user/{user.pk}/change/", data)


def test_role_agency_and_active_changes_are_audited_with_who_old_and_new(world, client_for):
    resp = world.users["resp_a1"]
    response = admin_change(client_for("admin"), resp, role="parent", agency=str(world.dept_a.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    changes = {
        e.target: (e.actor, e.old_value, e.new_value)
        for e in account_entries(target__startswith="user resp_a1 ")
    }
    admin = world.users["admin"]
    assert changes == {
        "user resp_a1 role": (admin, "respondent", "parent"),
        "user resp_a1 agency": (admin, "pcio-a1", "dept-a"),
    }
    resp.refresh_from_db()
    resp.is_active = False
    resp.save()  # from the shell: recorded too, without an actor
    entry = account_entries(target="user resp_a1 is_active").get()
    assert (entry.actor, entry.old_value, entry.new_value) == (None, "yes", "no")


def test_users_are_deactivated_never_deleted_and_entries_keep_the_name(world, client_for):
    admin = client_for("admin")
    analyst = world.users["analyst"]
    assert admin.get(f"/admin/accounts/user/{analyst.pk}/delete/").status_code == 403
    changelist = admin.get("/admin/accounts/user/").content.decode()
    assert "delete_selected" not in changelist and "deactivate" in changelist
    response = admin.post("/admin/accounts/user/", {"action": "deactivate", "_selected_action": [analyst.pk]})
    assert response.status_code == 302
    analyst.refresh_from_db()
    assert not analyst.is_active and User.objects.filter(pk=analyst.pk).exists()
    entry = account_entries(target="user analyst is_active").get()
    assert entry.actor == world.users["admin"] and entry.new_value == "no"
    # an account removed outside the application: its entries still name it
    gone = User.objects.create_user("temporary", role=Role.ANALYST)
    record(AuditEntry.Kind.REVIEW, "C1", actor=gone, cycle=world.cycle, agency=world.pcio_a1, new="checked")
    gone.delete()
    page = (
        client_for("analyst" if analyst.is_active else "admin")
        .get(reverse("review:audit", kwargs={"cycle": "c2566", "agency": "pcio-a1"}))
        .content.decode()
    )
    assert "temporary" in page
