"""What a respondent sees: a start page that says what to do and how far they are, topic states the core
can stand behind (optional and not-asked questions), a review before submitting, the analyst's comments
where they apply, inherited topics without edit controls, and every message in the user's language."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dgmm.web.actions import ActionError
from dgmm.web.cycles.actions import SaveAnswer, UploadEvidence, framework_of
from dgmm.web.cycles.models import (
    Answer,
    AnswerSource,
    Cycle,
    CycleFramework,
    Participation,
    ParticipationStatus,
)
from dgmm.web.cycles.progress import TopicState, raw_answers, topic_progress
from dgmm.web.review.actions import RequestCorrection
from tests.web.conftest import COMPLETE
from tests.web.cycles.test_submission import CHILD, fill

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def url(name, agency="pcio-a1", cycle="c2566", **kw):
    return reverse(name, kwargs={"cycle": cycle, "agency": agency, **kw})


def progress_of(p):
    return topic_progress(
        framework_of(p), raw_answers(p.cycle_id, p.agency_id), p.agency.parent_id is not None
    )


# --- the start page ---------------------------------------------------------------------------------


def test_first_view_welcomes_and_starts_without_a_list_of_codes(world, client_for, settings):
    settings.LANGUAGE_CODE = "th"
    world.cycle.closes_at = timezone.now() + timedelta(days=12)
    world.cycle.save()
    html = client_for("resp_a1").get(url("cycles:participation")).content.decode()
    assert "error-summary" not in html and 'id="incomplete"' not in html
    assert not re.search(r"\b(C1|C2|N1|U1|M1)\b", html)  # no input codes on the start page
    start = re.search(r'<a class="button big-button" href="([^"]+)">([^<]+)', html)
    assert start and start.group(1) == url("cycles:topic", topic_id="P1.SP1.T1")
    assert start.group(2) == "เริ่มตอบแบบสำรวจ"
    assert str(timezone.localtime(world.cycle.closes_at).year + 543) in html  # Buddhist era
    assert "เหลืออีก 12 วัน" in html
    assert '<progress class="meter" max="3" value="0"' in html  # 3 topics the child answers itself
    assert "0 จาก 3 ประเด็นเสร็จแล้ว" in html


def test_continue_goes_to_the_next_unanswered_topic_and_incomplete_topics_are_named(world, client_for):
    fill(world, world.pcio_a1, "resp_a1", {k: CHILD[k] for k in ("C1", "C2", "C3", "N1")})
    html = client_for("resp_a1").get(url("cycles:participation")).content.decode()
    start = re.search(r'<a class="button big-button" href="([^"]+)">([^<]+)', html)
    assert start and start.group(1) == url("cycles:topic", topic_id="P1.SP1.T2")
    assert start.group(2) == "Continue"
    todo = html[html.index('id="incomplete"') : html.index("</section>", html.index('id="incomplete"'))]
    assert "Numbers" in todo and "Text and files" in todo and "Choices" not in todo
    assert "3 questions to answer" in todo and "N2" not in todo
    assert '<progress class="meter" max="3" value="1"' in html


def test_general_comments_on_the_start_page_topic_comments_on_their_topic(world, client_for):
    p = fill(world, world.pcio_a1, "resp_a1", CHILD)
    p.status = ParticipationStatus.SUBMITTED
    p.save()
    RequestCorrection(p, world.users["analyst"], "แนบแผนฉบับลงนาม", "P1.SP1.T3").execute()
    p.comments.create(author=world.users["analyst"], kind="note", text="ขอบคุณสำหรับข้อมูล")
    c = client_for("resp_a1")
    start = c.get(url("cycles:participation")).content.decode()
    assert "ขอบคุณสำหรับข้อมูล" in start and "แนบแผนฉบับลงนาม" not in start
    assert url("cycles:topic", topic_id="P1.SP1.T3") in start
    t3 = c.get(url("cycles:topic", topic_id="P1.SP1.T3")).content.decode()
    assert "แนบแผนฉบับลงนาม" in t3
    assert t3.index("แนบแผนฉบับลงนาม") < t3.index('name="in-U1"')  # at the top, before the questions
    assert "แนบแผนฉบับลงนาม" not in c.get(url("cycles:topic", topic_id="P1.SP1.T1")).content.decode()


# --- honest completeness ----------------------------------------------------------------------------


@pytest.fixture
def dept_cycle(world):
    now = timezone.now()
    cycle = Cycle.objects.create(
        code="c-dept",
        year=2566,
        name_th="กรม 2566",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=5),
        status="open",
    )
    CycleFramework.objects.create(cycle=cycle, tier="department", framework="dept-2566")
    CycleFramework.objects.create(cycle=cycle, tier="pcio", framework="pcio-2566")
    Participation.objects.create(cycle=cycle, agency=world.dept_a)
    Participation.objects.create(cycle=cycle, agency=world.pcio_a1)
    return cycle


OPTIONAL_TOPIC = "P4.SP3.T1"  # dept-2566: every input optional on purpose (level 1 from no answers)


def test_a_topic_of_optional_questions_is_neither_complete_nor_incomplete_until_answered(dept_cycle, world):
    p = dept_cycle.participations.get(agency=world.dept_a)
    fw = framework_of(p)
    assert all(not i.required for i in fw.topics[OPTIONAL_TOPIC].inputs)
    tp = progress_of(p)[OPTIONAL_TOPIC]
    assert tp.state is TopicState.OPTIONAL and tp.is_complete  # it can be scored: it never blocks
    assert (tp.answered, tp.asked, tp.required) == (0, 7, 0)
    assert tp.badge_label != "complete" and "0 of 7 questions answered" in tp.summary
    assert f"at level {tp.level}" in tp.summary  # the level the core gives it as it is
    SaveAnswer(p, world.users["resp_dept_a"], "P4.4.main_service", "ทะเบียนราษฎร", 0).execute()
    tp = progress_of(p)[OPTIONAL_TOPIC]
    assert tp.state is TopicState.COMPLETE and tp.answered == 1


def test_the_optional_topic_page_says_how_many_were_answered_not_complete(dept_cycle, world, client_for):
    html = client_for("resp_dept_a").get(url("cycles:topic", "dept-a", "c-dept", topic_id=OPTIONAL_TOPIC))
    html = html.content.decode()
    assert "0 of 7 questions answered" in html and "All its questions are optional" in html
    assert f'data-topic-badge="{OPTIONAL_TOPIC}">optional, not answered' in html


def test_a_follow_up_that_does_not_apply_is_not_asked(dept_cycle, world):
    p = dept_cycle.participations.get(agency=world.dept_a)
    save = SaveAnswer(p, world.users["resp_dept_a"], "P1.3.readiness", "2", 0).execute()
    tp = progress_of(p)["P1.SP2.T2"]
    assert (tp.answered, tp.asked, tp.state) == (1, 1, TopicState.COMPLETE)  # certificates not asked
    SaveAnswer(p, world.users["resp_dept_a"], "P1.3.readiness", "1|2", save.answer.version).execute()
    tp = progress_of(p)["P1.SP2.T2"]
    assert (tp.answered, tp.asked, tp.state) == (1, 2, TopicState.COMPLETE)  # asked now, still optional


def test_a_child_inherits_the_optional_topic_from_its_parent(dept_cycle, world, client_for):
    p = dept_cycle.participations.get(agency=world.pcio_a1)
    tp = progress_of(p)[OPTIONAL_TOPIC]
    assert tp.state is TopicState.INHERITED and tp.asked == 0


# --- review before submitting -----------------------------------------------------------------------


def test_review_lists_incomplete_topics_by_name_and_offers_no_submit(world, client_for):
    fill(world, world.pcio_a1, "resp_a1", {"C1": "a"})
    c = client_for("resp_a1")
    html = c.get(url("cycles:submit")).content.decode()
    assert "3 topics must be completed before you can submit" in html
    assert url("cycles:topic", topic_id="P1.SP1.T2") in html
    assert 'name="confirm"' not in html and "3 topics still have unanswered questions." in html


def test_review_shows_the_levels_the_answers_give_with_inherited_and_analyst_answers(world, client_for):
    fill(world, world.dept_a, "resp_dept_a", COMPLETE)  # S1 = 70: over 60 % is level 4 for the child
    p = fill(world, world.pcio_a1, "resp_a1", CHILD)
    html = client_for("resp_a1").get(url("cycles:submit")).content.decode()
    levels = dict(re.findall(r'data-topic-level="([^"]+)">\s*Level (\d)', html))
    # C1 = b, two items, C3 yes: level 4; N3 = 55 %: level 3; the parent's S1 = 70 %: level 4
    assert levels == {"P1.SP1.T1": "4", "P1.SP1.T2": "3", "P1.SP1.T4": "4"}
    # U1 and one full row reach level 3; level 4 waits for the analyst's check A1
    assert re.search(r'data-topic-level="P1.SP1.T3">\s*not yet: waiting for an analyst', html)
    SaveAnswer(p, world.users["analyst"], "A1", "yes", 0, source=AnswerSource.ANALYST).execute()
    html = client_for("resp_a1").get(url("cycles:submit")).content.decode()
    assert dict(re.findall(r'data-topic-level="([^"]+)">\s*Level (\d)', html))["P1.SP1.T3"] == "4"
    assert "locked until an analyst returns them" in html and 'name="confirm"' in html


def test_review_warns_when_the_parent_has_not_answered(world, client_for):
    fill(world, world.pcio_a1, "resp_a1", CHILD)
    html = client_for("resp_a1").get(url("cycles:submit")).content.decode()
    assert "is answered by your parent department, which has not answered it yet" in html
    assert re.search(r'data-topic-level="P1.SP1.T4">\s*not yet: waiting for the parent department', html)


def test_submit_needs_the_confirmation_from_the_review_page(world, client_for):
    p = fill(world, world.pcio_a1, "resp_a1", CHILD)
    c = client_for("resp_a1")
    response = c.post(url("cycles:submit"), follow=True)
    assert response.redirect_chain[-1][0] == url("cycles:submit")
    assert "Tick the confirmation" in response.content.decode()
    p.refresh_from_db()
    assert p.status == ParticipationStatus.IN_PROGRESS
    c.post(url("cycles:submit"), {"confirm": "yes"})
    p.refresh_from_db()
    assert p.status == ParticipationStatus.SUBMITTED
    html = c.get(url("cycles:submit")).content.decode()
    assert 'name="confirm"' not in html  # submitted: nothing more to submit


def test_submit_refuses_a_post_without_the_csrf_token(world, client_for):
    from django.test import Client

    fill(world, world.pcio_a1, "resp_a1", CHILD)
    c = Client(enforce_csrf_checks=True)
    c.force_login(world.users["resp_a1"])
    assert c.post(url("cycles:submit"), {"confirm": "yes"}).status_code == 403
    assert world.participation(world.pcio_a1).status == ParticipationStatus.IN_PROGRESS


# --- inherited topics -------------------------------------------------------------------------------


def test_an_inherited_topic_is_read_only_without_save_or_upload(world, client_for):
    fill(world, world.dept_a, "resp_dept_a", {"S1": "65"})
    html = client_for("resp_a1").get(url("cycles:topic", topic_id="P1.SP1.T4")).content.decode()
    assert "This topic is answered by your parent department." in html and "Department A" in html
    assert 'type="submit">Save<' not in html and 'name="next_topic"' not in html
    assert 'type="file"' not in html and "evidence-upload" not in html
    own = client_for("resp_a1").get(url("cycles:topic", topic_id="P1.SP1.T3")).content.decode()
    assert 'type="submit">Save<' in own and 'type="file"' in own  # the agency's own topic keeps them


def test_files_cannot_be_attached_to_an_inherited_topic(world):
    p = world.participation(world.pcio_a1)
    f = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n")
    with pytest.raises(ActionError) as exc:
        UploadEvidence(p, world.users["resp_a1"], "P1.SP1.T4", f).execute()
    assert exc.value.code == "not_agency_input"


# --- messages in the user's language ----------------------------------------------------------------

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.mark.parametrize(
    ("code", "raw"),
    [("N1", "สิบสอง"), ("N1", "5000"), ("N3", "120"), ("N4", "99"), ("U1", "www.example"), ("C1", "zzz")],
)
def test_a_refused_value_is_explained_wholly_in_thai(world, client_for, settings, code, raw):
    settings.LANGUAGE_CODE = "th"
    body = client_for("resp_a1").post(
        url("cycles:autosave"), {"code": code, f"in-{code}": raw, "v-" + code: "0"}
    )
    message = body.json()["error"]
    words = [w for w in LATIN_WORD.findall(message) if w not in ("http", "https", "www", "example", "zzz")]
    assert words == [], message
    assert not Answer.objects.exists()


def test_the_same_refusal_in_english_names_what_was_entered(world, client_for):
    body = client_for("resp_a1").post(url("cycles:autosave"), {"code": "N1", "in-N1": "5000", "v-N1": "0"})
    assert body.json()["error"] == "Enter a whole number (0 – 1000). (5000 is outside 0 – 1000)"


def test_a_stored_value_that_no_longer_fits_is_explained_in_thai(world, client_for, settings):
    settings.LANGUAGE_CODE = "th"
    p = world.participation(world.pcio_a1)
    Answer.objects.create(cycle=p.cycle, agency=p.agency, code="N1", value="มาก", version=1)
    html = client_for("resp_a1").get(url("cycles:topic", topic_id="P1.SP1.T2")).content.decode()
    error = re.search(r'<p class="field-error" id="f-N1-error">([^<]+)</p>', html)
    assert error and "มาก" in error.group(1)
    assert LATIN_WORD.findall(error.group(1)) == [], error.group(1)
