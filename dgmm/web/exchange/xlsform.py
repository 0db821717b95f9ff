"""The questionnaire as an XLSForm (ODK Collect, KoboToolbox), and their submissions back as answers.

The form has one group per topic and one question per input the agency answers, named by the
input code, with Thai and English labels (``label::Thai (th)``, ``label::English (en)``):

    single_choice -> select_one          multiple_choice -> select_multiple (+ "none of these")
    yes_no        -> select_one yes/no   integer, year   -> integer (bounds as a constraint)
    number, percent -> decimal           url             -> text with a web-address constraint
    text          -> text (multiline)    file            -> file upload
    matrix        -> a group with one select_multiple of the columns per row

``applies_if`` becomes ``relevant`` where it translates cleanly (``exchange.relevant``); the form's
first note lists the conditions it could not translate. Submissions (the CSV or XLSX export of ODK
Central or KoboToolbox: one row per submission, columns named by input code, an ``agency_id``
column) are turned into long-format rows and go through the same checks as an answers file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from dgmm import AnswerError, Framework, InputFileError, Problem
from dgmm.cells import append_row, inert_row
from dgmm.errors import clip
from dgmm.framework.schema import Input
from dgmm.inheritance import Source, plan_for
from dgmm.tables import read_rows
from dgmm.web.exchange.longformat import COLUMNS, ImportScope, LongRow, check_answers_file
from dgmm.web.exchange.relevant import NONE_CHOICE, RelevantTranslator, Untranslatable
from dgmm.web.uploads import import_limits, localized

TH, EN = "Thai (th)", "English (en)"
SURVEY_COLUMNS = (
    "type",
    "name",
    f"label::{TH}",
    f"label::{EN}",
    f"hint::{TH}",
    f"hint::{EN}",
    "required",
    "relevant",
    "constraint",
    f"constraint_message::{TH}",
    f"constraint_message::{EN}",
    "appearance",
    "calculation",
    "default",
)
CHOICE_COLUMNS = ("list_name", "name", f"label::{TH}", f"label::{EN}")
AGENCY_FIELD = "agency_id"
CYCLE_FIELD = "dgmm_cycle"
MATRIX_SEP = "__"
_XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


def field_name(code: str) -> str:
    """The XLSForm name of an input: its code when that is a valid XML name, else prefixed with '_'."""
    return code if _XML_NAME.match(code) else "_" + re.sub(r"[^A-Za-z0-9_.\-]", "_", code)


def list_name(prefix: str, code: str) -> str:
    return prefix + re.sub(r"[^A-Za-z0-9_]", "_", code)


@dataclass(frozen=True)
class FormField:
    """A question of the form and where it sits: its name, its group path, and the input it answers."""

    name: str
    path: tuple[str, ...]
    code: str
    row: str = ""  # a matrix row

    @property
    def headers(self) -> tuple[str, ...]:
        """Column names an export may give it: bare, or with its groups joined by '/' (Kobo) or '-' (ODK)."""
        return (self.name, "/".join((*self.path, self.name)), "-".join((*self.path, self.name)))


@dataclass
class XLSForm:
    """The three sheets of the form, and its questions (for reading submissions back)."""

    survey: list[dict[str, str]] = field(default_factory=list)
    choices: list[dict[str, str]] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)
    fields: list[FormField] = field(default_factory=list)
    untranslated: list[tuple[str, str, str]] = field(default_factory=list)  # (code, condition, reason)

    def row(self, **cells: Any) -> None:
        self.survey.append({k: "" if v is None else str(v) for k, v in cells.items()})

    def choice(self, list_name: str, name: str, th: str, en: str) -> None:
        self.choices.append({"list_name": list_name, "name": name, f"label::{TH}": th, f"label::{EN}": en})

    def to_xlsx(self) -> bytes:
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "survey"
        append_row(ws, SURVEY_COLUMNS)
        for r in self.survey:
            append_row(ws, [r.get(c, "") for c in SURVEY_COLUMNS])
        ws = wb.create_sheet("choices")
        append_row(ws, CHOICE_COLUMNS)
        for r in self.choices:
            append_row(ws, [r.get(c, "") for c in CHOICE_COLUMNS])
        ws = wb.create_sheet("settings")
        append_row(ws, self.settings)
        append_row(ws, self.settings.values())
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()


def _bounds(inp: Input) -> tuple[float | None, float | None]:
    lo, hi = inp.min, inp.max
    if inp.type == "percent":
        lo, hi = (0.0 if lo is None else lo), (100.0 if hi is None else hi)
    if inp.type == "year":
        lo, hi = (2400.0 if lo is None else lo), (2700.0 if hi is None else hi)
    return lo, hi


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(v)


def _constraint(inp: Input) -> tuple[str, str, str]:
    """(constraint, Thai message, English message) of a number or web-address question."""
    if inp.type == "url":
        return (
            r"regex(., '^https?://[^ ]+\.[^ ]+$')",
            "ที่อยู่เว็บไซต์ต้องขึ้นต้นด้วย http:// หรือ https://",
            "A web address starting with http:// or https://",
        )
    lo, hi = _bounds(inp)
    parts = ([f". >= {_num(lo)}"] if lo is not None else []) + (
        [f". <= {_num(hi)}"] if hi is not None else []
    )
    if not parts:
        return "", "", ""
    span = f"{'' if lo is None else _num(lo)} – {'' if hi is None else _num(hi)}"
    return " and ".join(parts), f"ค่าต้องอยู่ระหว่าง {span}", f"The value must be within {span}"


SIMPLE_TYPES = {
    "integer": "integer",
    "year": "integer",
    "number": "decimal",
    "percent": "decimal",
    "url": "text",
    "text": "text",
    "file": "file",
}


def _labels(th: str, en: str) -> dict[str, str]:
    return {f"label::{TH}": th or en, f"label::{EN}": en or th}


def _hints(th: str, en: str) -> dict[str, str]:
    return {f"hint::{TH}": th, f"hint::{EN}": en} if (th or en) else {}


def form_inputs(fw: Framework, has_parent: bool) -> list[tuple[Any, list[Input]]]:
    """(topic, inputs the agency answers) in framework order: no analyst checks, no inherited inputs."""
    plan = plan_for(fw, has_parent)
    out = []
    for topic in fw.iter_topics():
        inputs = [
            i for t in (topic, *topic.sub_topics) for i in t.inputs if plan.source(i.code) is Source.OWN
        ]
        if inputs:
            out.append((topic, inputs))
    return out


def build_xlsform(
    fw: Framework, cycle_code: str, tier: str, agencies: Iterable[tuple[str, str, str]], has_parent: bool
) -> XLSForm:
    """The XLSForm of one tier's questionnaire; ``agencies`` are (id, name_th, name_en) to choose from."""
    form = XLSForm()
    topics = form_inputs(fw, has_parent)
    codes = {i.code: (field_name(i.code), i) for _t, inputs in topics for i in inputs if i.type != "matrix"}
    translator = RelevantTranslator(codes)
    relevant: dict[str, str] = {}
    for _t, inputs in topics:
        for inp in inputs:
            if inp.applies_if is None:
                continue
            try:
                relevant[inp.code] = translator.translate(inp.applies_if.text)
            except Untranslatable as exc:
                form.untranslated.append((inp.code, inp.applies_if.text, str(exc)))

    agencies = list(agencies)
    form.row(type="note", name="dgmm_notes", **_labels(*_notes(fw, form.untranslated)))
    form.row(
        type="select_one agencies" if agencies else "text",
        name=AGENCY_FIELD,
        required="yes",
        appearance="minimal" if agencies else "",
        default=agencies[0][0] if len(agencies) == 1 else "",
        **_labels("หน่วยงาน (รหัส)", "Agency (id)"),
    )
    for code, th, en in agencies:
        form.choice("agencies", code, f"{code} {th}", f"{code} {en or th}")
    form.row(type="calculate", name=CYCLE_FIELD, calculation=f"'{cycle_code}'")
    form.choice("yes_no", "yes", "ใช่", "Yes")
    form.choice("yes_no", "no", "ไม่ใช่", "No")

    for topic, inputs in topics:
        group = "t_" + re.sub(r"[^A-Za-z0-9_]", "_", topic.id)
        form.row(
            type="begin group",
            name=group,
            appearance="field-list",
            **_labels(f"{topic.id} {topic.name.th}", f"{topic.id} {topic.name.en}"),
        )
        for inp in inputs:
            _question(
                form,
                inp,
                (group,),
                relevant.get(inp.code),
                untranslated=any(u[0] == inp.code for u in form.untranslated),
            )
        form.row(type="end group", name=group)
    form.settings = {
        "form_title": f"{fw.name.th} ({cycle_code})",
        "form_id": list_name("dgmm_", f"{cycle_code}_{tier}"),
        "version": timezone.now().strftime("%Y%m%d%H%M"),
        "default_language": TH,
    }
    return form


