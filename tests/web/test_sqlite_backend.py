"""The platform's SQLite backend: write transactions queue on a lock file instead of polling.

Tested on connections of its own to a temporary file, whatever database the rest of the run uses.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db.utils import ConnectionHandler

from dgmm.web.settings.databases import database_from_url


@pytest.fixture(autouse=True)
def _own_connections(django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():  # these tests open their own connections to their own files
        yield


def connect(path: Path, timeout: float = 20) -> Any:
    """A new connection (database wrapper) to a SQLite file, for the calling thread only."""
    settings = database_from_url("sqlite", path)
    settings["OPTIONS"]["timeout"] = timeout
    return ConnectionHandler({"default": settings})["default"]


@contextmanager
def atomic(conn: Any) -> Iterator[Any]:
    """What ``transaction.atomic`` does for an outermost block, on a connection of these tests."""
    conn.ensure_connection()
    conn.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        yield conn.cursor()
    except BaseException:
        conn.rollback()
        conn.set_autocommit(True)
        raise
    conn.commit()
    conn.set_autocommit(True)


def rows(path: Path) -> list[int]:
    conn = connect(path)
    with conn.cursor() as cur:
        cur.execute("SELECT n FROM t ORDER BY n")
        out = [r[0] for r in cur.fetchall()]
    conn.close()
    return out


def table(path: Path) -> Path:
    conn = connect(path)
    with conn.cursor() as cur:
        cur.execute("CREATE TABLE t (n INTEGER)")
    conn.close()
    return path


def run_threads(*targets: Callable[[], None]) -> list[BaseException]:
    """Run each target in a thread of its own; the exceptions they raised."""
    errors: list[BaseException] = []

    def guarded(target: Callable[[], None]) -> None:
        try:
            target()
        except BaseException as exc:  # collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(t,), daemon=True) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not any(t.is_alive() for t in threads), "a writer is still waiting after 30 s"
    return errors


def test_the_default_sqlite_settings_use_the_queueing_backend_in_wal_mode(tmp_path):
    conn = connect(tmp_path / "db.sqlite3")
    with conn.cursor() as cur:
        cur.execute("PRAGMA journal_mode")
        assert cur.fetchone()[0] == "wal"
    assert type(conn).__module__ == "dgmm.web.sqlite.base" and conn.vendor == "sqlite"
    conn.close()


def test_a_second_writer_waits_for_the_first_to_commit(tmp_path):
    path = table(tmp_path / "db.sqlite3")
    events: list[str] = []
    first_in = threading.Event()

    def first() -> None:
        conn = connect(path)
        with atomic(conn) as cur:
            cur.execute("INSERT INTO t VALUES (1)")
            first_in.set()
            time.sleep(0.3)
            events.append("first commits")
        conn.close()

    def second() -> None:
        assert first_in.wait(10)
        conn = connect(path)
        with atomic(conn) as cur:
            events.append("second begins")
            cur.execute("INSERT INTO t VALUES (2)")
        conn.close()

    assert run_threads(first, second) == []
    assert events == ["first commits", "second begins"]
    assert rows(path) == [1, 2]


def test_the_lock_is_released_by_a_rollback_and_by_closing(tmp_path):
    path = table(tmp_path / "db.sqlite3")
    conn = connect(path)
    with pytest.raises(RuntimeError), atomic(conn) as cur:
        cur.execute("INSERT INTO t VALUES (1)")
        raise RuntimeError("the save failed")

    def other(n: int) -> Callable[[], None]:  # waits for ever (the test fails) if the lock was kept
        def write() -> None:
            c = connect(path, timeout=0.1)
            with atomic(c) as cur:
                cur.execute("INSERT INTO t VALUES (%s)", [n])
            c.close()

        return write

    assert run_threads(other(2)) == []
    conn.ensure_connection()
    conn.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)  # takes the lock
    conn.close()  # e.g. a worker stopping in the middle of a transaction
    assert run_threads(other(3)) == []
    assert rows(path) == [2, 3]


def test_many_writers_with_a_short_busy_timeout_all_get_through(tmp_path):
    """SQLite alone refuses a writer after its 50 ms busy timeout ("database is locked"); queued on
    the lock file, all 8 x 10 transactions that each hold the lock 10 ms commit."""
    path = table(tmp_path / "db.sqlite3")

    def writer(i: int) -> Callable[[], None]:
        def write() -> None:
            conn = connect(path, timeout=0.05)
            for j in range(10):
                with atomic(conn) as cur:
                    cur.execute("INSERT INTO t VALUES (%s)", [i * 100 + j])
                    time.sleep(0.01)
            conn.close()

        return write

    assert run_threads(*(writer(i) for i in range(8))) == []
    assert len(rows(path)) == 80
