"""Work over a whole cycle at once: the cyclic garbage collector paused while large results are built.

Reading, scoring and writing a cycle create millions of small lists and dicts and no reference
cycles. The collector would walk all of them again and again while they are built (a third of the
time of a national cycle) and free nothing, so these steps pause it and start it again afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
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
