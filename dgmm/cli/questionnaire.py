"""`dgmm questionnaire`: the questionnaire of a framework as JSON or XLSX, Thai and English."""

from __future__ import annotations

import json
from pathlib import Path

import click

from dgmm.atomic import atomic_open
from dgmm.cells import append_row
from dgmm.loading import load_framework
from dgmm.questionnaire import TABLE_COLUMNS, questionnaire_rows
from dgmm.questionnaire import questionnaire as build_questionnaire


def _write_xlsx(rows: list[dict[str, object]], out: Path, fw_id: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "questionnaire"
    append_row(ws, TABLE_COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        append_row(ws, [r[c] for c in TABLE_COLUMNS])
    for col, width in zip("ABCDEFGHIJKLMNOPQR", (6, 9, 12, 30, 30, 16, 14, 10, 8, 10, 18, 50, 50, 30, 30, 40, 6, 6),
                          strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ans = wb.create_sheet("answers")
    append_row(ans, ["agency_id", "input", "value"])
    append_row(ans, ["", f"(one row per answer; input codes from the questionnaire sheet of {fw_id})", ""])
    with atomic_open(out) as fh:
        wb.save(fh)


@click.command("questionnaire")
@click.argument("framework")
@click.option("--format", "fmt", type=click.Choice(["json", "xlsx"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def questionnaire_cmd(framework: str, fmt: str, output: Path) -> None:
    """Write the questionnaire respondents fill for FRAMEWORK (Thai and English)."""
    fw = load_framework(framework)
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        output.write_text(json.dumps(build_questionnaire(fw), ensure_ascii=False, indent=2), encoding="utf-8")
    else:
        _write_xlsx(questionnaire_rows(fw), output, fw.id)
    click.echo(f"wrote {output} ({len(fw.inputs)} inputs)")