def _notes(fw: Framework, untranslated: list[tuple[str, str, str]]) -> tuple[str, str]:
    th = f"{fw.name.th} — ตอบแต่ละข้อตามแบบสำรวจ"
    en = f"{fw.name.en or fw.name.th} — answer each question as in the survey"
    if untranslated:
        lines = "; ".join(f"{code}: {cond}" for code, cond, _why in untranslated)
        th += f". เงื่อนไขต่อไปนี้แบบฟอร์มนี้ไม่ตรวจให้ ให้ตอบข้อนั้นเฉพาะเมื่อเงื่อนไขเป็นจริง: {lines}"
        en += (
            ". These conditions are not applied by this form; answer the question only when its condition "
            f"holds: {lines}"
        )
    return th, en


def _question(
    form: XLSForm, inp: Input, path: tuple[str, ...], relevant: str | None, untranslated: bool
) -> None:
    name = field_name(inp.code)
    required = "yes" if inp.required and not untranslated else ""
    hint_th, hint_en = inp.help.th, inp.help.en
    if untranslated and inp.applies_if is not None:
        hint_th = (hint_th + " " if hint_th else "") + f"(ตอบเฉพาะเมื่อ: {inp.applies_if.text})"
        hint_en = (hint_en + " " if hint_en else "") + f"(answer only if: {inp.applies_if.text})"
    common = {**_labels(inp.label.th, inp.label.en), **_hints(hint_th, hint_en), "relevant": relevant or ""}
    if inp.type == "matrix":
        form.row(type="begin group", name="m_" + name.lstrip("_"), **common)
        cols = list_name("cols_", inp.code)
        for c in inp.columns:
            form.choice(cols, c.code, c.label.th, c.label.en)
        for r in inp.rows:
            rname = f"{name}{MATRIX_SEP}{r.code}"
            form.row(type=f"select_multiple {cols}", name=rname, **_labels(r.label.th, r.label.en))
            form.fields.append(FormField(rname, (*path, "m_" + name.lstrip("_")), inp.code, r.code))
        form.row(type="end group", name="m_" + name.lstrip("_"))
        return
    form.fields.append(FormField(name, path, inp.code))
    if inp.type in ("single_choice", "multiple_choice") or (inp.type == "yes_no" and inp.options):
        lst = list_name("ch_", inp.code)
        for o in inp.options:
            form.choice(lst, o.code, o.label.th, o.label.en)
        if inp.type == "multiple_choice":
            form.choice(lst, NONE_CHOICE, "ไม่มีข้อใดเลย", "None of these")
            form.row(
                type=f"select_multiple {lst}",
                name=name,
                required=required,
                constraint=f"not(selected(., '{NONE_CHOICE}') and count-selected(.) > 1)",
                **{
                    f"constraint_message::{TH}": "เลือก “ไม่มีข้อใดเลย” หรือเลือกรายการ อย่างใดอย่างหนึ่ง",
                    f"constraint_message::{EN}": "Choose options or “none of these”, not both",
                },
                **common,
            )
        else:
            form.row(type=f"select_one {lst}", name=name, required=required, **common)
        return
    if inp.type == "yes_no":
        form.row(type="select_one yes_no", name=name, required=required, **common)
        return
    constraint, msg_th, msg_en = (
        _constraint(inp) if inp.type in ("integer", "year", "number", "percent", "url") else ("", "", "")
    )
    form.row(
        type=SIMPLE_TYPES.get(inp.type, "text"),
        name=name,
        required=required,
        constraint=constraint,
        appearance="multiline" if inp.type == "text" else "",
        **{f"constraint_message::{TH}": msg_th, f"constraint_message::{EN}": msg_en},
        **common,
    )


