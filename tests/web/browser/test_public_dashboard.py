"""The public landing page and a published cycle's dashboard in chromium, as an anonymous visitor, with
JavaScript and without it (a browser context with java_script_enabled=False): axe-clean, no CSP
violation, the compare form works as a plain GET form, the fact-finding sections open; full-page
screenshots in Thai and English under test-output/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from dgmm.web.cycles.actions import CloseCycle, PublishCycle, SaveAnswer
from dgmm.web.cycles.models import Cycle, CycleResult, CycleStatus, Participation
from dgmm.web.registry.models import Agency, Province
from tests.web.browser.conftest import CSP_WATCH, shot
from tests.web.browser.test_pages import check_page
from tests.web.conftest import COMPLETE, make_world
from tests.web.submitted import submit_everyone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHILD = {k: v for k, v in COMPLETE.items() if k != "S1"}
ANSWERS = [
    CHILD,
    {**CHILD, "N3": "85", "C2": "x|y|z"},
    {**CHILD, "C1": "a", "C3": "no"},
    {**CHILD, "N3": "20", "C2": "y"},
]
PROVINCES = [("TH-10", "กรุงเทพมหานคร", "Bangkok"), ("TH-40", "ขอนแก่น", "Khon Kaen")]


def _earlier(world: Any, code: str, year: int, shift: float) -> Cycle:
    """A published cycle of an earlier year whose agencies scored `shift` × (1, 2, 3 ...) points less."""
    c = Cycle.objects.create(
        code=code,
        year=year,
        name_th=f"รอบสำรวจ {year}",
        name_en=f"Survey {year}",
        opens_at=world.cycle.opens_at,
        closes_at=world.cycle.closes_at,
        status=CycleStatus.CLOSED,
    )
    for res in CycleResult.objects.filter(cycle=world.cycle):
        doc = dict(res.document)
        agencies = []
        for i, a in enumerate(doc["agencies"]):
            a = dict(a)
            if (a.get("overall") or {}).get("score") is not None:
                a["overall"] = {
                    **a["overall"],
                    "score": max(0.0, a["overall"]["score"] - shift * (i % 4 - 1)),
                }
            agencies.append(a)
        doc["agencies"] = agencies
        CycleResult.objects.create(cycle=c, tier=res.tier, framework=res.framework, document=doc)
    for p in Participation.objects.filter(cycle=world.cycle):
        Participation.objects.create(cycle=c, agency=p.agency, status=p.status)
    PublishCycle(c, world.users["analyst"]).execute()
    return c


@pytest.fixture
def published(settings):
    """The small world with 12 more PCIO committees over four provinces and two ministries, answered,
    scored and published, and two earlier published cycles."""
    settings.LANGUAGE_CODE = "th"
    w = make_world()
    provinces = list(Province.objects.all())
    for code, th, en in PROVINCES:
        provinces.append(Province.objects.create(code=code, name_th=th, name_en=en, region="central"))
    for i in range(12):
        a = Agency.objects.create(
            code=f"pcio-x{i:02d}",
            name_th=f"คณะกรรมการจังหวัดที่ {i + 1}",
            name_en=f"Provincial committee {i + 1}",
            tier="pcio",
            ministry=(w.pcio_a1 if i % 3 else w.pcio_b1).ministry,
            province=provinces[i % 4],
            parent=w.dept_a if i % 3 else w.dept_b,
        )
        Participation.objects.create(cycle=w.cycle, agency=a)
    answered = [(w.dept_a, COMPLETE), (w.dept_b, {**COMPLETE, "C1": "a"})]
    answered += [
        (a, ANSWERS[i % 4]) for i, a in enumerate(Agency.objects.filter(tier="pcio").order_by("code"))
    ]
    for agency, answers in answered:
        p = w.participation(agency)
        for code, raw in answers.items():
            SaveAnswer(p, w.users["admin"], code, raw, 0).execute()
    submit_everyone(w.cycle)
    CloseCycle(w.cycle, w.users["analyst"]).execute()
    PublishCycle(w.cycle, w.users["analyst"]).execute()
    _earlier(w, "c2565", 2565, 4.0)
    _earlier(w, "c2564", 2564, 9.0)
    return w


def _page(browser: Any, *, javascript: bool, lang: str = "th-TH") -> Any:
    ctx = browser.new_context(
        locale=lang, viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    ctx.set_default_timeout(15000)
    ctx.add_init_script(CSP_WATCH)
    return ctx, ctx.new_page()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_landing_page_and_dashboard_as_an_anonymous_visitor(live_server, browser, published, javascript):
    suffix = "" if javascript else "-nojs"
    ctx, page = _page(browser, javascript=javascript)
    try:
        page.goto(live_server.url + "/")
        expect(page).to_have_url(live_server.url + "/public/")
        expect(page.locator("header nav")).to_contain_text("ผลที่เผยแพร่")
        links = page.locator(".cycle-list h3 a")
        expect(links).to_have_count(3)
        expect(links.first).to_have_text("รอบสำรวจ 2566")  # newest first
        if javascript:
            check_page(page)
        shot(page, f"public-landing-th{suffix}")

        with page.expect_navigation():
            links.first.click()
        expect(page.locator("h1")).to_contain_text("รอบสำรวจ 2566")
        expect(page.locator("#tier-pcio-map [data-province='TH-50']")).to_have_count(1)
        # the fact-finding sections are closed until opened, and open with or without JavaScript
        facts = page.locator("details.facts-pillar").first
        expect(facts.locator("figure").first).to_be_hidden()
        facts.locator("summary").click()
        expect(facts.locator("figure").first).to_be_visible()
        if javascript:
            check_page(page)
        shot(page, f"public-dashboard-th{suffix}")

        # the compare form is a plain GET form
        page.select_option("#compare", "c2564")
        with page.expect_navigation():
            page.locator(".compare-form button").click()
        assert "compare=c2564" in page.url
        expect(page.locator("#growth")).to_contain_text("เปรียบเทียบกับ รอบสำรวจ 2564")
        expect(page.locator("#compare")).to_have_value("c2564")
        if javascript:
            check_page(page)

        # English, with the header's language button (a form: no script needed)
        with page.expect_navigation():
            page.locator(".lang-form button").click()
        expect(page.locator("h1")).to_contain_text("Survey results: Survey 2566")
        page.goto(live_server.url + "/public/c2566/")
        page.locator("details.facts-pillar summary").first.click()
        if javascript:
            check_page(page)
        shot(page, f"public-dashboard-en{suffix}")
        page.goto(live_server.url + "/public/")
        expect(page.locator("h1")).to_have_text("Published results")
        if javascript:
            check_page(page)
        shot(page, f"public-landing-en{suffix}")
    finally:
        ctx.close()


def test_the_province_map_is_reached_with_the_keyboard(live_server, browser, published):
    ctx, page = _page(browser, javascript=True, lang="en-GB")
    try:
        page.goto(live_server.url + "/public/c2566/")
        page.focus("#tier-pcio-map [data-province='TH-50']")
        label = page.evaluate("document.activeElement.getAttribute('aria-label')")
        assert label.startswith("Chiang Mai: ") and label != "Chiang Mai: no data"
        page.keyboard.press("Tab")  # the next province in the map
        assert page.evaluate("document.activeElement.closest('.chart-map') !== null")
        # no page is wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        ctx.close()
