"""Server time of the plan view and the results pages for a closed cycle of 2,000 agencies.

    .venv/bin/python bench/plans.py [--framework dept-2566|test] [--agencies 2000] [--requests 20]
                                    [--database sqlite|postgres://...]

In one process (Django's test client, no network): a fresh database (SQLite file, or the PostgreSQL
database named, which is flushed) with the tests' small world and

- ``--framework dept-2566`` (the default, a realistic cycle): a cycle of N department-level agencies
  answering the shipped dept-2566 questionnaire with simulated answers (``dgmm.simulate``: 91 inputs,
  33 topics; a results document of about 10 MB), every participation submitted, the cycle closed
  (scored by the core) and published, a plan item for every tenth agency, and the measured agency's
  plan of three items (a "no" answer made "yes" each);
- ``--framework test``: N PCIO agencies answering the tests' small framework (3 topics) with random
  answers, as above.

Then, as the measured agency's respondent (or an analyst), each request is made: with the frozen
results documents not kept (``DGMM_FROZEN_RESULTS_CACHE = 0``: every request fetches and parses the
document, as before they were kept) `--requests` times after 3 warm-ups; then with them kept (the
setting's default), the first request after emptying the memory (cold) and `--requests` more (warm).
Medians and p95 server times, the queries of one warm request and the ratio of the medians are printed:

- the plan view (GET: the questions with the answers now, the plan items, the earlier plans),
- a projection of one planned answer change (POST "project"),
- a target search for a topic's next level (POST "project" with a target),
- the analysts' plans page of the cycle (by PMQA item and topic),
- the plan as PDF (the plan's projection, the radar chart, Typst) and as XLSX,
- the agency's result page, and the results page (the agency's respondent; an analyst: every agency).

Goal: the plan view under 150 ms median.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import insert_offices, prepare_postgres  # noqa: E402


@dataclass
class Scenario:
    """The built cycle: its code, the measured agency, its respondent, an analyst, and the POST data of
    a projection of one change and of a target search."""

    cycle: str
    agency: str
    respondent: Any
    analyst: Any
    projection: dict[str, Any]
    target: dict[str, Any]


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


def build_test(n: int) -> Scenario:
    """N PCIO agencies on the tests' small framework (module docstring)."""
    from django.core.management import call_command

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
    agencies = insert_offices(
        n, lambda i: (world.pcio_a1.ministry_id, world.pcio_a1.province_id, world.dept_a.pk)
    )
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
    analyze()
    return Scenario(
        world.cycle.code,
        me.code,
        user,
        world.users["analyst"],
        {"mode": "changes", "tick": ["N3"], "value-N3": "85", "project": "1"},
        {"mode": "target", "target": "P1.SP1.T2", "level": "5", "project": "1"},
    )


def analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")


def build_dept(n: int) -> Scenario:
    """N department-level agencies answering the shipped dept-2566 with simulated answers (module
    docstring)."""
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from dgmm import load_framework
    from dgmm.reports.cycle import registry_names
    from dgmm.simulate import simulate_cycle
    from dgmm.web.accounts.models import Role, User
    from dgmm.web.bulk import insert_many
    from dgmm.web.cycles.actions import CloseCycle, PublishCycle
    from dgmm.web.cycles.models import Answer, Cycle, CycleFramework, CycleStatus, Participation
    from dgmm.web.plans.models import PlanItem
    from tests.web.conftest import make_world
    from tests.web.dashboards.trend_world import add_agencies

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    world = make_world()
    ministries = sorted(registry_names().ministries)
    agencies = add_agencies(
        "bench", "department", [(ministries[i % len(ministries)], "TH-10") for i in range(n)]
    )
    now = timezone.now()
    cycle = Cycle.objects.create(
        code="d2566",
        year=2566,
        name_th="รอบสำรวจหน่วยงานระดับกรม 2566",
        name_en="Department survey 2566",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
        status=CycleStatus.OPEN,
    )
    CycleFramework.objects.create(cycle=cycle, tier="department", framework="dept-2566")
    fw = load_framework("dept-2566")
    sim = simulate_cycle(fw, n, seed=2566)
    sim_ids = [a["id"] for a in sim.agencies if a["tier"] == "department"]
    flat = dict(sim.rows)
    raw: dict[str, dict[str, str]] = {}
    for a, sid in zip(agencies, sim_ids, strict=False):
        row = flat.get(sid, [])
        raw[a.code] = dict(zip(row[::2], row[1::2], strict=True))
    insert_many(
        Participation,
        ("cycle_id", "agency_id", "status", "updated_at"),
        ((cycle.pk, a.pk, "submitted", now) for a in agencies),
    )
    insert_many(
        Answer,
        ("cycle_id", "agency_id", "code", "source", "value", "version", "updated_at"),
        ((cycle.pk, a.pk, c, "agency", v, 1, now) for a in agencies for c, v in raw.get(a.code, {}).items()),
    )
    CloseCycle(cycle, world.users["analyst"]).execute()
    PublishCycle(cycle, world.users["analyst"]).execute()
    topics = [t.id for t in fw.iter_topics()]
    rng = random.Random(2566)
    PlanItem.objects.bulk_create(
        PlanItem(
            cycle=cycle,
            agency=a,
            topic=rng.choice(topics),
            level_now=2,
            target_level=4,
            pmqa_items=["PMQA4.4"],
        )
        for a in agencies[::10]
    )

    def noes(code: str) -> list[str]:
        return [c for c, v in raw.get(code, {}).items() if v == "no" and fw.inputs[c].type == "yes_no"]

    me = next(a for a in agencies[1:] if len(noes(a.code)) >= 4)
    mine = noes(me.code)
    PlanItem.objects.bulk_create(  # the measured agency's plan: three items, one answer change each
        PlanItem(
            cycle=cycle,
            agency=me,
            topic=fw.inputs[code].topic_id,
            level_now=2,
            target_level=4,
            actions_th="เพิ่มบริการออนไลน์",
            actions_en="More services online",
            changes={code: True},
            pmqa_items=["PMQA4.4", "PMQA6.1"],
            owner="คุณสมชาย",
            responsible_unit="ศูนย์เทคโนโลยีสารสนเทศ",
        )
        for code in mine[:3]
    )
    user = User.objects.create_user("bench_resp", password="x" * 20, role=Role.RESPONDENT, agency=me)
    doc = cycle.results.get().document
    record = next(r for r in doc["agencies"] if r["id"] == me.code)
    topic = next(t for t in topics if ((record["topics"].get(t) or {}).get("level") or 5) < 5)
    level = record["topics"][topic]["level"] + 1
    analyze()
    return Scenario(
        cycle.code,
        me.code,
        user,
        world.users["analyst"],
        {"mode": "changes", "tick": [mine[3]], f"value-{mine[3]}": "yes", "project": "1"},
        {"mode": "target", "target": topic, "level": str(level), "project": "1"},
    )


