"""Backup and restore of the demonstration cycle: archive size, backup, check and restore times.

    .venv/bin/python bench/backup.py [--departments 60] [--pcios 24] [--postgres URL]

1. A SQLite instance in a temporary DGMM_VAR_DIR: `migrate`, then `load_demo` (the cycle `make run`
   shows); a copy of the migrated, empty database file is kept for the restores.
2. Times, as an operator runs them (`python -m dgmm.web ...`, each a new process): `backup`,
   `restore --check`, `restore --yes` into the empty copy, and Django's own `loaddata` of the same
   JSON-lines files into another empty copy (the ratio shows what loading in batches saves).
   The floor is a process that only starts Django (`check`); every figure includes it once.
3. With --postgres URL (an empty, existing database), the restore into PostgreSQL too.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(var_dir: Path, *args: str, database_url: str | None = None) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DGMM_TEST_DATABASE")}
    env.update(
        DJANGO_SETTINGS_MODULE="dgmm.web.settings.local",
        DGMM_VAR_DIR=str(var_dir),
        DGMM_SECRET_KEY="bench",
        PYTHONPATH=str(ROOT),
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "dgmm.web", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def empty_copy(work: Path, name: str, empty: Path) -> Path:
    var_dir = work / name
    var_dir.mkdir()
    shutil.copy(empty, var_dir / "dgmm.sqlite3")
    return var_dir


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--departments", type=int, default=60)
    ap.add_argument("--pcios", type=int, default=24)
    ap.add_argument("--postgres", help="an empty PostgreSQL database to restore into as well")
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="dgmm-bench-backup-") as tmp:
        work = Path(tmp)
        source = work / "source"
        run(source, "migrate", "--noinput", "-v0")
        empty = work / "empty.sqlite3"
        shutil.copy(source / "dgmm.sqlite3", empty)
        run(source, "load_demo", "--departments", str(opts.departments), "--pcios", str(opts.pcios))
        floor = min(run(source, "check") for _ in range(3))

        archive = work / "demo.zip"
        t_backup = run(source, "backup", "-o", str(archive), "-v0")
        archive_bytes = archive.stat().st_size
        with zipfile.ZipFile(archive) as z:
            manifest = json.loads(z.read("manifest.json"))
            data_dir = work / "jsonl"
            names = [m["name"] for m in manifest["members"] if m["kind"] == "data" and m["rows"]]
            z.extractall(data_dir, names)
        rows = sum(m.get("rows", 0) for m in manifest["members"])
        raw = sum(m["size"] for m in manifest["members"])
        files = sum(1 for m in manifest["members"] if m["kind"] != "data")
        t_check = run(source, "restore", "--check", str(archive), "-v0")
        t_restore = run(empty_copy(work, "restored", empty), "restore", "--yes", str(archive), "-v0")
        t_loaddata = run(
            empty_copy(work, "loaddata", empty), "loaddata", "-v0", *[str(data_dir / n) for n in names]
        )
        t_pg = (
            run(work / "pg", "restore", "--yes", str(archive), "-v0", database_url=opts.postgres)
            if opts.postgres
            else None
        )

    print(
        f"demo cycle: {opts.departments} departments, {opts.pcios} PCIO committees; "
        f"{rows:,} rows, {files} files"
    )
    print(
        f"archive {archive_bytes / 1e6:.2f} MB; data and files {raw / 1e6:.2f} MB before compression "
        f"({raw / archive_bytes:.1f}x)"
    )
    print(f"process floor (start Django, `check`): {floor:.2f} s")
    print(
        f"backup          {t_backup:6.2f} s   {rows / max(t_backup - floor, 1e-3):10,.0f} rows/s after the "
        "floor"
    )
    print(f"restore --check {t_check:6.2f} s")
    print(
        f"restore SQLite  {t_restore:6.2f} s   {rows / max(t_restore - floor, 1e-3):10,.0f} rows/s after the "
        "floor"
    )
    print(
        f"loaddata SQLite {t_loaddata:6.2f} s   (Django's loaddata of the same rows; restore is "
        f"{(t_loaddata - floor) / max(t_restore - floor, 1e-3):.1f}x faster after the floor)"
    )
    if t_pg is not None:
        print(f"restore PostgreSQL {t_pg:6.2f} s")


if __name__ == "__main__":
    main()
