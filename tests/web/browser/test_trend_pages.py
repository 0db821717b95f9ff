"""The public trend pages in a browser, as an anonymous visitor, with and without JavaScript: a
province over three published cycles (one of them on another framework, compared through the
crosswalk) and an agency. axe-clean, no CSP violation; screenshots under test-output/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.browser.conftest import shot
from tests.web.browser.test_pages import check_page
from tests.web.dashboards.test_trends import LOCAL, PROVINCIAL
from tests.web.dashboards.trend_world import add_agencies, make_cycle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def years(settings):
    settings.LANGUAGE_CODE = "th"
    prov = add_agencies("pv", "provincial", PROVINCIAL)
    local = add_agencies("lc", "local", LOCAL)
    make_cycle(
        "c2563",
        2563,
        {"provincial": ("province-2563", prov), "local": ("dept-2566", local)},
        agency_results=True,
    )
    make_cycle("c2564", 2564, {"provincial": ("province-2563", prov)})
    make_cycle(
        "c2566",
        2566,
        {"provincial": ("pcio-2566", prov), "local": ("province-2563", local)},
        agency_results=True,
    )
    return prov


PAGES = [
    ("province", "/public/provinces/TH-50/"),
    ("agency", "/public/agencies/pv-00000/"),
    ("provinces", "/public/provinces/"),
]


@pytest.mark.parametrize("lang", ["th-TH", "en-GB"])
def test_trend_pages_with_javascript(live_server, new_page, years, lang):
    page = new_page(lang)
    suffix = lang[:2]
    for name, path in PAGES:
        page.goto(live_server.url + path)
        check_page(page)
        shot(page, f"70-trend-{name}-{suffix}")
    page.goto(live_server.url + "/public/provinces/TH-50/")
    expect(page.locator("table.not-comparable").first).to_be_visible()
    expect(page.locator("svg[role=img]").first).to_be_visible()
    page.goto(live_server.url + "/public/provinces/TH-10/")
    expect(page.locator("tr[data-suppressed=true]")).to_have_count(3)
    check_page(page)
    shot(page, f"71-trend-province-suppressed-{suffix}")


def test_trend_pages_without_javascript(live_server, browser, years):
    ctx = browser.new_context(
        locale="th-TH", viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    try:
        page = ctx.new_page()
        page.goto(live_server.url + "/public/provinces/")
        page.fill("#trend-q", "TH-50")
        with page.expect_navigation():
            page.press("#trend-q", "Enter")  # a plain GET form
        page.get_by_role("link", name="จังหวัด TH-50").click()
        assert page.url.endswith("/public/provinces/TH-50/")
        expect(page.locator("h1")).to_have_count(1)
        expect(page.locator("table.chart-table").first).to_be_visible()
        expect(page.locator("table.not-comparable").first).to_be_visible()
        shot(page, "72-trend-province-nojs-th")
        page.goto(live_server.url + "/public/agencies/pv-00000/")
        expect(page.locator("table.trend-table tbody tr")).to_have_count(2)
        shot(page, "72-trend-agency-nojs-th")
    finally:
        ctx.close()
