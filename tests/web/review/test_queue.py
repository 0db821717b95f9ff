"""The review queue: counts per status, filters (status, tier, ministry, province), sorted by the
submission date, one page at a time, with a fixed number of queries whatever the number of agencies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dgmm.web.cycles.models import Participation, ParticipationStatus
from dgmm.web.registry.models import Agency, Ministry, Province

pytestmark = [pytest.mark.django_db, pytest.mark.db]

URL = reverse("review:queue", kwargs={"cycle": "c2566"})


def add_agencies(world, n, status=ParticipationStatus.SUBMITTED, start=0):
    """n PCIO committees under department A, in Chiang Mai (MOI), submitted an hour apart."""
    moi, cm = Ministry.objects.get(code="MOI"), Province.objects.get(code="TH-50")
    agencies = Agency.objects.bulk_create(
        Agency(
            code=f"pcio-x{i:04d}",
            name_th=f"คณะกรรมการ {i}",
            tier="pcio",
            ministry=moi,
            province=cm,
            parent=world.dept_a,
        )
        for i in range(start, start + n)
    )
    now = timezone.now()
    Participation.objects.bulk_create(
        Participation(
            cycle=world.cycle,
            agency=a,
            status=status,
            submitted_at=now - timedelta(hours=i + 1) if status == ParticipationStatus.SUBMITTED else None,
        )
        for i, a in enumerate(agencies)
    )


def rows(html):
    return html.count('href="/review/c2566/a/')


def test_counts_per_status_and_filters(world, client_for):
    add_agencies(world, 3)
    c = client_for("analyst")
    response = c.get(URL)
    counts = {code: n for code, _label, n in response.context["counts"]}
    assert counts["submitted"] == 3 and counts["not_started"] == 5 and response.context["total"] == 8
    assert rows(c.get(URL, {"status": "submitted"}).content.decode()) == 3
    assert rows(c.get(URL, {"tier": "department"}).content.decode()) == 2
    assert rows(c.get(URL, {"ministry": "MOF"}).content.decode()) == 2  # dept-b and pcio-b1
    assert rows(c.get(URL, {"province": "TH-90"}).content.decode()) == 1  # pcio-a2
    filtered = c.get(URL, {"ministry": "MOF"})
    assert {code: n for code, _l, n in filtered.context["counts"]}["submitted"] == 0  # counts follow filters
    assert rows(c.get(URL, {"tier": "nonsense", "status": "<b>"}).content.decode()) == 8  # ignored


def test_sorted_by_submission_date_both_ways(world, client_for):
    add_agencies(world, 3)
    c = client_for("analyst")
    oldest_first = c.get(URL, {"sort": "submitted"}).content.decode()
    newest_first = c.get(URL, {"sort": "-submitted"}).content.decode()
    assert oldest_first.index("pcio-x0002") < oldest_first.index("pcio-x0000")
    assert newest_first.index("pcio-x0000") < newest_first.index("pcio-x0002")
    assert 'aria-sort="descending"' in newest_first


def test_pages_of_fifty(world, client_for):
    add_agencies(world, 120)
    c = client_for("analyst")
    first = c.get(URL)
    assert rows(first.content.decode()) == 50 and first.context["page"].paginator.num_pages == 3
    last = c.get(URL, {"page": 3, "status": "submitted"})
    assert rows(last.content.decode()) == 20


def test_query_count_does_not_grow_with_the_agencies(world, client_for):
    c = client_for("analyst")
    add_agencies(world, 5)
    c.get(URL)  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert c.get(URL).status_code == 200
    add_agencies(world, 60, start=100)
    with CaptureQueriesContext(connection) as many:
        assert c.get(URL, {"sort": "-submitted"}).status_code == 200
    assert len(many) == len(few) <= 10, [q["sql"] for q in many.captured_queries]


def test_review_page_query_count_is_bounded(world, client_for, django_assert_max_num_queries):
    from tests.web.cycles.test_submission import CHILD, fill

    fill(world, world.pcio_a1, "resp_a1", CHILD)
    c = client_for("analyst")
    url = reverse("review:detail", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    with django_assert_max_num_queries(10):
        assert c.get(url).status_code == 200
