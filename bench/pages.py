"""Server time of the analysts' and parent departments' overview pages for a cycle of 2,000 agencies.

    .venv/bin/python bench/pages.py [--agencies 2000] [--children 200] [--requests 30]
                                    [--database sqlite|postgres://...]

In one process (Django's test client, no network): a fresh database (SQLite file, or the PostgreSQL
database named, which is flushed), the tests' small world plus N agencies in 77 provinces and
2 ministries, `--children` of them under the parent department whose home is measured, every agency
in the open cycle with a mix of statuses, and an audit log of 10 answer entries and a status change
per agency. Then each page is requested `--requests` times after 3 warm-up requests, and the median
and p95 of the server time (request to response, template rendered) and the page's number of
queries are printed, with the median CPU time of this process per request (the server's work, and
SQLite's, which runs inside it; PostgreSQL's own processes are not counted), which other work on the
machine changes much less than the elapsed times:

- the cycle page as an analyst (first page of 50 agencies, counts by status),
- the same page filtered (status, province and a name search), and its 20th page,
- the cycle list (every cycle counted by status) as an analyst,
- a parent department's home (its agencies per cycle, with counts),
- the audit log (newest 100 entries with readable labels), and filtered to a cycle's answers.

Goal: every page under 300 ms median on 2 cores, with the same number of queries as a small cycle.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STATUSES = ["not_started"] * 3 + ["in_progress"] * 3 + ["submitted"] * 2 + ["returned", "approved"]
AGENCY_FIELDS = (
    *("code", "name_th", "name_en", "tier", "ministry_id", "province_id", "parent_id", "agency_type"),
    "is_active",
)
CODES = ("C1", "C2", "C3", "N1", "N2", "N3", "N4", "U1", "M1", "S1")


def prepare_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def insert_offices(n: int, place: Callable[[int], tuple[int, int, int]]) -> list[int]:
    """N PCIO agencies coded bench-00000 ..., office i under `place(i)` = (ministry, province, parent
    department) primary keys, inserted in bulk; their primary keys."""
    from dgmm.web.bulk import insert_many
    from dgmm.web.registry.models import Agency

    insert_many(
        Agency,
        AGENCY_FIELDS,
        (
            (f"bench-{i:05d}", f"สำนักงานทดสอบที่ {i}", f"Test office {i}", "pcio", *place(i), "", True)
            for i in range(n)
        ),
    )
    return list(Agency.objects.filter(code__startswith="bench-").values_list("pk", flat=True))


def build(n: int, children: int) -> Any:
    """The tests' world plus n agencies in the open cycle, statuses mixed, and their audit entries."""
    from django.core.management import call_command
    from django.db import connection

    from dgmm.web.bulk import insert_many
    from dgmm.web.cycles.audit import record_many
    from dgmm.web.cycles.models import AuditEntry, Participation
    from dgmm.web.registry.models import Ministry, Province
    from tests.web.conftest import make_world

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    world = make_world()
    rng = random.Random(2566)
    provinces = [world.pcio_a1.province, world.pcio_a2.province]
    provinces += Province.objects.bulk_create(
        Province(code=f"BP-{i:02d}", name_th=f"จังหวัด {i}", name_en=f"Province {i}") for i in range(10, 85)
    )
    ministries = list(Ministry.objects.all())
    agencies = insert_offices(
        n,
        lambda i: (
            ministries[i % 2].pk,
            provinces[i % len(provinces)].pk,
            (world.dept_a if i < children else world.dept_b).pk,
        ),
    )
    insert_many(
        Participation,
        ("cycle_id", "agency_id", "status", "updated_at"),
        ((world.cycle.pk, pk, rng.choice(STATUSES), world.cycle.opens_at) for pk in agencies),
    )
    actor = world.users["admin"]
    record_many(
        AuditEntry.Kind.ANSWER,
        ((code, pk, None, str(rng.randint(1, 90))) for pk in agencies for code in CODES),
        actor=actor,
        cycle_id=world.cycle.pk,
    )
    record_many(
        AuditEntry.Kind.STATUS,
        (("status", pk, "not_started", "in_progress") for pk in agencies),
        actor=actor,
        cycle_id=world.cycle.pk,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    return world


def measure(client: Any, url: str, requests: int) -> tuple[float, float, float, int, int]:
    """(median ms, p95 ms, median CPU ms of this process, queries, bytes) of `requests` GETs after 3
    warm-up requests."""
    from django.db import connection

    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    queries = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    times, cpu = [], []
    for _ in range(requests):
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, statistics.median(cpu), len(queries), len(response.content)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--agencies", type=int, default=2000)
    ap.add_argument("--children", type=int, default=200, help="agencies under the measured parent department")
    ap.add_argument("--requests", type=int, default=30)
    ap.add_argument("--database", default="sqlite", help="sqlite, or a PostgreSQL URL (flushed)")
    args = ap.parse_args()
    if args.database != "sqlite":
        prepare_postgres(args.database)
    os.environ["DJANGO_SETTINGS_MODULE"] = "dgmm.web.settings.test"
    os.environ["DGMM_TEST_DATABASE"] = args.database
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from tests.web.conftest import ALL_TYPES, MINI

    settings.DGMM_FRAMEWORK_PATHS = [str(ALL_TYPES), str(MINI)]
    settings.LANGUAGE_CODE = "th"
    t0 = time.perf_counter()
    world = build(args.agencies, args.children)
    print(
        f"{connection.vendor}: a cycle of {args.agencies + 5:,} agencies "
        f"({args.children} under the parent department), built in {time.perf_counter() - t0:.1f} s; "
        f"{args.requests} requests per page"
    )
    cycle = reverse("cycles:detail", kwargs={"cycle": world.cycle.code})
    home, audit = reverse("cycles:list"), reverse("audit:log")
    pages = [
        ("analyst", "cycle page", cycle),
        ("analyst", "cycle page, filtered", f"{cycle}?status=submitted&province=BP-42&q=office+1"),
        ("analyst", "cycle page, page 20", f"{cycle}?page=20"),
        ("analyst", "cycle list", reverse("cycles:list")),
        ("parent_a", "parent department's home", reverse("cycles:list")),
        (
            "parent_a",
            "parent's home, filtered",
            f"{home}?status=in_progress&province=TH-50",
        ),
        ("analyst", "audit log", reverse("audit:log")),
        (
            "analyst",
            "audit log, cycle answers",
            f"{audit}?cycle={world.cycle.code}&kind=answer",
        ),
    ]
    print(f"load average {os.getloadavg()[0]:.1f} (other work on the machine makes the times longer)")
    print(f"{'page':<28} {'user':<9} {'median ms':>9} {'p95 ms':>8} {'cpu ms':>7} {'queries':>7} {'KB':>6}")
    clients: dict[str, Client] = {}
    for user, name, url in pages:
        if user not in clients:
            clients[user] = Client()
            clients[user].force_login(world.users[user])
        median, p95, cpu, queries, size = measure(clients[user], url, args.requests)
        print(f"{name:<28} {user:<9} {median:>9.1f} {p95:>8.1f} {cpu:>7.1f} {queries:>7} {size / 1024:>6.0f}")


if __name__ == "__main__":
    main()
