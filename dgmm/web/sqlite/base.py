"""The backend module (``ENGINE = "dgmm.web.sqlite"``); see the package docstring."""

from __future__ import annotations

import os
from typing import Any

from django.db.backends.sqlite3 import base

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: SQLite's own busy handler only
    fcntl = None  # type: ignore[assignment]


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lock_fd: int | None = None
        self._lock_path = ""
        self._locked = False

    def _lock_file(self) -> int | None:
        """This connection's descriptor of the lock file (its own, so threads queue too)."""
        if fcntl is None or self.is_in_memory_db():
            return None
        path = f"{self.settings_dict['NAME']}.writelock"
        if self._lock_fd is not None and path != self._lock_path:
            self._release_lock()
            os.close(self._lock_fd)
            self._lock_fd = None
        if self._lock_fd is None:
            self._lock_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            self._lock_path = path
        return self._lock_fd

    def _release_lock(self) -> None:
        if self._locked and self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
        self._locked = False

    def _start_transaction_under_autocommit(self) -> None:
        fd = self._lock_file()
        if fd is not None and not self._locked:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._locked = True
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # private, absent from the stubs
        except BaseException:
            self._release_lock()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]
        finally:
            self._release_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]
        finally:
            self._release_lock()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]
        finally:
            self._release_lock()
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None
