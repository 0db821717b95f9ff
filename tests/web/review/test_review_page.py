"""The review page of one agency: answers, evidence and the core's level side by side, the decision
after them; approve and return for correction only through a confirmation page."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dgmm import parse_answers, score_agency
from dgmm.web.cycles.actions import SaveAnswer, SubmitParticipation, UploadEvidence, framework_of
from dgmm.web.cycles.models import AnswerSource, AuditEntry, ParticipationStatus
from dgmm.web.review.actions import MAX_COMMENT
from dgmm.web.review.models import ReviewComment
from tests.web.cycles.test_submission import CHILD, fill
from tests.web.review.test_review import confirm, decide_url

pytestmark = [pytest.mark.django_db, pytest.mark.db]

PDF = b"%PDF-1.4\n% plan\n"
LEVEL = re.compile(r'data-level-panel="([^"]+)".*?data-level="([^"]+)"', re.S)


@pytest.fixture
def submitted(world):
    fill(world, world.dept_a, "resp_dept_a", {"S1": "65"})
    p = fill(world, world.pcio_a1, "resp_a1", {**CHILD, "N3": "45"})
    UploadEvidence(p, world.users["resp_a1"], "P1.SP1.T3", SimpleUploadedFile("แผน.pdf", PDF)).execute()
    SubmitParticipation(p, world.users["resp_a1"]).execute()
    p.refresh_from_db()
    return p


def page(client, agency="pcio-a1"):
    return client.get(reverse("review:detail", kwargs={"cycle": "c2566", "agency": agency}))


def shown_levels(html):
    return {tid: (None if v in ("none", "na") else int(v)) for tid, v in LEVEL.findall(html)}


def core_levels(world, p, analyst=None):
    fw = framework_of(p)
    result = score_agency(
        fw,
        parse_answers(fw, {**CHILD, "N3": "45"}),
        parse_answers(fw, {"S1": "65"}),
        parse_answers(fw, analyst or {}),
        parent_id="dept-a",
        has_parent=True,
    )
    return {t.id: result.topics[t.id].level for t in fw.iter_topics()}


def test_page_shows_answers_evidence_and_the_core_level_of_each_topic(world, submitted, client_for):
    html = page(client_for("analyst")).content.decode()
    levels = shown_levels(html)
    assert levels == core_levels(world, submitted)
    assert levels["P1.SP1.T2"] == 3 and levels["P1.SP1.T4"] == 4  # N3 = 45 %; the parent's S1 = 65 %
    assert "The rule of level 3 holds" in html and "Level 4 needs:" in html  # what held, what is next
    assert "(answered by Department A)" in html  # inherited: the parent's answer, marked so
    assert "แผน.pdf" in html and "/evidence/" in html
    # answers and evidence come first, the decision after them
    assert html.index('data-level-panel="P1.SP1.T4"') < html.index('id="decision"')
    assert html.index("แผน.pdf") < html.index('action="/review/c2566/a/pcio-a1/decide/approve/"')


def test_an_analyst_value_moves_the_level_shown(world, submitted, client_for):
    c = client_for("analyst")
    html = page(c).content.decode()
    assert shown_levels(html)["P1.SP1.T3"] is None  # level 4 reads the analyst check A1, not made yet
    assert "These unanswered questions decide the level" in html
    url = reverse("review:analyst-answer", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    body = c.post(url, {"code": "A1", "in-A1": "yes", "v-A1": "0"}).json()
    assert 'data-level="4"' in body["levels"]["P1.SP1.T3"]  # the autosave answers with the new level
    levels = shown_levels(page(c).content.decode())
    assert levels == core_levels(world, submitted, {"A1": "yes"}) and levels["P1.SP1.T3"] == 4


def test_approve_asks_for_confirmation_and_states_the_consequences(world, submitted, client_for):
    c = client_for("analyst")
    response = c.post(decide_url("approve"))
    html = response.content.decode()
    assert response.status_code == 200 and "answers stay locked" in html and "agency is told" in html
    submitted.refresh_from_db()
    assert submitted.status == ParticipationStatus.SUBMITTED  # nothing happened yet
    seen = response.context["seen"]
    assert c.post(decide_url("approve"), {"confirmed": "1"}).status_code == 200  # no token: asks again
    submitted.refresh_from_db()
    assert submitted.status == ParticipationStatus.SUBMITTED
    response = c.post(decide_url("approve"), {"confirmed": "1", "seen": seen})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ParticipationStatus.APPROVED
    entry = AuditEntry.objects.filter(agency=world.pcio_a1, kind="status").latest("pk")
    assert (entry.old_value, entry.new_value) == ("submitted", "approved")
    assert entry.actor == world.users["analyst"]


def test_a_confirmation_made_stale_by_another_decision_is_refused(world, submitted, client_for):
    c = client_for("analyst")
    seen = c.post(decide_url("approve")).context["seen"]
    confirm(client_for("admin"), "correction", {"comment": "ขอเอกสารเพิ่ม"})
    submitted.refresh_from_db()
    assert submitted.status == ParticipationStatus.RETURNED
    SubmitParticipation(submitted, world.users["resp_a1"]).execute()  # submitted again meanwhile
    html = c.post(decide_url("approve"), {"confirmed": "1", "seen": seen}).content.decode()
    assert "changed after you opened the confirmation" in html
    submitted.refresh_from_db()
    assert submitted.status == ParticipationStatus.SUBMITTED


def test_per_topic_corrections_are_listed_then_sent_and_audited(world, submitted, client_for):
    c = client_for("analyst")
    data = {
        "comment": "",
        "comment-P1.SP1.T1": "C1 ไม่ตรงกับเอกสาร",
        "comment-P1.SP1.T3": "กรุณาแนบแผน",
        "comment-P1.SP1.T2": "   ",
    }
    html = c.post(decide_url("correction"), data).content.decode()
    assert "Comments that will be sent: 2" in html
    assert "C1 ไม่ตรงกับเอกสาร" in html and "กรุณาแนบแผน" in html
    assert not ReviewComment.objects.exists()
    # "change the comments" brings them back into the review page's boxes
    back = c.post(reverse("review:detail", kwargs={"cycle": "c2566", "agency": "pcio-a1"}), data)
    assert ">กรุณาแนบแผน</textarea>" in back.content.decode()
    assert confirm(c, "correction", data).status_code == 302
    written = {(r.topic_id, r.text, r.kind) for r in ReviewComment.objects.all()}
    assert written == {
        ("P1.SP1.T1", "C1 ไม่ตรงกับเอกสาร", "correction"),
        ("P1.SP1.T3", "กรุณาแนบแผน", "correction"),
    }
    audited = set(AuditEntry.objects.filter(kind="review").values_list("target", "new_value"))
    assert audited == {("P1.SP1.T1", "C1 ไม่ตรงกับเอกสาร"), ("P1.SP1.T3", "กรุณาแนบแผน")}
    html = page(c).content.decode()  # each comment is shown in its topic's section
    t3 = html[html.index('id="t-P1-SP1-T3"') : html.index('id="t-P1-SP1-T4"')]
    assert "กรุณาแนบแผน" in t3 and "C1 ไม่ตรงกับเอกสาร" not in t3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"comment": " "}, "Write a comment"),
        ({"comment-P9.X": "ข้อนี้"}, "is not a topic of this questionnaire"),
        ({"comment": "ก" * (MAX_COMMENT + 1)}, "at most 4000 characters"),
    ],
)
def test_bad_corrections_are_refused_with_a_reason(world, submitted, client_for, data, message):
    html = client_for("analyst").post(decide_url("correction"), data).content.decode()
    assert message in html and 'name="confirmed"' not in html
    submitted.refresh_from_db()
    assert submitted.status == ParticipationStatus.SUBMITTED


def test_no_decision_on_a_draft(world, client_for):
    fill(world, world.pcio_a2, "admin", {"C1": "a"})
    c = client_for("analyst")
    html = page(c, "pcio-a2").content.decode()
    assert "No decision can be taken" in html and "decide/approve" not in html
    html = c.post(decide_url("approve", "pcio-a2")).content.decode()
    assert "cannot be done while the submission is" in html


@pytest.mark.parametrize("user", ["resp_a1", "resp_b1", "parent_a"])
def test_other_roles_never_see_or_decide(world, submitted, client_for, user):
    c = client_for(user)
    assert page(c).status_code == 404
    assert c.post(decide_url("approve"), {"confirmed": "1", "seen": "x"}).status_code == 404
    assert c.get(reverse("review:queue", kwargs={"cycle": "c2566"})).status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == ParticipationStatus.SUBMITTED


def test_anonymous_users_are_sent_to_sign_in(world, submitted, client):
    response = client.post(decide_url("approve"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unknown_decision_is_not_found(world, submitted, client_for):
    assert client_for("analyst").post(decide_url("delete")).status_code == 404


def test_analyst_value_changes_are_refused_to_others(world, submitted, client_for):
    SaveAnswer(submitted, world.users["analyst"], "A1", "no", 0, source=AnswerSource.ANALYST).execute()
    assert page(client_for("parent_a")).status_code == 404
