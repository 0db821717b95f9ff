"""The agency registry of a cycle: reading agencies.csv/.xlsx and checking parent links."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dgmm.errors import InputFileError, Problem, shown
from dgmm.framework.schema import TIERS
from dgmm.tables import DEFAULT_LIMITS, FileLimits, read_rows

AGENCY_COLUMNS = ("id", "name_th", "name_en", "tier", "ministry", "province", "parent_id", "agency_type")
REQUIRED_COLUMNS = ("id", "tier")


@dataclass(frozen=True)
class Agency:
    id: str
    tier: str
    name_th: str = ""
    name_en: str = ""
    ministry: str = ""
    province: str = ""
    parent_id: str = ""
    agency_type: str = ""
    row: int = 0


def check_agencies(agencies: list[Agency], file: str = "agencies", max_problems: int | None = None) -> None:
    """Unique ids, known tiers, parents that exist, and no
    cycle in parent links (the first `max_problems` listed)."""
    problems: list[Problem] = []
    by_id: dict[str, Agency] = {}
    for a in agencies:
        if not a.id:
            problems.append(Problem(file, a.row, "id", "the agency id is empty", "missing"))
            continue
        if a.id in by_id:
            problems.append(
                Problem(
                    file,
                    a.row,
                    "id",
                    f"duplicate agency id {shown(a.id)} (first on row {by_id[a.id].row})",
                    "duplicate_row",
                )
            )
            continue
        by_id[a.id] = a
        if a.tier not in TIERS:
            problems.append(
                Problem(
                    file,
                    a.row,
                    "tier",
                    f"unknown tier {shown(a.tier)}; expected one of {', '.join(TIERS)}",
                    "bad_tier",
                )
            )
    for a in by_id.values():
        if a.parent_id and a.parent_id not in by_id:
            problems.append(
                Problem(
                    file,
                    a.row,
                    "parent_id",
                    f"parent {shown(a.parent_id)} of agency {shown(a.id)} is not in the file",
                    "unknown_parent",
                )
            )
    reported: set[str] = set()
    for a in by_id.values():
        seen = [a.id]
        cur = a
        while cur.parent_id and cur.parent_id in by_id:
            cur = by_id[cur.parent_id]
            if cur.id in seen:
                loop = [*seen[seen.index(cur.id) :], cur.id]
                if not reported.intersection(loop):
                    problems.append(
                        Problem(
                            file,
                            a.row,
                            "parent_id",
                            "cycle in parent links: " + " → ".join(loop),
                            "parent_cycle",
                        )
                    )
                    reported.update(loop)
                break
            seen.append(cur.id)
    if problems:
        raise InputFileError(problems, limit=max_problems)


def read_agencies(path: str | Path, limits: FileLimits = DEFAULT_LIMITS) -> list[Agency]:
    """Read and check an agencies file (CSV or XLSX), within
    `limits`. Raises InputFileError with every problem."""
    cols, rows = read_rows(path, REQUIRED_COLUMNS, limits)
    index = {c: i for i, c in enumerate(cols)}
    fields = [c for c in AGENCY_COLUMNS if c in index]
    out: list[Agency] = []
    for rownum, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        values = {f: cells[index[f]].strip() if index[f] < len(cells) else "" for f in fields}
        out.append(Agency(row=rownum, **values))
    check_agencies(out, str(path), limits.max_problems)
    return out
