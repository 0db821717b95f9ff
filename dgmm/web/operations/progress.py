"""Progress of long work on stderr: a rich progress bar on a terminal, the totals otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

Tick = Callable[[int], None]
Start = Callable[[str, int], Tick]


def raw_stream(wrapper: Any) -> IO[str]:
    """The stream under a management command's ``self.stderr`` (its wrapper adds a line end to each write)."""
    stream: IO[str] = wrapper._out
    return stream


@contextmanager
def progress_on(stream: IO[str] | None = None, enabled: bool = True) -> Iterator[Start]:
    """Yields ``start(label, total) -> tick(n)``; each task is a line of the display."""
    if not enabled:
        yield lambda label, total: lambda n: None
        return
    console = Console(file=stream or sys.stderr)
    columns = (TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as bar:

        def start(label: str, total: int) -> Tick:
            task = bar.add_task(label, total=total)
            return lambda n: bar.advance(task, n)

        yield start
