"""Database configuration from URLs: DATABASE_URL, DGMM_TEST_DATABASE; SQLite is the embedded default."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url


def database_from_url(url: str | None, sqlite_path: Path | None) -> dict[str, Any]:
    """A Django DATABASES entry: the URL when given ('sqlite' alone means the embedded default)."""
    if url and url != "sqlite":
        # Health checks: a connection kept between requests that the server dropped (a restart, a
        # failover) is replaced before the request uses it, instead of failing that request.
        db = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if db["ENGINE"] == "django.db.backends.postgresql":
            # Parameters travel apart from the statement text, so each connection prepares a
            # statement it runs often (an answer save, a page's lookups) and PostgreSQL stops
            # planning it again on every request.
            db.setdefault("OPTIONS", {})["server_side_binding"] = True
        return dict(db)
    name = str(sqlite_path) if sqlite_path else ":memory:"
    return {
        "ENGINE": "dgmm.web.sqlite",
        "NAME": name,
        # Opening a SQLite connection costs as much as a whole answer save: keep it for the thread.
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "timeout": 20,
            # IMMEDIATE transactions take the write lock up front, so two concurrent saves wait for
            # each other (up to the timeout) instead of failing with "database is locked" when both
            # try to write.
            "transaction_mode": "IMMEDIATE",
            # Write-ahead log: pages are read while a save is being written, and a commit appends
            # to the log without waiting for the disk (a power cut may lose the last commits, never
            # corrupt the file).
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        },
    }


def env_database(sqlite_path: Path | None) -> dict[str, Any]:
    return database_from_url(os.environ.get("DATABASE_URL"), sqlite_path)
