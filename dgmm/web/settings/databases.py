"""Database configuration from URLs: DATABASE_URL, DGMM_TEST_DATABASE; SQLite is the embedded default."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url


def database_from_url(url: str | None, sqlite_path: Path | None) -> dict[str, Any]:
    """A Django DATABASES entry: the URL when given ('sqlite' alone means the embedded default)."""
    if url and url != "sqlite":
        return dj_database_url.parse(url, conn_max_age=60)
    name = str(sqlite_path) if sqlite_path else ":memory:"
    # IMMEDIATE transactions take the write lock up front, so two concurrent saves wait for each other
    # (up to the timeout) instead of failing with "database is locked" when both try to write.
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": name,
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"}}


def env_database(sqlite_path: Path | None) -> dict[str, Any]:
    return database_from_url(os.environ.get("DATABASE_URL"), sqlite_path)
