"""The questionnaire workbook of `dgmm questionnaire --format
xlsx`, filled by a respondent, scored by `dgmm score`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from dgmm.cli.main import cli

THAI_TEXT = "ระบบสารบรรณอิเล็กทรอนิกส์, ระบบลา"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A simulated cycle, the questionnaire workbook, and the first agency's own answers (a Thai text added;
    the analyst's checks left out: the form does not ask them)."""
    from dgmm.loading import load_framework

    inputs = load_framework("dept-2566").inputs
    d = tmp_path_factory.mktemp("qwb")
    assert run("simulate", "dept-2566", "--agencies", "3", "--seed", "7", "-o", str(d))[0] == 0
    code, out = run("questionnaire", "dept-2566", "--format", "xlsx", "-o", str(d / "q.xlsx"))
    assert code == 0, out
    with (d / "answers.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    agency = rows[0]["agency_id"]
    answers = {
        r["input"]: r["value"]
        for r in rows
        if r["agency_id"] == agency and inputs[r["input"]].answered_by != "analyst"
    }
    answers["P1.5.other"] = THAI_TEXT
    return {"dir": d, "agency": agency, "answers": answers}


def fill(template: Path, out: Path, agency: str, answers: dict[str, str]) -> Path:
    """What a respondent does: the agency id in B1, each answer in the value column of its row."""
    wb = load_workbook(template)
    ws = wb["answers"]
    ws["B1"] = agency
    for row in ws.iter_rows(min_row=4):
        raw = answers.get(str(row[0].value))
        if raw is not None:
            row[1].value = (
                int(raw) if raw.isdigit() and not raw.startswith("0") else raw
            )  # numbers typed as numbers
    wb.save(out)
    return out


def long_csv(path: Path, agency: str, answers: dict[str, str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["agency_id", "input", "value"])
        w.writerows([agency, code, value] for code, value in answers.items())
    return path


def record(results: Path, agency: str) -> dict[str, object]:
    doc = json.loads(results.read_text(encoding="utf-8"))
    return next(a for a in doc["agencies"] if a["id"] == agency)


def test_the_workbook_has_an_answers_form_listing_every_agency_input():
    from dgmm.loading import load_framework
    from dgmm.questionnaire import FORM_COLUMNS, answer_form

    fw = load_framework("dept-2566")
    rows = answer_form(fw)
    assert rows[0][:2] == ["agency_id", ""] and rows[2] == list(FORM_COLUMNS)
    codes = [r[0] for r in rows[3:]]
    assert codes == [c for c, inp in fw.inputs.items() if inp.answered_by != "analyst"]
    kinds = {r[4]: r[5] for r in rows[3:]}
    assert "|" in kinds["multiple_choice"] and "row:column" in kinds["matrix"]


def test_a_filled_workbook_scores_as_its_long_format_answers(cycle, tmp_path):
    d, agency, answers = cycle["dir"], cycle["agency"], cycle["answers"]
    assert "|" in answers["P1.1"] and ":" in answers["P2.1.steps"]  # a multiple choice and a matrix answered
    book = fill(d / "q.xlsx", tmp_path / "filled.xlsx", agency, answers)
    code, out = run(
        "score",
        "dept-2566",
        "--agencies",
        str(d / "agencies.csv"),
        "--answers",
        str(book),
        "-o",
        str(tmp_path / "wb" / "results.json"),
        "--quiet",
    )
    assert code == 0, out
    flat = long_csv(tmp_path / "long.csv", agency, answers)
    code, out = run(
        "score",
        "dept-2566",
        "--agencies",
        str(d / "agencies.csv"),
        "--answers",
        str(flat),
        "-o",
        str(tmp_path / "long" / "results.json"),
        "--quiet",
    )
    assert code == 0, out
    from_book = record(tmp_path / "wb" / "results.json", agency)
    assert from_book == record(tmp_path / "long" / "results.json", agency)
    assert from_book["overall"]["score"] is not None
    code, out = run("explain", str(tmp_path / "wb" / "results.json"), agency, "--json")
    assert code == 0 and json.loads(out)["agency"] == agency


def test_empty_values_of_the_form_are_not_answered_even_for_a_multiple_choice(cycle, tmp_path):
    """In the long format an empty multiple choice means
    "nothing chosen"; a form row left empty is unanswered."""
    d, agency = cycle["dir"], cycle["agency"]
    answers = {k: v for k, v in cycle["answers"].items() if k != "P1.1"}
    book = fill(d / "q.xlsx", tmp_path / "filled.xlsx", agency, answers)
    from dgmm import load_framework, read_agencies, read_answers

    tiers = {a.id: a.tier for a in read_agencies(d / "agencies.csv")}
    got = read_answers(book, load_framework("dept-2566"), tiers)
    assert "P1.1" not in got.of(agency) and got.of(agency)["P1.5.other"] == THAI_TEXT
    assert set(got.own) == {agency}


def test_the_agency_id_is_asked_once_and_a_typo_is_named_there(cycle, tmp_path):
    d, agency, answers = cycle["dir"], cycle["agency"], cycle["answers"]
    blank = fill(d / "q.xlsx", tmp_path / "blank.xlsx", "", answers)
    code, out = run(
        "score",
        "dept-2566",
        "--agencies",
        str(d / "agencies.csv"),
        "--answers",
        str(blank),
        "-o",
        str(tmp_path / "r.json"),
        "--quiet",
    )
    assert (
        code == 1 and f"{blank}:1: agency_id: write the agency_id once, in cell B1 of sheet 'answers'" in out
    )
    typo = fill(d / "q.xlsx", tmp_path / "typo.xlsx", agency[:-1] + "x", answers)
    code, out = run(
        "score",
        "dept-2566",
        "--agencies",
        str(d / "agencies.csv"),
        "--answers",
        str(typo),
        "-o",
        str(tmp_path / "r.json"),
        "--quiet",
    )
    assert code == 1 and out.count("unknown agency") == 1  # once, at the cell it was written in
    assert f"{typo}:1: agency_id: unknown agency" in out and f"(did you mean {agency!r}?)" in out
    assert not (tmp_path / "r.json").exists()


def test_sheet_chooses_the_sheet_and_a_workbook_without_answers_names_its_sheets(cycle, tmp_path):
    d, agency, answers = cycle["dir"], cycle["agency"], cycle["answers"]
    book = fill(d / "q.xlsx", tmp_path / "filled.xlsx", agency, answers)
    base = ["score", "dept-2566", "--agencies", str(d / "agencies.csv"), "--quiet", "--answers"]
    code, out = run(*base, str(book), "--sheet", "answers", "-o", str(tmp_path / "a" / "r.json"))
    assert code == 0, out
    code, out = run(*base, str(book), "--sheet", "answer", "-o", str(tmp_path / "b" / "r.json"))
    assert code == 1 and "no sheet named 'answer' (did you mean 'answers'?)" in out
    assert "sheets found: 'questionnaire', 'answers'" in out
    wb = Workbook()
    wb.active.title = "notes"
    wb.active.append(["agency", "question", "answer"])
    wb.save(tmp_path / "other.xlsx")
    code, out = run(*base, str(tmp_path / "other.xlsx"), "-o", str(tmp_path / "c" / "r.json"))
    assert code == 1 and "no sheet has the columns agency_id, input, value" in out
    assert "'notes' (agency, question, answer)" in out
