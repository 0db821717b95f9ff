"""The Content-Security-Policy (no inline script, style or event handler) breaks no page: the browser
reports no violation on the main pages, the questionnaire with its autosave, the API docs and the
error pages; and a violation, when there is one, is reported."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.browser.conftest import csp_violations, login
from tests.web.conftest import PASSWORD, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_PAGES = [
    "/cycles/c2566/",
    "/cycles/c2566/rates/",
    "/review/c2566/",
    "/review/c2566/a/pcio-a1/",
    "/registry/",
    "/accounts/people/",
    "/cycles/new/",
    "/exchange/c2566/",
    "/admin/",
    "/admin/cycles/cycle/",
    "/no-such-page/",
]


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert "default-src 'self'" in response.headers["content-security-policy"], url
    return csp_violations(page)


def test_the_main_pages_report_no_csp_violation(live_server, new_page, settings):
    settings.LANGUAGE_CODE = "th"
    make_world()
    base = live_server.url
    public = new_page()
    found = {path: visit(public, base + path) for path in ("/public/", "/accounts/login/", "/no-such-page/")}
    staff = new_page()
    login(staff, base, "admin", PASSWORD)
    found |= {path: visit(staff, base + path) for path in STAFF_PAGES}
    found["/api/v1/docs"] = visit(staff, base + "/api/v1/docs")
    expect(staff.locator("#swagger-ui .info")).to_be_visible()  # the API docs ran their script
    respondent = new_page()
    login(respondent, base, "resp_a1", PASSWORD, "/cycles/c2566/a/pcio-a1/")
    topic = "/cycles/c2566/a/pcio-a1/t/P1.SP1.T2/"
    respondent.goto(base + topic)
    respondent.locator("#f-N1").fill("42")
    respondent.keyboard.press("Tab")  # autosave runs
    expect(respondent.locator("#q-f-N1 .save-state")).to_have_class("save-state ok")
    found[topic] = csp_violations(respondent)
    assert {path: v for path, v in found.items() if v} == {}


def test_a_blocked_inline_style_is_reported(live_server, new_page):
    page = new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.evaluate("""() => document.querySelector('main').insertAdjacentHTML(
        'beforeend', '<p style="color: red">inline</p>')""")
    page.wait_for_function("() => window.__cspViolations.length > 0")
    assert csp_violations(page)[0].startswith("style-src-attr blocked inline")
