"""Maturity frameworks as data: the model (schema.py),
reading and validation (load.py), shipped files (data/)."""

from __future__ import annotations

import functools
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def shipped_paths() -> dict[str, Path]:
    """Framework id -> file, for every framework shipped with dgmm."""
    return dict(_shipped())


@functools.cache
def _shipped() -> tuple[tuple[str, Path], ...]:
    # the package's data folder does not change while dgmm runs: list it once
    return tuple((p.stem, p) for p in sorted(DATA_DIR.glob("*.yaml")))
