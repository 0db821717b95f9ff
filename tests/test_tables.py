"""Which sheet of a workbook is read, and how a form (values given once above its header) becomes rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from dgmm.errors import InputFileError
from dgmm.tables import read_rows

REQUIRED = ("agency_id", "input", "value")


def book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def read(path: Path, sheet: str | None = None) -> tuple[list[str], list[tuple[int, list[str]]]]:
    cols, rows = read_rows(path, REQUIRED, sheet=sheet)
    return cols, [(n, cells) for n, cells in rows if cells]


def test_the_first_sheet_with_the_columns_is_read(tmp_path):
    p = book(
        tmp_path / "a.xlsx",
        {
            "notes": [["read me"]],
            "data": [list(REQUIRED), ["D1", "Q1", "a"]],
            "copy": [list(REQUIRED), ["D2", "Q1", "b"]],
        },
    )
    cols, rows = read(p)
    assert cols == list(REQUIRED) and rows == [(2, ["D1", "Q1", "a"])]
    assert read(p, sheet="copy")[1] == [(2, ["D2", "Q1", "b"])]


def test_a_form_gives_a_column_once_above_its_header_and_keeps_the_sheets_row_numbers(tmp_path):
    p = book(
        tmp_path / "f.xlsx",
        {
            "questionnaire": [["code", "question"]],
            "answers": [
                ["agency_id", "D1", "your agency id"],
                ["a guide"],
                ["input", "value", "question_th"],
                ["Q1", "a", "ข้อหนึ่ง"],
                [None, None, None],
                ["Q2", None, "ข้อสอง"],
                ["Q3", 12.0],
            ],
        },
    )
    cols, rows = read(p)
    assert cols == ["agency_id", "input", "value", "question_th"] and cols.is_form
    assert cols.given == {"agency_id": (1, "D1")} and cols.row_of("agency_id", 6) == 1
    assert rows == [
        (4, ["D1", "Q1", "a", "ข้อหนึ่ง"]),
        (6, ["D1", "Q2", "", "ข้อสอง"]),
        (7, ["D1", "Q3", "12", ""]),
    ]


def test_an_empty_given_cell_is_named(tmp_path):
    p = book(tmp_path / "f.xlsx", {"answers": [["agency_id", None], [], ["input", "value"], ["Q1", "a"]]})
    with pytest.raises(InputFileError) as exc:
        read(p)
    (pr,) = exc.value.problems
    assert (pr.line, pr.where, pr.code) == (1, "agency_id", "missing_value")
    assert "cell B1 of sheet 'answers'" in pr.message and dict(pr.params)["sheet"] == "answers"


def test_no_fitting_sheet_names_every_sheet_and_its_first_row(tmp_path):
    p = book(tmp_path / "x.xlsx", {"one": [["agency", "answer"]], "two": []})
    with pytest.raises(InputFileError) as exc:
        read(p)
    (pr,) = exc.value.problems
    assert pr.code == "no_sheet"
    assert "no sheet has the columns agency_id, input, value" in pr.message
    assert "'one' (agency, answer); 'two' (empty)" in pr.message


def test_an_unknown_sheet_suggests_the_closest_name(tmp_path):
    p = book(tmp_path / "x.xlsx", {"answers": [list(REQUIRED)], "notes": [["x"]]})
    with pytest.raises(InputFileError) as exc:
        read(p, sheet="Answers")
    (pr,) = exc.value.problems
    assert pr.code == "unknown_sheet" and "(did you mean 'answers'?)" in pr.message
    assert "sheets found: 'answers', 'notes'" in pr.message


def test_a_named_sheet_without_the_columns_says_which_are_missing(tmp_path):
    p = book(tmp_path / "x.xlsx", {"answers": [list(REQUIRED)], "notes": [["x"]]})
    with pytest.raises(InputFileError) as exc:
        read(p, sheet="notes")
    assert exc.value.problems[0].code == "missing_column"
