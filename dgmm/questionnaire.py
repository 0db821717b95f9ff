"""The questionnaire a respondent fills, built from a framework: as data, and as rows for a spreadsheet.

The spreadsheet (``dgmm questionnaire --format xlsx``) has two sheets: ``questionnaire``, every
input with its topic, help, options and bounds (`questionnaire_rows`), and ``answers``, the form a
respondent fills (`answer_form`): the agency id once, in cell B1, then a header on row 3 and one
row per input, where the respondent writes the answer in the ``value`` column. ``dgmm score`` and
the survey platform's import read that sheet as long-format answers (`dgmm.tables.Columns.given`):
an empty value is "not answered".
"""

from __future__ import annotations

import io
from typing import Any

from dgmm.cells import append_row
from dgmm.framework.schema import Framework, Input, Topic

TABLE_COLUMNS = (
    "pillar",
    "sub_pillar",
    "topic",
    "topic_th",
    "topic_en",
    "code",
    "type",
    "answered_by",
    "required",
    "from_parent",
    "applies_if",
    "question_th",
    "question_en",
    "help_th",
    "help_en",
    "options",
    "min",
    "max",
)


def _input(inp: Input) -> dict[str, Any]:
    d: dict[str, Any] = {
        "code": inp.code,
        "type": inp.type,
        "answered_by": inp.answered_by,
        "required": inp.required,
        "label_th": inp.label.th,
        "label_en": inp.label.en,
        "help_th": inp.help.th,
        "help_en": inp.help.en,
        "applies_if": inp.applies_if.text if inp.applies_if else None,
    }
    if inp.options:
        d["options"] = [
            {
                "code": o.code,
                "label_th": o.label.th,
                "label_en": o.label.en,
                **({"points": o.points} if o.points is not None else {}),
            }
            for o in inp.options
        ]
    if inp.rows:
        d["rows"] = [{"code": o.code, "label_th": o.label.th, "label_en": o.label.en} for o in inp.rows]
        d["columns"] = [{"code": o.code, "label_th": o.label.th, "label_en": o.label.en} for o in inp.columns]
    if inp.min is not None or inp.max is not None:
        d["min"], d["max"] = inp.min, inp.max
    return d


def _topic(t: Topic) -> dict[str, Any]:
    return {
        "id": t.id,
        "name_th": t.name.th,
        "name_en": t.name.en,
        "question_codes": list(t.question_codes),
        "from_parent": t.from_parent,
        "criteria": {str(k): {"th": lv.criterion.th, "en": lv.criterion.en} for k, lv in t.levels.items()},
        "inputs": [_input(i) for i in t.inputs],
        "sub_topics": [_topic(s) for s in t.sub_topics],
    }


def questionnaire(fw: Framework) -> dict[str, Any]:
    """The whole questionnaire: pillars > sub-pillars > topics > inputs, with criteria as guidance."""
    return {
        "framework": {
            "id": fw.id,
            "revision": fw.revision,
            "year": fw.year,
            "tiers": list(fw.tiers),
            "name_th": fw.name.th,
            "name_en": fw.name.en,
        },
        "answer_format": "long: agency_id,input,value; several choices joined by '|'; matrix "
        "'row:col|row:col'",
        "pillars": [
            {
                "id": p.id,
                "name_th": p.name.th,
                "name_en": p.name.en,
                "sub_pillars": [
                    {
                        "id": sp.id,
                        "name_th": sp.name.th,
                        "name_en": sp.name.en,
                        "in_model": sp.in_model,
                        "topics": [_topic(t) for t in sp.topics],
                    }
                    for sp in p.sub_pillars
                ],
            }
            for p in fw.pillars
        ],
    }


