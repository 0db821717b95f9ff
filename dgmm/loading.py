"""Load frameworks by id or path: read, validate the structure, compile and check every rule."""

from __future__ import annotations

import os
from pathlib import Path

from dgmm.checks import checks_for
from dgmm.errors import FrameworkError, NotFoundError, Problem, did_you_mean
from dgmm.framework import shipped_paths
from dgmm.framework.load import read_framework
from dgmm.framework.schema import Framework
from dgmm.scoring.engine import engine_for

_CACHE: dict[tuple[str, float], Framework] = {}


def framework_path(ref: str | Path) -> Path:
    """The file of a framework given as an id of a shipped framework or as a path."""
    p = Path(ref)
    if p.suffix in (".yaml", ".yml") or p.exists():
        if not p.exists():
            raise NotFoundError(f"framework file {str(ref)!r} does not exist")
        return p
    shipped = shipped_paths()
    if str(ref) in shipped:
        return shipped[str(ref)]
    known = ", ".join(shipped) or "none"
    raise NotFoundError(
        f"unknown framework {str(ref)!r}{did_you_mean(str(ref), shipped)}; shipped frameworks: "
        f"{known} (or give a .yaml path)"
    )


def load_framework(ref: str | Path) -> Framework:
    """Load, validate and compile a framework. Raises FrameworkError listing every problem."""
    path = framework_path(ref)
    key = (os.path.abspath(path), path.stat().st_mtime)  # an edited file is read again
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    fw = read_framework(path)
    if fw.scored:
        engine_for(fw)  # rules are checked now, not when the first agency is scored
        checks_for(fw)  # and so are the consistency checks
    _CACHE[key] = fw
    return fw


def list_frameworks() -> list[Framework]:
    """Every shipped framework, loaded (in id order). A broken shipped file raises FrameworkError."""
    out: list[Framework] = []
    problems: list[Problem] = []
    for path in shipped_paths().values():
        try:
            out.append(load_framework(path))
        except FrameworkError as exc:
            problems.extend(exc.problems)
    if problems:
        raise FrameworkError(problems)
    return out
