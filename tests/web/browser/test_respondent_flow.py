"""A respondent goes from the start page through the topics to the review page and submits; a returned
participation shows the analyst's comment on its topic; an inherited topic is read-only; on a phone the
questions come before the topic list and the criteria. Every page passes the accessibility audit."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dgmm.web.cycles.actions import SaveAnswer
from dgmm.web.cycles.models import ParticipationStatus
from dgmm.web.review.actions import RequestCorrection
from tests.web.browser.conftest import login, shot
from tests.web.browser.test_pages import check_page
from tests.web.conftest import COMPLETE, PASSWORD, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = "บันทึกแล้ว"
START = "/cycles/c2566/a/pcio-a1/"


@pytest.fixture
def thai_world(settings):
    settings.LANGUAGE_CODE = "th"
    w = make_world()
    SaveAnswer(w.participation(w.dept_a), w.users["resp_dept_a"], "S1", "70", 0).execute()
    return w


def test_from_the_start_page_through_the_topics_to_submit_after_review(live_server, new_page, thai_world):
    w, base = thai_world, live_server.url
    page = new_page()
    login(page, base, "resp_a1", PASSWORD, START)
    check_page(page)
    expect(page.locator(".error-summary")).to_have_count(0)
    expect(page.locator("progress").first).to_have_attribute("value", "0")
    shot(page, "30-start-page-th")

    start = page.locator("a.big-button")
    expect(start).to_contain_text("เริ่มตอบแบบสำรวจ")
    with page.expect_navigation():
        start.click()
    expect(page.locator("h1")).to_contain_text("P1.SP1.T1")
    page.check("#f-C1-2")
    expect(page.locator("#q-f-C1 .save-state")).to_contain_text(SAVED)
    expect(page.locator("[data-topic-badge='P1.SP1.T1']")).to_have_text("ยังไม่ครบ")
    page.check("#f-C2-1")
    page.check("#f-C3-1")
    expect(page.locator("#q-f-C3 .save-state")).to_contain_text(SAVED)
    expect(page.locator("[data-topic-badge='P1.SP1.T1']")).to_have_text("ครบแล้ว")
    expect(page.locator("[data-topic-answered]")).to_contain_text("ตอบแล้ว 3 จาก 3 คำถาม")

    # back on the start page the button continues where the answers stop
    page.goto(base + START)
    expect(page.locator("a.big-button")).to_contain_text("ทำต่อ")
    with page.expect_navigation():
        page.locator("a.big-button").click()
    expect(page.locator("h1")).to_contain_text("P1.SP1.T2")
    for code, value in (("N1", "12"), ("N2", "3.5"), ("N3", "55"), ("N4", "2560")):
        page.fill(f"#f-{code}", value)
        page.keyboard.press("Tab")
        expect(page.locator(f"#q-f-{code} .save-state")).to_contain_text(SAVED)
    with page.expect_navigation():
        page.locator("button[name=next_topic]").click()
    expect(page.locator("h1")).to_contain_text("P1.SP1.T3")
    page.fill("#f-U1", "https://www.example.go.th")
    page.keyboard.press("Tab")
    page.check("#f-M1-1-1")
    page.check("#f-M1-1-2")
    expect(page.locator("#q-f-M1 .save-state")).to_contain_text(SAVED)
    expect(page.locator("#q-f-U1 .save-state")).to_contain_text(SAVED)

    page.goto(base + START)
    expect(page.locator("#incomplete")).to_have_count(0)
    expect(page.locator("progress").first).to_have_attribute("value", "3")
    shot(page, "31-start-page-done-th")
    with page.expect_navigation():
        page.locator("a.big-button").click()  # every topic done: "review and submit"
    expect(page.locator("h1")).to_have_text("ตรวจทานและส่งคำตอบ")
    expect(page.locator("[data-topic-level='P1.SP1.T4']")).to_contain_text("ระดับ 4")  # the parent's S1
    check_page(page)
    shot(page, "32-review-before-submit-th")

    # submitting without the confirmation is refused (the box is required)
    page.locator(".confirm-box button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("ตรวจทานและส่งคำตอบ")
    assert w.participation(w.pcio_a1).status == ParticipationStatus.IN_PROGRESS
    page.focus("#confirm")
    page.keyboard.press("Space")
    expect(page.locator("#confirm")).to_be_checked()
    with page.expect_navigation():
        page.locator(".confirm-box button[type=submit]").click()
    expect(page.locator("strong.status-submitted")).to_be_visible()
    assert w.participation(w.pcio_a1).status == ParticipationStatus.SUBMITTED
    shot(page, "33-start-page-submitted-th")


def test_a_returned_participation_shows_the_comment_on_its_topic(live_server, new_page, thai_world):
    w, base = thai_world, live_server.url
    p = w.participation(w.pcio_a1)
    for code, raw in {k: v for k, v in COMPLETE.items() if k != "S1"}.items():
        SaveAnswer(p, w.users["resp_a1"], code, raw, 0).execute()
    p.status = ParticipationStatus.SUBMITTED
    p.save()
    RequestCorrection(p, w.users["analyst"], "กรุณาระบุเว็บไซต์หลักของหน่วยงาน", "P1.SP1.T3").execute()
    page = new_page()
    login(page, base, "resp_a1", PASSWORD, START)
    expect(page.locator("strong.status-returned")).to_be_visible()
    expect(page.locator(".start-panel .message-warning")).to_contain_text("ส่งคำตอบคืนให้แก้ไข")
    check_page(page)
    shot(page, "34-start-page-returned-th")
    with page.expect_navigation():
        page.locator("a.big-button").click()  # the comment's topic first
    expect(page.locator("h1")).to_contain_text("P1.SP1.T3")
    comment = page.locator(".topic-comments .comment")
    expect(comment).to_contain_text("กรุณาระบุเว็บไซต์หลักของหน่วยงาน")
    top = comment.bounding_box()
    first_question = page.locator(".question").first.bounding_box()
    assert top and first_question and top["y"] < first_question["y"]
    check_page(page)
    shot(page, "35-topic-with-comment-th")


def test_an_inherited_topic_is_read_only(live_server, new_page, thai_world):
    base = live_server.url
    page = new_page()
    login(page, base, "resp_a1", PASSWORD, START + "t/P1.SP1.T4/")
    expect(page.locator(".inherited").first).to_contain_text("กรมเอ")
    expect(page.locator(".topic-main button[type=submit]")).to_have_count(0)  # no Save, no upload
    expect(page.locator("input[type=file]")).to_have_count(0)
    expect(page.locator(".topic-main input:not([type=hidden]), .topic-main textarea")).to_have_count(0)
    check_page(page)
    shot(page, "36-topic-inherited-read-only-th")


def test_on_a_phone_the_questions_come_first(live_server, new_page, thai_world):
    base = live_server.url
    page = new_page()
    page.set_viewport_size({"width": 375, "height": 740})
    login(page, base, "resp_a1", PASSWORD, START + "t/P1.SP1.T1/")
    question = page.locator(".question").first.bounding_box()
    toc = page.locator("nav.toc").bounding_box()
    criteria = page.locator(".guidance").first.bounding_box()
    last_question = page.locator(".question").last.bounding_box()
    assert question and toc and criteria and last_question
    assert question["y"] < toc["y"] and last_question["y"] < criteria["y"] < toc["y"]
    assert question["x"] + question["width"] <= 375  # nothing wider than the screen
    check_page(page)
    shot(page, "37-topic-phone-th")
    page.goto(base + START)
    check_page(page)
    shot(page, "38-start-page-phone-th")
    # on a wide screen the topic list is beside the questions again
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + START + "t/P1.SP1.T1/")
    toc = page.locator("nav.toc").bounding_box()
    question = page.locator(".question").first.bounding_box()
    assert toc and question and toc["x"] < question["x"] and toc["y"] < question["y"] + question["height"]
