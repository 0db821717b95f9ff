"""The people page in a browser: an analyst uploads a file of people with a mistake (every problem named,
nobody invited), then the corrected file (everyone invited), and sends one invitation again."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from dgmm.web.accounts.models import Invitation
from tests.web.browser.conftest import login, shot
from tests.web.browser.test_pages import check_page
from tests.web.conftest import PASSWORD, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WRONG = (
    "อีเมล,ชื่อ-นามสกุล,บทบาท,รหัสหน่วยงาน\n"
    "somchai@a2.go.th,สมชาย ใจดี,ผู้ตอบแบบสำรวจของหน่วยงาน,pcio-a2\n"
    "malee-at-b1,มาลี ดีงาม,respondent,pcio-b1\n"
    "wichai@x.go.th,=HYPERLINK(1),respondent,pcio-zz\n"
)
RIGHT = (
    "อีเมล,ชื่อ-นามสกุล,บทบาท,รหัสหน่วยงาน\n"
    "somchai@a2.go.th,สมชาย ใจดี,ผู้ตอบแบบสำรวจของหน่วยงาน,pcio-a2\n"
    "malee@b1.go.th,มาลี ดีงาม,respondent,pcio-b1\n"
    "wichai@dept-a.go.th,วิชัย รักดี,parent,dept-a\n"
)


def choose(page, name: str, content: str) -> None:
    page.locator("#id_file").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content.encode("utf-8")}
    )


def test_an_analyst_invites_a_file_of_people_from_the_people_page(live_server, new_page, settings):
    settings.LANGUAGE_CODE = "th"
    make_world()
    base = live_server.url
    page = new_page()
    login(page, base, "analyst", PASSWORD, "/accounts/people/")
    check_page(page)
    expect(page.locator("a[href$='/people/file/template.xlsx']")).to_be_visible()

    choose(page, "people.csv", WRONG)
    with page.expect_navigation():
        page.get_by_role("button", name="ตรวจไฟล์และส่งคำเชิญ").click()
    summary = page.locator("#file-problems")
    expect(summary).to_contain_text("พบปัญหา 3 รายการ ยังไม่ได้เชิญผู้ใด")
    expect(summary).to_contain_text("people.csv, แถว 3, คอลัมน์ อีเมล")
    expect(summary).to_contain_text("มีลักษณะเป็นสูตรของสเปรดชีต")
    check_page(page)
    shot(page, "40-people-file-problems-th")
    assert not Invitation.objects.exists() and mail.outbox == []

    choose(page, "people.csv", RIGHT)
    with page.expect_navigation():
        page.get_by_role("button", name="ตรวจไฟล์และส่งคำเชิญ").click()
    # the confirmation page: who will be e-mailed; nothing is sent yet
    expect(page.locator("h1")).to_contain_text("3")
    expect(page.locator("table")).to_contain_text("malee@b1.go.th")
    check_page(page)
    shot(page, "40-people-file-confirm-th")
    assert not Invitation.objects.exists() and mail.outbox == []
    with page.expect_navigation():
        page.locator("form[action$='/people/file/confirm/'] button").click()
    expect(page.locator(".message-success")).to_contain_text("เชิญแล้ว 3 คน")
    rows = page.locator("tr[data-invitation]")
    expect(rows).to_have_count(3)
    expect(page.locator("tr[data-invitation='malee@b1.go.th']")).to_contain_text("รอการตอบรับ")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "malee@b1.go.th",
        "somchai@a2.go.th",
        "wichai@dept-a.go.th",
    ]

    with page.expect_navigation():
        page.get_by_role("button", name="ส่งลิงก์ใหม่ถึง malee@b1.go.th").click()
    expect(page.locator(".message-success")).to_contain_text("ลิงก์เดิมใช้ไม่ได้อีกต่อไป")
    expect(page.locator("tr[data-invitation='malee@b1.go.th'] td").nth(6)).to_have_text("2")
    assert len(mail.outbox) == 4
    check_page(page)
    shot(page, "41-people-invitations-th")
