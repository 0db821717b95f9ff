"""Closing a cycle scores it with the core and freezes the results; publishing opens them to the public."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import escape

from dgmm import load_framework, parse_answers, score_agency
from dgmm.web.actions import ActionError
from dgmm.web.cycles.actions import CloseCycle, PublishCycle, SaveAnswer
from dgmm.web.cycles.models import AnswerSource, CycleResult, CycleStatus
from tests.advice_words import leaks
from tests.web.conftest import ALL_TYPES, COMPLETE
from tests.web.cycles.test_submission import CHILD, fill
from tests.web.submitted import submit_everyone

pytestmark = [pytest.mark.django_db, pytest.mark.db]

PARTIAL = {"C1": "a", "N3": "30"}


@pytest.fixture
def closed(world):
    fill(world, world.dept_a, "resp_dept_a", COMPLETE)
    fill(world, world.pcio_a1, "resp_a1", CHILD)
    fill(world, world.pcio_a2, "admin", PARTIAL)
    SaveAnswer(
        world.participation(world.pcio_a1),
        world.users["analyst"],
        "A1",
        "yes",
        0,
        source=AnswerSource.ANALYST,
    ).execute()
    submit_everyone(world.cycle)
    CloseCycle(world.cycle, world.users["analyst"]).execute()
    world.cycle.refresh_from_db()
    return world


def record(doc, agency_id):
    return next(a for a in doc["agencies"] if a["id"] == agency_id)


def test_close_scores_each_tier_as_the_core_does(closed):
    assert closed.cycle.status == CycleStatus.CLOSED and closed.cycle.scored_at is not None
    fw = load_framework(ALL_TYPES)
    pcio = CycleResult.objects.get(cycle=closed.cycle, tier="pcio").document
    assert pcio["format"] == "dgmm-results" and pcio["cohort"]["invited"] == 3
    expected = score_agency(
        fw,
        parse_answers(fw, CHILD),
        parse_answers(fw, COMPLETE),
        parse_answers(fw, {"A1": "yes"}),
        parent_id="dept-a",
    )
    rec = record(pcio, "pcio-a1")
    assert rec["overall"]["score"] == pytest.approx(expected.overall.score)
    assert rec["overall"]["level"] == expected.overall.level
    assert rec["topics"]["P1.SP1.T4"]["provenance"] == "parent:dept-a"
    assert rec["topics"]["P1.SP1.T3"]["level"] == expected.topics["P1.SP1.T3"].level
    assert record(pcio, "pcio-b1")["status"] == "no_answers"
    partial = score_agency(fw, parse_answers(fw, PARTIAL), parse_answers(fw, COMPLETE), parent_id="dept-a")
    assert record(pcio, "pcio-a2")["overall"]["score"] == pytest.approx(partial.overall.score)
    dept = CycleResult.objects.get(cycle=closed.cycle, tier="department").document
    assert [a["id"] for a in dept["agencies"]] == ["dept-a", "dept-b"]


def test_closed_cycle_takes_no_more_answers(closed):
    with pytest.raises(ActionError):
        SaveAnswer(closed.participation(closed.pcio_a1), closed.users["resp_a1"], "X1", "late", 0).execute()
    with pytest.raises(ActionError):
        CloseCycle(closed.cycle, closed.users["analyst"]).execute()


def test_results_before_and_after_publication(closed, client, client_for):
    results = reverse("dashboards:results", kwargs={"cycle": "c2566"})
    mine = reverse("dashboards:agency-result", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    assert client.get(results).status_code == 404
    assert client_for("resp_a1").get(mine).status_code == 404
    assert client_for("analyst").get(mine).status_code == 200
    PublishCycle(closed.cycle, closed.users["analyst"]).execute()
    assert client.get(results).status_code == 200
    assert client.get(mine).status_code == 404  # agency results are not public unless the cycle says so
    assert client_for("resp_a1").get(mine).status_code == 200
    assert client_for("parent_a").get(mine).status_code == 200
    assert client_for("resp_b1").get(mine).status_code == 404
    public_html = client.get(results).content.decode()
    assert "PCIO A1" not in public_html and "average overall score" in public_html
    closed.cycle.publish_agency_results = True
    closed.cycle.save()
    assert client.get(mine).status_code == 200


def test_agency_result_page_shows_the_core_numbers_rounded_by_the_core(closed, client_for):
    from dgmm import display

    doc = CycleResult.objects.get(cycle=closed.cycle, tier="pcio").document
    html = (
        client_for("analyst")
        .get(reverse("dashboards:agency-result", kwargs={"cycle": "c2566", "agency": "pcio-a1"}))
        .content.decode()
    )
    assert display(record(doc, "pcio-a1")["overall"]["score"]) in html


def test_response_rates_live_json(world, client_for):
    fill(world, world.pcio_a1, "resp_a1", {"C1": "a"})
    body = (
        client_for("analyst")
        .get(reverse("dashboards:rates", kwargs={"cycle": "c2566"}) + "?format=json")
        .json()
    )
    assert body["overall"] == {
        "key": "all",
        "label": "",
        "total": 5,
        "submitted": 0,
        "started": 1,
        "not_started": 4,
        "percent": 0.0,
    }
    by_tier = {r["key"]: r for r in body["by_tier"]}
    assert by_tier["pcio"]["total"] == 3 and by_tier["pcio"]["started"] == 1
    assert {r["key"] for r in body["by_province"]} == {"TH-50", "TH-90"}
    assert {r["key"] for r in body["by_ministry"]} == {"MOI", "MOF"}


def test_agency_result_gives_next_level_advice_from_the_core(closed, client_for):
    from dgmm import explain_agency

    fw = load_framework(ALL_TYPES)
    exp = explain_agency(
        fw,
        parse_answers(fw, CHILD),
        parse_answers(fw, COMPLETE),
        parse_answers(fw, {"A1": "yes"}),
        parent_id="dept-a",
    )["P1.SP1.T2"]
    assert (exp.level, exp.next_level) == (3, 4)
    html = (
        client_for("analyst")
        .get(reverse("dashboards:agency-result", kwargs={"cycle": "c2566", "agency": "pcio-a1"}))
        .content.decode()
    )
    assert "How to reach the next level" in html and "level 3 → 4" in html
    assert exp.next_criterion.en in html
    assert exp.steps
    for step in exp.steps:
        assert escape(step.text.en) in html


def test_agency_result_says_the_parent_department_acts_on_inherited_topics(closed, client_for):
    """The PDF and the page agree: a topic scored from the parent's answers gets no steps for the agency."""
    from dgmm import explain_agency

    fw = load_framework(ALL_TYPES)
    exp = explain_agency(
        fw,
        parse_answers(fw, CHILD),
        parse_answers(fw, COMPLETE),
        parse_answers(fw, {"A1": "yes"}),
        parent_id="dept-a",
    )["P1.SP1.T4"]
    assert exp.by_parent and exp.steps  # the parent department could raise it (S1 70 -> more than 80)
    html = (
        client_for("analyst")
        .get(reverse("dashboards:agency-result", kwargs={"cycle": "c2566", "agency": "pcio-a1"}))
        .content.decode()
    )
    card = html[html.index("P1.SP1.T4 Security (from the parent department):") :].split("</section>")[0]
    assert "the parent department must act to raise it" in card
    assert escape(exp.steps[0].text.en) not in html
    assert "<li>" not in card