# --- submissions -----------------------------------------------------------------------------------


def _resolve(headers: list[str], fields: list[FormField]) -> dict[int, FormField]:
    by_header = {h: f for f in fields for h in f.headers}
    return {i: by_header[h.strip()] for i, h in enumerate(headers) if h.strip() in by_header}


def _agency_column(headers: list[str]) -> int:
    for i, h in enumerate(headers):
        if h.strip() == AGENCY_FIELD or h.strip().endswith(("/" + AGENCY_FIELD, "-" + AGENCY_FIELD)):
            return i
    return -1


def _value(inp: Input, cell: str) -> str:
    """An exported cell as a long-format value: ODK separates several choices with spaces."""
    parts = cell.split()
    if inp.type == "multiple_choice":
        return "" if parts == [NONE_CHOICE] else "|".join(parts)
    return cell.strip()


@dataclass
class _Converted:
    long_rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    origin: dict[int, tuple[int, str]] = field(default_factory=dict)  # long row -> (submission row, column)
    agency_column: str = AGENCY_FIELD

    def add(self, row: tuple[str, str, str, str], sub_row: int, column: str) -> None:
        self.long_rows.append(row)
        self.origin[len(self.long_rows) + 1] = (sub_row, column)  # row 1 of the long file is its header

    problems: list[Problem] = field(default_factory=list)


