"""The cycle page, the cycle list, a parent department's home and the audit log read a bounded number
of queries: the same for 5 agencies as for 125, whatever the filters."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dgmm.web.cycles.actions import SaveAnswer
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry, Participation
from dgmm.web.registry.models import Agency

pytestmark = [pytest.mark.django_db, pytest.mark.db]

PAGES = [
    ("analyst", "cycles:detail", {}, 10),
    ("analyst", "cycles:detail", {"status": "in_progress", "province": "TH-50", "q": "a"}, 10),
    ("parent_a", "cycles:detail", {"ministry": "MOI"}, 11),
    ("analyst", "cycles:list", {}, 5),
    ("parent_a", "cycles:list", {}, 9),
    ("parent_a", "cycles:list", {"status": "submitted", "province": "TH-90"}, 9),
    ("resp_a1", "cycles:list", {}, 6),
    ("analyst", "audit:log", {}, 8),
    ("analyst", "audit:log", {"kind": "answer"}, 10),  # questions labelled from the framework
]


def _grow(world, n: int) -> None:
    """n more agencies under department A, each with an answer (and so audit entries)."""
    Agency.objects.bulk_create(
        Agency(code=f"g-{i:03d}", name_th=f"หน่วย {i}", tier="pcio", parent=world.dept_a, province_id=None)
        for i in range(n)
    )
    added = Participation.objects.bulk_create(
        Participation(cycle=world.cycle, agency=a) for a in Agency.objects.filter(code__startswith="g-")
    )
    for p in added[:20]:
        SaveAnswer(Participation.objects.get(pk=p.pk), world.users["admin"], "C1", "a", 0).execute()
    for i in range(n):
        record(AuditEntry.Kind.ACCOUNT, f"user u{i} role", actor=None, old="respondent", new="parent")


def _count(client, name: str, query: dict[str, str]) -> int:
    kwargs = {"cycle": "c2566"} if name == "cycles:detail" else {}
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(name, kwargs=kwargs), query)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("user", "name", "query", "most"), PAGES)
def test_pages_read_a_bounded_number_of_queries(world, client_for, user, name, query, most):
    SaveAnswer(world.participation(world.pcio_a1), world.users["resp_a1"], "C1", "b", 0).execute()
    client = client_for(user)
    small = _count(client, name, query)
    _grow(world, 120)
    large = _count(client, name, query)
    assert large <= small <= most, (small, large)  # never grows with the number of agencies or entries
