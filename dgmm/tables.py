"""Rows of a CSV or XLSX file, with their 1-based row numbers, for the agencies and answers files.

Every file is read within `FileLimits`, checked before its content is expanded in memory: the
file's size; for an XLSX workbook (a zip archive) the uncompressed size of its parts, from the
archive's directory, and the longest run of text in its sheets, streamed through with a cap; then,
while reading, the number of rows and the length of each cell (CSV through
``csv.field_size_limit``). XML is parsed by openpyxl with defusedxml (entity declarations refused).
Cells pass through `dgmm.cells.typed`, which undoes the ``'`` that dgmm's own exports put before
text a spreadsheet would run.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice, repeat
from pathlib import Path
from typing import Any

from dgmm.cells import typed
from dgmm.errors import InputFileError, Problem, clip, did_you_mean, shown

CHUNK_ROWS = 1024  # rows per chunk: small enough to stay in the processor's cache
MB = 1024 * 1024


@dataclass(frozen=True)
class FileLimits:
    """What an agencies or answers file may hold. The defaults are the ``dgmm`` command's.

    The web application passes its own, from settings (``DGMM_IMPORT_*``, docs/web.md).
    """

    max_bytes: int = 1024 * MB  # the file as stored
    max_xlsx_bytes: int = 2048 * MB  # an XLSX workbook's parts once uncompressed
    max_rows: int = 20_000_000  # rows after the header
    max_cell_chars: int = 32_767  # characters in one cell (a spreadsheet program's own limit)
    max_problems: int = 100  # problems listed in full; the rest are counted


DEFAULT_LIMITS = FileLimits()
_SCAN_BYTES = MB  # an XLSX part is streamed through in pieces of this size
SCAN_ROWS = 10  # a sheet's header is looked for in its first rows


def _refuse(path: Path, message: str, code: str, row: int = 0, field: str = "") -> InputFileError:
    return InputFileError([Problem(str(path), row, field, message, code)])


def _mb(n: int) -> str:
    return f"{n / MB:,.1f} MB"


def check_file(path: Path, limits: FileLimits) -> None:
    """Refuse a file too large to read, before reading any of it (and an XLSX that expands too far)."""
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise _refuse(
            path,
            f"the file is {_mb(size)}; at most {_mb(limits.max_bytes)} is accepted "
            "(split it into several files)",
            "file_too_large",
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        _check_workbook(path, limits)


def _check_workbook(path: Path, limits: FileLimits) -> None:
    """The zip archive's declared sizes, then the longest text run of each sheet, streamed with a cap.

    zipfile never inflates a part past the size its directory declares, so the declared total
    bounds what openpyxl can expand; the streamed scan finds a cell too long to read before
    openpyxl builds it in memory.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            if total > limits.max_xlsx_bytes:
                raise _refuse(
                    path,
                    f"the workbook expands to {_mb(total)} once uncompressed; at most "
                    f"{_mb(limits.max_xlsx_bytes)} is accepted",
                    "xlsx_too_large",
                )
            longest = limits.max_cell_chars * 6 + 4096  # a character is at most 6 bytes of XML ("&amp;")
            for info in infos:
                name = info.filename
                if name.startswith("xl/") and name.endswith(".xml") and _longest_run(zf, info) > longest:
                    raise _refuse(
                        path,
                        f"a cell of {name.rsplit('/', 1)[-1]} holds more than "
                        f"{limits.max_cell_chars:,} characters",
                        "cell_too_large",
                    )
    except zipfile.BadZipFile as exc:
        raise _refuse(path, f"not a readable XLSX workbook ({exc})", "bad_xlsx") from None


