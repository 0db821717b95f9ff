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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from dgmm.cells import typed
from dgmm.errors import InputFileError, Problem, clip

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


def _refuse(path: Path, message: str, code: str, row: int = 0, field: str = "") -> InputFileError:
    return InputFileError([Problem(str(path), row, field, message, code)])


def _mb(n: int) -> str:
    return f"{n / MB:,.1f} MB"


def check_file(path: Path, limits: FileLimits) -> None:
    """Refuse a file too large to read, before reading any of it (and an XLSX that expands too far)."""
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise _refuse(path, f"the file is {_mb(size)}; at most {_mb(limits.max_bytes)} is accepted "
                            "(split it into several files)", "file_too_large")
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
                raise _refuse(path, f"the workbook expands to {_mb(total)} once uncompressed; at most "
                                    f"{_mb(limits.max_xlsx_bytes)} is accepted", "xlsx_too_large")
            longest = limits.max_cell_chars * 6 + 4096  # a character is at most 6 bytes of XML ("&amp;")
            for info in infos:
                name = info.filename
                if name.startswith("xl/") and name.endswith(".xml") and _longest_run(zf, info) > longest:
                    raise _refuse(path, f"a cell of {name.rsplit('/', 1)[-1]} holds more than "
                                        f"{limits.max_cell_chars:,} characters", "cell_too_large")
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


def _check_header(path: Path, header: Sequence[str], required: Sequence[str]) -> list[str]:
    cols = [h.strip().lstrip("\ufeff") for h in header]
    missing = [c for c in required if c not in cols]
    if missing:
        raise InputFileError([Problem(str(path), 1, ", ".join(missing),
                                      f"missing column(s) {', '.join(missing)}; expected columns "
                                      f"{', '.join(required)} (found: {clip(', '.join(cols), 200) or 'none'})",
                                      "missing_column")])
    return cols


def read_rows(path: str | Path, required: Sequence[str],
              limits: FileLimits = DEFAULT_LIMITS) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Header and an iterator of (row number, cells) for a .csv (UTF-8) or .xlsx file.

    Row numbers count the header as row 1, as a spreadsheet shows them.
    """
    cols, chunks = read_chunks(path, required, 1, limits)
    return cols, ((i, list(map(typed, chunk[0]))) for i, chunk in enumerate(chunks, start=2))


def read_chunks(path: str | Path, required: Sequence[str], size: int | None = None,
                limits: FileLimits = DEFAULT_LIMITS) -> tuple[list[str], Iterator[list[list[str]]]]:
    """Header and the rows after it in lists of at most `size` rows, for a .csv (UTF-8) or .xlsx file.

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
        return _xlsx_chunks(p, required, size, limits)
    csv.field_size_limit(limits.max_cell_chars)
    fh = p.open(newline="", encoding="utf-8-sig")
    reader = csv.reader(fh)

    def next_rows(n: int) -> list[list[str]]:
        try:
            return list(islice(reader, n))
        except UnicodeDecodeError:
            raise _refuse(p, "not UTF-8 text: save the file as CSV UTF-8", "not_utf8", reader.line_num + 1) from None
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise _refuse(p, f"a cell holds more than {limits.max_cell_chars:,} characters (a quote "
                                 "left open makes the rest of the file one cell)", "cell_too_large",
                              reader.line_num) from None
            raise _refuse(p, f"not a readable CSV file ({exc})", "bad_csv", reader.line_num) from None

    try:
        header = next(iter(next_rows(1)), None)
    except InputFileError:
        fh.close()
        raise
    if header is None:
        fh.close()
        raise _refuse(p, "the file is empty", "empty")
    cols = _check_header(p, header, required)

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
        raise _refuse(p, f"more than {limits.max_rows:,} rows; split the file into several", "too_many_rows",
                      limits.max_rows + 2)


def _xlsx_chunks(p: Path, required: Sequence[str], size: int,
                 limits: FileLimits) -> tuple[list[str], Iterator[list[list[str]]]]:
    from openpyxl import load_workbook  # imported here: only XLSX users pay for it

    try:
        wb = load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file; report it as bad input
        raise InputFileError([Problem(str(p), 0, "", f"not a readable XLSX workbook ({exc})", "bad_xlsx")]) from None
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    header = next(it, None)
    if header is None:
        raise InputFileError([Problem(str(p), 0, "", "the first sheet is empty", "empty")])
    cols = _check_header(p, ["" if h is None else str(h) for h in header], required)

    def cell(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)

    def checked(rownum: int, row: tuple[object, ...]) -> list[str]:
        cells = [cell(v) for v in row]
        for i, c in enumerate(cells):
            if len(c) > limits.max_cell_chars:
                raise _refuse(p, f"the cell holds {len(c):,} characters; at most {limits.max_cell_chars:,} are "
                                 "accepted", "cell_too_large", rownum, cols[i] if i < len(cols) else f"column {i + 1}")
        _check_rows(p, rownum - 1, limits)
        return cells

    def chunks() -> Iterator[list[list[str]]]:
        try:
            rows = (checked(n, row) for n, row in enumerate(it, start=2))
            while chunk := list(islice(rows, size)):
                yield chunk
        finally:
            wb.close()

    return cols, chunks()
