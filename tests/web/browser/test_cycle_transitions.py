"""An analyst closes a cycle with unsubmitted agencies through its confirmation page; the results list
them as not submitted with no rank; the analyst reopens with a reason, closes again and publishes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dgmm.web.cycles.actions import SaveAnswer, SubmitParticipation
from dgmm.web.cycles.models import AuditEntry, CycleStatus
from tests.web.browser.conftest import login, shot
from tests.web.browser.test_pages import check_page
from tests.web.conftest import COMPLETE, PASSWORD, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHILD = {k: v for k, v in COMPLETE.items() if k != "S1"}


@pytest.fixture
def half_submitted(settings):
    """dept-a and pcio-a1 submitted; dept-b and pcio-a2 answered and never submitted; pcio-b1 nothing."""
    settings.LANGUAGE_CODE = "th"
    w = make_world()
    for agency, answers in (
        (w.dept_a, COMPLETE),
        (w.dept_b, COMPLETE | {"N3": "95"}),
        (w.pcio_a1, CHILD),
        (w.pcio_a2, CHILD | {"N3": "85"}),
    ):
        p = w.participation(agency)
        for code, raw in answers.items():
            SaveAnswer(p, w.users["admin"], code, raw, 0).execute()
    for agency in (w.dept_a, w.pcio_a1):
        SubmitParticipation(w.participation(agency), w.users["admin"]).execute()
    return w


def _go(page, selector):
    with page.expect_navigation():
        page.locator(selector).click()


def test_close_with_unsubmitted_agencies_reopen_close_again_publish(live_server, new_page, half_submitted):
    w, base = half_submitted, live_server.url
    page = new_page()
    login(page, base, "analyst", PASSWORD, "/cycles/c2566/")
    _go(page, "a[href$='/do/close/']")
    expect(page.locator("#fig-not-submitted")).to_contain_text("3 จาก 5")
    expect(page.locator("#fig-deadline")).to_contain_text(str(w.cycle.closes_at.year + 543))
    expect(page.locator("#policy-submitted")).to_be_checked()
    expect(page.locator("#policy-submitted-figures")).to_contain_text("นับ 2 จาก 5")
    check_page(page)
    shot(page, "40-close-confirm-th")
    _go(page, "form[action$='/do/close/'] button[type=submit]")
    expect(page.locator(".message-success")).to_be_visible()

    page.goto(base + "/cycles/c2566/results/")
    check_page(page)
    draft = page.locator("tr[data-agency='dept-b']")
    expect(draft).to_have_attribute("data-status", "not_submitted")
    expect(draft.locator("td").nth(0)).to_have_text("–")  # no rank
    expect(draft.locator("td").nth(2)).to_have_text("ไม่ได้ส่ง")
    expect(page.locator("tr[data-agency='dept-a'] td").nth(0)).to_have_text("1")
    shot(page, "41-results-not-submitted-th")
    page.goto(base + "/cycles/c2566/results/dept-b/")
    check_page(page)
    expect(page.locator(".not-scored")).to_be_visible()
    shot(page, "42-agency-not-submitted-th")

    page.goto(base + "/cycles/c2566/")
    _go(page, "a[href$='/do/reopen/']")
    check_page(page)
    shot(page, "43-reopen-confirm-th")
    _go(page, "form[action$='/do/reopen/'] button[type=submit]")  # no reason: refused, stays closed
    expect(page.locator(".field-error")).to_be_visible()
    check_page(page)
    page.fill("#id_reason", "กรมบีขอส่งคำตอบเพิ่มเติม")
    _go(page, "form[action$='/do/reopen/'] button[type=submit]")
    w.cycle.refresh_from_db()
    assert w.cycle.status == CycleStatus.OPEN
    assert AuditEntry.objects.filter(cycle=w.cycle, new_value="open", note__startswith="กรมบี").exists()

    SubmitParticipation(w.participation(w.dept_b), w.users["admin"]).execute()
    page.goto(base + "/cycles/c2566/")
    _go(page, "a[href$='/do/close/']")
    expect(page.locator("#fig-not-submitted")).to_contain_text("2 จาก 5")
    _go(page, "form[action$='/do/close/'] button[type=submit]")
    page.goto(base + "/cycles/c2566/results/")
    expect(page.locator("tr[data-agency='dept-b']")).to_have_attribute("data-status", "scored")
    expect(page.locator("tr[data-agency='dept-b'] td").nth(0)).to_have_text("1")

    page.goto(base + "/cycles/c2566/")
    _go(page, "a[href$='/do/publish/']")
    expect(page.locator("#fig-public")).to_be_visible()
    check_page(page)
    shot(page, "44-publish-confirm-th")
    _go(page, "form[action$='/do/publish/'] button[type=submit]")
    w.cycle.refresh_from_db()
    assert w.cycle.status == CycleStatus.PUBLISHED
    _go(page, "a[href$='/do/withdraw/']")
    check_page(page)
    shot(page, "45-withdraw-confirm-th")
    statuses = list(
        AuditEntry.objects.filter(cycle=w.cycle, kind="cycle", target="status")
        .order_by("at", "id")
        .values_list("old_value", "new_value")
    )
    assert statuses == [("open", "closed"), ("closed", "open"), ("open", "closed"), ("closed", "published")]
