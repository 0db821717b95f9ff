"""`refresh_checks CYCLE [--all]`: check the submitted answers of a cycle again and store the flags."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dgmm.web.checks.evaluation import CHECKED_STATUSES, refresh, stale
from dgmm.web.cycles.models import Cycle, Participation


class Command(BaseCommand):
    help = (
        "Check the submitted answers of a cycle against the framework's consistency checks; store the flags."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cycle", help="cycle code")
        parser.add_argument("--all", action="store_true", help="check every submission, changed or not")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            cycle = Cycle.objects.get(code=options["cycle"])
        except Cycle.DoesNotExist:
            raise CommandError(f"unknown cycle {options['cycle']!r}") from None
        if options["all"]:
            ps = list(
                Participation.objects.filter(cycle=cycle, status__in=CHECKED_STATUSES).select_related(
                    "agency__parent", "cycle"
                )
            )
        else:
            ps = stale(cycle)
        raised = refresh(ps)
        self.stdout.write(f"{cycle.code}: checked {len(ps)} submissions; {raised} flags raised")
