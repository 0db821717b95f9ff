"""`python -m dgmm.web load_demo`: load the demonstration cycle once, then print the demo accounts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dgmm.web.cycles.demo import demo_users, load_demo


class Command(BaseCommand):
    help = "Load a simulated national cycle (real ministries and provinces) and print demo accounts."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--departments", type=int, default=60)
        parser.add_argument("--pcios", type=int, default=24)
        parser.add_argument("--seed", type=int, default=2566)

    def handle(self, *args: Any, **opts: Any) -> None:
        loaded = load_demo(opts["departments"], opts["pcios"], opts["seed"], say=self.stdout.write)
        if not loaded:
            self.stdout.write("demonstration data already loaded")
        users = demo_users()
        self.stdout.write("")
        self.stdout.write("Demo accounts (passwords are new on every run):")
        for u in users:
            self.stdout.write(f"  {u.role:<11} {u.username:<12} {u.password:<14} {u.agency}")
