"""Review: analyst checks, corrections with a comment the respondent sees, approval, audit log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dgmm.web.actions import ActionError
from dgmm.web.cycles.actions import SaveAnswer, SubmitParticipation
from dgmm.web.cycles.models import AnswerSource, AuditEntry, ParticipationStatus
from dgmm.web.review.actions import Approve, RequestCorrection
from tests.web.cycles.test_submission import CHILD, fill

pytestmark = [pytest.mark.django_db, pytest.mark.db]


@pytest.fixture
def submitted(world):
    p = fill(world, world.pcio_a1, "resp_a1", CHILD)
    SubmitParticipation(p, world.users["resp_a1"]).execute()
    p.refresh_from_db()
    return p


def decide_url(decision, agency="pcio-a1"):
    return reverse("review:decide", kwargs={"cycle": "c2566", "agency": agency, "decision": decision})


def confirm(client, decision, data, agency="pcio-a1"):
    """Post a decision, check the confirmation page, then confirm with what it carries."""
    page = client.post(decide_url(decision, agency), data)
    assert page.status_code == 200 and 'name="confirmed"' in page.content.decode()
    seen = page.context["seen"]
    return client.post(decide_url(decision, agency), {**data, "confirmed": "1", "seen": seen})


def test_correction_needs_a_comment_and_unlocks_the_answers(world, submitted):
    with pytest.raises(ActionError) as exc:
        RequestCorrection(submitted, world.users["analyst"], "  ").execute()
    assert exc.value.code == "comment_required"
    RequestCorrection(submitted, world.users["analyst"], "แก้ไขข้อ C1 ให้ตรงกับเอกสาร", "P1.SP1.T1").execute()
    submitted.refresh_from_db()
    assert submitted.status == ParticipationStatus.RETURNED
    SaveAnswer(submitted, world.users["resp_a1"], "C1", "a", 1).execute()  # editable again


def test_respondent_sees_the_comment(world, submitted, client_for):
    confirm(client_for("analyst"), "correction", {"comment": "Please attach the plan", "topic": "P1.SP1.T3"})
    c = client_for("resp_a1")
    html = c.get(
        reverse("cycles:participation", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    ).content.decode()
    assert "Returned for correction" in html and "/t/P1.SP1.T3/" in html  # a link to the topic's comment
    topic = reverse("cycles:topic", kwargs={"cycle": "c2566", "agency": "pcio-a1", "topic_id": "P1.SP1.T3"})
    assert "Please attach the plan" in c.get(topic).content.decode()


def test_respondents_cannot_review(world, submitted):
    with pytest.raises(ActionError):
        Approve(submitted, world.users["resp_a1"]).execute()


def test_approve_only_a_submission(world, submitted):
    draft = world.participation(world.pcio_a2)
    with pytest.raises(ActionError) as exc:
        Approve(draft, world.users["analyst"]).execute()
    assert exc.value.code == "wrong_status"
    Approve(submitted, world.users["analyst"]).execute()
    submitted.refresh_from_db()
    assert submitted.status == ParticipationStatus.APPROVED


def test_analyst_fills_analyst_inputs_and_differences_show(world, submitted, client_for):
    c = client_for("analyst")
    url = reverse("review:analyst-answer", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    body = c.post(url, {"code": "A1", "in-A1": "yes", "v-A1": "0"}).json()
    assert body["ok"] and body["version"] == 1
    a = submitted.cycle.answers.get(code="A1")
    assert a.source == AnswerSource.ANALYST and a.value == "yes"
    # an analyst value for an agency input is kept beside the agency's and shown as a difference
    SaveAnswer(submitted, world.users["analyst"], "C1", "a", 0, source=AnswerSource.ANALYST).execute()
    html = c.get(reverse("review:detail", kwargs={"cycle": "c2566", "agency": "pcio-a1"})).content.decode()
    assert 'class="differs"' in html
    assert submitted.cycle.answers.get(code="C1", source="agency").value == "b"


def test_respondents_cannot_write_analyst_values(world, submitted, client_for):
    url = reverse("review:analyst-answer", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    assert client_for("resp_a1").post(url, {"code": "A1", "in-A1": "yes", "v-A1": "0"}).status_code == 404


def test_audit_log_page_shows_answers_status_and_review(world, submitted, client_for):
    RequestCorrection(submitted, world.users["analyst"], "fix it").execute()
    kinds = set(AuditEntry.objects.filter(agency=world.pcio_a1).values_list("kind", flat=True))
    assert kinds == {"answer", "status", "review"}
    html = (
        client_for("analyst")
        .get(reverse("review:audit", kwargs={"cycle": "c2566", "agency": "pcio-a1"}))
        .content.decode()
    )
    assert "fix it" in html and "resp_a1" in html and "Returned for correction" in html
    assert "returned" not in html.replace("Returned", "")  # the status is shown by its label, not its code
