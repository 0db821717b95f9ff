"""Writing a file whole or not at all: every file dgmm writes (results, answers, reports, workbooks).

The content goes to a temporary file beside the target, which then replaces the target in one step,
so a reader never sees half a file and a failure leaves the old file (or none) in place. The file
gets the mode an ordinary new file would get (0666 less the process's umask, e.g. 0644): results and
reports are shared with the group and the web server, unlike the temporary file's private 0600.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


def umask() -> int:
    """The process's umask, read without changing it where
    the system says (Linux), else by setting it back."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "wb", **kwargs: Any) -> Iterator[IO[Any]]:
    """``with atomic_open(path, "w", encoding="utf-8") as fh: ...``: the file appears when the block ends."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | os.PathLike[str], data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or chunks of bytes) to ``path`` whole or not at all."""
    with atomic_open(path) as fh:
        if isinstance(data, bytes):
            fh.write(data)
        else:
            fh.writelines(data)