def _cell(cells: list[str], i: int) -> str:
    return cells[i] if 0 <= i < len(cells) else ""


def _convert(
    path: Path, name: str, scope: ImportScope, forms: dict[str, XLSForm], inputs: dict[str, dict[str, Input]]
) -> _Converted:
    """Submissions as long-format rows, remembering each row's submission row and column."""
    cols, rows = read_rows(path, (), import_limits())
    headers = list(cols)
    i_agency = _agency_column(headers)
    if i_agency < 0:
        raise InputFileError(
            [
                Problem(
                    name,
                    1,
                    AGENCY_FIELD,
                    _("missing column %(col)s: the form's agency question") % {"col": AGENCY_FIELD},
                    "missing_column",
                )
            ]
        )
    out = _Converted(agency_column=headers[i_agency])
    i_cycle = next(
        (i for i, h in enumerate(headers) if h.strip().split("/")[-1].split("-")[-1] == CYCLE_FIELD), -1
    )
    resolved = {tier: _resolve(headers, form.fields) for tier, form in forms.items()}
    first_row: dict[str, int] = {}
    for rownum, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        agency_id = _cell(cells, i_agency).strip()
        other = _cell(cells, i_cycle).strip()
        if other and other != scope.cycle.code:
            out.problems.append(
                Problem(
                    name,
                    rownum,
                    headers[i_cycle],
                    _("this submission is of cycle %(other)r, not %(cycle)s")
                    % {"other": clip(other), "cycle": scope.cycle.code},
                    "wrong_cycle",
                )
            )
            continue
        if agency_id in first_row:
            out.problems.append(
                Problem(
                    name,
                    rownum,
                    headers[i_agency],
                    _("agency %(id)s has another submission on row %(row)d: keep one submission per agency")
                    % {"id": clip(agency_id), "row": first_row[agency_id]},
                    "duplicate_submission",
                )
            )
            continue
        first_row[agency_id] = rownum
        p = scope.participants.get(agency_id)
        if p is None or p.agency.tier not in resolved:
            out.add(
                (agency_id, "", "", "agency"), rownum, headers[i_agency]
            )  # reported by the long-format checks
            continue
        _convert_submission(
            out, headers, cells, rownum, agency_id, resolved[p.agency.tier], inputs[p.agency.tier]
        )
    return out


