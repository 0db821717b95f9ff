"""Work over a whole cycle at once: the garbage collector paused, and a share of the work on the other core.

Reading, scoring and writing a cycle create millions of small lists and dicts and no reference
cycles. The collector would walk all of them again and again while they are built (a third of the
time of a national cycle) and free nothing, so these steps pause it and start it again afterwards.

Encoding the results is the one step that splits well: `Forked` runs a function that returns bytes
in a forked child process while this process does the rest. It is used only where forking is safe
(Linux, no other thread running); otherwise, or when the child fails, the caller does the work
itself, so the result never depends on whether a child helped.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause automatic garbage collection inside the block; restore the previous state after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Forked:
    """`work()` computed in a forked child; `result()` gives its bytes (or computes them here)."""

    def __init__(self, work: Callable[[], bytes]) -> None:
        self.work = work
        self.pid = 0
        self.fd = -1
        if sys.platform != "linux" or threading.active_count() != 1:
            return  # forking a process with other threads running is not safe
        try:
            r, w = os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(r)
            os.close(w)
            return
        if pid == 0:  # the child: compute, hand the bytes over, leave without running any cleanup
            code = 1
            try:
                os.close(r)
                with open(w, "wb") as fh:
                    fh.write(work())
                code = 0
            finally:
                os._exit(code)
        os.close(w)
        self.pid, self.fd = pid, r

    def result(self) -> bytes:
        """The child's bytes once it has finished; computed here when there is no child or it failed."""
        if not self.pid:
            return self.work()
        try:
            with open(self.fd, "rb") as fh:
                data = fh.read()
        finally:
            status = self._reap()
        return data if status == 0 else self.work()

    def cancel(self) -> None:
        """Stop the child (when the caller gives up before asking for the result)."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.close(self.fd)
            self._reap()

    def _reap(self) -> int:
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        return status
