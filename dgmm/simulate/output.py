"""Writing a simulated cycle: agencies.csv and answers.csv, UTF-8, '\\n' line ends, written atomically.

Each file is written to a temporary file in the output folder and renamed over the target only when
complete, so a reader never sees half a file and an interrupted run leaves the old files in place.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from itertools import repeat
from pathlib import Path
from typing import IO, Any

from dgmm.atomic import atomic_open
from dgmm.cells import FORMULA_STARTS, inert_row
from dgmm.simulate.cycle import SimulatedCycle

AGENCY_COLUMNS = ("id", "name_th", "name_en", "tier", "ministry", "province", "parent_id", "agency_type")
ANSWER_COLUMNS = ("agency_id", "input", "value")


def _plain_block(agency_id: str, flat: list[str]) -> str | None:
    """The CSV lines of one agency's answers when no cell needs quoting, else None."""
    k = len(flat) // 2
    prefix = agency_id + ","
    it = iter(flat)
    block = "".join([f"{prefix}{code},{value}\n" for code, value in zip(it, it, strict=True)])
    if block.count(",") != 2 * k or block.count("\n") != k or '"' in block or "\r" in block:
        return None
    if agency_id[:1] in FORMULA_STARTS or any(f",{c}" in block for c in FORMULA_STARTS):
        return None  # a cell a spreadsheet would run: written through inert_row
    return block


def write_agencies(agencies: list[dict[str, Any]], fh: IO[str]) -> None:
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(AGENCY_COLUMNS)
    writer.writerows(inert_row([a[c] for c in AGENCY_COLUMNS]) for a in agencies)


def write_answers(rows: Iterable[tuple[str, list[str]]], fh: IO[str]) -> None:
    """Rows as csv.writer writes them; blocks without special characters are formatted directly (faster)."""
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(ANSWER_COLUMNS)
    for agency_id, flat in rows:
        block = _plain_block(agency_id, flat)
        if block is None:
            writer.writerows(map(inert_row, zip(repeat(agency_id), flat[::2], flat[1::2])))
        else:
            fh.write(block)


def write_csv(cycle: SimulatedCycle, out_dir: str | Path) -> tuple[Path, Path]:
    """Write ``agencies.csv`` and ``answers.csv`` into `out_dir` (created if missing); return both paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    agencies_path = out / "agencies.csv"
    answers_path = out / "answers.csv"
    with atomic_open(agencies_path, "w", encoding="utf-8", newline="") as fh:
        write_agencies(cycle.agencies, fh)
    with atomic_open(answers_path, "w", encoding="utf-8", newline="") as fh:
        write_answers(cycle.rows, fh)
    return agencies_path, answers_path
