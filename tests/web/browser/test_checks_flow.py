"""A respondent sees a consistency warning on a topic and still submits; an analyst resolves the flag in
the queue with a note. Pages pass the axe audit; screenshots go to test-output/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dgmm.web.checks.models import CheckFlag, FlagStatus
from dgmm.web.cycles.actions import SaveAnswer
from dgmm.web.cycles.models import AuditEntry, CycleFramework
from tests.web.browser.conftest import login, shot
from tests.web.browser.test_pages import check_page
from tests.web.checks.test_checks_web import CHECKED, DOUBTFUL
from tests.web.conftest import PASSWORD, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def flagged_world(settings):
    settings.LANGUAGE_CODE = "th"
    settings.DGMM_FRAMEWORK_PATHS = [*settings.DGMM_FRAMEWORK_PATHS, str(CHECKED)]
    w = make_world()
    CycleFramework.objects.filter(cycle=w.cycle).update(framework=str(CHECKED))
    p = w.participation(w.pcio_a1)
    for code, raw in DOUBTFUL.items():  # N1 = 150: more than 100 systems
        SaveAnswer(p, w.users["resp_a1"], code, raw, 0).execute()
    return w


def test_respondent_sees_a_warning_and_an_analyst_resolves_it(live_server, new_page, flagged_world):
    base = live_server.url
    page = new_page()
    login(page, base, "resp_a1", PASSWORD, "/cycles/c2566/a/pcio-a1/")
    summary = page.locator(".check-summary")
    expect(summary).to_contain_text("จำนวนระบบมากกว่า 100 ระบบ")
    check_page(page)
    shot(page, "checks-01-start-page-warning-th")
    summary.get_by_role("link", name="P1.SP1.T2").click()
    page.wait_for_url("**/t/P1.SP1.T2/")
    warning = page.locator(".check-warnings")
    expect(warning).to_contain_text("โปรดตรวจสอบคำตอบเหล่านี้")
    expect(warning).to_contain_text("จำนวนระบบมากกว่า 100 ระบบ")
    check_page(page)
    shot(page, "checks-02-topic-warning-th")

    page.goto(f"{base}/cycles/c2566/a/pcio-a1/submit/")  # the warning never blocks: review, then submit
    expect(page.locator(".check-summary")).to_contain_text("จำนวนระบบมากกว่า 100 ระบบ")
    page.locator("#confirm").check()
    with page.expect_navigation():
        page.locator(".confirm-box button[type=submit]").click()
    flag = CheckFlag.objects.get(participation__agency=flagged_world.pcio_a1, key="systems-above-hundred")
    assert flag.status == FlagStatus.OPEN

    analyst = new_page("en-GB")
    login(analyst, base, "analyst", PASSWORD, "/review/c2566/a/pcio-a1/")
    analyst.get_by_role("link", name="Consistency checks: 1 open flag").click()
    analyst.wait_for_url("**/checks/c2566/?agency=pcio-a1*")
    row = analyst.locator(f"#flag-{flag.pk}")
    expect(row).to_contain_text("More than 100 systems")
    check_page(analyst)
    shot(analyst, "checks-03-queue-en")
    row.get_by_role("button", name="Resolve").click()  # no note: the browser asks for one (required)
    assert CheckFlag.objects.get(pk=flag.pk).status == FlagStatus.OPEN
    row.get_by_label("Resolution note (required)").fill("Confirmed with the agency: 150 sub-systems.")
    with analyst.expect_navigation():
        row.get_by_role("button", name="Resolve").click()
    expect(analyst.locator(".messages")).to_contain_text("Flag resolved for")
    analyst.get_by_label("Status").select_option("resolved")
    with analyst.expect_navigation():
        analyst.get_by_role("button", name="Filter").click()
    expect(analyst.locator(f"#flag-{flag.pk}")).to_contain_text("Confirmed with the agency: 150 sub-systems.")
    check_page(analyst)
    shot(analyst, "checks-04-queue-resolved-en")
    flag.refresh_from_db()
    assert flag.status == FlagStatus.RESOLVED
    assert AuditEntry.objects.filter(target="check systems-above-hundred", new_value="resolved").count() == 1
