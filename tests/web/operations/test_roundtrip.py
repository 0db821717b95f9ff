"""Backup and restore across instances and engines, each instance a real `python -m dgmm.web` process.

A seeded SQLite instance is backed up; the archive is restored into a new instance; every row of
every kept table (every field, times to the microsecond) and every evidence and results file must be
identical. SQLite -> SQLite runs everywhere; SQLite -> PostgreSQL -> SQLite runs whenever a PostgreSQL
URL is configured (scripts/test.sh's PostgreSQL pass always has one), in a database of its own named
after that URL's with a "2" appended.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).parents[3]


def postgres_url() -> str | None:
    for var in ("DGMM_TEST_DATABASE", "DATABASE_URL"):
        url = os.environ.get(var, "")
        if url.startswith(("postgres://", "postgresql://")):
            return url
    return None


@dataclass
class Instance:
    var_dir: Path
    database_url: str | None = None
    secret_key: str = "kept-separately"

    def run(self, *args: str, module: str = "dgmm.web") -> str:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DGMM_TEST_DATABASE")}
        env.update(
            DJANGO_SETTINGS_MODULE="tests.web.operations.settings",
            DGMM_VAR_DIR=str(self.var_dir),
            DGMM_SECRET_KEY=self.secret_key,
            PYTHONPATH=str(ROOT),
        )
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        done = subprocess.run(
            [sys.executable, "-m", module, *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"{module} {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout + done.stderr

    def rows(self) -> dict:
        return json.loads(self.run("rows", module="tests.web.operations.instance").split("\n", 1)[0])


def seeded_sqlite(tmp_path: Path) -> tuple[Instance, Path]:
    """A migrated SQLite instance with data, and a copy of its database file from before it had any."""
    source = Instance(tmp_path / "source")
    source.run("migrate", "--noinput", "-v0")
    empty = tmp_path / "empty.sqlite3"
    shutil.copy(source.var_dir / "dgmm.sqlite3", empty)
    source.run("seed", module="tests.web.operations.instance")
    return source, empty


def empty_sqlite(tmp_path: Path, name: str, empty: Path) -> Instance:
    target = Instance(tmp_path / name, secret_key=f"another key for {name}")
    target.var_dir.mkdir()
    shutil.copy(empty, target.var_dir / "dgmm.sqlite3")
    return target


def assert_substantial(rows: dict) -> None:
    """The compared data holds every kind of record the round trip must keep."""
    for table in (
        "cycles.answer",
        "cycles.participation",
        "cycles.auditentry",
        "review.reviewcomment",
        "accounts.user",
        "api.apitoken",
        "registry.agency",
        "cycles.cycleresult",
        "cycles.evidence",
        "accounts.invitation",
        "admin.logentry",
        "auth.group",
    ):
        assert rows[table], table
    assert any(a["token_id"] and a["actor_name"] for a in rows["cycles.auditentry"])
    assert any(a["value"] is None and a["version"] == 3 for a in rows["cycles.answer"])
    assert any(u["user_permissions"] and u["groups"] for u in rows["accounts.user"])
    assert len(rows["files/evidence"]) == 3 and rows["files/results"]


def test_sqlite_to_sqlite_keeps_every_row_and_file(tmp_path):
    source, empty = seeded_sqlite(tmp_path)
    expected = source.rows()
    assert_substantial(expected)
    source.run("backup", "-o", str(tmp_path / "a.zip"))
    target = empty_sqlite(tmp_path, "target", empty)
    out = target.run("restore", str(tmp_path / "a.zip"), "--yes")
    assert target.rows() == expected
    # the secret key differs: the restore warns, naming the archive's key by its fingerprint
    assert hashlib.sha256(b"kept-separately").hexdigest()[:12] in out


@pytest.fixture
def postgres_database():
    url = postgres_url()
    # scripts/test.sh runs the tests marked `postgres` only in its PostgreSQL pass, with the URL set
    assert url is not None, (
        "a PostgreSQL URL (DGMM_TEST_DATABASE or DATABASE_URL) is needed to test across engines"
    )
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "2"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.db
@pytest.mark.postgres
def test_sqlite_to_postgresql_to_sqlite_keeps_every_row_and_file(tmp_path, postgres_database):
    source, empty = seeded_sqlite(tmp_path)
    expected = source.rows()
    assert_substantial(expected)
    source.run("backup", "-o", str(tmp_path / "from-sqlite.zip"))

    pg = Instance(tmp_path / "postgres", postgres_database)
    pg.run("migrate", "--noinput", "-v0")
    pg.run("restore", str(tmp_path / "from-sqlite.zip"), "--yes")
    assert pg.rows() == expected
    pg.run("backup", "-o", str(tmp_path / "from-postgres.zip"))

    back = empty_sqlite(tmp_path, "back", empty)
    back.run("restore", str(tmp_path / "from-postgres.zip"), "--yes")
    assert back.rows() == expected

    # PostgreSQL's sequences were moved past the restored ids: a new row does not collide
    last = max(a["id"] for a in expected["cycles.auditentry"])
    assert int(pg.run("new-audit", module="tests.web.operations.instance").split()[0]) > last
