"""Answers-file imports: a 100,000-row file on SQLite and PostgreSQL, bulk writes against per-row writes.

For each database and approach, a fresh process migrates an empty database, makes the test world
and 10,000 departments, then imports (1) a file of 100,000 new answers and (2) the same file with
every value changed (100,000 updates). It prints, per import: the total time (checking every row,
then writing), the longest time the transaction — the write lock — was held, and the process's
peak memory (ru_maxrss, the whole process). The product's import checks every row before the
transaction and writes answers and audit entries in bulk statements; "per-row" is the approach it
replaced (an UPDATE and an audit INSERT per changed answer, a status change per agency, Django's
bulk_create for new answers, all inside the transaction), kept here only
to measure against. Ratios are per-row / bulk.

    .venv/bin/python bench/imports.py [--rows 100000] [--databases sqlite,postgres] [--postgres URL]

PostgreSQL: the database of --postgres (default postgres://postgres@127.0.0.1:5432/dgmm_files) is
created when missing and emptied before each run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure this checkout's dgmm
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/dgmm_files"


def per_row_action() -> Any:
    """ImportAnswers writing as before: per changed answer
    an UPDATE and an audit INSERT, in the transaction."""
    from django.db import IntegrityError, transaction
    from django.db.models import F
    from django.utils import timezone

    from dgmm.web.cycles.actions import set_status
    from dgmm.web.cycles.audit import record
    from dgmm.web.cycles.models import (
        EDITABLE_STATUSES,
        Answer,
        AnswerSource,
        AuditEntry,
        ParticipationStatus,
    )
    from dgmm.web.exchange.actions import ImportAnswers, LockedRow

    class PerRow(ImportAnswers):
        def _save(self, rows: Any, scope: Any, report: Any) -> None:
            parts = scope.participants
            agency_pks = {parts[r.agency_id].agency_id for r in rows}
            existing = {
                (a.agency_id, a.code, a.source): a
                for a in Answer.objects.select_for_update().filter(cycle=self.cycle, agency_id__in=agency_pks)
            }
            now = timezone.now()
            create, update = [], []
            for r in rows:
                p = parts[r.agency_id]
                current = existing.get((p.agency_id, r.code, r.source))
                if current is not None and current.value == r.raw:
                    report.unchanged += 1
                elif r.source == AnswerSource.AGENCY and p.status not in EDITABLE_STATUSES:
                    report.locked.append(LockedRow(r.row, r.agency_id, r.code, p.status))
                elif current is None:
                    create.append(
                        (
                            Answer(
                                cycle=self.cycle,
                                agency_id=p.agency_id,
                                code=r.code,
                                source=r.source,
                                value=r.raw,
                                version=1,
                                updated_at=now,
                                updated_by=self.user,
                            ),
                            r,
                        )
                    )
                else:
                    update.append((current, r))
            try:
                with transaction.atomic():
                    Answer.objects.bulk_create([a for a, _r in create], batch_size=500)
            except IntegrityError:
                raise self._conflict() from None
            for current, r in update:
                n = Answer.objects.filter(pk=current.pk, version=current.version).update(
                    value=r.raw, version=F("version") + 1, updated_at=now, updated_by=self.user
                )
                if n != 1:
                    raise self._conflict()
            for old, r in [(None, r) for _a, r in create] + [(a.value, r) for a, r in update]:
                record(
                    AuditEntry.Kind.ANSWER,
                    r.code,
                    actor=self.user,
                    cycle=self.cycle,
                    agency=parts[r.agency_id].agency,
                    old=old,
                    new=r.raw,
                    note="import",
                )
            report.created, report.updated = len(create), len(update)
            for code in sorted({r.agency_id for _a, r in create + update}):
                if parts[code].status == ParticipationStatus.NOT_STARTED:
                    set_status(
                        parts[code],
                        ParticipationStatus.IN_PROGRESS,
                        self.user,
                        note="import",
                        expected=(ParticipationStatus.NOT_STARTED,),
                    )

    return PerRow


def prepare_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def one(db: str, approach: str, rows: int) -> dict[str, Any]:
    """Run in a fresh process: set up, import twice, measure."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "dgmm.web.settings.test"
    os.environ["DGMM_TEST_DATABASE"] = db
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from dgmm.web.exchange.actions import ImportAnswers
    from tests.web.bulk_support import ANSWERS, CHANGED, add_departments, write_answers
    from tests.web.conftest import ALL_TYPES, MINI, make_world

    settings.DGMM_FRAMEWORK_PATHS = [str(ALL_TYPES), str(MINI)]
    settings.DGMM_IMPORT_MAX_ROWS = max(settings.DGMM_IMPORT_MAX_ROWS, rows)
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    world = make_world()
    codes = add_departments(world.cycle, rows // len(ANSWERS))
    action_class = per_row_action() if approach == "per-row" else ImportAnswers
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.csv"
        for phase, values in (("create", ANSWERS), ("update", CHANGED)):
            n = write_answers(path, codes, values)
            action = action_class(world.cycle, world.users["analyst"], path, "answers.csv")
            t0 = time.perf_counter()
            report = action.execute()
            total = time.perf_counter() - t0
            assert report.created + report.updated == n, report
            out[phase] = {"rows": n, "total": total, "lock": action.write_seconds}
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def run_child(db: str, approach: str, rows: int) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--one", db, approach, "--rows", str(rows)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        sys.exit(f"{db} {approach} failed:\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--databases", default="sqlite,postgres")
    ap.add_argument("--postgres", default=PG_DEFAULT)
    ap.add_argument("--one", nargs=2, metavar=("DATABASE", "APPROACH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], args.one[1], args.rows)))
        return
    print(f"answers import of {args.rows:,} rows (10 inputs per department), then the same rows changed")
    print(
        f"{'database':<10} {'approach':<8} {'import':<7} {'total s':>8} {'lock s':>8} {'rows/s':>9} "
        f"{'peak MB':>8}"
    )
    for name in args.databases.split(","):
        db = "sqlite" if name == "sqlite" else args.postgres
        if name != "sqlite":
            prepare_postgres(db)
        results = {approach: run_child(db, approach, args.rows) for approach in ("bulk", "per-row")}
        for approach, r in results.items():
            for phase in ("create", "update"):
                m = r[phase]
                print(
                    f"{name:<10} {approach:<8} {phase:<7} {m['total']:>8.2f} {m['lock']:>8.2f} "
                    f"{m['rows'] / m['total']:>9,.0f} {r['peak_mb']:>8.0f}"
                )
        new, old = results["bulk"], results["per-row"]
        for phase in ("create", "update"):
            print(
                f"{name:<10} ratio per-row / bulk, {phase}: total "
                f"{old[phase]['total'] / new[phase]['total']:.1f}x, "
                f"lock held {old[phase]['lock'] / new[phase]['lock']:.1f}x"
            )
        print(f"{name:<10} ratio per-row / bulk, peak memory {old['peak_mb'] / new['peak_mb']:.2f}x")


if __name__ == "__main__":
    main()
