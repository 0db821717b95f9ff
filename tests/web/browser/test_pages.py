"""Screenshots of the main pages (Thai and English) after a cycle is scored, checked for landmarks,
labels and headings; they are saved under test-output/screenshots/ for people to look at."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from dgmm.web.cycles.actions import SaveAnswer
from dgmm.web.cycles.models import AnswerSource
from tests.web.browser.conftest import csp_violations, login, shot
from tests.web.conftest import COMPLETE, PASSWORD, make_world
from tests.web.submitted import submit_everyone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHILD = {k: v for k, v in COMPLETE.items() if k != "S1"}


@pytest.fixture
def scored(settings):
    settings.LANGUAGE_CODE = "th"
    w = make_world()
    for agency, user, answers in (
        (w.dept_a, "resp_dept_a", COMPLETE),
        (w.pcio_a1, "resp_a1", CHILD),
        (w.pcio_a2, "admin", {**CHILD, "N3": "85", "C2": "x|y|z"}),
        (w.pcio_b1, "resp_b1", {**CHILD, "C1": "a"}),
    ):
        p = w.participation(agency)
        for code, raw in answers.items():
            SaveAnswer(p, w.users[user], code, raw, 0).execute()
    SaveAnswer(
        w.participation(w.pcio_a1), w.users["analyst"], "A1", "yes", 0, source=AnswerSource.ANALYST
    ).execute()
    submit_everyone(w.cycle)
    return w


AXE = Axe()
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def check_page(page):
    """Every page: one h1, a main landmark, a skip link, every form control labelled, and no
    violation of a WCAG 2.1 A or AA rule that axe-core checks (contrast, names, roles, ARIA, ...), and
    no Content-Security-Policy violation reported by the browser."""
    assert csp_violations(page) == [], page.url
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("main#main")).to_have_count(1)
    expect(page.locator("a.skip-link")).to_have_attribute("href", "#main")
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
        .filter(e => e.type !== 'hidden' && !e.closest('.lang-form'))
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
        .map(e => e.name || e.id)""")
    assert unlabelled == [], unlabelled
    audit = AXE.run(page, options=WCAG_21_AA)
    assert audit.violations_count == 0, f"{page.url}\n{audit.generate_report()}"


def test_main_pages(live_server, new_page, scored):
    base = live_server.url
    analyst = new_page()
    login(analyst, base, "analyst", PASSWORD, "/cycles/c2566/")
    pages = [
        ("10-cycle-analyst-th", "/cycles/c2566/"),
        ("11-rates-th", "/cycles/c2566/rates/"),
        ("12-review-queue-th", "/review/c2566/"),
        ("13-registry-th", "/registry/"),
        ("14-people-th", "/accounts/people/"),
        ("15-cycle-form-th", "/cycles/new/"),
        ("26-audit-log-th", "/audit/"),
        ("27-audit-log-registry-th", "/audit/?kind=registry&cycle=c2566"),
    ]
    for name, path in pages:
        analyst.goto(base + path)
        check_page(analyst)
        shot(analyst, name)
    expect(analyst.locator("[data-rate=submitted]")).to_have_count(0)  # the rates page was left

    # close (score with the core) and publish through the pages, as an analyst does
    analyst.goto(base + "/cycles/c2566/")
    with analyst.expect_navigation():
        analyst.locator("a[href$='/do/close/']").click()
    with analyst.expect_navigation():
        analyst.locator("form[action$='/do/close/'] button[type=submit]").click()
    expect(analyst.locator(".message-success")).to_be_visible()
    analyst.goto(base + "/cycles/c2566/results/")
    check_page(analyst)
    shot(analyst, "16-results-analyst-th")
    analyst.goto(base + "/cycles/c2566/results/pcio-a1/")
    check_page(analyst)
    expect(analyst.locator(".card .big").first).not_to_have_text("-")
    shot(analyst, "17-agency-result-th")

    analyst.goto(base + "/cycles/c2566/")
    with analyst.expect_navigation():
        analyst.locator("a[href$='/do/publish/']").click()
    with analyst.expect_navigation():
        analyst.locator("form[action$='/do/publish/'] button[type=submit]").click()
    expect(analyst.locator(".message-success")).to_be_visible()
    public = new_page()
    public.goto(base + "/public/")
    check_page(public)
    shot(public, "18-public-th")
    public.goto(base + "/cycles/c2566/results/")
    check_page(public)
    expect(public.locator("body")).not_to_contain_text("คณะกรรมการเอหนึ่ง")  # no agency results in public
    shot(public, "19-public-results-th")
    # English on request
    with public.expect_navigation():
        public.locator(".lang-form button").click()
    expect(public.locator("html")).to_have_attribute("lang", "en")
    shot(public, "20-public-results-en")

    respondent = new_page()
    login(respondent, base, "resp_a1", PASSWORD, "/cycles/c2566/results/pcio-a1/")
    check_page(respondent)
    shot(respondent, "21-agency-result-respondent-th")
    respondent.goto(base + "/cycles/c2566/a/pcio-a1/t/P1.SP1.T3/")
    check_page(respondent)
    shot(respondent, "22-topic-locked-th")


def test_login_and_questionnaire_pages_in_english(live_server, new_page, settings):
    settings.LANGUAGE_CODE = "th"
    make_world()
    page = new_page()
    page.goto(live_server.url + "/accounts/login/")
    check_page(page)
    shot(page, "23-login-th")
    login(page, live_server.url, "resp_a1", PASSWORD, "/cycles/c2566/a/pcio-a1/")
    with page.expect_navigation():
        page.locator(".lang-form button").click()
    check_page(page)
    shot(page, "24-participation-en")
    page.goto(live_server.url + "/cycles/c2566/a/pcio-a1/t/P1.SP1.T3/")
    check_page(page)
    shot(page, "25-topic-matrix-en")


def test_the_accessibility_audit_reports_what_it_finds(new_page):
    """The axe-core audit in check_page is not silent: a page with an unlabelled field, an image
    without a text alternative and pale grey text on white is reported with those three rules."""
    page = new_page("en-GB")
    page.set_content("""<!doctype html><html lang="en"><head><title>t</title></head><body><main>
        <h1>Form</h1><input type="text" name="q"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <p style="color:#ddd;background:#fff">pale text</p></main></body></html>""")
    audit = AXE.run(page, options=WCAG_21_AA)
    found = {v["id"] for v in audit.response["violations"]}
    assert {"label", "image-alt", "color-contrast"} <= found, found
