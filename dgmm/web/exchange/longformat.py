"""Answers of a cycle in the core's long format
(``agency_id,input,value[,source]``): export, and checking a file.

Values are checked by the core only: ``dgmm.read_answers`` checks every row against the framework
of each tier of the cycle (unknown inputs, values that do not fit, duplicate rows), and
``dgmm.tables.read_rows`` gives the raw cells that are stored as they were written. This module adds
what the core cannot know: which agencies take part in the cycle, which of them the user may import
for, and which inputs the agency itself answers (not the analyst's checks, not inherited topics).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from dgmm import AnswerError, Framework, InputFileError, Problem, read_answers
from dgmm.answers import ANSWER_COLUMNS, SOURCES
from dgmm.cells import append_row, inert_row
from dgmm.errors import ProblemList, clip, closest
from dgmm.inheritance import Source, plan_for
from dgmm.tables import read_rows
from dgmm.web.cycles.frameworks import get_framework
from dgmm.web.cycles.models import Answer, Cycle, Participation
from dgmm.web.uploads import import_limits, localized

COLUMNS = (*ANSWER_COLUMNS, "source")
MULTI_TYPES = ("multiple_choice", "matrix")  # an empty cell is an answer with nothing chosen


@dataclass(frozen=True)
class LongRow:
    """One checked row of an answers file, with the raw value to store."""

    row: int
    agency_id: str
    code: str
    raw: str
    source: str


def frameworks_by_tier(cycle: Cycle) -> dict[str, tuple[str, Framework]]:
    """{tier: (framework reference, Framework)} of a cycle."""
    return {cf.tier: (cf.framework, get_framework(cf.framework)) for cf in cycle.frameworks.all()}


def stored_value(inp: Any, raw: str) -> str:
    """The string kept in the database: the cell without surrounding blanks (choices without blanks)."""
    if inp.type in MULTI_TYPES:
        return "|".join(p.strip() for p in raw.split("|") if p.strip())
    return raw.strip()


# --- export -----------------------------------------------------------------------------------------


def export_rows(cycle: Cycle, participations: Iterable[Participation]) -> list[tuple[str, str, str, str]]:
    """(agency_id, input, value, source) of every answered input, in framework order per agency."""
    fws = frameworks_by_tier(cycle)
    parts = {p.agency_id: p for p in participations}
    answers = (
        (a, c, str(v), s)
        for a, c, v, s in Answer.objects.filter(  # never NULL: filtered
            cycle=cycle, agency_id__in=list(parts), value__isnull=False
        ).values_list("agency_id", "code", "value", "source")
    )
    order: dict[str, dict[str, int]] = {
        tier: {c: i for i, c in enumerate(fw.inputs)} for tier, (_r, fw) in fws.items()
    }
    out = []
    for agency_id, code, value, source in answers:
        agency = parts[agency_id].agency
        pos = order.get(agency.tier, {}).get(code, 10**6)
        out.append(((agency.code, source != "agency", pos, code), (agency.code, code, value, source)))
    out.sort(key=lambda item: item[0])
    return [row for _key, row in out]


def write_csv(rows: Iterable[tuple[str, ...]]) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs show Thai text correctly.

    Every cell goes through `dgmm.cells.inert` (as in `write_xlsx`): text a spreadsheet would run
    gets a leading ``'``, which the import takes off again.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(map(inert_row, rows))
    return buf.getvalue().encode("utf-8-sig")


def write_xlsx(rows: Iterable[tuple[str, ...]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("answers")
    append_row(ws, COLUMNS)
    for row in rows:
        append_row(ws, row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- checking an answers file --------------------------------------------------------------------------


@dataclass
class ImportScope:
    """Who the rows may be about: the cycle's participants, those the user may import for, sources."""

    cycle: Cycle
    participants: Mapping[str, Participation]  # agency code -> participation (the whole cycle)
    allowed: frozenset[str]  # agency codes the user may import for
    analyst_allowed: bool  # may import analyst checks (source = analyst)
    own_agency: str = ""  # a respondent's agency, for the message


