"""The cycle page, the cycle list and a parent department's home: agencies counted by status,
filtered (GET, no script needed), paged, each within the user's scope."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from dgmm.web.cycles.models import Participation
from dgmm.web.registry.models import Agency

pytestmark = [pytest.mark.django_db, pytest.mark.db]

DETAIL = reverse("cycles:detail", kwargs={"cycle": "c2566"})


def _statuses(world, **by_code: str) -> None:
    for code, status in by_code.items():
        Participation.objects.filter(cycle=world.cycle, agency__code=code).update(status=status)


def _rows(html: str) -> list[str]:
    """Agency ids of the rows of the page's agencies table, in order."""
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return re.findall(r'<span class="hint">([^<]+)</span>', body)


def _count(html: str, status: str) -> int:
    """The count shown on the filter link of `status` ("" for all)."""
    links = html[html.index('class="status-links"') :]
    css = f"status-link status-{status}" if status else 'status-link"'
    match = re.search(re.escape(css) + r'[^>]*><span class="count">(\d+)</span>', links)
    assert match, (status, links[:1500])
    return int(match.group(1))


@pytest.fixture
def mixed(world):
    _statuses(world, **{"pcio-a1": "submitted", "pcio-a2": "in_progress", "pcio-b1": "returned"})
    return world


def test_the_cycle_page_lists_agencies_first_with_counts_by_status(mixed, client_for):
    html = client_for("analyst").get(DETAIL).content.decode()
    assert html.index('id="agencies-title"') < html.index('id="manage-title"')
    assert "Add participating agencies" not in html  # the forms have their own page
    assert reverse("cycles:participants", kwargs={"cycle": "c2566"}) in html
    assert (_count(html, ""), _count(html, "not_started"), _count(html, "submitted")) == (5, 2, 1)
    assert (_count(html, "in_progress"), _count(html, "returned"), _count(html, "approved")) == (1, 1, 0)
    assert _rows(html) == ["dept-a", "dept-b", "pcio-a1", "pcio-a2", "pcio-b1"]
    review = reverse("review:detail", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    questionnaire = reverse("cycles:participation", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    assert f'href="{review}"' in html and f'href="{questionnaire}"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "submitted"}, ["pcio-a1"]),
        ({"status": "not_started"}, ["dept-a", "dept-b"]),
        ({"tier": "department"}, ["dept-a", "dept-b"]),
        ({"ministry": "MOF"}, ["dept-b", "pcio-b1"]),
        ({"province": "TH-50"}, ["pcio-a1", "pcio-b1"]),
        ({"province": "TH-50", "status": "returned"}, ["pcio-b1"]),
        ({"q": "department a"}, ["dept-a"]),
        ({"q": "PCIO-A"}, ["pcio-a1", "pcio-a2"]),
        ({"q": "กรมบี"}, ["dept-b"]),
    ],
)
def test_filters_narrow_the_list(mixed, client_for, query, expected):
    html = client_for("analyst").get(DETAIL, query).content.decode()
    assert _rows(html) == expected
    matches = "agency matches" if len(expected) == 1 else "agencies match"
    assert f"{len(expected)} {matches} the filters." in html


def test_counts_follow_the_other_filters_and_links_keep_them(mixed, client_for):
    html = client_for("analyst").get(DETAIL, {"province": "TH-50", "page": "1"}).content.decode()
    assert (_count(html, ""), _count(html, "submitted"), _count(html, "not_started")) == (2, 1, 0)
    assert 'href="?province=TH-50&amp;status=returned#agencies"' in html  # the page number is dropped


def test_an_unknown_filter_value_is_named_and_left_out(mixed, client_for):
    response = client_for("analyst").get(DETAIL, {"status": "lost", "q": "x" * 101})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Select a valid choice" in html and "at most 100 characters" in html
    assert len(_rows(html)) == 5


def test_two_thousand_agencies_are_paged(world, client_for):
    Agency.objects.bulk_create(
        Agency(code=f"loc-{i:04d}", name_th=f"อบต. {i}", tier="pcio", parent=world.dept_b) for i in range(120)
    )
    Participation.objects.bulk_create(
        Participation(cycle=world.cycle, agency=a) for a in Agency.objects.filter(code__startswith="loc-")
    )
    client = client_for("analyst")
    first = client.get(DETAIL).content.decode()
    assert len(_rows(first)) == 50 and "Page 1 of 3" in first
    last = client.get(DETAIL, {"page": "3", "q": "loc-"}).content.decode()
    assert _rows(last) == [f"loc-{i:04d}" for i in range(100, 120)] and "Page 3 of 3" in last


