"""Server time of the plan view for a closed cycle of 2,000 agencies.

    .venv/bin/python bench/plans.py [--agencies 2000] [--requests 20] [--database sqlite|postgres://...]

In one process (Django's test client, no network): a fresh database (SQLite file, or the PostgreSQL
database named, which is flushed), the tests' small world plus N PCIO agencies answering the test
framework with random answers, every participation submitted, the cycle closed (scored by the core) and
published, and a plan item for every tenth agency. Then, as one agency's respondent, each request is
made `--requests` times after 3 warm-ups, and the median and p95 server time and the number of queries
are printed:

- the plan view (GET: the questions with the answers now, the plan items, the earlier plans),
- a projection of one planned answer change (POST "project"),
- a target search for a topic's next level (POST "project" with a target),
- the analysts' plans page of the cycle (by PMQA item and topic),
- the plan as PDF (the plan's projection, the radar chart, Typst) and as XLSX, side by side with the
  plan view (ratio to its median).

Goal: the plan view under 150 ms median.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import prepare_postgres  # noqa: E402


def answers(rng: random.Random) -> dict[str, str]:
    return {
        "C1": rng.choice(["a", "b"]),
        "C2": rng.choice(["x", "x|y", "y|z", "x|y|z"]),
        "C3": rng.choice(["yes", "no"]),
        "N1": str(rng.randint(0, 50)),
        "N2": str(rng.randint(-10, 10)),
        "N3": str(rng.randint(0, 100)),
        "N4": str(rng.randint(2550, 2566)),
        "U1": "https://example.go.th",
        "M1": rng.choice(["r1:k1", "r1:k1|r1:k2", "r1:k1|r2:k1"]),
    }


def build(n: int) -> Any:
    from django.core.management import call_command
    from django.db import connection

    from dgmm.web.accounts.models import Role, User
    from dgmm.web.bulk import insert_many
    from dgmm.web.cycles.actions import CloseCycle, PublishCycle
    from dgmm.web.cycles.models import Answer, Participation
    from dgmm.web.plans.models import PlanItem
    from dgmm.web.registry.models import Agency
    from tests.web.conftest import COMPLETE, make_world
    from tests.web.submitted import submit_everyone

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    world = make_world()
    rng = random.Random(2566)
    insert_many(
        Agency,
        (
            "code",
            "name_th",
            "name_en",
            "tier",
            "ministry_id",
            "province_id",
            "parent_id",
            "agency_type",
            "is_active",
        ),
        (
            (
                f"bench-{i:05d}",
                f"สำนักงานทดสอบที่ {i}",
                f"Test office {i}",
                "pcio",
                world.pcio_a1.ministry_id,
                world.pcio_a1.province_id,
                world.dept_a.pk,
                "",
                True,
            )
            for i in range(n)
        ),
    )
    agencies = list(Agency.objects.filter(code__startswith="bench-").values_list("pk", flat=True))
    insert_many(
        Participation,
        ("cycle_id", "agency_id", "status", "updated_at"),
        ((world.cycle.pk, pk, "submitted", world.cycle.opens_at) for pk in agencies),
    )
    now = world.cycle.opens_at
    rows = [(world.cycle.pk, world.dept_a.pk, c, "agency", v, 1, now) for c, v in COMPLETE.items()]
    rows += [(world.cycle.pk, pk, c, "agency", v, 1, now) for pk in agencies for c, v in answers(rng).items()]
    insert_many(Answer, ("cycle_id", "agency_id", "code", "source", "value", "version", "updated_at"), rows)
    submit_everyone(world.cycle)
    CloseCycle(world.cycle, world.users["analyst"]).execute()
    PublishCycle(world.cycle, world.users["analyst"]).execute()
    PlanItem.objects.bulk_create(
        PlanItem(
            cycle=world.cycle,
            agency_id=pk,
            topic=rng.choice(["P1.SP1.T1", "P1.SP1.T2", "P1.SP1.T3"]),
            level_now=2,
            target_level=4,
            pmqa_items=["PMQA4.4"],
        )
        for pk in agencies[::10]
    )
    me = Agency.objects.get(code="bench-00001")
    PlanItem.objects.bulk_create(  # the measured agency's plan: three items, one answer change each
        PlanItem(
            cycle=world.cycle,
            agency=me,
            topic=topic,
            level_now=2,
            target_level=4,
            actions_th="เพิ่มบริการออนไลน์",
            actions_en="More services online",
            changes=changes,
            pmqa_items=["PMQA4.4", "PMQA6.1"],
            owner="คุณสมชาย",
            responsible_unit="ศูนย์เทคโนโลยีสารสนเทศ",
        )
        for topic, changes in (
            ("P1.SP1.T1", {"C1": "b"}),
            ("P1.SP1.T2", {"N3": 85}),
            ("P1.SP1.T3", {"U1": "https://example.go.th"}),
        )
    )
    user = User.objects.create_user("bench_resp", password="x" * 20, role=Role.RESPONDENT, agency=me)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    return world, user


def measure(
    client: Any, method: str, url: str, data: dict[str, Any], requests: int
) -> tuple[float, float, int]:
    from django.db import connection

    def call() -> Any:
        response = client.post(url, data) if method == "POST" else client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    for _ in range(3):
        call()
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        call()
    times = []
    for _ in range(requests):
        t0 = time.perf_counter()
        call()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], len(queries)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--agencies", type=int, default=2000)
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--database", default="sqlite", help="sqlite, or a PostgreSQL URL (flushed)")
    args = ap.parse_args()
    if args.database != "sqlite":
        prepare_postgres(args.database)
    os.environ["DJANGO_SETTINGS_MODULE"] = "dgmm.web.settings.test"
    os.environ["DGMM_TEST_DATABASE"] = args.database
    import django

    django.setup()
    import tempfile

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from tests.web.conftest import ALL_TYPES, MINI

    settings.DGMM_FRAMEWORK_PATHS = [str(ALL_TYPES), str(MINI)]
    settings.RESULTS_DIR = Path(tempfile.mkdtemp(prefix="dgmm-bench-plans-"))
    settings.LANGUAGE_CODE = "th"
    t0 = time.perf_counter()
    world, user = build(args.agencies)
    print(
        f"{connection.vendor}: a closed cycle of {args.agencies + 5:,} agencies, "
        f"built in {time.perf_counter() - t0:.1f} s"
    )
    client = Client()
    client.force_login(user)
    plan = reverse("plans:plan", kwargs={"cycle": world.cycle.code, "agency": "bench-00001"})
    analyst = Client()
    analyst.force_login(world.users["analyst"])
    print(f"load average {os.getloadavg()[0]:.1f} (other work on the machine makes the times longer)")
    print(f"{'request':<32} {'median ms':>9} {'p95 ms':>8} {'queries':>7} {'x plan view':>11}")
    kw = {"cycle": world.cycle.code, "agency": "bench-00001"}
    base = 0.0
    for name, c, method, url, data in [
        ("plan view (GET)", client, "GET", plan, {}),
        (
            "projection of one change",
            client,
            "POST",
            plan,
            {"mode": "changes", "tick": ["N3"], "value-N3": "85", "project": "1"},
        ),
        (
            "target search (topic +1)",
            client,
            "POST",
            plan,
            {"mode": "target", "target": "P1.SP1.T2", "level": "5", "project": "1"},
        ),
        (
            "analysts' plans page",
            analyst,
            "GET",
            reverse("plans:overview", kwargs={"cycle": world.cycle.code}),
            {},
        ),
        ("plan PDF (Thai)", client, "GET", reverse("plans:pdf", kwargs=kw) + "?lang=th", {}),
        ("plan XLSX (Thai)", client, "GET", reverse("plans:xlsx", kwargs=kw) + "?lang=th", {}),
    ]:
        median, p95, queries = measure(c, method, url, data, args.requests)
        base = base or median
        print(f"{name:<32} {median:>9.1f} {p95:>8.1f} {queries:>7} {median / base:>11.1f}")


if __name__ == "__main__":
    main()