def test_agency_result_page_has_no_rule_text_nor_input_codes(closed, client_for):
    fw = load_framework(ALL_TYPES)
    for lang in ("en", "th"):
        html = (
            client_for("analyst")
            .get(
                reverse("dashboards:agency-result", kwargs={"cycle": "c2566", "agency": "pcio-a1"}),
                HTTP_ACCEPT_LANGUAGE=lang,
            )
            .content.decode()
        )
        main = unescape(re.sub(r"<[^>]+>", " ", html[html.index("<main") : html.index("</main>")]))
        for name in (closed.pcio_a1.name_th, closed.pcio_a1.name_en):  # "PCIO A1" is a name, not input A1
            main = main.replace(name, "")
        assert leaks(main, fw) == [], main


def test_parent_department_follows_its_own_agencies_results(closed, client_for):
    PublishCycle(closed.cycle, closed.users["analyst"]).execute()
    html = client_for("parent_a").get(reverse("cycles:detail", kwargs={"cycle": "c2566"})).content.decode()
    assert reverse("dashboards:agency-result", kwargs={"cycle": "c2566", "agency": "pcio-a1"}) in html
    assert "pcio-b1" not in html


def test_close_cycle_command(world):
    from io import StringIO

    from django.core.management import CommandError, call_command

    fill(world, world.pcio_a1, "resp_a1", CHILD)
    with pytest.raises(CommandError):
        call_command("close_cycle", "c2566", "--user", "resp_a1")  # not an analyst
    out = StringIO()
    submit_everyone(world.cycle)
    call_command("close_cycle", "c2566", "--user", "analyst", stdout=out)
    assert "c2566 pcio: 1 of 3 agencies scored" in out.getvalue()
    world.cycle.refresh_from_db()
    assert world.cycle.status == CycleStatus.CLOSED


def test_agency_report_pdf_download_for_who_may_see_the_results(closed, client_for, tmp_path):
    import subprocess

    url = reverse("dashboards:agency-report", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    page = (
        client_for("analyst")
        .get(reverse("dashboards:agency-result", kwargs={"cycle": "c2566", "agency": "pcio-a1"}))
        .content.decode()
    )
    assert url in page  # the download button on the agency's results page
    response = client_for("analyst").get(url + "?lang=en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    assert pdf.startswith(b"%PDF")
    (tmp_path / "r.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    doc = CycleResult.objects.get(cycle=closed.cycle, tier="pcio").document
    from dgmm import display

    assert display(record(doc, "pcio-a1")["overall"]["score"]) in text
    # the same checks as the results page: another agency's respondent cannot download it
    assert client_for("resp_b1").get(url).status_code == 404


def test_agency_report_cover_names_the_issuer_of_the_setting(closed, client_for, tmp_path, settings):
    import subprocess

    url = reverse("dashboards:agency-report", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    issuer = tmp_path / "issuer.yaml"
    issuer.write_text("name_th: สำนักงานออกรายงานทดสอบ\nname_en: Test Issuing Office\n", encoding="utf-8")
    settings.DGMM_REPORT_ISSUER_FILE = str(issuer)
    response = client_for("analyst").get(url + "?lang=th")
    assert response.status_code == 200
    (tmp_path / "r.pdf").write_bytes(response.content)
    cover = subprocess.run(
        ["pdftotext", "-l", "1", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Test Issuing Office" in cover
    # a broken issuer file is said plainly, and no report goes out with the wrong cover
    issuer.write_text("name_th: x\nseal: emblem.png\n", encoding="utf-8")
    response = client_for("analyst").get(url)
    assert response.status_code == 503
    assert "unknown issuer field(s) seal" in response.content.decode()