def _longest_run(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """The longest stretch of XML between two tags (a cell's text, a tag's attributes), in bytes."""
    longest = run = 0
    with zf.open(info) as fh:
        while piece := fh.read(_SCAN_BYTES):
            parts = piece.split(b"<")
            if len(parts) == 1:
                run += len(piece)
            else:
                longest = max(longest, run + len(parts[0]), *map(len, parts[1:-1]))
                run = len(parts[-1])
            longest = max(longest, run)
    return longest


def _check_header(path: Path, header: Sequence[str], required: Sequence[str], row: int = 1) -> list[str]:
    cols = [h.strip().lstrip("\ufeff") for h in header]
    missing = [c for c in required if c not in cols]
    if missing:
        raise InputFileError(
            [
                Problem(
                    str(path),
                    row,
                    ", ".join(missing),
                    f"missing column(s) {', '.join(missing)}; expected columns "
                    f"{', '.join(required)} (found: {clip(', '.join(cols), 200) or 'none'})",
                    "missing_column",
                )
            ]
        )
    return cols


def read_rows(
    path: str | Path, required: Sequence[str], limits: FileLimits = DEFAULT_LIMITS, sheet: str | None = None
) -> tuple[Columns, Iterator[tuple[int, list[str]]]]:
    """Header and an iterator of (row number, cells) for a .csv (UTF-8) or .xlsx file.

    Row numbers are the ones a spreadsheet shows (the header is row 1 unless a form puts it lower).
    """
    cols, chunks = read_chunks(path, required, 1, limits, sheet=sheet)
    return cols, ((i, list(map(typed, chunk[0]))) for i, chunk in enumerate(chunks, start=2))


def read_chunks(
    path: str | Path,
    required: Sequence[str],
    size: int | None = None,
    limits: FileLimits = DEFAULT_LIMITS,
    *,
    sheet: str | None = None,
) -> tuple[Columns, Iterator[list[list[str]]]]:
    """Header and the rows after it in lists of at most `size` rows, for a .csv (UTF-8) or .xlsx file.

    A workbook is read from its sheet named `sheet`, else from its first sheet that has the
    `required` columns: in its first row, or in a header lower down (in the first `SCAN_ROWS`) with
    the other required columns given once above it as ``name | value`` rows (a form, such as the
    filled questionnaire: `Columns.given`). No sheet fitting is an error naming every sheet found.

    Every row of the file is in a chunk, blank ones included, so the first row of chunk k is row
    ``2 + k * size`` as a spreadsheet numbers it (size: CHUNK_ROWS unless given). Reading a whole
    chunk at a time lets a caller check a chunk's rows column by column. Cells are as stored: a
    caller that keeps them passes them through `dgmm.cells.typed` (`read_rows` does).
    """
    size = size or CHUNK_ROWS
    p = Path(path)
    if not p.exists():
        raise InputFileError([Problem(str(p), 0, "", "file not found", "not_found")])
    check_file(p, limits)
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_chunks(p, required, size, limits, sheet)
    csv.field_size_limit(limits.max_cell_chars)
    fh = p.open(newline="", encoding="utf-8-sig")
    reader = csv.reader(fh)

    def next_rows(n: int) -> list[list[str]]:
        try:
            return list(islice(reader, n))
        except UnicodeDecodeError:
            raise _refuse(
                p, "not UTF-8 text: save the file as CSV UTF-8", "not_utf8", reader.line_num + 1
            ) from None
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise _refuse(
                    p,
                    f"a cell holds more than {limits.max_cell_chars:,} characters (a quote "
                    "left open makes the rest of the file one cell)",
                    "cell_too_large",
                    reader.line_num,
                ) from None
            raise _refuse(p, f"not a readable CSV file ({exc})", "bad_csv", reader.line_num) from None

    try:
        header = next(iter(next_rows(1)), None)
    except InputFileError:
        fh.close()
        raise
    if header is None:
        fh.close()
        raise _refuse(p, "the file is empty", "empty")
    cols = Columns(_check_header(p, header, required))

    def chunks() -> Iterator[list[list[str]]]:
        with fh:
            rows = 0
            while chunk := next_rows(size):
                rows += len(chunk)
                _check_rows(p, rows, limits)
                yield chunk

    return cols, chunks()


def _check_rows(p: Path, rows: int, limits: FileLimits) -> None:
    if rows > limits.max_rows:
        raise _refuse(
            p,
            f"more than {limits.max_rows:,} rows; split the file into several",
            "too_many_rows",
            limits.max_rows + 2,
        )


class Columns(list[str]):
    """A file's column names, and the columns a form gives once above its header (`given`).

    ``given`` maps a column to (row, value): the row, above the header, whose first cell names the
    column and whose second cell holds the value every data row shares (a filled questionnaire's
    agency id). Those columns come first, and every non-blank data row starts with their values.
    """

    def __init__(self, names: Iterable[str], given: Mapping[str, tuple[int, str]] | None = None) -> None:
        super().__init__(names)
        self.given: dict[str, tuple[int, str]] = dict(given or {})

    @property
    def is_form(self) -> bool:
        """Whether values are given above the header: a form that lists every question, filled or not."""
        return bool(self.given)

    def row_of(self, name: str, rownum: int) -> int:
        """The row where the value of column `name` on row `rownum` was written."""
        given = self.given.get(name)
        return given[0] if given else rownum


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _layout(ws: Any, required: Sequence[str]) -> tuple[int, dict[str, tuple[int, str]]] | None:
    """(header row, given columns) when the sheet holds the `required` columns, else None.

    The header is row 1, or a later row of the first `SCAN_ROWS` that holds some of them while the
    rows above it give the others once, as ``name | value``.
    """
    wanted = set(required)
    given: dict[str, tuple[int, str]] = {}
    for n, row in enumerate(ws.iter_rows(max_row=SCAN_ROWS, values_only=True), start=1):
        cells = [_cell(v).strip().lstrip("\ufeff") for v in row]
        names = set(cells)
        if wanted <= names | given.keys() and (n == 1 or names & wanted):
            return n, given
        if cells and cells[0] in wanted and cells[0] not in given:
            given[cells[0]] = (n, typed(_cell(row[1]).strip()) if len(row) > 1 else "")
    return None


def _sheet_listing(wb: Any) -> str:
    """Each sheet's name and the columns of its first row, for a message."""
    out = []
    for ws in wb.worksheets:
        first = next(ws.iter_rows(max_row=1, values_only=True), ())
        cols = ", ".join(c for c in map(_cell, first) if c)
        out.append(f"{ws.title!r} ({clip(cols, 80) or 'empty'})")
    return "; ".join(out) or "none"


def _find_sheet(
    p: Path, wb: Any, required: Sequence[str], sheet: str | None
) -> tuple[Any, int, dict[str, tuple[int, str]]]:
    """The sheet to read (`sheet`, else the first whose columns fit), its header row and given columns."""
    if sheet is not None:
        if sheet not in wb.sheetnames:
            raise InputFileError(
                [
                    Problem(
                        str(p),
                        0,
                        "",
                        f"no sheet named {shown(sheet)}{did_you_mean(sheet, wb.sheetnames)}; sheets found: "
                        f"{', '.join(map(repr, wb.sheetnames))}",
                        "unknown_sheet",
                        params=(("sheet", sheet), ("sheets", ", ".join(wb.sheetnames))),
                    )
                ]
            )
        ws = wb[sheet]
        header_at, given = _layout(ws, required) or (1, {})
        return ws, header_at, given
    if not required:
        return wb.worksheets[0], 1, {}
    for ws in wb.worksheets:
        layout = _layout(ws, required)
        if layout is not None:
            return ws, *layout
    raise InputFileError(
        [
            Problem(
                str(p),
                0,
                "",
                f"no sheet has the columns {', '.join(required)} (in its first row, or in a header "
                f"below values given once); sheets found, with their first row: {_sheet_listing(wb)}",
                "no_sheet",
                params=(("columns", ", ".join(required)), ("sheets", ", ".join(wb.sheetnames))),
            )
        ]
    )


def _xlsx_chunks(
    p: Path, required: Sequence[str], size: int, limits: FileLimits, sheet: str | None
) -> tuple[Columns, Iterator[list[list[str]]]]:
    from openpyxl import load_workbook  # imported here: only XLSX users pay for it

    try:
        wb = load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file; report it as bad input
        raise InputFileError(
            [Problem(str(p), 0, "", f"not a readable XLSX workbook ({exc})", "bad_xlsx")]
        ) from None
    try:
        ws, header_at, given = _find_sheet(p, wb, required, sheet)
        for name, (row, value) in given.items():
            if not value:
                raise InputFileError(
                    [
                        Problem(
                            str(p),
                            row,
                            name,
                            f"write the {name} once, in cell B{row} of sheet "
                            f"{ws.title!r} (the cell is empty)",
                            "missing_value",
                            params=(("column", name), ("sheet", ws.title)),
                        )
                    ]
                )
            if len(value) > limits.max_cell_chars:
                raise _refuse(
                    p,
                    f"the cell holds {len(value):,} characters; at most {limits.max_cell_chars:,} "
                    "are accepted",
                    "cell_too_large",
                    row,
                    name,
                )
        it = ws.iter_rows(min_row=header_at, values_only=True)
        header = next(it, None)
        if header is None:
            raise InputFileError([Problem(str(p), 0, "", f"sheet {ws.title!r} is empty", "empty")])
        own = _check_header(p, [_cell(h) for h in header], [c for c in required if c not in given], header_at)
    except BaseException:
        wb.close()
        raise
    cols = Columns([*given, *own], given)
    prefix = [value for _row, value in given.values()]

    def checked(rownum: int, row: tuple[object, ...]) -> list[str]:
        cells = [_cell(v) for v in row]
        for i, c in enumerate(cells):
            if len(c) > limits.max_cell_chars:
                raise _refuse(
                    p,
                    f"the cell holds {len(c):,} characters; at most {limits.max_cell_chars:,} are accepted",
                    "cell_too_large",
                    rownum,
                    own[i] if i < len(own) else f"column {i + 1}",
                )
        _check_rows(p, rownum - 1, limits)
        if prefix:  # a form: a blank row stays blank
            return [*prefix, *cells] if any(c.strip() for c in cells) else []
        return cells

    def chunks() -> Iterator[list[list[str]]]:
        try:
            # rows above the header come as blank rows: each row keeps the number the sheet shows
            rows = chain(
                repeat([], header_at - 1), (checked(n, row) for n, row in enumerate(it, start=header_at + 1))
            )
            while chunk := list(islice(rows, size)):
                yield chunk
        finally:
            wb.close()

    return cols, chunks()