def _convert_submission(
    out: _Converted,
    headers: list[str],
    cells: list[str],
    rownum: int,
    agency_id: str,
    columns: dict[int, FormField],
    inputs: dict[str, Input],
) -> None:
    matrices: dict[str, list[str]] = {}
    matrix_col: dict[str, str] = {}
    for i, f in columns.items():
        text = _cell(cells, i)
        if not text.strip():
            continue
        if f.row:
            matrices.setdefault(f.code, []).extend(f"{f.row}:{c}" for c in text.split())
            matrix_col.setdefault(f.code, headers[i])
            continue
        out.add((agency_id, f.code, _value(inputs[f.code], text), "agency"), rownum, headers[i])
    for code, chosen in matrices.items():
        out.add((agency_id, code, "|".join(chosen), "agency"), rownum, matrix_col[code])


def submission_reader(forms: dict[str, XLSForm], inputs: dict[str, dict[str, Input]]) -> Any:
    """A ``rows_of`` for ``ImportAnswers``: submissions ->
    long-format rows, problems at submission row/column."""

    def rows_of(path: Path, name: str, scope: ImportScope) -> list[LongRow]:
        try:
            conv = _convert(path, name, scope, forms, inputs)
        except InputFileError as exc:
            raise localized(exc, name, _("%(name)s: nothing was imported") % {"name": name}) from None
        long_path = path.with_name("submissions-long.csv")
        with long_path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            writer.writerows(map(inert_row, conv.long_rows))
        problems = list(conv.problems)
        more = 0
        rows: list[LongRow] = []
        try:
            rows = check_answers_file(long_path, name, scope)
        except InputFileError as exc:
            more = exc.more
            seen = set()
            for pr in exc.problems:
                sub_row, column = conv.origin.get(pr.line, (0, ""))
                where = conv.agency_column if pr.where == "agency_id" else (column or pr.where)
                if (sub_row, where, pr.code) not in seen:
                    seen.add((sub_row, where, pr.code))
                    problems.append(replace(pr, file=name, line=sub_row, where=where))
        if problems:
            count = len(problems) + more
            raise AnswerError(
                problems,
                _("%(name)s: %(count)d problem(s); nothing was imported") % {"name": name, "count": count},
                more=more,
                limit=import_limits().max_problems,
            )
        return [replace(r, row=conv.origin[r.row][0]) for r in rows]

    return rows_of


def forms_for_cycle(scope: ImportScope) -> tuple[dict[str, XLSForm], dict[str, dict[str, Input]]]:
    """The form of every tier of the cycle (as exported), to read submissions back."""
    from dgmm.web.exchange.longformat import frameworks_by_tier

    forms, inputs = {}, {}
    for tier, (_ref, fw) in frameworks_by_tier(scope.cycle).items():
        forms[tier] = build_xlsform(fw, scope.cycle.code, tier, [], has_parent=False)
        inputs[tier] = fw.inputs
    return forms, inputs


__all__ = ["FormField", "XLSForm", "build_xlsform", "field_name", "forms_for_cycle", "submission_reader"]
