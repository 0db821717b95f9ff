"""The improvement plan as an XLSX workbook: a sheet of plan items (one row per item, with the PMQA 4.0
categories and items it serves) and a sheet of the projection (pillars and overall, now and with the
plan). Cells come from the same context as the plan PDF (`dgmm.reports.context.plan`), every one
written through `dgmm.cells.append_row`, so no cell is ever a formula whatever an owner's name says.
"""

from __future__ import annotations

import io

from dgmm.cells import append_row
from dgmm.reports.context.common import Style
from dgmm.reports.context.plan import PlanSource, plan_rows

ITEM_COLUMNS = (
    "p.col.category",
    "p.col.pmqa",
    "p.col.topic_id",
    "p.col.topic",
    "p.col.level",
    "p.col.target",
    "p.col.actions",
    "p.col.unit",
    "p.col.owner",
    "p.col.due",
    "p.col.status",
)
WIDTHS = (30, 40, 14, 40, 22, 22, 60, 24, 24, 16, 16)


def plan_workbook(src: PlanSource, *, lang: str = "th") -> bytes:
    """The XLSX bytes of an agency's plan, headers and texts in `lang` (due dates as date cells)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from dgmm.reports.context.plan import plan_context

    style = Style(lang=lang)
    wb = Workbook()
    ws = wb.active
    ws.title = style.t("p.sheet.items")
    append_row(ws, [style.t(k) for k in ITEM_COLUMNS])
    for r in plan_rows(src, style):
        line = r["line"]
        append_row(
            ws,
            [
                "\n".join(r["category_names"]),
                "\n".join(r["pmqa"]),
                r["topic_id"],
                r["topic"],
                r["level_now"],
                r["target"],
                style.text(line.actions),
                line.responsible_unit,
                line.owner,
                line.due_date,
                r["status"],
            ],
        )
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[9].number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"

    proj = plan_context(src, style)["projection"]
    sheet = wb.create_sheet(style.t("p.sheet.projection"))
    if proj["shown"]:
        append_row(sheet, proj["table"]["header"])
        for row in proj["table"]["rows"]:
            append_row(sheet, row)
        append_row(sheet, [])
        for f in proj["figures"]:
            append_row(sheet, [f["label"], f["value"], f["sub"]])
    else:
        append_row(sheet, [proj["note"]])
    sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