def _cells(cells: list[str], index: dict[str, int], name: str) -> str:
    i = index.get(name, -1)
    return cells[i] if 0 <= i < len(cells) else ""


def _not_participant(agency_id: str, scope: ImportScope) -> str:
    """The message about an agency outside the cycle, with the closest agency the user may import for."""
    hint = closest(agency_id, scope.allowed)
    if hint is not None:
        return _("agency %(id)r does not take part in cycle %(cycle)s (did you mean %(hint)r?)") % {
            "id": clip(agency_id),
            "cycle": scope.cycle.code,
            "hint": hint,
        }
    return _("agency %(id)r does not take part in cycle %(cycle)s") % {
        "id": clip(agency_id),
        "cycle": scope.cycle.code,
    }


def _unknown_input(code: str, fw: Framework) -> str:
    """The message about an input code the framework lacks, with the closest code it has."""
    hint = closest(code, fw.inputs)
    if hint is not None:
        return _(
            "unknown input code %(code)r (did you mean %(hint)r?); framework %(fw)s has no such input"
        ) % {"code": clip(code), "hint": hint, "fw": fw.id}
    return _("unknown input code %(code)r; framework %(fw)s has no such input") % {
        "code": clip(code),
        "fw": fw.id,
    }


def _scope_problems(
    path: Path, name: str, scope: ImportScope, fws: Mapping[str, tuple[str, Framework]]
) -> tuple[ProblemList, list[LongRow]]:
    """Rows about agencies outside the cycle or the user's scope, and inputs the agency does not answer."""
    cols, rows = read_rows(path, ANSWER_COLUMNS, import_limits())
    index = {c: i for i, c in enumerate(cols)}
    problems = ProblemList(settings.DGMM_IMPORT_MAX_PROBLEMS)
    out: list[LongRow] = []
    refused: set[str] = set()  # agencies already reported, when a form gives the agency id once
    for rownum, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        agency_id = _cells(cells, index, "agency_id").strip()
        code = _cells(cells, index, "input").strip()
        raw = _cells(cells, index, "value")
        source = _cells(cells, index, "source").strip() or "agency"
        if cols.is_form and not raw.strip():
            continue  # a form lists every question: an empty value is "not answered"
        if agency_id in refused:
            continue
        agency_row = cols.row_of("agency_id", rownum)
        p = scope.participants.get(agency_id)
        if p is None:
            problems.append(
                Problem(name, agency_row, "agency_id", _not_participant(agency_id, scope), "not_participant")
            )
            if cols.is_form:
                refused.add(agency_id)
            continue
        if agency_id not in scope.allowed:
            msg = (
                (
                    _("you may import answers of your own agency (%(own)s) only, found %(id)r")
                    % {"own": scope.own_agency, "id": clip(agency_id)}
                )
                if scope.own_agency
                else _("you may not import answers of agency %(id)r") % {"id": clip(agency_id)}
            )
            problems.append(Problem(name, agency_row, "agency_id", msg, "out_of_scope"))
            if cols.is_form:
                refused.add(agency_id)
        if source not in SOURCES:
            continue  # the core reports it
        if source == "analyst" and not scope.analyst_allowed:
            problems.append(
                Problem(
                    name,
                    rownum,
                    "source",
                    _("only analysts import analyst checks (source analyst)"),
                    "analyst_only",
                )
            )
            continue
        tier_fw = fws.get(p.agency.tier)
        if tier_fw is None:
            problems.append(
                Problem(
                    name,
                    rownum,
                    "agency_id",
                    _("the cycle has no framework for the tier of %(id)s") % {"id": clip(agency_id)},
                    "no_framework",
                )
            )
            continue
        fw = tier_fw[1]
        inp = fw.inputs.get(code)
        if inp is None:
            problems.append(Problem(name, rownum, "input", _unknown_input(code, fw), "unknown_input"))
            continue
        if source == "agency":
            if inp.answered_by == "analyst":
                problems.append(
                    Problem(
                        name,
                        rownum,
                        "input",
                        _("%(code)s is an analyst check: write it with source analyst") % {"code": code},
                        "not_agency_input",
                    )
                )
                continue
            if plan_for(fw, p.agency.parent_id is not None).source(inp.code) is Source.PARENT:
                parent = p.agency.parent.code if p.agency.parent else ""
                problems.append(
                    Problem(
                        name,
                        rownum,
                        "input",
                        _(
                            "%(code)s is answered by the parent department "
                            "%(parent)s: write it on a row of %(parent)s"
                        )
                        % {"code": code, "parent": parent},
                        "inherited_input",
                    )
                )
                continue
        if not raw.strip() and inp.type not in MULTI_TYPES:
            # an empty cell is "not answered": nothing to change (a form's empty values never get here)
            continue
        out.append(LongRow(rownum, agency_id, code, stored_value(inp, raw), source))
    return problems, out


