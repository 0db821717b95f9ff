"""`python -m dgmm.web backup -o FILE`: one archive of the data, evidence files and results files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dgmm.web.operations.archive import BackupError
from dgmm.web.operations.backup import write_backup
from dgmm.web.operations.progress import progress_on, raw_stream


class Command(BaseCommand):
    help = (
        "Write a backup archive (zip): every table, the evidence and results files, and a manifest of "
        "their checksums. The secret key is not included: keep it separately."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("-o", "--output", required=True, type=Path, help="the archive to write (.zip)")

    def handle(self, *args: Any, **opts: Any) -> None:
        path = opts["output"]
        try:
            with progress_on(raw_stream(self.stderr), enabled=opts["verbosity"] > 0) as start:
                summary = write_backup(path, start)
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        for warning in summary.warnings:
            self.stderr.write(_("warning: %(warning)s") % {"warning": warning})
        m = summary.manifest
        self.stdout.write(
            _(
                "%(path)s: %(rows)d rows of %(tables)d tables, %(evidence)d evidence files, %(results)d "
                "results "
                "files, %(bytes)d bytes. The secret key is not in the archive (fingerprint %(fingerprint)s): "
                "keep it separately."
            )
            % {
                "path": path,
                "rows": summary.rows,
                "tables": summary.count("data"),
                "evidence": summary.count("evidence"),
                "results": summary.count("results"),
                "bytes": path.stat().st_size,
                "fingerprint": m["secret_key_fingerprint"],
            }
        )
