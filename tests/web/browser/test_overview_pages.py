"""The analysts' and parent departments' overview pages in a browser at 1366 × 768: the cycle page's
filters (a plain GET form and status links, no script needed), a parent department's home, and the
audit log, which must fit the screen (no horizontal scrolling) with long values. axe-clean, no CSP
violation; screenshots under test-output/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dgmm.web.cycles.actions import SaveAnswer
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry, Participation
from dgmm.web.registry.models import Agency
from tests.web.browser.conftest import login, shot
from tests.web.browser.test_pages import check_page
from tests.web.conftest import PASSWORD, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREEN = {"width": 1366, "height": 768}


@pytest.fixture
def busy(settings):
    """The small world, 60 more agencies under department A, a few answers and long audit values."""
    settings.LANGUAGE_CODE = "th"
    w = make_world()
    Agency.objects.bulk_create(
        Agency(
            code=f"office-{i:02d}",
            name_th=f"สำนักงานสาขาที่ {i}",
            name_en=f"Branch office {i}",
            tier="pcio",
            ministry=w.pcio_a1.ministry,
            province=(w.pcio_a1 if i % 2 else w.pcio_a2).province,
            parent=w.dept_a,
        )
        for i in range(60)
    )
    for a in Agency.objects.filter(code__startswith="office-"):
        Participation.objects.create(cycle=w.cycle, agency=a)
    p = w.participation(w.pcio_a1)
    SaveAnswer(p, w.users["resp_a1"], "C1", "b", 0).execute()
    SaveAnswer(p, w.users["resp_a1"], "U1", "https://example.go.th/" + "long-path/" * 30, 0).execute()
    record(
        AuditEntry.Kind.EVIDENCE,
        "P1.SP1.T1",
        actor=w.users["resp_a1"],
        cycle=w.cycle,
        agency=w.pcio_a1,
        new="รายงานผลการดำเนินงานด้านดิจิทัลประจำปีงบประมาณ_" * 6 + ".pdf",
        note="sha256 " + "0123456789abcdef" * 4,
    )
    return w


def no_horizontal_scroll(page) -> None:
    width = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width[0] <= width[1], f"{page.url}: the page is {width[0]} px wide on a {width[1]} px screen"


def rows(page) -> list[str]:
    return page.locator("table.participants tbody tr td:first-child .hint").all_inner_texts()


def test_an_analyst_filters_the_cycle_page(live_server, new_page, busy):
    base = live_server.url
    page = new_page("en-GB")
    page.set_viewport_size(SCREEN)
    login(page, base, "analyst", PASSWORD, "/cycles/c2566/")
    expect(page.locator("table.participants tbody tr")).to_have_count(50)
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
    check_page(page)
    no_horizontal_scroll(page)
    shot(page, "40-cycle-agencies-en")

    page.select_option("#id_tier", "department")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    assert rows(page) == ["dept-a", "dept-b"]

    page.goto(base + "/cycles/c2566/")
    page.fill("#id_q", "branch office 1")
    page.select_option("#id_province", "TH-90")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert rows(page) == [f"office-{i:02d}" for i in (10, 12, 14, 16, 18)]

    with page.expect_navigation():
        page.locator("a.status-link.status-in_progress").click()  # keeps the search and the province
    assert rows(page) == [] and "status=in_progress" in page.url and "q=branch" in page.url
    expect(page.get_by_text("No agency matches these filters.")).to_be_visible()
    check_page(page)


def test_the_cycle_page_in_thai(live_server, new_page, busy):
    base = live_server.url
    page = new_page()
    page.set_viewport_size(SCREEN)
    login(page, base, "analyst", PASSWORD, "/cycles/c2566/?status=in_progress")
    assert rows(page) == ["pcio-a1"]
    expect(page.locator("a.status-link[aria-current]")).to_contain_text("กำลังตอบ")
    check_page(page)
    no_horizontal_scroll(page)
    shot(page, "41-cycle-agencies-filtered-th")
    page.goto(base + "/cycles/c2566/participants/")
    check_page(page)
    shot(page, "42-cycle-participants-th")
    page.goto(base + "/cycles/")
    expect(page.locator("table.cycles tbody tr")).to_have_count(1)
    check_page(page)
    no_horizontal_scroll(page)
    shot(page, "45-cycle-list-analyst-th")


def test_a_parent_departments_home(live_server, new_page, busy):
    base = live_server.url
    page = new_page()
    page.set_viewport_size(SCREEN)
    login(page, base, "parent_a", PASSWORD, "/")
    section = page.locator("#c-c2566")
    expect(section.locator("tbody tr")).to_have_count(25)  # the first 25; the cycle page has all 63
    expect(section.get_by_role("link", name="ดูหน่วยงานทั้ง 63 แห่งในหน้ารอบการสำรวจ")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("pcio-b1")
    check_page(page)
    no_horizontal_scroll(page)
    shot(page, "43-parent-home-th")
    page.select_option("#id_province", "TH-90")
    page.select_option("#id_status", "not_started")
    with page.expect_navigation():
        page.get_by_role("button", name="กรอง").click()
    expect(section.locator("tbody tr")).to_have_count(25)  # of 31: pcio-a2 and office-00, -02, … -58
    expect(section.get_by_text("ดูหน่วยงานทั้ง 31 แห่งในหน้ารอบการสำรวจ")).to_be_visible()
    check_page(page)


@pytest.mark.parametrize("lang", ["th-TH", "en-GB"])
def test_the_audit_log_fits_a_1366_pixel_screen(live_server, new_page, busy, lang):
    base = live_server.url
    page = new_page(lang)
    page.set_viewport_size(SCREEN)
    login(page, base, "analyst", PASSWORD, "/audit/")
    expect(page.locator("table.audit tbody tr").first).to_be_visible()
    no_horizontal_scroll(page)
    cut = page.locator("details.value").first
    expect(cut).to_be_visible()
    cut.locator("summary").click()  # the full value opens in place
    no_horizontal_scroll(page)
    words = "กำลังตอบ" if lang == "th-TH" else "In progress"
    expect(page.locator("table.audit")).to_contain_text(words)
    check_page(page)
    shot(page, f"44-audit-log-1366-{lang[:2]}")
    page.goto(base + "/review/c2566/a/pcio-a1/audit/")
    no_horizontal_scroll(page)
    check_page(page)