def measure(
    client: Any, method: str, url: str, data: dict[str, Any], requests: int, cold: bool
) -> tuple[float | None, float, float, int]:
    """(the first request after emptying the kept documents when `cold`, median, p95, queries of one)."""
    from django.db import connection

    from dgmm.web.cycles import frozen

    def call() -> float:
        t0 = time.perf_counter()
        response = client.post(url, data) if method == "POST" else client.get(url)
        took = (time.perf_counter() - t0) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return took

    first = None
    if cold:
        frozen.forget()
        first = call()
    for _ in range(3):
        call()
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        call()
    times = sorted(call() for _ in range(requests))
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return first, statistics.median(times), p95, len(queries)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--framework", choices=["dept-2566", "test"], default="dept-2566")
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

    from dgmm.web.cycles.models import CycleResult
    from tests.web.conftest import ALL_TYPES, MINI

    settings.DGMM_FRAMEWORK_PATHS = [str(ALL_TYPES), str(MINI)]
    settings.RESULTS_DIR = Path(tempfile.mkdtemp(prefix="dgmm-bench-plans-"))
    settings.LANGUAGE_CODE = "th"
    kept = settings.DGMM_FROZEN_RESULTS_CACHE
    t0 = time.perf_counter()
    sc = build_dept(args.agencies) if args.framework == "dept-2566" else build_test(args.agencies)
    res = CycleResult.objects.filter(cycle__code=sc.cycle).order_by("-pk").values_list("document", flat=True)
    raw = json.dumps(res[0])
    t1 = time.perf_counter()
    json.loads(raw)
    parse = (time.perf_counter() - t1) * 1000
    print(
        f"{connection.vendor}: a closed cycle of {args.agencies:,} agencies on {args.framework}, "
        f"built in {time.perf_counter() - t0:.1f} s; results document {len(raw) / 1e6:.1f} MB of JSON, "
        f"parsed in {parse:.0f} ms"
    )
    client = Client()
    client.force_login(sc.respondent)
    analyst = Client()
    analyst.force_login(sc.analyst)
    kw = {"cycle": sc.cycle, "agency": sc.agency}
    plan = reverse("plans:plan", kwargs=kw)
    print(f"load average {os.getloadavg()[0]:.1f} (other work on the machine makes the times longer)")
    print(
        f"{'request':<32} {'not kept: median':>16} {'p95':>7} | {'kept: cold':>10} {'median':>7} "
        f"{'p95':>7} {'queries':>7} {'x faster':>8}"
    )
    for name, c, method, url, data in [
        ("plan view (GET)", client, "GET", plan, {}),
        ("projection of one change", client, "POST", plan, sc.projection),
        ("target search (topic +1)", client, "POST", plan, sc.target),
        ("analysts' plans page", analyst, "GET", reverse("plans:overview", kwargs={"cycle": sc.cycle}), {}),
        ("plan PDF (Thai)", client, "GET", reverse("plans:pdf", kwargs=kw) + "?lang=th", {}),
        ("plan XLSX (Thai)", client, "GET", reverse("plans:xlsx", kwargs=kw) + "?lang=th", {}),
        ("agency result page", client, "GET", reverse("dashboards:agency-result", kwargs=kw), {}),
        (
            "results page (respondent)",
            client,
            "GET",
            reverse("dashboards:results", kwargs={"cycle": sc.cycle}),
            {},
        ),
        (
            "results page (analyst)",
            analyst,
            "GET",
            reverse("dashboards:results", kwargs={"cycle": sc.cycle}),
            {},
        ),
    ]:
        settings.DGMM_FROZEN_RESULTS_CACHE = 0
        _, before, before95, _ = measure(c, method, url, data, args.requests, cold=False)
        settings.DGMM_FROZEN_RESULTS_CACHE = kept
        first, after, after95, queries = measure(c, method, url, data, args.requests, cold=True)
        print(
            f"{name:<32} {before:>16.1f} {before95:>7.1f} | {first or 0:>10.1f} {after:>7.1f} "
            f"{after95:>7.1f} {queries:>7} {before / after:>8.1f}"
        )


if __name__ == "__main__":
    main()
