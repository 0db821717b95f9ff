"""Every chart kind and the province map in one page (test-output/charts-gallery.html), opened in
chromium under the site's Content-Security-Policy: axe-clean, no CSP violation, provinces reachable
with the keyboard; a screenshot is saved for people to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation
from playwright.sync_api import expect

from tests.web.browser.conftest import csp_violations, shot
from tests.web.browser.test_pages import AXE, WCAG_21_AA
from tests.web.dashboards.charts_gallery import specs

pytestmark = [pytest.mark.browser]

ROOT = Path(__file__).parents[3]
GALLERY = ROOT / "test-output" / "charts-gallery.html"
CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PAGE = Template(
    """{% load dgmm_charts %}<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8">
<title>Charts</title><link rel="stylesheet" href="../dgmm/web/static/dgmm/app.css"></head>
<body><a class="skip-link" href="#main">Skip</a><main id="main" class="wrap"><h1>Charts</h1>
{% for s in specs %}<section><h2>{{ s.title }}</h2>{% chart s %}</section>{% endfor %}</main></body></html>"""
)


def gallery(lang: str) -> str:
    with translation.override(lang):
        return PAGE.render(Context({"specs": specs(), "lang": lang}))


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_chart_gallery_is_accessible_and_keeps_the_content_security_policy(new_page, lang):
    html = gallery(lang)
    GALLERY.parent.mkdir(parents=True, exist_ok=True)
    (GALLERY if lang == "th" else GALLERY.with_name("charts-gallery-en.html")).write_text(
        html, encoding="utf-8"
    )
    page = new_page("th-TH" if lang == "th" else "en-GB")

    def serve(route):
        path = route.request.url.removeprefix("http://gallery.test/")
        if path == "test-output/charts-gallery.html":
            body, kind = html.encode(), "text/html; charset=utf-8"
        else:
            body, kind = (ROOT / path).read_bytes(), "text/css"
        route.fulfill(status=200, body=body, headers={"Content-Type": kind, "Content-Security-Policy": CSP})

    page.route("http://gallery.test/**", serve)
    page.goto("http://gallery.test/test-output/charts-gallery.html")
    expect(page.locator("svg.chart-svg")).to_have_count(len(specs()))
    expect(page.locator("table.chart-table")).to_have_count(len(specs()))
    # the site's style sheet applies (fonts and the chart rules), under the policy
    assert page.evaluate("getComputedStyle(document.querySelector('.chart-svg')).maxWidth") == "100%"
    assert csp_violations(page) == []
    audit = AXE.run(page, options=WCAG_21_AA)
    assert audit.violations_count == 0, audit.generate_report()
    # the provinces are reached with the Tab key, each named with its value
    page.focus("#province-map [data-province='TH-57']")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == ("แม่ฮ่องสอน: 7.30" if lang == "th" else "Mae Hong Son: 7.30")
    shot(page, f"charts-gallery-{lang}")
