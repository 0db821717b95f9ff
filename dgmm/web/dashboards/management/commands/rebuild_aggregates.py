"""`python -m dgmm.web rebuild_aggregates`: make the public aggregates of every published cycle again
(docs/public-data.md), e.g. after an upgrade that changed them or for cycles published before they
were kept."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dgmm.web.dashboards.public import rebuild_all


class Command(BaseCommand):
    help = "Make the public aggregates of every published cycle again."

    def handle(self, *args: Any, **options: Any) -> None:
        n = rebuild_all()
        self.stdout.write(f"public aggregates made for {n} published cycle(s)")
