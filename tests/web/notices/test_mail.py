"""E-mails: Thai first then English, dates in the Buddhist era for Thai, links to the site's address, sent
only once the action is saved (a rolled-back action sends nothing)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import transaction
from django.template import Context, Template
from django.utils import translation

from dgmm.web.accounts.actions import Invite
from dgmm.web.accounts.models import Invitation, Role, User
from dgmm.web.actions import ActionError
from dgmm.web.cycles.models import Cycle, ParticipationStatus
from dgmm.web.notices import letters
from dgmm.web.review.actions import Approve, RequestCorrection

pytestmark = [pytest.mark.django_db, pytest.mark.db]

BANGKOK = ZoneInfo("Asia/Bangkok")


def test_longday_writes_buddhist_era_dates_in_thai_and_common_era_in_english():
    template = Template("{% load dgmm_format %}{{ d|longday }}")
    late = datetime(2024, 3, 30, 18, 30, tzinfo=ZoneInfo("UTC"))  # 31 March in Bangkok
    for value in (date(2024, 3, 31), late):
        with translation.override("th"):
            assert template.render(Context({"d": value})) == "31 มีนาคม 2567"
        with translation.override("en"):
            assert template.render(Context({"d": value})) == "31 March 2024"


@pytest.fixture
def emails(world):
    """Respondents of pcio-a1 with addresses (one inactive, one of another agency)."""
    User.objects.filter(username="resp_a1").update(email="resp.a1@x.go.th")
    User.objects.create_user("resp_a1_b", "second.a1@x.go.th", role=Role.RESPONDENT, agency=world.pcio_a1)
    User.objects.create_user(
        "gone", "gone@x.go.th", role=Role.RESPONDENT, agency=world.pcio_a1, is_active=False
    )
    User.objects.filter(username="resp_b1").update(email="resp.b1@x.go.th")
    Cycle.objects.filter(pk=world.cycle.pk).update(
        closes_at=datetime(2024, 3, 31, 16, 30, tzinfo=BANGKOK), name_en="Survey 2567", name_th="สำรวจ 2567"
    )
    world.cycle.refresh_from_db()
    return world


def submitted(world, agency):
    p = world.participation(agency)
    p.status = ParticipationStatus.SUBMITTED
    p.save()
    return p


def test_the_invitation_e_mail_is_thai_first_with_a_buddhist_era_date(
    world, settings, django_capture_on_commit_callbacks
):
    settings.DGMM_SITE_URL = "https://survey.example.go.th"
    with django_capture_on_commit_callbacks(execute=True):
        sent = Invite(world.users["analyst"], "a@x.go.th", Role.RESPONDENT, world.pcio_a1, "สมศรี").execute()
    (message,) = mail.outbox
    assert message.subject.index("คำเชิญ") < message.subject.index("Invitation")
    body = message.body
    assert body.index("เรียน สมศรี") < body.index("Dear สมศรี")
    assert body.index("คณะกรรมการเอหนึ่ง") < body.index("PCIO A1")  # the agency, in each language
    assert sent.link.startswith("https://survey.example.go.th/accounts/invitation/")
    assert body.count(sent.link) == 2
    expires = sent.invitation.expires_at.astimezone(BANGKOK).date()
    assert (
        f"{expires.year + 543}" in body.split("Dear")[0]
        and f"{expires.year + 543}" not in body.split("Dear")[1]
    )
    html, kind = message.alternatives[0]
    assert kind == "text/html" and html.index('lang="th"') < html.index('lang="en"')
    assert f'href="{sent.link}"' in html and "style=" not in html and "<script" not in html


def test_the_invitation_says_until_when_the_link_works_in_both_eras(world):
    inv = Invitation(
        email="a@x.go.th", role=Role.ANALYST, expires_at=datetime(2024, 3, 31, 12, tzinfo=BANGKOK)
    )
    body = letters.invitation(inv, "the-token").body
    assert body.index("ถึงวันที่ 31 มีนาคม 2567") < body.index("until 31 March 2024")
    assert "/accounts/invitation/the-token/" in body


def test_a_correction_request_e_mails_the_agencys_respondents_the_comment_and_the_topic_link(
    emails, settings, django_capture_on_commit_callbacks
):
    settings.DGMM_SITE_URL = "https://survey.example.go.th"
    p = submitted(emails, emails.pcio_a1)
    with django_capture_on_commit_callbacks(execute=True):
        RequestCorrection(p, emails.users["analyst"], "แนบหลักฐานแผนดิจิทัล <ฉบับล่าสุด>", "P1.SP1.T2").execute()
    (message,) = mail.outbox
    assert sorted(message.to) == ["resp.a1@x.go.th", "second.a1@x.go.th"]  # not the inactive one
    assert message.subject.startswith("ขอให้แก้ไขคำตอบ: คณะกรรมการเอหนึ่ง")
    body = message.body
    thai, english = body.index("ส่งคำตอบของ"), body.index("returned the answers")
    assert thai < english
    assert "แนบหลักฐานแผนดิจิทัล <ฉบับล่าสุด>" in body
    assert "https://survey.example.go.th/cycles/c2566/a/pcio-a1/t/P1.SP1.T2/" in body
    assert "31 มีนาคม 2567" in body and "31 March 2024" in body  # the deadline
    html = message.alternatives[0][0]
    assert "&lt;ฉบับล่าสุด&gt;" in html  # the comment is escaped in HTML


def test_an_approval_e_mails_the_agency(emails, django_capture_on_commit_callbacks):
    p = submitted(emails, emails.pcio_b1)
    with django_capture_on_commit_callbacks(execute=True):
        Approve(p, emails.users["analyst"]).execute()
    (message,) = mail.outbox
    assert message.to == ["resp.b1@x.go.th"]
    assert message.subject.index("อนุมัติคำตอบแล้ว") < message.subject.index("Answers approved")
    assert "/cycles/c2566/a/pcio-b1/" in message.body


def test_a_rolled_back_review_sends_nothing(emails, django_capture_on_commit_callbacks):
    p = submitted(emails, emails.pcio_a1)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        Approve(p, emails.users["analyst"], "ok").execute()
        raise RuntimeError("the surrounding work failed")
    assert callbacks == [] and mail.outbox == []
    p.refresh_from_db()
    assert p.status == ParticipationStatus.SUBMITTED


def test_a_refused_review_sends_nothing(emails, django_capture_on_commit_callbacks):
    p = emails.participation(emails.pcio_a1)  # not submitted: cannot be approved
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ActionError):
        Approve(p, emails.users["analyst"]).execute()
    assert mail.outbox == []


def test_an_agency_without_a_respondents_address_gets_no_e_mail(world, django_capture_on_commit_callbacks):
    p = submitted(world, world.pcio_a2)
    with django_capture_on_commit_callbacks(execute=True):
        Approve(p, world.users["analyst"]).execute()
    assert mail.outbox == []


def test_a_mail_server_that_refuses_does_not_undo_the_invitation(
    world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.web.notices.test_mail.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        sent = Invite(world.users["analyst"], "a@x.go.th", Role.ANALYST).execute()
    assert sent.delivery.failed == 1 and sent.delivery.sent == 0
    assert Invitation.objects.filter(email="a@x.go.th").exists()


class RefusingBackend:
    def __init__(self, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPRecipientsRefused({})
