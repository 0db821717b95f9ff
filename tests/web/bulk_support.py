"""A large answers file for a cycle of the test world: many departments, every one answering the same inputs.

Shared by tests/web/security/test_files.py and bench/imports.py.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

# Values of the all-types framework that a department answers itself (no parent, no analyst check).
ANSWERS = {
    "C1": "a",
    "C2": "x|y",
    "C3": "yes",
    "N1": "12",
    "N2": "-3.5",
    "N3": "55",
    "N4": "2560",
    "U1": "https://example.go.th",
    "M1": "r1:k1",
    "X1": "=1+2",
}
CHANGED = {
    "C1": "b",
    "C2": "z",
    "C3": "no",
    "N1": "13",
    "N2": "4",
    "N3": "56",
    "N4": "2561",
    "U1": "https://example.go.th/new",
    "M1": "r2:k2",
    "X1": "@note",
}


def add_departments(cycle: Any, n: int) -> list[str]:
    """`n` departments taking part in `cycle` (bulk inserts); their codes."""
    from dgmm.web.cycles.models import Participation
    from dgmm.web.registry.models import Agency

    codes = [f"bulk-{i:06d}" for i in range(n)]
    Agency.objects.bulk_create(
        [Agency(code=c, name_th=f"กรม {c}", name_en=c, tier="department") for c in codes], batch_size=1000
    )
    agencies = (
        Agency.objects.filter(code__in=codes) if n <= 900 else Agency.objects.filter(code__startswith="bulk-")
    )
    Participation.objects.bulk_create(
        [Participation(cycle=cycle, agency=a) for a in agencies], batch_size=1000
    )
    return codes


def write_answers(path: Path, codes: list[str], values: dict[str, str]) -> int:
    """An answers CSV: every agency answers every input of `values`; the number of rows."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["agency_id", "input", "value"])
        for code in codes:
            w.writerows([code, k, v] for k, v in values.items())
    return len(codes) * len(values)
