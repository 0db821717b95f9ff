"""An agency plans in the browser: from its results to the plan view, a target picked, the ways to reach
it shown with the projected levels, group and rank, one saved as plan items with an owner, the plan
downloaded as PDF (its text holds the item) and XLSX; the analysts' page of plans by PMQA 4.0 item and
topic. Every page axe clean, no CSP violation."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from dgmm.web.cycles.actions import CloseCycle, PublishCycle
from dgmm.web.plans.models import PlanItem
from tests.reports.conftest import pdf_text, squash
from tests.web.browser.conftest import login, shot
from tests.web.browser.test_pages import check_page
from tests.web.conftest import COMPLETE, PASSWORD, make_world
from tests.web.cycles.test_submission import CHILD, fill
from tests.web.submitted import submit_everyone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(settings):
    settings.LANGUAGE_CODE = "th"
    w = make_world()
    fill(w, w.dept_a, "resp_dept_a", COMPLETE)
    fill(w, w.pcio_a1, "resp_a1", CHILD)
    fill(w, w.pcio_b1, "resp_b1", {"C1": "a", "N3": "30"})
    submit_everyone(w.cycle)
    CloseCycle(w.cycle, w.users["analyst"]).execute()
    PublishCycle(w.cycle, w.users["analyst"]).execute()
    return w


def test_an_agency_picks_a_target_and_saves_the_plan(live_server, new_page, published):
    base = live_server.url
    page = new_page()
    login(page, base, "resp_a1", PASSWORD, "/cycles/c2566/results/pcio-a1/")
    with page.expect_navigation():
        page.get_by_role("link", name="แผนพัฒนา").click()
    expect(page.locator("h1")).to_contain_text("แผนพัฒนา")
    check_page(page)
    page.get_by_label("ประเด็น ด้านย่อย หรือด้าน").select_option("P1.SP1.T2")
    page.get_by_label("ระดับเป้าหมาย").select_option("5")
    with page.expect_navigation():
        page.get_by_role("button", name="ค้นหาการเปลี่ยนคำตอบ").click()
    option = page.locator(".option").first
    expect(option).to_contain_text("ทางเลือกที่ 1")
    expect(option.locator("table")).to_contain_text("P1.SP1.T2")
    check_page(page)
    shot(page, "60-plan-target-th")
    page.locator("#target-owner").fill("คุณสมชาย")
    page.locator("#target-unit").fill("ศูนย์เทคโนโลยีสารสนเทศ")
    with page.expect_navigation():
        page.get_by_role("button", name="บันทึกทางเลือกที่เลือกเป็นรายการในแผน").click()
    items = page.locator("table.plan-items")
    expect(items).to_contain_text("P1.SP1.T2")
    expect(items).to_contain_text("คุณสมชาย")
    expect(items).to_contain_text("วางแผนแล้ว")
    check_page(page)
    shot(page, "61-plan-saved-th")
    item = PlanItem.objects.get()
    assert (item.topic, item.level_now, item.target_level, item.owner) == ("P1.SP1.T2", 3, 5, "คุณสมชาย")

    with page.expect_download() as info:
        page.locator("a[href$='/plan.pdf']").click()
    download = info.value
    assert download.suggested_filename == "plan-c2566-pcio-a1-th.pdf"
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = squash(pdf_text(pdf))
    assert "P1.SP1.T2" in text and squash("คุณสมชาย") in text and squash("ศูนย์เทคโนโลยีสารสนเทศ") in text
    with page.expect_download() as info:
        page.locator("a[href$='/plan.xlsx']").click()
    assert info.value.suggested_filename == "plan-c2566-pcio-a1-th.xlsx"
    check_page(page)

    analyst = new_page()
    login(analyst, base, "analyst", PASSWORD, "/plans/c2566/")
    expect(analyst.locator("table.plans-by-topic")).to_contain_text("P1.SP1.T2")
    check_page(analyst)
    shot(analyst, "62-plans-overview-th")
