"""E-mail figures: deadline reminders for a cycle of many agencies, and invitations from a file of people.

In a fresh database (SQLite in a temporary directory, or --postgres URL, emptied first), it makes the
test world and N more departments taking part in its cycle, each with one respondent with an
address, sets the deadline 7 days ahead, then times (wall clock, and this process's CPU time: on a
busy machine the first overstates) `remind --dry-run` (finding what is due), `remind`
(recording and composing every e-mail, Thai then English; sent to Django's in-memory backend, so the
mail server's own time is not counted), a second `remind` (nothing left to send), and inviting a
file of M people (checking every row, saving, composing the e-mails).

    .venv/bin/python bench/notices.py [--agencies 2000] [--people 1000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure this checkout's dgmm


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agencies", type=int, default=2000)
    ap.add_argument("--people", type=int, default=1000)
    ap.add_argument("--postgres", default="")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dgmm-bench-notices-"))
    os.environ["DATABASE_URL"] = args.postgres or f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["DGMM_VAR_DIR"] = str(tmp)
    os.environ["DGMM_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["DGMM_INVITE_MAX_ROWS"] = str(args.people)
    os.environ["DJANGO_SETTINGS_MODULE"] = "dgmm.web.settings.local"
    import django

    django.setup()
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    settings.DGMM_FRAMEWORK_PATHS = [str(ROOT / "tests" / "web" / "data" / "all-types.yaml")]
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)
    mail.outbox = []

    from dgmm.web.accounts.actions import InvitePeople
    from dgmm.web.accounts.models import Role, User
    from dgmm.web.cycles.models import Cycle
    from dgmm.web.registry.models import Agency
    from tests.web.bulk_support import add_departments
    from tests.web.conftest import make_world

    world = make_world()
    codes = add_departments(world.cycle, args.agencies)
    agencies = Agency.objects.filter(code__startswith="bulk-").values_list("code", "pk")
    User.objects.bulk_create(
        [
            User(username=f"r-{c}", email=f"r-{c}@x.go.th", role=Role.RESPONDENT, agency_id=pk)
            for c, pk in agencies
        ],
        batch_size=1000,
    )
    Cycle.objects.filter(pk=world.cycle.pk).update(closes_at=timezone.now() + timedelta(days=7, hours=1))

    def timed(label: str, *command: str) -> None:
        out = io.StringIO()
        start, cpu = time.perf_counter(), time.process_time()
        call_command(*command, stdout=out)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"{label:<34} {took:7.2f} s ({cpu:.2f} s CPU)   {out.getvalue().strip().splitlines()[-1]}")

    print(f"database: {connection.vendor}; {args.agencies:,} agencies with a respondent each")
    timed("remind --dry-run", "remind", "--dry-run")
    timed("remind", "remind", "--yes")
    print(f"{'':<34} {len(mail.outbox):,} e-mails composed and handed to the backend")
    timed("remind again (nothing due)", "remind", "--yes")

    path = tmp / "people.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("email,name,role,agency\n")
        for i in range(args.people):
            fh.write(f"person{i}@x.go.th,Person {i},respondent,{codes[i % len(codes)]}\n")
    mail.outbox = []
    start, cpu = time.perf_counter(), time.process_time()
    report = InvitePeople(world.users["analyst"], path).execute()
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    label = "invite a file of people"
    done = f"{report.invited:,} invited, {len(mail.outbox):,} e-mails"
    print(f"{label:<34} {took:7.2f} s ({cpu:.2f} s CPU)   {done}")


if __name__ == "__main__":
    main()
