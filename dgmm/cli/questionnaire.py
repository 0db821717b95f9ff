"""`dgmm questionnaire`: the questionnaire of a framework as JSON or XLSX, Thai and English."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import click

from dgmm.cells import append_row
from dgmm.framework.schema import Framework
from dgmm.loading import load_framework
from dgmm.questionnaire import FORM_SHEET, TABLE_COLUMNS, answer_form, questionnaire_rows
from dgmm.questionnaire import questionnaire as build_questionnaire


def _write_xlsx(fw: Framework, out: Path) -> None:
    """The questionnaire sheet (every input, for reference) and the answers form the respondent fills."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "questionnaire"
    append_row(ws, TABLE_COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in questionnaire_rows(fw):
        append_row(ws, [r[c] for c in TABLE_COLUMNS])
    for col, width in zip("ABCDEFGHIJKLMNOPQR", (6, 9, 12, 30, 30, 16, 14, 10, 8, 10, 18, 50, 50, 30, 30, 40, 6, 6),
                          strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    form = wb.create_sheet(FORM_SHEET)
    for r in answer_form(fw):
        append_row(form, r)
    form["B1"].fill = form["B4"].fill = PatternFill("solid", fgColor="FFF2CC")  # where the respondent writes
    for cell in (form["A1"], *form[3]):
        cell.font = Font(bold=True)
    for col, width in zip("ABCDEFGHIJ", (16, 24, 50, 50, 14, 30, 40, 6, 6, 10), strict=True):
        form.column_dimensions[col].width = width
    for row in form.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    form.freeze_panes = "C4"
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".xlsx")
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.command("questionnaire")
@click.argument("framework")
@click.option("--format", "fmt", type=click.Choice(["json", "xlsx"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def questionnaire_cmd(framework: str, fmt: str, output: Path) -> None:
    """Write the questionnaire respondents fill for FRAMEWORK (Thai and English).

    The XLSX workbook's answers sheet is the form: the agency id in cell B1, an answer per input in
    the value column. `dgmm score` reads the filled workbook as the answers file.
    """
    fw = load_framework(framework)
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        output.write_text(json.dumps(build_questionnaire(fw), ensure_ascii=False, indent=2), encoding="utf-8")
    else:
        _write_xlsx(fw, output)
    click.echo(f"wrote {output} ({len(fw.inputs)} inputs)")

