"""The API's results list every agency with its status: not-submitted agencies have no rank (§28)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dgmm.web.cycles.actions import CloseCycle, SaveAnswer, SubmitParticipation
from tests.web.conftest import COMPLETE

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def test_results_and_agency_results_carry_the_status(world, api_as):
    for agency in (world.dept_a, world.dept_b):
        p = world.participation(agency)
        for code, raw in COMPLETE.items():
            SaveAnswer(p, world.users["admin"], code, raw, 0).execute()
    SubmitParticipation(world.participation(world.dept_a), world.users["admin"]).execute()
    CloseCycle(world.cycle, world.users["analyst"]).execute()
    api = api_as("analyst")
    tiers = api.get(reverse("api:results", kwargs={"cycle": "c2566"})).json()
    dept = next(t for t in tiers if t["tier"] == "department")
    rows = {r["id"]: r for r in dept["ranking"]}
    assert (rows["dept-a"]["status"], rows["dept-a"]["rank"], rows["dept-a"]["submission"]) == (
        "scored",
        1,
        "submitted",
    )
    assert (rows["dept-b"]["status"], rows["dept-b"]["rank"], rows["dept-b"]["overall"]) == (
        "not_submitted",
        None,
        None,
    )
    assert [r["id"] for r in dept["ranking"]] == ["dept-a", "dept-b"]
    assert dept["cohort"]["policy"] == "submitted" and dept["cohort"]["scored"] == 1
    assert dept["cohort"]["statuses"] == {"not_submitted": 1, "scored": 1}
    one = api.get(reverse("api:agency-results", kwargs={"cycle": "c2566", "agency": "dept-b"})).json()
    assert (one["agency"]["status"], one["agency"]["submission"], one["comparators"]) == (
        "not_submitted",
        "in_progress",
        {},
    )
