"""Public data routes of the API: anyone, no token, only published cycles (docs/api.md)."""

from __future__ import annotations

import pytest

from dgmm.web.cycles.actions import PublishCycle, WithdrawPublication
from dgmm.web.cycles.models import CycleResult
from tests.web.dashboards.test_results import closed  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.db]

V1 = "/api/v1/public"
ROUTES = [
    f"{V1}/cycles/c2566/aggregates",
    f"{V1}/cycles/c2566/datapackage",
    f"{V1}/cycles/c2566/tables/scores",
]


def test_only_published_cycles_are_public(closed, client):  # noqa: F811
    assert client.get(f"{V1}/cycles").json() == []
    for route in ROUTES:
        response = client.get(route)
        assert response.status_code == 404 and response.json()["ok"] is False
    PublishCycle(closed.cycle, closed.users["analyst"]).execute()
    (listed,) = client.get(f"{V1}/cycles").json()
    assert listed["code"] == "c2566" and listed["open_data"].endswith("/open-data/c2566/")
    assert all(client.get(route).status_code == 200 for route in ROUTES)
    WithdrawPublication(closed.cycle, closed.users["analyst"], "to check").execute()
    assert all(client.get(route).status_code == 404 for route in ROUTES)


def test_aggregates_and_tables_are_the_open_data(closed, client):  # noqa: F811
    PublishCycle(closed.cycle, closed.users["analyst"]).execute()
    agg = client.get(f"{V1}/cycles/c2566/aggregates").json()
    assert agg == client.get("/open-data/c2566/aggregates.json").json()
    table = client.get(f"{V1}/cycles/c2566/tables/scores").json()
    doc = CycleResult.objects.get(cycle=closed.cycle, tier="pcio").document
    row = next(r for r in table["rows"] if r["tier"] == "pcio" and r["scope"] == "overall")
    assert row["mean"] == round(doc["cohort"]["all"]["overall"], 6)
    assert [f["name"] for f in table["fields"]] == list(row)
    descriptor = client.get(f"{V1}/cycles/c2566/datapackage").json()
    assert descriptor == client.get("/open-data/c2566/datapackage.json").json()
    assert client.get(f"{V1}/cycles/c2566/tables/agencies").status_code == 404
    assert client.get(f"{V1}/cycles/c2566/tables/nothing").status_code == 404