def questionnaire_rows(fw: Framework) -> list[dict[str, Any]]:
    """One row per input, in framework order (for a spreadsheet)."""
    rows: list[dict[str, Any]] = []
    for p, sp in fw.iter_sub_pillars():
        for t in sp.topics:
            for topic in (t, *t.sub_topics):
                for inp in topic.inputs:
                    rows.append(
                        {
                            "pillar": p.id,
                            "sub_pillar": sp.id,
                            "topic": topic.id,
                            "topic_th": topic.name.th,
                            "topic_en": topic.name.en,
                            "code": inp.code,
                            "type": inp.type,
                            "answered_by": inp.answered_by,
                            "required": "yes" if inp.required else "no",
                            "from_parent": "yes" if t.from_parent else "no",
                            "applies_if": inp.applies_if.text if inp.applies_if else "",
                            "question_th": inp.label.th,
                            "question_en": inp.label.en,
                            "help_th": inp.help.th,
                            "help_en": inp.help.en,
                            "options": "\n".join(
                                f"{o.code} = {o.label.th} / {o.label.en}" for o in inp.options
                            )
                            or "\n".join(
                                [
                                    *(f"row {o.code} = {o.label.th} / {o.label.en}" for o in inp.rows),
                                    *(f"column {o.code} = {o.label.th} / {o.label.en}" for o in inp.columns),
                                ]
                            ),
                            "min": "" if inp.min is None else inp.min,
                            "max": "" if inp.max is None else inp.max,
                        }
                    )
    return rows


FORM_SHEET = "answers"
FORM_COLUMNS = (
    "input",
    "value",
    "question_th",
    "question_en",
    "type",
    "answer_as",
    "options",
    "min",
    "max",
    "topic",
)
FORM_AGENCY_NOTE = "← รหัสหน่วยงานของท่าน (กรอกครั้งเดียว) / your agency id (once)"
FORM_GUIDE = (
    "ตอบในคอลัมน์ value แถวละหนึ่งคำถาม เว้นว่างไว้ถ้ายังไม่ตอบ / Answer in the value column, one row per "
    "question; leave it empty when not answered"
)
ANSWER_AS = {  # how a value of each input type is written (Thai / English)
    "single_choice": "รหัสตัวเลือกหนึ่งรหัส / one option code",
    "multiple_choice": "รหัสตัวเลือกคั่นด้วย | เช่น a|c / option codes joined by |, e.g. a|c",
    "yes_no": "yes หรือ no / yes or no",
    "integer": "จำนวนเต็ม / a whole number",
    "number": "ตัวเลข ใช้ . เป็นจุดทศนิยม / a number, . as the decimal point",
    "percent": "ร้อยละ 0–100 / a percentage, 0–100",
    "year": "ปี พ.ศ. 4 หลัก เช่น 2566 / a Buddhist-era year, e.g. 2566",
    "url": "ที่อยู่เว็บ https://… / a web address https://…",
    "file": "ชื่อไฟล์ / a file name",
    "text": "ข้อความ / text",
    "matrix": "แถว:คอลัมน์ คั่นด้วย | เช่น r1:c1|r2:c3 / row:column joined by |, e.g. r1:c1|r2:c3",
}


def answer_form(fw: Framework) -> list[list[Any]]:
    """The rows of the answers form: the agency id row, a guide, the header, then one row per input the
    agency answers (an analyst's checks are left out)."""
    rows: list[list[Any]] = [["agency_id", "", FORM_AGENCY_NOTE], [FORM_GUIDE], list(FORM_COLUMNS)]
    for r in questionnaire_rows(fw):
        if r["answered_by"] == "analyst":
            continue
        rows.append(
            [
                r["code"],
                "",
                r["question_th"],
                r["question_en"],
                r["type"],
                ANSWER_AS.get(r["type"], ""),
                r["options"],
                r["min"],
                r["max"],
                r["topic"],
            ]
        )
    return rows


def questionnaire_workbook(fw: Framework) -> bytes:
    """The XLSX workbook: the questionnaire sheet (every
    input, for reference) and the answers form to fill."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "questionnaire"
    append_row(ws, TABLE_COLUMNS)
    for q in questionnaire_rows(fw):
        append_row(ws, [q[c] for c in TABLE_COLUMNS])
    _layout(ws, (6, 9, 12, 30, 30, 16, 14, 10, 8, 10, 18, 50, 50, 30, 30, 40, 6, 6), header=1)
    ws.freeze_panes = "A2"
    form = wb.create_sheet(FORM_SHEET)
    for r in answer_form(fw):
        append_row(form, r)
    _layout(form, (16, 24, 50, 50, 14, 30, 40, 6, 6, 10), header=3)
    form["A1"].font = Font(bold=True)
    yellow = PatternFill("solid", fgColor="FFF2CC")  # where the respondent writes
    for cell in (form["B1"], *(row[1] for row in form.iter_rows(min_row=4))):
        cell.fill = yellow
    form.freeze_panes = "C4"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _layout(ws: Any, widths: tuple[int, ...], header: int) -> None:
    """Column widths, a bold header row, and wrapped text below it."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for cell in ws[header]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows(min_row=header + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