def test_the_participants_page_and_the_audit_log_are_for_analysts(world, client_for):
    url = reverse("cycles:participants", kwargs={"cycle": "c2566"})
    html = client_for("analyst").get(url).content.decode()
    assert "Add participating agencies" in html and "Remove agencies" in html
    for user in ("resp_a1", "parent_a"):
        assert client_for(user).get(url).status_code == 404
        assert client_for(user).get(reverse("audit:log")).status_code == 404
        agency_log = reverse("review:audit", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
        assert client_for(user).get(agency_log).status_code == 404


def test_a_respondent_sees_only_its_agency_and_no_management(mixed, client_for):
    client = client_for("resp_a1")
    home = client.get(reverse("cycles:list")).content.decode()
    assert "Share submitted" not in home and "Your questionnaires" in home
    html = client.get(DETAIL).content.decode()
    assert _rows(html) == ["pcio-a1"] and 'id="manage-title"' not in html
    assert _rows(client.get(DETAIL, {"q": "pcio-b1"}).content.decode()) == []
    other = reverse("cycles:participation", kwargs={"cycle": "c2566", "agency": "pcio-b1"})
    assert client.get(other).status_code == 404


def test_the_analysts_cycle_list_counts_agencies_by_status(mixed, client_for):
    html = client_for("analyst").get(reverse("cycles:list")).content.decode()
    row = html[html.index(DETAIL) : html.index("</tr>", html.index(DETAIL))]
    cells = re.findall(r'<td class="num">(?:<a [^>]*>)?(\d+)', row)
    assert cells == ["5", "2", "1", "1", "1", "0"]  # total, then each status in order
    assert f'href="{DETAIL}?status=returned#agencies"' in row and "20%" in row


def test_a_parent_departments_home_shows_its_agencies_per_cycle(mixed, client_for):
    client = client_for("parent_a")
    assert client.get(reverse("dashboards:home")).url == reverse("cycles:list")
    html = client.get(reverse("cycles:list")).content.decode()
    section = html[html.index('id="c-c2566"') : html.index("</section>")]
    assert _rows(section) == ["dept-a", "pcio-a1", "pcio-a2"]
    assert "pcio-b1" not in html and "dept-b" not in html
    assert (_count(section, ""), _count(section, "submitted"), _count(section, "in_progress")) == (3, 1, 1)
    assert "33% submitted" in section
    link = reverse("cycles:participation", kwargs={"cycle": "c2566", "agency": "pcio-a2"})
    assert f'href="{link}"' in section and client.get(link).status_code == 200


def test_a_parent_department_filters_its_home_by_status_and_province(mixed, client_for):
    client = client_for("parent_a")
    page = client.get(reverse("cycles:list"), {"province": "TH-90"}).content.decode()
    assert _rows(page[page.index('id="c-c2566"') :]) == ["pcio-a2"]
    page = client.get(reverse("cycles:list"), {"status": "submitted"}).content.decode()
    assert _rows(page[page.index('id="c-c2566"') :]) == ["pcio-a1"]
    page = client.get(reverse("cycles:list"), {"province": "TH-50", "status": "returned"}).content.decode()
    assert _rows(page[page.index('id="c-c2566"') :]) == []  # pcio-b1 is not theirs
    assert "No agency matches these filters." in page


def test_a_parent_departments_cycle_page_is_scoped(mixed, client_for):
    html = client_for("parent_b").get(DETAIL).content.decode()
    assert _rows(html) == ["dept-b", "pcio-b1"] and _count(html, "") == 2
    assert client_for("parent_b").get(DETAIL, {"ministry": "MOI"}).status_code == 200


def test_the_thai_deadline_is_in_the_buddhist_era(mixed, client_for):
    html = client_for("parent_a").get(reverse("cycles:list"), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    year = mixed.cycle.closes_at.year
    assert str(year + 543) in html and f" {year}" not in html.replace(str(year + 543), "")


def test_the_deadline_says_how_many_days_are_left(mixed, client_for):
    from datetime import timedelta

    from django.utils import timezone

    from dgmm.web.cycles.overview import days_left

    now = timezone.now()
    mixed.cycle.closes_at = now + timedelta(days=12, hours=3)
    mixed.cycle.save()
    assert days_left(mixed.cycle, now) == 12
    assert "(12 days left)" in client_for("parent_a").get(reverse("cycles:list")).content.decode()
    assert "(12 days left)" in client_for("analyst").get(DETAIL).content.decode()
    assert days_left(mixed.cycle, now + timedelta(days=12, hours=4)) is None
    mixed.cycle.status = "closed"
    assert days_left(mixed.cycle, now) is None
