"""Rows of a CSV or XLSX file, with their 1-based row numbers, for the agencies and answers files."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path

from dgmm.errors import InputFileError, Problem

CHUNK_ROWS = 1024  # rows per chunk: small enough to stay in the processor's cache


def _check_header(path: Path, header: Sequence[str], required: Sequence[str]) -> list[str]:
    cols = [h.strip().lstrip("\ufeff") for h in header]
    missing = [c for c in required if c not in cols]
    if missing:
        raise InputFileError([Problem(str(path), 1, ", ".join(missing),
                                      f"missing column(s) {', '.join(missing)}; expected columns "
                                      f"{', '.join(required)} (found: {', '.join(cols) or 'none'})",
                                      "missing_column")])
    return cols


def read_rows(path: str | Path, required: Sequence[str]) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Header and an iterator of (row number, cells) for a .csv (UTF-8) or .xlsx file.

    Row numbers count the header as row 1, as a spreadsheet shows them.
    """
    cols, chunks = read_chunks(path, required, 1)
    return cols, ((i, chunk[0]) for i, chunk in enumerate(chunks, start=2))


def read_chunks(path: str | Path, required: Sequence[str],
                size: int | None = None) -> tuple[list[str], Iterator[list[list[str]]]]:
    """Header and the rows after it in lists of at most `size` rows, for a .csv (UTF-8) or .xlsx file.

    Every row of the file is in a chunk, blank ones included, so the first row of chunk k is row
    ``2 + k * size`` as a spreadsheet numbers it (size: CHUNK_ROWS unless given). Reading a whole
    chunk at a time lets a caller check a chunk's rows column by column.
    """
    size = size or CHUNK_ROWS
    p = Path(path)
    if not p.exists():
        raise InputFileError([Problem(str(p), 0, "", "file not found", "not_found")])
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_chunks(p, required, size)
    try:
        fh = p.open(newline="", encoding="utf-8-sig")
        reader = csv.reader(fh)
        header = next(reader, None)
    except UnicodeDecodeError:
        raise InputFileError([Problem(str(p), 0, "", "not UTF-8 text: save the file as CSV UTF-8",
                                      "not_utf8")]) from None
    if header is None:
        fh.close()
        raise InputFileError([Problem(str(p), 0, "", "the file is empty", "empty")])
    cols = _check_header(p, header, required)

    def chunks() -> Iterator[list[list[str]]]:
        with fh:
            while True:
                try:
                    chunk = list(islice(reader, size))
                except UnicodeDecodeError:
                    raise InputFileError([Problem(str(p), reader.line_num + 1, "", "not UTF-8 text",
                                                  "not_utf8")]) from None
                if not chunk:
                    return
                yield chunk

    return cols, chunks()


def _xlsx_chunks(p: Path, required: Sequence[str], size: int) -> tuple[list[str], Iterator[list[list[str]]]]:
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

    def chunks() -> Iterator[list[list[str]]]:
        try:
            rows = ([cell(v) for v in row] for row in it)
            while chunk := list(islice(rows, size)):
                yield chunk
        finally:
            wb.close()

    return cols, chunks()
