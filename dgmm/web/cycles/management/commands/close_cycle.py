"""`python -m dgmm.web close_cycle CODE --user NAME [--policy submitted|approved|all]`: close and score a
cycle outside a web request."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dgmm import DgmmError
from dgmm.web.accounts.models import User
from dgmm.web.actions import ActionError
from dgmm.web.cycles.actions import CloseCycle
from dgmm.web.cycles.models import Cycle, ScoringPolicy


class Command(BaseCommand):
    help = (
        "Close a cycle: score every tier with dgmm.score_cycle and freeze the results (as the given analyst)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("code")
        parser.add_argument("--user", required=True, help="the analyst the audit log names")
        parser.add_argument(
            "--policy",
            choices=ScoringPolicy.values,
            help="whose answers count: submitted (submitted and approved), approved, or all (drafts "
            "included, not for official results); default: the cycle's recorded policy",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            cycle = Cycle.objects.get(code=opts["code"])
            user = User.objects.get(username=opts["user"])
            action = CloseCycle(cycle, user, opts.get("policy"))
            results = action.execute()
        except (Cycle.DoesNotExist, User.DoesNotExist) as exc:
            raise CommandError(str(exc)) from exc
        except (ActionError, DgmmError) as exc:
            raise CommandError(getattr(exc, "message", str(exc))) from exc
        for r in results:
            cohort = r.document["cohort"]
            self.stdout.write(
                f"{cycle.code} {r.tier}: {cohort['scored']} of {cohort['invited']} agencies scored "
                f"(policy {cycle.scoring_policy}; "
                + ", ".join(f"{k} {v}" for k, v in (cohort.get("statuses") or {}).items())
                + ")"
            )
        if action.invalid:
            self.stdout.write(
                f"{len(action.invalid)} stored answers do not fit their question; the topics that use "
                "them are undetermined:"
            )
            for line in action.invalid:
                self.stdout.write(f"  {line}")
