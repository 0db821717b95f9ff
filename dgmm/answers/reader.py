"""Answers files: the long format (agency_id, input, value[, source]) read into typed answers per agency.

A filled questionnaire workbook is read the same way: its answers sheet gives the agency id once
above the header and lists every input with its value (`dgmm.tables.Columns.given`); there an
empty value is "not answered" whatever the input's type.

A clean file is read a chunk of rows at a time, column by column (`_ColumnReader`); a file with
anything unusual is read again row by row (`_read_rows`), which names every problem with its file,
row and column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import compress, groupby, islice, repeat
from operator import getitem, is_
from pathlib import Path
from typing import Any

from dgmm.answers.values import ValueParsers, ValueProblem, make_parser
from dgmm.cells import typed
from dgmm.errors import AnswerError, InputFileError, Problem, ProblemList, did_you_mean, shown
from dgmm.framework.schema import Framework, Input
from dgmm.inheritance import Source, plan_for
from dgmm.tables import DEFAULT_LIMITS, Columns, FileLimits

ANSWER_COLUMNS = ("agency_id", "input", "value")
SOURCES = ("agency", "analyst")


class AnswerSet:
    """Typed answers of a cycle: own answers and analyst checks, per agency."""

    def __init__(self) -> None:
        self.own: dict[str, dict[str, Any]] = {}
        self.analyst: dict[str, dict[str, Any]] = {}
        self.rows = 0
        self.ignored = 0  # rows of agencies outside the framework's tiers, for inputs not inherited from them
        # stored values that no longer fit their input (agency -> input -> why), left out of `own` and
        # `analyst`: the topics that read them are undetermined with reason invalid_value (DECISIONS §25)
        self.invalid: dict[str, dict[str, str]] = {}

    def of(self, agency_id: str) -> dict[str, Any]:
        return self.own.get(agency_id, {})

    def without(self, agency_id: str) -> AnswerSet:
        """These answers less one agency's (its own, its analyst checks, its values that do not fit): a
        parent department whose answers do not count is never read (DECISIONS §28)."""
        out = AnswerSet()
        out.own = {k: v for k, v in self.own.items() if k != agency_id}
        out.analyst = {k: v for k, v in self.analyst.items() if k != agency_id}
        out.invalid = {k: v for k, v in self.invalid.items() if k != agency_id}
        out.rows, out.ignored = self.rows, self.ignored
        return out


def read_answers(
    path: str | Path,
    framework: Framework,
    agency_tiers: Mapping[str, str],
    *,
    limits: FileLimits = DEFAULT_LIMITS,
    sheet: str | None = None,
) -> AnswerSet:
    """Read a long-format answers file (CSV or XLSX) and check every row.

    A workbook is read from its sheet `sheet`, else from its first sheet with the answer columns
    (`dgmm.tables.read_chunks`), the answers sheet of a filled questionnaire included.

    Columns: agency_id, input, value and optionally source (agency | analyst). Unknown agencies,
    unknown input codes, values that do not fit, and duplicate rows are reported all at once, each
    with its file, row and column; nothing is returned when any is found. Rows of agencies outside
    the framework's tiers (parent departments answering another framework) are kept for the inputs
    this framework's agencies inherit from them (`dgmm.inheritance`) and otherwise ignored: an input
    of the same code that is the parent's own answers its own framework, whose options may differ.

    A clean file is checked a chunk of rows at a time, column by column, each distinct value parsed
    once; when a chunk holds anything unusual, the file is read again row by row, which finds every
    problem with its row and column.

    The file is read within `limits` (size, rows, cell length: `dgmm.tables.FileLimits`); the first
    ``limits.max_problems`` problems are listed and the rest counted. A value written ``'=…`` (as
    dgmm's exports write text a spreadsheet would run) is read as ``=…`` (`dgmm.cells.typed`).
    """
    from dgmm.scoring.batch import paused_gc
    from dgmm.tables import read_chunks

    with paused_gc():
        cols, chunks = read_chunks(path, ANSWER_COLUMNS, limits=limits, sheet=sheet)
        try:
            return _ColumnReader(framework, agency_tiers, cols).read(chunks)
        except (_Unusual, InputFileError):
            pass  # the row-by-row reading decides, and names every problem
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
        return _read_rows(path, framework, agency_tiers, limits, sheet)


class _Unusual(Exception):
    """A chunk the column-wise reader does not decide on: a problem, or a row of an unusual shape."""


_BLANK: Any = object()  # a row whose empty value means "not answered": it still counts for duplicates
_ACCEPTED_SOURCES = frozenset({"", "agency", "analyst"})


class _TypedValues(dict[str, Any]):
    """Raw value -> typed value of one input, each distinct raw value parsed once (on first lookup)."""

    def __init__(self, inp: Input, blanks_seen: list[bool], is_form: bool) -> None:
        super().__init__()
        self.parser = make_parser(inp)
        self.blank_is_answer = _blank_is_answer(inp, is_form)
        self.blanks_seen = blanks_seen  # shared by the reader's tables: set once a blank row is seen

    def __missing__(self, raw: str) -> Any:
        if not raw.strip() and not self.blank_is_answer:
            value = _BLANK
            self.blanks_seen[0] = True
        else:
            try:
                value = self.parser(typed(raw))
            except ValueProblem:
                raise _Unusual from None
        self[raw] = value
        return value


class _ColumnReader:
    """Typed answers of a file whose every row is well-formed, checked with whole-column operations.

    Raises _Unusual at the first row it cannot accept as it is (unknown agency or input, bad value,
    duplicate, bad source, a row of another width, cells with surrounding spaces); the caller then
    reads the file row by row.
    """

    def __init__(self, framework: Framework, agency_tiers: Mapping[str, str], cols: Columns) -> None:
        self.agency_tiers = agency_tiers
        self.ncols = len(cols)
        self.i_agency, self.i_input, self.i_value = (
            cols.index("agency_id"),
            cols.index("input"),
            cols.index("value"),
        )
        self.i_source = cols.index("source") if "source" in cols else -1
        self.in_tier = frozenset(framework.tiers)
        self.inherited = parent_codes(framework)
        self.codes = {c: c for c in framework.inputs}  # the framework's own strings: answers share their keys
        self.blanks_seen = [False]  # whether any row so far had an empty value that means "not answered"
        self.typed = {
            code: _TypedValues(inp, self.blanks_seen, cols.is_form) for code, inp in framework.inputs.items()
        }
        self.known_agencies: set[str] = set()
        self.result = AnswerSet()
        self.with_blanks: dict[int, set[str]] = {}  # id(target) -> agencies with a _BLANK value

    def read(self, chunks: Iterator[list[list[str]]]) -> AnswerSet:
        result = self.result
        for rows in chunks:
            self.chunk(rows)
        for target in (result.own, result.analyst):
            for agency_id in self.with_blanks.get(id(target), ()):
                answers = target[agency_id]
                for code in [c for c, v in answers.items() if v is _BLANK]:
                    del answers[code]
                if not answers:
                    del target[agency_id]
        return result

    def chunk(self, rows: list[list[str]]) -> None:
        ncols = self.ncols
        try:
            columns = list(zip(*rows, strict=True))
        except ValueError:  # rows of several widths: blank lines are skipped, anything else is unusual
            rows = [r for r in rows if r]
            if not rows:
                return
            try:
                columns = list(zip(*rows, strict=True))
            except ValueError:
                raise _Unusual from None
        if len(columns) < ncols:
            if not any(rows):
                return  # blank lines only
            raise _Unusual
        for extra in columns[ncols:]:  # cells past the header's columns must be empty
            if any(c.strip() for c in set(extra)):
                raise _Unusual
        self.result.rows += len(rows)
        agency_col, code_col, raw_col = columns[self.i_agency], columns[self.i_input], columns[self.i_value]
        source_col = columns[self.i_source] if self.i_source >= 0 else ()
        tiers, in_tier = self.agency_tiers, self.in_tier
        outside = {a for a in set(agency_col) if tiers.get(a) not in in_tier}
        known = self.codes.__contains__
        keep: list[bool] | None = None
        if outside:  # parent departments: only the inputs their children inherit are read
            inherited = self.inherited
            pairs = zip(agency_col, code_col, strict=True)
            keep = [known(c) and (a not in outside or c in inherited) for a, c in pairs]
        elif not all(map(known, code_col)):  # an input code the framework does not define
            keep = list(map(known, code_col))
        if keep is not None and not all(keep):
            self.ignore(agency_col, code_col, keep)
            agency_col, code_col, raw_col = (
                tuple(compress(c, keep)) for c in (agency_col, code_col, raw_col)
            )
            source_col = tuple(compress(source_col, keep))
        code_col = tuple(map(self.codes.__getitem__, code_col))
        values = list(map(getitem, map(self.typed.__getitem__, code_col), raw_col))
        has_blanks = self.blanks_seen[0] and any(map(is_, values, repeat(_BLANK)))
        sources = set(source_col)
        if not sources <= _ACCEPTED_SOURCES:
            raise _Unusual
        if "analyst" not in sources:
            self.add(self.result.own, agency_col, code_col, values, has_blanks)
            return
        analyst = [s == "analyst" for s in source_col]
        own = [not a for a in analyst]
        for target, mask in ((self.result.own, own), (self.result.analyst, analyst)):
            self.add(
                target,
                tuple(compress(agency_col, mask)),
                tuple(compress(code_col, mask)),
                list(compress(values, mask)),
                has_blanks,
            )

    def check_agency(self, agency_id: str) -> None:
        if agency_id not in self.agency_tiers or agency_id != agency_id.strip():
            raise _Unusual
        self.known_agencies.add(agency_id)

    def ignore(self, agency_col: tuple[str, ...], code_col: tuple[str, ...], keep: list[bool]) -> None:
        """Rows of inputs the framework lacks, or does not inherit: ignored for agencies outside its tiers."""
        drop = [not k for k in keep]
        for agency_id in set(compress(agency_col, drop)):
            if agency_id not in self.known_agencies:
                self.check_agency(agency_id)
            if self.agency_tiers[agency_id] in self.in_tier:
                raise _Unusual
        if any(c != c.strip() for c in set(compress(code_col, drop))):
            raise _Unusual  # a known code with spaces around it
        self.result.ignored += drop.count(True)

    def add(
        self,
        target: dict[str, dict[str, Any]],
        agency_col: tuple[str, ...],
        code_col: tuple[str, ...],
        values: list[Any],
        has_blanks: bool,
    ) -> None:
        """Each agency's run of rows becomes (or extends) its answers; a repeated input is a duplicate."""
        codes, vals = iter(code_col), iter(values)
        known = self.known_agencies
        for agency_id, run in groupby(agency_col):
            if agency_id not in known:
                self.check_agency(agency_id)
            n = len(list(run))
            answers = dict(zip(islice(codes, n), islice(vals, n), strict=True))
            if len(answers) != n:
                raise _Unusual
            before = target.get(agency_id)
            if before is None:
                target[agency_id] = answers
            elif before.keys().isdisjoint(answers):
                if self.blanks_seen[0] and _only_blanks(before) and not _only_blanks(answers):
                    del target[agency_id]  # answered for the first time now: keep the order of first answers
                    target[agency_id] = before
                before.update(answers)
            else:
                raise _Unusual
        if has_blanks:
            self.with_blanks.setdefault(id(target), set()).update(
                compress(agency_col, map(is_, values, repeat(_BLANK)))
            )


