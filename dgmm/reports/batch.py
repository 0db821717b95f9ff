"""Render the agency report of every agency of a cycle, in parallel processes, resumably.

Worker processes start clean ("spawn": a process that has used Typst cannot be forked safely, its
thread pool does not survive a fork), load the cycle once (results, framework, answers) and keep one
Typst renderer for all their reports. A report is
skipped when its PDF is newer than everything it is made from (the results file, the files named in
its sources, the framework file and the templates), so an interrupted batch resumes where it
stopped. PDFs are written to a temporary name and renamed, so a half-written file is never taken for
a finished one.
"""

from __future__ import annotations

import functools
import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from dgmm.atomic import write_atomic
from dgmm.errors import DgmmError
from dgmm.loading import framework_path
from dgmm.reports.cycle import Origin, ReportCycle
from dgmm.reports.issuer import Issuer
from dgmm.reports.render import render_agency, template_dir

CHUNK = 8  # agencies per task: fewer round trips between processes, still a smooth progress bar

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Options:
    lang: str = "th"
    thai_digits: bool = False
    criteria_only: bool = False
    issuer: Issuer | None = None


@dataclass
class BatchResult:
    rendered: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (agency id, message)
    seconds: float = 0.0


def report_name(agency_id: str, lang: str) -> str:
    """The file name of an agency's report: '<id>.pdf' in Thai, '<id>-<lang>.pdf' otherwise."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in agency_id)
    return f"{safe}.pdf" if lang == "th" else f"{safe}-{lang}.pdf"


def inputs_of(cycle: ReportCycle) -> list[Path]:
    """Every file an agency report of this cycle is made from."""
    files = [cycle.path, framework_path(cycle.framework.path or cycle.framework.id)]
    for key in ("agencies", "answers", "previous"):
        entry = (cycle.doc.get("sources") or {}).get(key)
        if entry:
            p = Path(entry["path"])
            files.append(p if p.is_absolute() else cycle.path.parent / p)
    files.extend(sorted(template_dir().glob("*.typ")))
    return [f for f in files if f.exists()]


def newest_input(cycle: ReportCycle) -> float:
    return max(f.stat().st_mtime for f in inputs_of(cycle))


# The cycle of the running batch in this process (the parent's, or a worker's own copy).
_CYCLE: ReportCycle | None = None


def _init_worker(origin: Origin) -> None:
    global _CYCLE
    # one process per core, one thread per process: Typst's thread pool would only compete with the
    # other workers for the same cores
    os.environ.setdefault("RAYON_NUM_THREADS", "1")
    _CYCLE = origin.load()


def _render_chunk(ids: Sequence[str], out_dir: str, opts: Options) -> list[tuple[str, str | None]]:
    """Render some agencies in a worker; (agency id, error message or None) for each."""
    assert _CYCLE is not None
    done: list[tuple[str, str | None]] = []
    for agency_id in ids:
        try:
            pdf = render_agency(
                _CYCLE,
                agency_id,
                lang=opts.lang,
                thai_digits=opts.thai_digits,
                criteria_only=opts.criteria_only,
                issuer=opts.issuer,
            )
        except DgmmError as exc:
            done.append((agency_id, f"{type(exc).__name__}: {exc}"))
            continue
        write_atomic(Path(out_dir) / report_name(agency_id, opts.lang), pdf)
        done.append((agency_id, None))
    return done


def _chunks(ids: Sequence[str], jobs: int) -> Iterator[list[str]]:
    """Tasks of up to CHUNK agencies, small enough that every worker gets several."""
    size = max(1, min(CHUNK, -(-len(ids) // (jobs * 4))))
    for i in range(0, len(ids), size):
        yield list(ids[i : i + size])


def plan(
    cycle: ReportCycle,
    out_dir: Path,
    agency_ids: Iterable[str] | None,
    lang: str,
    force: bool,
    extra: Sequence[Path] = (),
) -> tuple[list[str], int]:
    """(agencies to render, number skipped as up to date); `extra`: other files the reports are made
    from (the issuer file and its logo)."""
    ids = list(agency_ids) if agency_ids is not None else [a["id"] for a in cycle.scored]
    if force:
        return ids, 0
    newest = max([newest_input(cycle), *(f.stat().st_mtime for f in extra if f.exists())])
    todo = []
    for agency_id in ids:
        out = out_dir / report_name(agency_id, lang)
        if out.exists() and out.stat().st_mtime >= newest:
            continue
        todo.append(agency_id)
    return todo, len(ids) - len(todo)


def render_all(
    cycle: ReportCycle,
    out_dir: str | Path,
    agency_ids: Iterable[str] | None = None,
    *,
    options: Options = Options(),
    jobs: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
    started: Callable[[int, int], None] | None = None,
) -> BatchResult:
    """Render the reports of `agency_ids` (default: every scored agency) into `out_dir`.

    `started(total, skipped)` is called once the work is known; `progress(n)` after every n reports.
    """
    global _CYCLE
    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    issuer = options.issuer
    extra = [f for f in (issuer.source, issuer.logo) if f is not None] if issuer is not None else []
    todo, skipped = plan(cycle, out, agency_ids, options.lang, force, extra)
    result = BatchResult(skipped=skipped)
    if started is not None:
        started(len(todo), skipped)
    if not todo:
        result.seconds = time.perf_counter() - t0
        return result
    if cycle.use_answers and not options.criteria_only:
        cycle.source("agencies")  # a missing or changed file fails here, before any work starts
        cycle.source("answers")
    _CYCLE = cycle
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if cycle.origin is None:
        jobs = 1  # a cycle made in memory cannot be loaded again by another process
    try:
        if jobs == 1:
            outcomes: Iterable[list[tuple[str, str | None]]] = (
                _render_chunk(chunk, str(out), options) for chunk in _chunks(todo, 1)
            )
            for chunk_result in outcomes:
                _tally(result, chunk_result, progress)
        else:
            origin = cycle.origin
            assert origin is not None
            with ProcessPoolExecutor(
                max_workers=jobs,
                mp_context=mp.get_context("spawn"),
                initializer=functools.partial(_init_worker, origin),
            ) as pool:
                pending: set[Future[list[tuple[str, str | None]]]] = {
                    pool.submit(_render_chunk, chunk, str(out), options) for chunk in _chunks(todo, jobs)
                }
                while pending:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in finished:
                        _tally(result, fut.result(), progress)
    finally:
        _CYCLE = None
    result.seconds = time.perf_counter() - t0
    return result


def _tally(result: BatchResult, chunk: list[tuple[str, str | None]], progress: Progress | None) -> None:
    for agency_id, error in chunk:
        if error is None:
            result.rendered += 1
        else:
            result.failed.append((agency_id, error))
    if progress is not None:
        progress(len(chunk))
