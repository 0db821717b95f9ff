"""Closing scores only the answers that count; every change of a cycle's status goes through a
confirmation page stating its consequences, and is audited (DECISIONS §28)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from dgmm import score_cycle
from dgmm.web.cycles.actions import (
    CloseCycle,
    PublishCycle,
    ReopenCycle,
    SaveAnswer,
    SubmitParticipation,
    WithdrawPublication,
    set_status,
)
from dgmm.web.cycles.models import (
    AuditEntry,
    CycleResult,
    CycleStatus,
    Participation,
    ParticipationStatus,
)
from dgmm.web.cycles.scoring import answer_set, core_agency, framework_for_tier
from dgmm.web.registry.models import Agency
from tests.web.conftest import ALL_TYPES, COMPLETE

pytestmark = [pytest.mark.django_db, pytest.mark.db]

COHORT_FIGURES = ("scored", "percentiles", "all", "groups", "parents", "no1")

# departments: (code, answers, what happens to their submission)
DEPARTMENTS = [
    ("dept-s1", COMPLETE, "submitted"),
    ("dept-s2", COMPLETE | {"C1": "a", "N3": "20"}, "submitted"),
    ("dept-s3", COMPLETE | {"C3": "no", "N1": "2"}, "approved"),
    ("dept-d1", COMPLETE | {"N3": "90", "N1": "40"}, "in_progress"),  # a draft that would rank high
    ("dept-d2", {"C1": "b", "N3": "99"}, "in_progress"),
    ("dept-r1", COMPLETE | {"N3": "95"}, "returned"),
]


def _fill(world, agency, answers):
    p = Participation.objects.get_or_create(cycle=world.cycle, agency=agency)[0]
    for code, raw in answers.items():
        SaveAnswer(p, world.users["admin"], code, raw, 0).execute()
    return p


@pytest.fixture
def drafts(world):
    """Six more departments answered; three submitted (one approved), two drafts, one returned."""
    analyst = world.users["analyst"]
    for code, answers, fate in DEPARTMENTS:
        agency = Agency.objects.create(
            code=code, name_th=code, name_en=code, tier="department", ministry=world.dept_a.ministry
        )
        p = _fill(world, agency, answers)
        if fate in ("submitted", "approved", "returned"):
            SubmitParticipation(p, world.users["admin"]).execute()
        if fate == "approved":
            set_status(p, ParticipationStatus.APPROVED, analyst)
        if fate == "returned":
            set_status(p, ParticipationStatus.RETURNED, analyst)
    return world


def _doc(world, tier="department"):
    return CycleResult.objects.get(cycle=world.cycle, tier=tier).document


def _rec(doc, agency_id):
    return next(a for a in doc["agencies"] if a["id"] == agency_id)


def test_closing_with_drafts_leaves_them_out_of_ranks_cutoffs_and_averages(drafts):
    CloseCycle(drafts.cycle, drafts.users["analyst"]).execute()
    doc = _doc(drafts)
    for code in ("dept-d1", "dept-d2", "dept-a", "dept-b"):
        rec = _rec(doc, code)
        assert (rec["status"], rec["rank"], rec["group"], rec["overall"]) == (
            "not_submitted",
            None,
            None,
            None,
        )
    returned = _rec(doc, "dept-r1")
    assert (returned["status"], returned["submission"], returned["rank"]) == ("returned", "returned", None)
    counted = ["dept-s1", "dept-s2", "dept-s3"]
    assert {_rec(doc, c)["status"] for c in counted} == {"scored"}
    assert _rec(doc, "dept-s3")["submission"] == "approved"
    # the same figures as the core gives scoring the counted agencies alone, from scratch
    fw = framework_for_tier(str(ALL_TYPES), "department")
    agencies = list(Agency.objects.filter(code__in=counted).order_by("code"))
    alone = score_cycle(fw, [core_agency(a) for a in agencies], answer_set(drafts.cycle, fw, agencies)[0])
    for key in COHORT_FIGURES:
        assert doc["cohort"][key] == alone["cohort"][key], key
    assert {c: _rec(doc, c)["rank"] for c in counted} == {c: _rec(alone, c)["rank"] for c in counted}
    assert doc["cohort"]["scored"] == 3 and doc["cohort"]["invited"] == 8
    assert doc["cohort"]["statuses"] == {"not_submitted": 4, "returned": 1, "scored": 3}
    assert doc["cohort"]["policy"] == "submitted"
    # scoring every stored answer would have ranked the drafts: the exclusion is real
    everyone = list(Agency.objects.filter(tier="department").order_by("code"))
    all_in = score_cycle(fw, [core_agency(a) for a in everyone], answer_set(drafts.cycle, fw, everyone)[0])
    assert _rec(all_in, "dept-d1")["rank"] is not None
    assert all_in["cohort"]["all"]["overall"] != doc["cohort"]["all"]["overall"]


def test_the_results_page_api_and_csv_show_each_agencys_status(drafts, client_for):
    CloseCycle(drafts.cycle, drafts.users["analyst"]).execute()
    analyst = client_for("analyst")
    with translation.override("en"):
        html = analyst.get(reverse("dashboards:results", kwargs={"cycle": "c2566"})).content.decode()
    row = html[html.index('data-agency="dept-d1"') :]
    row = row[: row.index("</tr>")]
    assert 'data-status="not_submitted"' in row and "Not submitted" in row
    assert '<td class="num">–</td>' in row  # no rank
    row = html[html.index('data-agency="dept-r1"') :]
    assert "Returned for correction" in row[: row.index("</tr>")]
    page = analyst.get(reverse("dashboards:agency-result", kwargs={"cycle": "c2566", "agency": "dept-d1"}))
    assert "did not submit its answers" in page.content.decode()
    response = analyst.get(reverse("dashboards:results-csv", kwargs={"cycle": "c2566", "tier": "department"}))
    rows = {r["agency_id"]: r for r in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}
    assert (rows["dept-d1"]["status"], rows["dept-d1"]["submission"], rows["dept-d1"]["rank"]) == (
        "not_submitted",
        "in_progress",
        "",
    )
    assert rows["dept-s3"]["status"] == "scored" and rows["dept-s3"]["rank"]
    assert AuditEntry.objects.filter(kind="export", target="results-c2566-department.csv").exists()
    assert (
        client_for("resp_a1")
        .get(reverse("dashboards:results-csv", kwargs={"cycle": "c2566", "tier": "department"}))
        .status_code
        == 404
    )


def test_a_child_reads_nothing_of_a_parent_that_has_not_submitted(world):
    _fill(world, world.dept_a, COMPLETE)  # the parent answered, never submitted
    child = _fill(world, world.pcio_a1, {k: v for k, v in COMPLETE.items() if k != "S1"})
    SubmitParticipation(child, world.users["admin"]).execute()
    CloseCycle(world.cycle, world.users["analyst"]).execute()
    rec = _rec(_doc(world, "pcio"), "pcio-a1")
    inherited = rec["topics"]["P1.SP1.T4"]
    assert rec["status"] == "scored" and inherited["provenance"] == "parent:dept-a"
    assert (inherited["status"], inherited["reason"], inherited["level"]) == (
        "undetermined",
        "parent_not_counted",
        None,
    )


def test_the_close_page_states_the_figures_and_records_the_chosen_policy(drafts, client_for):
    drafts.cycle.closes_at = timezone.now() + timezone.timedelta(days=31, hours=-1)
    drafts.cycle.save()
    analyst = client_for("analyst")
    url = reverse("cycles:transition", kwargs={"cycle": "c2566", "action": "close"})
    with translation.override("en"):
        html = analyst.get(url).content.decode()
    assert "7 of 11 agencies have not submitted." in html  # the world's 5 never started, 2 drafts
    assert "1 are returned for correction." in html
    assert "The deadline is in 31 days" in html
    assert "3 of 11 agencies counted; listed without a score: 7 not submitted, 1 returned" in html
    with translation.override("th"):
        thai = analyst.get(url, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert str(drafts.cycle.closes_at.year + 543) in thai
    response = analyst.post(url, {"policy": "approved"})
    assert response.status_code == 302
    drafts.cycle.refresh_from_db()
    assert (drafts.cycle.status, drafts.cycle.scoring_policy) == (CycleStatus.CLOSED, "approved")
    doc = _doc(drafts)
    assert _rec(doc, "dept-s1")["status"] == "not_approved" and doc["cohort"]["scored"] == 1
    entries = AuditEntry.objects.filter(cycle=drafts.cycle, kind="cycle")
    assert entries.filter(target="scoring_policy", old_value="submitted", new_value="approved").exists()
    closing = entries.get(target="status", new_value="closed")
    assert "policy=approved" in closing.note and "not_approved=2" in closing.note


def test_not_submitted_figure_counts_not_started_and_in_progress(world, client_for):
    Participation.objects.filter(agency=world.pcio_a1).update(status=ParticipationStatus.IN_PROGRESS)
    Participation.objects.filter(agency=world.dept_a).update(status=ParticipationStatus.SUBMITTED)
    with translation.override("en"):
        html = (
            client_for("analyst")
            .get(reverse("cycles:transition", kwargs={"cycle": "c2566", "action": "close"}))
            .content.decode()
        )
    assert "4 of 5 agencies have not submitted." in html and "1 have submitted" in html


def test_reopen_discards_the_results_with_a_reason_and_closing_again_scores_afresh(drafts, client_for):
    CloseCycle(drafts.cycle, drafts.users["analyst"]).execute()
    analyst = client_for("analyst")
    url = reverse("cycles:transition", kwargs={"cycle": "c2566", "action": "reopen"})
    with translation.override("en"):
        page = analyst.get(url).content.decode()
    assert "3 of 8 agencies scored) are discarded" in page
    refused = analyst.post(url, {"reason": "   "})
    assert refused.status_code == 400
    drafts.cycle.refresh_from_db()
    assert drafts.cycle.status == CycleStatus.CLOSED
    assert analyst.post(url, {"reason": "x" * 501}).status_code == 400
    assert analyst.post(url, {"reason": "dept-d1 asked for two more days"}).status_code == 302
    drafts.cycle.refresh_from_db()
    assert drafts.cycle.status == CycleStatus.OPEN and drafts.cycle.scored_at is None
    assert not CycleResult.objects.filter(cycle=drafts.cycle).exists()
    entry = AuditEntry.objects.get(cycle=drafts.cycle, target="status", new_value="open", old_value="closed")
    assert entry.note.startswith("dept-d1 asked for two more days") and "results discarded" in entry.note
    SubmitParticipation(Participation.objects.get(agency__code="dept-d1"), drafts.users["admin"]).execute()
    CloseCycle(drafts.cycle, drafts.users["analyst"]).execute()
    rec = _rec(_doc(drafts), "dept-d1")
    assert rec["status"] == "scored" and rec["rank"] == 1


def test_publish_states_what_becomes_public_and_withdraw_needs_a_reason(drafts, client_for):
    CloseCycle(drafts.cycle, drafts.users["analyst"]).execute()
    analyst = client_for("analyst")
    publish = reverse("cycles:transition", kwargs={"cycle": "c2566", "action": "publish"})
    with translation.override("en"):
        assert "Only aggregates become public" in analyst.get(publish).content.decode()
        drafts.cycle.publish_agency_results = True
        drafts.cycle.save()
        assert "Each agency's results become public" in analyst.get(publish).content.decode()
    assert analyst.post(publish).status_code == 302
    drafts.cycle.refresh_from_db()
    assert drafts.cycle.status == CycleStatus.PUBLISHED
    published = AuditEntry.objects.get(cycle=drafts.cycle, target="status", new_value="published")
    assert published.note == "public: agency results and aggregates"
    withdraw = reverse("cycles:transition", kwargs={"cycle": "c2566", "action": "withdraw"})
    assert analyst.post(withdraw, {}).status_code == 400
    assert analyst.post(withdraw, {"reason": "a wrong framework file"}).status_code == 302
    drafts.cycle.refresh_from_db()
    assert (drafts.cycle.status, drafts.cycle.published_at) == (CycleStatus.CLOSED, None)
    entry = AuditEntry.objects.get(cycle=drafts.cycle, old_value="published", new_value="closed")
    assert entry.note == "a wrong framework file" and entry.actor == drafts.users["analyst"]
    assert CycleResult.objects.filter(cycle=drafts.cycle).count() == 2  # the results are kept
    assert (
        client_for("resp_a1").get(reverse("dashboards:results", kwargs={"cycle": "c2566"})).status_code == 404
    )


def test_results_scored_with_drafts_are_never_published(drafts):
    CloseCycle(drafts.cycle, drafts.users["analyst"], "all").execute()
    assert _rec(_doc(drafts), "dept-d1")["status"] == "scored"
    with pytest.raises(Exception, match="cannot be published"):
        PublishCycle(drafts.cycle, drafts.users["analyst"]).execute()
    drafts.cycle.refresh_from_db()
    assert drafts.cycle.status == CycleStatus.CLOSED


@pytest.mark.parametrize("action", ["open", "close", "publish", "reopen", "withdraw"])
def test_only_analysts_reach_the_confirmation_pages(world, client_for, client, action):
    url = reverse("cycles:transition", kwargs={"cycle": "c2566", "action": action})
    for name in ("resp_a1", "parent_a"):
        assert client_for(name).get(url).status_code == 404
        assert client_for(name).post(url, {"reason": "x", "policy": "all"}).status_code == 404
    assert client.get(url).status_code == 302  # to the login page
    world.cycle.refresh_from_db()
    assert world.cycle.status == CycleStatus.OPEN


def test_the_actions_refuse_respondents_and_the_wrong_status(world):
    from dgmm.web.actions import ActionError, ActionPermissionError

    with pytest.raises(ActionPermissionError):
        CloseCycle(world.cycle, world.users["resp_a1"]).execute()
    with pytest.raises(ActionError):
        ReopenCycle(world.cycle, world.users["analyst"], "why").execute()  # open, not closed
    with pytest.raises(ActionError):
        WithdrawPublication(world.cycle, world.users["analyst"], "why").execute()
    with pytest.raises(ActionError, match="Choose whose answers count"):
        CloseCycle(world.cycle, world.users["analyst"], "drafts").execute()


def test_the_detail_page_links_to_the_confirmation_pages(world, client_for):
    html = client_for("analyst").get(reverse("cycles:detail", kwargs={"cycle": "c2566"})).content.decode()
    close = reverse("cycles:transition", kwargs={"cycle": "c2566", "action": "close"})
    assert f'href="{close}"' in html and f'action="{close}"' not in html


def test_the_close_page_counts_children_of_parents_that_do_not_count(world, client_for):
    Participation.objects.filter(agency__in=[world.pcio_a1, world.pcio_a2]).update(
        status=ParticipationStatus.SUBMITTED
    )
    Participation.objects.filter(agency=world.dept_a).update(status=ParticipationStatus.IN_PROGRESS)
    with translation.override("en"):
        html = (
            client_for("analyst")
            .get(reverse("cycles:transition", kwargs={"cycle": "c2566", "action": "close"}))
            .content.decode()
        )
    submitted = html[html.index('id="policy-submitted-figures"') :]
    submitted = submitted[: submitted.index("</p>")]
    assert "2 counted agencies inherit from a parent department whose answers do not count" in submitted
    everything = html[html.index('id="policy-all-figures"') :]
    assert "inherit from a parent" not in everything[: everything.index("</p>")]
