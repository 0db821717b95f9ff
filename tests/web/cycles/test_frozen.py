"""Parsed frozen results documents kept per process (dgmm/web/cycles/frozen.py): parsed once and
shared, never answered for a row written again, bounded, and never changed by the pages, downloads
and API routes that read them."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dgmm.web.cycles import frozen
from dgmm.web.cycles.actions import CloseCycle, PublishCycle, ReopenCycle
from dgmm.web.cycles.frozen import results_document, results_rows
from dgmm.web.cycles.models import CycleResult
from tests.web.api.conftest import api_as, token_of  # noqa: F401  (the fixtures)
from tests.web.conftest import COMPLETE
from tests.web.cycles.test_submission import CHILD, fill
from tests.web.submitted import submit_everyone

pytestmark = [pytest.mark.django_db, pytest.mark.db]


@pytest.fixture
def closed(world):
    fill(world, world.dept_a, "resp_dept_a", COMPLETE)
    fill(world, world.pcio_a1, "resp_a1", CHILD)
    fill(world, world.pcio_b1, "resp_b1", {"C1": "a", "N3": "30"})
    submit_everyone(world.cycle)
    CloseCycle(world.cycle, world.users["analyst"]).execute()
    frozen.forget()
    return world


def row(world, tier="pcio"):
    return results_rows(CycleResult.objects.filter(cycle=world.cycle, tier=tier)).get()


def test_a_document_is_fetched_once_then_shared(closed):
    first = row(closed)
    assert "document" in first.get_deferred_fields()  # the row comes without its document
    with CaptureQueriesContext(connection) as miss:
        doc = results_document(first)
    with CaptureQueriesContext(connection) as hit:
        again = results_document(row(closed))
    assert len(miss) == 1 and len(hit) == 1  # the second asks for the row only
    assert again is doc
    assert doc == CycleResult.objects.get(cycle=closed.cycle, tier="pcio").document
    assert frozen.kept() == 1


def test_a_row_loaded_with_its_document_gives_its_own(closed):
    full = CycleResult.objects.get(cycle=closed.cycle, tier="pcio")
    assert results_document(full) is full.document
    assert frozen.kept() == 0


def test_a_row_written_again_gets_a_new_key(closed):
    before = row(closed)
    old = results_document(before)
    full = CycleResult.objects.get(pk=before.pk)
    full.document = {**full.document, "cohort": {**full.document["cohort"], "small_group_min": 99}}
    full.save()
    after = row(closed)
    assert after.generated_at > before.generated_at
    assert results_document(after)["cohort"]["small_group_min"] == 99
    assert old["cohort"]["small_group_min"] != 99
    # the row as read before the write: its key is gone, so the document is the one written now
    assert results_document(before)["cohort"]["small_group_min"] == 99


def test_a_write_in_another_process_is_seen_through_generated_at(closed):
    old = results_document(row(closed))
    doc = CycleResult.objects.get(cycle=closed.cycle, tier="pcio").document
    doc["cohort"]["small_group_min"] = 77
    # written as another process writes it: no signal reaches this process, the key changes
    CycleResult.objects.filter(cycle=closed.cycle, tier="pcio").update(
        document=doc, generated_at=timezone.now()
    )
    assert frozen.kept() == 1
    assert results_document(row(closed))["cohort"]["small_group_min"] == 77
    assert old["cohort"]["small_group_min"] != 77


def test_closing_again_never_serves_the_discarded_results(closed, client_for):
    url = reverse("dashboards:results", kwargs={"cycle": "c2566"}) + "?lang=en"
    warning = "Not for official results"
    assert warning not in client_for("analyst").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert frozen.kept() == 2 and results_document(row(closed))["cohort"]["policy"] == "submitted"
    ReopenCycle(closed.cycle, closed.users["analyst"], "A late correction").execute()
    assert frozen.kept() == 0  # the deleted rows' documents are dropped at once
    CloseCycle(closed.cycle, closed.users["analyst"], policy="all").execute()
    assert results_document(row(closed))["cohort"]["policy"] == "all"
    assert warning in client_for("analyst").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_number_kept_is_bounded(closed, settings):
    settings.DGMM_FROZEN_RESULTS_CACHE = 1
    results_document(row(closed, "pcio"))
    dept = results_document(row(closed, "department"))
    assert frozen.kept() == 1
    assert results_document(row(closed, "department")) is dept
    settings.DGMM_FROZEN_RESULTS_CACHE = 0
    frozen.forget()
    doc = results_document(row(closed, "pcio"))
    assert doc == CycleResult.objects.get(cycle=closed.cycle, tier="pcio").document
    assert frozen.kept() == 0


def test_pages_downloads_and_api_leave_the_shared_document_unchanged(closed, client_for, api_as):  # noqa: F811
    PublishCycle(closed.cycle, closed.users["analyst"]).execute()
    docs = {t: results_document(row(closed, t)) for t in ("pcio", "department")}
    before = {t: json.dumps(d, sort_keys=True) for t, d in docs.items()}
    resp, analyst = client_for("resp_a1"), client_for("analyst")
    plan = reverse("plans:plan", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    saved = resp.post(
        plan, {"mode": "changes", "tick": ["N3"], "value-N3": "85", "save": "1", "owner": "Khun Somchai"}
    )
    assert saved.status_code == 302
    one = {"cycle": "c2566", "agency": "pcio-a1"}
    gets = [
        (resp, plan),
        (resp, reverse("plans:pdf", kwargs=one) + "?lang=th"),
        (resp, reverse("plans:xlsx", kwargs=one) + "?lang=en"),
        (resp, reverse("dashboards:agency-result", kwargs=one)),
        (resp, reverse("dashboards:agency-report", kwargs=one) + "?lang=th"),
        (resp, reverse("dashboards:results", kwargs={"cycle": "c2566"})),
        (analyst, reverse("dashboards:results", kwargs={"cycle": "c2566"})),
        (analyst, reverse("dashboards:results-csv", kwargs={"cycle": "c2566", "tier": "pcio"})),
        (analyst, reverse("plans:overview", kwargs={"cycle": "c2566"})),
        (analyst, reverse("dashboards:agency-result", kwargs={"cycle": "c2566", "agency": "dept-a"})),
    ]
    for client, url in gets:
        assert client.get(url).status_code == 200, url
    for data in (
        {"mode": "changes", "tick": ["N3", "C1"], "value-N3": "85", "value-C1": "b", "project": "1"},
        {"mode": "target", "target": "P1.SP1.T2", "level": "5", "project": "1"},
    ):
        assert resp.post(plan, data).status_code == 200
    api = api_as("resp_a1")
    for url in (
        reverse("api:plan-detail", kwargs=one),
        reverse("api:results", kwargs={"cycle": "c2566"}),
        reverse("api:agency-results", kwargs=one),
    ):
        assert api.get(url).status_code == 200, url
    projection = api.post(reverse("api:plan-projection", kwargs=one), {"changes": {"N3": "85", "C1": "a"}})
    assert projection.status_code == 200
    for t, d in docs.items():
        assert results_document(row(closed, t)) is d  # the pages read the kept document
        assert json.dumps(d, sort_keys=True) == before[t], t
