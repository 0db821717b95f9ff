"""An analyst reviews one agency in the browser: the queue, the review page with each topic's level,
an analyst check that moves a level, a correction on one topic confirmed before it is sent, and after
the agency submits again, an approval through its confirmation page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from dgmm.web.cycles.actions import SaveAnswer, SubmitParticipation, UploadEvidence
from dgmm.web.cycles.models import ParticipationStatus
from dgmm.web.review.models import ReviewComment
from tests.web.browser.conftest import login, shot
from tests.web.browser.test_pages import check_page
from tests.web.conftest import COMPLETE, PASSWORD, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHILD = {k: v for k, v in COMPLETE.items() if k != "S1"}


@pytest.fixture
def submitted(settings):
    settings.LANGUAGE_CODE = "th"
    w = make_world()
    SaveAnswer(w.participation(w.dept_a), w.users["resp_dept_a"], "S1", "65", 0).execute()
    p = w.participation(w.pcio_a1)
    for code, raw in {**CHILD, "N3": "45"}.items():
        SaveAnswer(p, w.users["resp_a1"], code, raw, 0).execute()
    plan = SimpleUploadedFile("แผนดิจิทัล.pdf", b"%PDF-1.4\n")
    UploadEvidence(p, w.users["resp_a1"], "P1.SP1.T3", plan).execute()
    SubmitParticipation(p, w.users["resp_a1"]).execute()
    return w


def level_of(page, topic):
    return page.locator(f"[data-level-panel='{topic}'] [data-level]")


def test_review_return_one_topic_then_approve(live_server, new_page, submitted):
    w, base = submitted, live_server.url
    page = new_page()
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, base, "analyst", PASSWORD, "/review/c2566/?status=submitted")
    expect(page.locator("[data-count='submitted']")).to_have_text("1")
    check_page(page)
    # the queue fits a 1366 px screen: nothing scrolls sideways
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "30-review-queue-th")

    with page.expect_navigation():
        page.get_by_role("link", name="คณะกรรมการเอหนึ่ง").click()
    expect(page.locator("h1")).to_contain_text("คณะกรรมการเอหนึ่ง")
    expect(level_of(page, "P1.SP1.T2")).to_have_attribute("data-level", "3")  # N3 = 45 %
    expect(level_of(page, "P1.SP1.T4")).to_have_attribute("data-level", "4")  # the parent's S1 = 65 %
    expect(level_of(page, "P1.SP1.T3")).to_have_attribute("data-level", "none")  # waits for the check A1
    expect(page.locator("#t-P1-SP1-T3 .evidence-list")).to_contain_text("แผนดิจิทัล.pdf")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    check_page(page)
    shot(page, "31-review-agency-th")

    # The analyst's check is saved as it is made, and the level shown follows it.
    page.locator("#f-A1-1").check()
    expect(page.locator("#q-f-A1 .save-state")).to_contain_text("บันทึกแล้ว")
    expect(level_of(page, "P1.SP1.T3")).to_have_attribute("data-level", "4")
    expect(page.locator("[data-level-of='P1.SP1.T3']")).to_have_text("4")

    # Return one topic with a comment: the confirmation lists it, nothing is sent before confirming.
    page.locator("#c-t-P1-SP1-T3").fill("กรุณาแนบแผนที่ลงนามแล้วประกอบข้อ U1")
    with page.expect_navigation():
        page.get_by_role("button", name="ส่งกลับให้แก้ไข…").click()
    expect(page.locator("h1")).to_contain_text("ส่งคำตอบของ คณะกรรมการเอหนึ่ง กลับให้แก้ไขหรือไม่")
    expect(page.locator(".comment")).to_contain_text("กรุณาแนบแผนที่ลงนามแล้วประกอบข้อ U1")
    assert not ReviewComment.objects.exists()
    check_page(page)
    shot(page, "32-review-confirm-correction-th")
    with page.expect_navigation():
        page.get_by_role("button", name="ยืนยันส่งกลับพร้อมความเห็นเหล่านี้").click()
    expect(page.locator("strong.status-returned")).to_be_visible()
    expect(page.locator("#t-P1-SP1-T3 .comment")).to_contain_text("กรุณาแนบแผนที่ลงนามแล้วประกอบข้อ U1")
    assert ReviewComment.objects.get().topic_id == "P1.SP1.T3"

    # The agency corrects and submits again; the analyst approves through the confirmation page.
    p = w.participation(w.pcio_a1)
    SaveAnswer(p, w.users["resp_a1"], "X1", "แนบแผนแล้ว", 0).execute()
    p.refresh_from_db()
    SubmitParticipation(p, w.users["resp_a1"]).execute()
    page.reload()
    with page.expect_navigation():
        page.get_by_role("button", name="อนุมัติ…").click()
    expect(page.locator("h1")).to_contain_text("อนุมัติคำตอบของ คณะกรรมการเอหนึ่ง หรือไม่")
    expect(page.locator(".consequences")).to_contain_text("คำตอบยังคงล็อกไว้")
    p.refresh_from_db()
    assert p.status == ParticipationStatus.SUBMITTED
    check_page(page)
    shot(page, "33-review-confirm-approve-th")
    with page.expect_navigation():
        page.get_by_role("button", name="ยืนยันการอนุมัติ").click()
    expect(page.locator("strong.status-approved")).to_be_visible()
    expect(page.locator(".message-success")).to_contain_text("อนุมัติคำตอบเรียบร้อย")
    p.refresh_from_db()
    assert p.status == ParticipationStatus.APPROVED
    check_page(page)
    shot(page, "34-review-approved-th")
