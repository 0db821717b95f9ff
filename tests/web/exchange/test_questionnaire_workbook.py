"""The questionnaire workbook of `dgmm questionnaire
--format xlsx`, filled by a respondent, imported on the web;
"did you mean" in the import's messages, in Thai."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from dgmm.cli.main import cli
from dgmm.web.cycles.models import Answer
from tests.web.conftest import ALL_TYPES

pytestmark = [pytest.mark.django_db, pytest.mark.db]

THAI_TEXT = "ระบบสารบรรณอิเล็กทรอนิกส์, ระบบลา"
FILLED = {"C1": "b", "C2": "x|z", "M1": "r1:k1|r2:k2", "X1": THAI_TEXT, "N1": 12}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("q") / "q.xlsx"
    res = CliRunner().invoke(cli, ["questionnaire", str(ALL_TYPES), "--format", "xlsx", "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


def filled(template: Path, agency: str, answers: dict[str, object]) -> SimpleUploadedFile:
    wb = load_workbook(template)
    ws = wb["answers"]
    ws["B1"] = agency
    for row in ws.iter_rows(min_row=4):
        if row[0].value in answers:
            row[1].value = answers[row[0].value]
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("แบบสอบถาม.xlsx", buf.getvalue())


def post(client, cycle, upload, lang="en"):
    return client.post(
        f"/exchange/{cycle.code}/import/?format=json", {"file": upload}, HTTP_ACCEPT_LANGUAGE=lang
    )


def test_a_respondent_imports_the_filled_questionnaire(world, client_for, template):
    response = post(client_for("resp_a1"), world.cycle, filled(template, "pcio-a1", FILLED))
    assert response.status_code == 200, response.json()
    assert response.json()["report"]["created"] == len(FILLED)
    saved = dict(Answer.objects.filter(agency__code="pcio-a1").values_list("code", "value"))
    assert saved == {"C1": "b", "C2": "x|z", "M1": "r1:k1|r2:k2", "X1": THAI_TEXT, "N1": "12"}
    page = client_for("resp_a1").post(
        f"/exchange/{world.cycle.code}/import/", {"file": filled(template, "pcio-a1", {**FILLED, "C1": "a"})}
    )
    assert page.status_code == 200
    assert Answer.objects.get(agency__code="pcio-a1", code="C1").value == "a"


def test_the_agency_id_cell_is_named_in_thai(world, client_for, template):
    response = post(client_for("resp_a1"), world.cycle, filled(template, "", FILLED), lang="th")
    body = response.json()
    assert response.status_code == 400 and body["errors"][0]["code"] == "missing_value"
    assert (body["errors"][0]["row"], body["errors"][0]["column"]) == (1, "agency_id")
    assert "B1" in body["errors"][0]["message"] and "รหัสหน่วยงาน" in body["errors"][0]["message"]
    assert not Answer.objects.exists()


def test_a_mistyped_agency_id_is_named_once_with_the_closest_the_user_may_import_for(
    world, client_for, template
):
    response = post(client_for("resp_a1"), world.cycle, filled(template, "pcio-a", FILLED), lang="th")
    errors = response.json()["errors"]
    assert response.status_code == 400
    assert [(e["row"], e["column"], e["code"]) for e in errors] == [(1, "agency_id", "not_participant")]
    assert "pcio-a1" in errors[0]["message"] and "หมายถึง" in errors[0]["message"]
    other = post(client_for("resp_b1"), world.cycle, filled(template, "pcio-a", FILLED), lang="en")
    assert "pcio-a1" not in other.json()["errors"][0]["message"]  # never an agency outside the user's scope


def test_a_mistyped_input_code_gets_a_suggestion_in_thai(world, client_for, upload):
    response = post(
        client_for("resp_a1"), world.cycle, upload("a.csv", [["pcio-a1", "C11", "a", ""]]), lang="th"
    )
    (error,) = response.json()["errors"]
    assert (error["row"], error["column"], error["code"]) == (2, "input", "unknown_input")
    assert "'C1'" in error["message"] and "หมายถึง" in error["message"]


def test_a_workbook_without_an_answers_sheet_names_the_sheets_it_has(world, client_for):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "notes"
    wb.active.append(["agency", "answer"])
    buf = io.BytesIO()
    wb.save(buf)
    response = post(
        client_for("resp_a1"), world.cycle, SimpleUploadedFile("x.xlsx", buf.getvalue()), lang="th"
    )
    (error,) = response.json()["errors"]
    assert (
        error["code"] == "no_sheet"
        and "notes" in error["message"]
        and "agency_id, input, value" in error["message"]
    )


def test_the_page_offers_the_questionnaire_workbook_of_each_tier_which_imports_back(world, client_for):
    c = client_for("resp_a1")
    page = c.get(f"/exchange/{world.cycle.code}/").content.decode()
    url = f"/exchange/{world.cycle.code}/questionnaire/pcio.xlsx"
    assert url in page and "B1" in page
    download = c.get(url)
    assert download.status_code == 200 and download["Content-Type"].startswith("application/vnd.openxml")
    template = Path(world.cycle.code + ".xlsx")
    wb = load_workbook(io.BytesIO(download.content))
    assert wb.sheetnames == ["questionnaire", "answers"]
    ws = wb["answers"]
    ws["B1"] = "pcio-a1"
    for row in ws.iter_rows(min_row=4):
        if row[0].value == "C2":
            row[1].value = "y"
    buf = io.BytesIO()
    wb.save(buf)
    response = post(c, world.cycle, SimpleUploadedFile(template.name, buf.getvalue()))
    assert response.status_code == 200 and response.json()["report"]["created"] == 1
    assert Answer.objects.get(agency__code="pcio-a1", code="C2").value == "y"
    assert c.get(f"/exchange/{world.cycle.code}/questionnaire/nope.xlsx").status_code == 404
