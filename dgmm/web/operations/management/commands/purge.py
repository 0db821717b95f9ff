"""`python -m dgmm.web purge [--days N] [--dry-run]`: apply the retention rules (docs/operations.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dgmm.web.operations.confirm import ask
from dgmm.web.operations.retention import DEFAULT_DAYS, purge


class Command(BaseCommand):
    help = (
        "Delete the files of evidence removed more than N days ago (their records stay) and expired "
        "sessions; --dry-run says what would go."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_DAYS,
            help="grace period after an evidence file's removal (default %(default)s)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be deleted; delete nothing"
        )
        parser.add_argument(
            "--yes",
            "--noinput",
            dest="yes",
            action="store_true",
            help="do not ask before deleting files (for a scheduled job)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["days"] < 0:
            raise CommandError(_("--days: expected 0 or more days, got %(days)d.") % {"days": opts["days"]})
        dry = opts["dry_run"]
        if not dry and not opts["yes"]:
            planned = purge(opts["days"], dry_run=True)
            if planned.evidence:
                self.stdout.write(
                    _(
                        "%(files)d evidence files removed more than %(days)d days ago will be deleted from "
                        "the disk for good (their records and audit entries stay); a backup made before "
                        "now is the only copy."
                    )
                    % {"files": len(planned.evidence), "days": opts["days"]}
                )
                ask(_("Type yes to delete them: "), _("Nothing deleted"))
        report = purge(opts["days"], dry_run=dry)
        for ev, when in report.evidence:
            self.stdout.write(
                _("%(action)s %(cycle)s/%(agency)s %(name)s (%(size)d bytes, removed %(when)s)")
                % {
                    "action": _("would delete") if dry else _("deleted"),
                    "cycle": ev.cycle.code,
                    "agency": ev.agency.code,
                    "name": ev.original_name,
                    "size": ev.size,
                    "when": f"{when:%Y-%m-%d}",
                }
            )
        summary = (
            _("Dry run: %(files)d evidence files and %(sessions)d expired sessions would be deleted.")
            if dry
            else _("Deleted %(files)d evidence files and %(sessions)d expired sessions.")
        )
        self.stdout.write(summary % {"files": len(report.evidence), "sessions": report.sessions})
