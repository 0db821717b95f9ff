"""`python -m dgmm.web restore FILE`: check an archive, then load it into this empty instance.

`restore --check FILE` only checks the archive's checksums and says what it holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from dgmm.web.operations.archive import ArchiveReader, BackupError
from dgmm.web.operations.confirm import ask
from dgmm.web.operations.progress import progress_on, raw_stream
from dgmm.web.operations.restore import RestorePlan, plan_restore, restore


def describe(manifest: dict[str, Any]) -> str:
    members = manifest["members"]
    return _(
        "made %(when)s on %(engine)s by product %(version)s: %(rows)d rows of %(tables)d tables, "
        "%(evidence)d evidence files, %(results)d results files"
    ) % {
        "when": manifest["created_at"],
        "engine": manifest["database"]["vendor"],
        "version": manifest["product_version"],
        "rows": sum(m.get("rows", 0) for m in members),
        "tables": sum(1 for m in members if m["kind"] == "data"),
        "evidence": sum(1 for m in members if m["kind"] == "evidence"),
        "results": sum(1 for m in members if m["kind"] == "results"),
    }


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty, migrated instance (after checking every checksum), "
        "or with --check only check the archive."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--check", action="store_true", help="check the archive's checksums; load nothing"
        )
        parser.add_argument(
            "--yes", "--noinput", dest="yes", action="store_true", help="do not ask for confirmation"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        path = opts["archive"]
        try:
            with progress_on(raw_stream(self.stderr), enabled=opts["verbosity"] > 0) as start:
                if opts["check"]:
                    self._check(path, start)
                    return
                plan = plan_restore(path, start)
            for warning in plan.warnings:
                self.stderr.write(_("warning: %(warning)s") % {"warning": warning})
            if not opts["yes"]:
                self._confirm(path, plan)
            with progress_on(raw_stream(self.stderr), enabled=opts["verbosity"] > 0) as start:
                restore(plan, start)
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            _("Restored %(path)s: %(rows)d rows, %(files)d files.")
            % {"path": path, "rows": plan.rows, "files": len(plan.files)}
        )

    def _check(self, path: Path, start: Any) -> None:
        reader = ArchiveReader(path)
        try:
            reader.verify(start(_("checking"), reader.total_bytes()))
        finally:
            reader.close()
        self.stdout.write(
            _("%(path)s is complete: every checksum matches; %(description)s.")
            % {"path": path, "description": describe(reader.manifest)}
        )

    def _confirm(self, path: Path, plan: RestorePlan) -> None:
        self.stdout.write(
            _(
                "Restore %(path)s (%(description)s) into the %(engine)s database %(database)s, evidence "
                "files into "
                "%(evidence)s and results files into %(results)s. Every account, answer and audit entry of "
                "the "
                "archive becomes this instance's; it cannot be undone from this command."
            )
            % {
                "path": path,
                "description": describe(plan.reader.manifest),
                "engine": connection.vendor,
                "database": connection.settings_dict["NAME"],
                "evidence": settings.EVIDENCE_ROOT,
                "results": settings.RESULTS_DIR,
            }
        )
        try:
            ask(_("Type yes to restore: "), _("Not restored"))
        except CommandError:
            plan.reader.close()
            raise
