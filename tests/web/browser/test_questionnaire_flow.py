"""A respondent fills topics with the keyboard, reloads, submits; an analyst asks for a correction;
the respondent sees the comment. Two tabs conflict instead of overwriting; a closed tab loses nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dgmm.web.cycles.actions import SaveAnswer
from dgmm.web.cycles.models import Answer
from tests.web.browser.conftest import login, shot
from tests.web.conftest import PASSWORD, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = "บันทึกแล้ว"


@pytest.fixture
def thai_world(settings):
    settings.LANGUAGE_CODE = "th"
    return make_world()


def topic_url(base, topic):
    return f"{base}/cycles/c2566/a/pcio-a1/t/{topic}/"


def test_fill_reload_submit_review_comment(live_server, new_page, thai_world):
    w, base = thai_world, live_server.url
    p = w.participation(w.pcio_a1)
    for code, raw in {"U1": "https://www.example.go.th", "M1": "r1:k1|r1:k2"}.items():
        SaveAnswer(p, w.users["resp_a1"], code, raw, 0).execute()
    SaveAnswer(w.participation(w.dept_a), w.users["resp_dept_a"], "S1", "65", 0).execute()

    page = new_page()
    login(page, base, "resp_a1", PASSWORD, "/cycles/c2566/a/pcio-a1/t/P1.SP1.T1/")
    expect(page.locator("h1")).to_contain_text("P1.SP1.T1")
    shot(page, "01-topic-empty-th")

    # Topic 1 with the keyboard only: radio (arrow keys), checkboxes (space), yes/no (space).
    page.focus("#f-C1-1")
    page.keyboard.press("ArrowDown")  # C1 = option b
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # C2: x
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # C2: y
    page.keyboard.press("Tab")  # z
    page.keyboard.press("Tab")  # none of these
    page.keyboard.press("Tab")  # C3: yes
    page.keyboard.press("Space")
    for q in ("C1", "C2", "C3"):
        expect(page.locator(f"#q-f-{q} .save-state")).to_contain_text(SAVED)
    expect(page.locator("[data-topic-badge='P1.SP1.T1']")).to_have_class("badge badge-ok")
    shot(page, "02-topic-filled-th")

    # "Save and go to the next topic" with the keyboard: the plain form path.
    page.keyboard.press("Tab")  # the level criteria, after the questions
    page.keyboard.press("Tab")  # Save
    page.keyboard.press("Tab")  # Save and go to the next topic
    page.keyboard.press("Enter")
    page.wait_for_url(topic_url(base, "P1.SP1.T2"))

    # Topic 2: typing, with one mistake that the server refuses and the page reports.
    page.focus("#f-N1")
    page.keyboard.type("สิบสอง")
    page.keyboard.press("Tab")
    expect(page.locator("#q-f-N1 .save-state")).to_have_class("save-state error")
    expect(page.locator("#f-N1")).to_have_value("สิบสอง")  # the input is kept
    shot(page, "03-topic-save-error-th")
    page.focus("#f-N1")
    page.keyboard.press("Control+A")
    page.keyboard.type("12")
    for value in ("3.5", "55", "2560"):
        page.keyboard.press("Tab")
        page.keyboard.type(value)
    page.keyboard.press("Tab")
    for q in ("N1", "N2", "N3", "N4"):
        expect(page.locator(f"#q-f-{q} .save-state")).to_contain_text(SAVED)

    # Reload: everything came back from the server.
    page.reload()
    expect(page.locator("#f-N1")).to_have_value("12")
    expect(page.locator("#f-N4")).to_have_value("2560")
    page.goto(topic_url(base, "P1.SP1.T1"))
    expect(page.locator("#f-C1-2")).to_be_checked()
    expect(page.locator("#f-C2-1")).to_be_checked()
    expect(page.locator("#f-C2-2")).to_be_checked()
    expect(page.locator("#f-C2-3")).not_to_be_checked()
    expect(page.locator("#f-C3-1")).to_be_checked()
    assert {a.code: a.value for a in Answer.objects.filter(agency=w.pcio_a1)} == {
        "U1": "https://www.example.go.th",
        "M1": "r1:k1|r1:k2",
        "C1": "b",
        "C2": "x|y",
        "C3": "yes",
        "N1": "12",
        "N2": "3.5",
        "N3": "55",
        "N4": "2560",
    }

    page.goto(topic_url(base, "P1.SP1.T4"))
    expect(page.locator(".inherited").first).to_contain_text("กรมเอ")
    shot(page, "04-topic-inherited-th")

    # Submit with the keyboard.
    page.goto(f"{base}/cycles/c2566/a/pcio-a1/")
    expect(page.locator("#incomplete")).to_have_count(0)
    shot(page, "05-participation-complete-th")
    page.goto(f"{base}/cycles/c2566/a/pcio-a1/submit/")  # the review before submitting
    page.focus("#confirm")
    page.keyboard.press("Space")
    page.focus(".confirm-box button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("strong.status-submitted")).to_be_visible()

    # The analyst asks for a correction.
    analyst = new_page()
    login(analyst, base, "analyst", PASSWORD, "/review/c2566/a/pcio-a1/")
    expect(analyst.locator("h1")).to_contain_text("คณะกรรมการเอหนึ่ง")
    shot(analyst, "06-review-th")
    analyst.focus("#c-t-P1-SP1-T3")  # the correction comment on the topic it concerns
    analyst.keyboard.type("กรุณาแนบเอกสารแผนประกอบข้อ U1")
    analyst.focus("form[action$='/decide/correction/'] button")
    with analyst.expect_navigation():
        analyst.keyboard.press("Enter")
    analyst.focus("form[action$='/decide/correction/'] button")  # the confirmation page
    with analyst.expect_navigation():
        analyst.keyboard.press("Enter")
    expect(analyst.locator("strong.status-returned")).to_be_visible()
    analyst.goto(f"{base}/review/c2566/a/pcio-a1/audit/")
    shot(analyst, "07-audit-log-th")

    # The respondent sees the comment on its topic, and the answers are editable again.
    page.goto(topic_url(base, "P1.SP1.T3"))
    expect(page.locator(".comment")).to_contain_text("กรุณาแนบเอกสารแผนประกอบข้อ U1")
    page.goto(f"{base}/cycles/c2566/a/pcio-a1/")
    expect(page.locator("strong.status-returned")).to_be_visible()
    shot(page, "08-participation-returned-th")


def test_two_tabs_conflict_and_a_closed_tab_loses_nothing(live_server, new_page, thai_world):
    base = live_server.url
    tab1 = new_page()
    login(tab1, base, "resp_a1", PASSWORD, "/cycles/c2566/a/pcio-a1/t/P1.SP1.T3/")
    tab2 = tab1.context.new_page()
    tab2.goto(topic_url(base, "P1.SP1.T3"))

    tab1.fill("#f-X1", "จากแท็บแรก")
    tab1.keyboard.press("Tab")
    expect(tab1.locator("#q-f-X1 .save-state")).to_contain_text(SAVED)
    tab2.fill("#f-X1", "จากแท็บที่สอง")
    tab2.keyboard.press("Tab")
    expect(tab2.locator("#q-f-X1 .save-state")).to_have_class("save-state error")
    expect(tab2.locator("#q-f-X1 .save-state")).to_contain_text("จากแท็บแรก")  # shows the saved value
    expect(tab2.locator("#f-X1")).to_have_value("จากแท็บที่สอง")  # keeps its own input
    shot(tab2, "09-conflict-th")
    assert Answer.objects.get(code="X1").value == "จากแท็บแรก"

    # Offline: the save fails, the page says so, the input is kept on the device...
    tab1.context.set_offline(True)
    tab1.fill("#f-U1", "https://offline.example.go.th")
    tab1.keyboard.press("Tab")
    expect(tab1.locator("#q-f-U1 .save-state")).to_have_class("save-state error")
    tab1.close()
    tab2.close()
    # ...and a new tab, back online, restores and saves it.
    tab1.context.set_offline(False)
    tab3 = tab1.context.new_page()
    tab3.goto(topic_url(base, "P1.SP1.T3"))
    expect(tab3.locator("#q-f-U1 .save-state")).to_contain_text(SAVED)
    assert Answer.objects.get(code="U1").value == "https://offline.example.go.th"