def _sheet_message(pr: Problem) -> str:
    """The core's problems of finding the answers sheet of a workbook, in the user's language."""
    params = dict(pr.params)
    if pr.code == "no_sheet":
        return (
            _(
                "no sheet has the columns %(columns)s (an answers file, or the answers sheet of the "
                "questionnaire "
                "workbook); sheets found: %(sheets)s"
            )
            % params
        )
    if pr.code == "missing_value":
        return _("write the agency id once, in cell B%(row)d of sheet %(sheet)r") % {
            "row": pr.line,
            "sheet": params.get("sheet", ""),
        }
    return pr.message


def _value_message(fw: Framework, pr: Problem) -> str:
    """A value the core refused ("CODE: why"), in the user's language: what the question accepts and
    what was wrong (``cycles.forms.invalid_answer_message``); other problems as the core wrote them."""
    code = pr.message.partition(":")[0]
    inp = fw.inputs.get(code)
    if pr.code != "bad_value" or inp is None or "kind" not in dict(pr.params):
        return pr.message
    from dgmm.web.cycles.forms import invalid_answer_message

    return f"{code}: {invalid_answer_message(inp, [pr])}"


def check_answers_file(path: str | Path, name: str, scope: ImportScope) -> list[LongRow]:
    """Every row checked (the core's checks per framework, plus the scope); AnswerError lists every problem.

    ``name`` is the file name the user knows; problems carry it with their row and column.
    """
    p = Path(path)
    fws = frameworks_by_tier(scope.cycle)
    try:
        problems, rows = _scope_problems(p, name, scope, fws)
    except InputFileError as exc:  # unreadable file, too large, missing columns: nothing else can be checked
        exc = type(exc)(
            [replace(pr, message=_sheet_message(pr)) for pr in exc.problems], exc.summary, more=exc.more
        )
        raise localized(exc, name, _("%(name)s: nothing was imported") % {"name": name}) from None
    seen = {(pr.line, pr.where) for pr in problems}
    agency_tiers = {code: part.agency.tier for code, part in scope.participants.items()}
    limits = import_limits()
    more = problems.more
    for ref in sorted({ref for ref, _fw in fws.values()}):
        fw = get_framework(ref)
        try:
            read_answers(p, fw, agency_tiers, limits=limits)
        except InputFileError as exc:
            more += exc.more
            for pr in exc.problems:
                if (pr.line, pr.where) not in seen and (pr.line, "agency_id") not in seen:
                    seen.add((pr.line, pr.where))
                    problems.kept.append(replace(pr, file=name, message=_value_message(fw, pr)))
    count = len(problems.kept) + more
    if count:
        raise AnswerError(
            problems.kept,
            _("%(name)s: %(count)d problem(s); nothing was imported") % {"name": name, "count": count},
            more=more,
            limit=limits.max_problems,
        )
    return rows


def problem_dicts(problems: Iterable[Problem]) -> list[dict[str, Any]]:
    # the first problems only (InputFileError.more counts the rest): the answer stays small
    """Problems as the ``errors`` of the JSON envelope: file, row, column, message, code."""
    return [
        {
            "file": pr.file,
            "row": pr.line,
            "column": pr.where,
            "field": pr.where,
            "message": pr.message,
            "code": pr.code,
        }
        for pr in problems
    ]