def parent_codes(framework: Framework) -> frozenset[str]:
    """Inputs the framework's agencies take from their parent department (`dgmm.inheritance`)."""
    return plan_for(framework, True).codes(Source.PARENT)


def _blank_is_answer(inp: Input, is_form: bool) -> bool:
    """Whether an empty value answers `inp` (nothing chosen) rather than leaving it unanswered.

    In the long format an empty multiple choice or matrix is an answer with nothing chosen; a form
    lists every input, so there an empty value is always "not answered".
    """
    return not is_form and inp.type in ("multiple_choice", "matrix")


def _only_blanks(answers: dict[str, Any]) -> bool:
    return all(v is _BLANK for v in answers.values())


class _Hints:
    """ "did you mean …" for mistyped ids and codes: only
    for problems that will be listed, each value once."""

    def __init__(self, problems: ProblemList) -> None:
        self.problems = problems
        self.seen: dict[tuple[int, str], str] = {}

    def of(self, value: str, known: Iterable[str]) -> str:
        if len(self.problems.kept) >= self.problems.limit:
            return ""  # only counted: not worth the search
        key = (id(known), value)
        hint = self.seen.get(key)
        if hint is None:
            hint = self.seen[key] = did_you_mean(value, known)
        return hint


def _read_rows(
    path: str | Path,
    framework: Framework,
    agency_tiers: Mapping[str, str],
    limits: FileLimits,
    sheet: str | None = None,
) -> AnswerSet:
    """Row-by-row reading: every problem of the file, each with its row and column."""
    from dgmm.tables import read_rows

    file = str(path)
    cols, rows = read_rows(path, ANSWER_COLUMNS, limits, sheet)
    i_agency, i_input, i_value = cols.index("agency_id"), cols.index("input"), cols.index("value")
    i_source = cols.index("source") if "source" in cols else -1
    parsers = ValueParsers(framework)
    inputs = parsers.inputs
    in_tier = frozenset(framework.tiers)
    inherited = parent_codes(framework)
    result = AnswerSet()
    seen: dict[tuple[str, str, str], int] = {}
    problems = ProblemList(limits.max_problems)
    hints = _Hints(problems)
    unknown_agencies: set[str] = set()  # reported once when the agency id is given once (a form)
    width = max(i_agency, i_input, i_value, i_source) + 1
    ncols = len(cols)
    for rownum, cells in rows:
        if len(cells) > ncols and any(c.strip() for c in cells[ncols:]):
            problems.append(
                Problem(
                    file,
                    rownum,
                    "",
                    f"the row has {len(cells)} cells but the header has {ncols}; "
                    "a value that holds a comma must be in double quotes",
                    "bad_row",
                )
            )
            continue
        if len(cells) < width:
            if not any(c.strip() for c in cells):
                continue
            cells = cells + [""] * (width - len(cells))
        agency_id = cells[i_agency].strip()
        code = cells[i_input].strip()
        raw = cells[i_value]
        source = (cells[i_source].strip() or "agency") if i_source >= 0 else "agency"
        result.rows += 1
        tier = agency_tiers.get(agency_id)
        if tier is None:
            if not (cols.is_form and agency_id in unknown_agencies):
                unknown_agencies.add(agency_id)
                problems.append(
                    Problem(
                        file,
                        cols.row_of("agency_id", rownum),
                        "agency_id",
                        f"unknown agency {shown(agency_id)}: not in the agencies file"
                        f"{hints.of(agency_id, agency_tiers)}",
                        "unknown_agency",
                    )
                )
            continue
        if tier not in in_tier and code not in inherited:
            result.ignored += 1  # the parent department's own framework's input (or none)
            continue
        inp = inputs.get(code)
        if inp is None:
            problems.append(
                Problem(
                    file,
                    rownum,
                    "input",
                    f"unknown input code {shown(code)}"
                    f"{hints.of(code, inputs)}; framework {framework.id} "
                    "has no such input",
                    "unknown_input",
                )
            )
            continue
        if source not in SOURCES:
            problems.append(
                Problem(
                    file, rownum, "source", f"expected agency or analyst, found {shown(source)}", "bad_source"
                )
            )
            continue
        key = (agency_id, code, source)
        first = seen.get(key)
        if first is not None:
            problems.append(
                Problem(
                    file,
                    rownum,
                    "input",
                    f"duplicate answer of {agency_id} to {code} (first on row {first})",
                    "duplicate_row",
                )
            )
            continue
        seen[key] = rownum
        if not raw.strip() and not _blank_is_answer(inp, cols.is_form):
            continue  # an empty cell is "not answered"
        try:
            value = parsers.parse(code, raw)
        except ValueProblem as exc:
            problems.append(
                Problem(file, rownum, "value", f"{code}: {exc}", "bad_value", params=exc.problem_params())
            )
            continue
        target = result.analyst if source == "analyst" else result.own
        target.setdefault(agency_id, {})[inp.code] = value
    if problems:
        raise AnswerError(
            problems.kept, f"{file}: {len(problems):,} problem(s); nothing was scored", more=problems.more
        )
    return result
