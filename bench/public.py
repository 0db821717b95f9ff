"""Public aggregates and open data speed and size: a simulated cycle of 2,000 agencies per tier.

Simulates and scores a cycle of `--agencies` agencies for each framework (default dept-2566 and
province-2563, each against a previous cycle, about 10 % of agencies not submitting), then measures
the median of `--repeat` runs of: the public aggregates (`dgmm.aggregates.public_aggregates`, with the
answers and previous results), the open data package (CSV tables, XLSX, JSON, datapackage.json;
aggregates only, and with the agency table), and the zip of it; prints the sizes of the files and the
ratios to scoring the cycle once (`score_cycle`, the work a publication follows).

    .venv/bin/python bench/public.py [--agencies 2000] [--repeat 5] [--frameworks dept-2566,province-2563]

With ``--pages``, the public pages' server time instead (Django's test client in this process, no
network; median and p95 of ``--requests`` requests after 3 warm-up requests, and the queries of one):
a fresh database (SQLite file, or the PostgreSQL database named by ``--database``, flushed) with a
cycle of ``--agencies`` agencies (half department-level on dept-2566, half provincial offices) and
3 earlier published cycles (the provincial tier on province-2563 before 2566, on pcio-2566 in 2566:
its trend goes through the shipped crosswalk), agency results published in 2563, 2565 and 2566; then
the public landing page, the cycle's dashboard (when the ``dashboards:dashboard`` URL exists), the
plain results page, the trend pages of a province, a ministry and an agency and their index pages,
the open data files (CSV, XLSX, datapackage.json, zip; first request, made from the stored aggregates,
and then kept in memory) and the national deck (first render, then the cached file), with ratios to
the plain results page.

    .venv/bin/python bench/public.py --pages [--agencies 2000] [--requests 20] [--database sqlite|postgres://...]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure this checkout's dgmm, whatever the environment has installed

from dgmm import load_framework, read_agencies, read_answers, score_cycle  # noqa: E402
from dgmm.aggregates import TierResults, public_aggregates  # noqa: E402
from dgmm.opendata import PackageInfo, frameworks_of, package_files, zip_bytes  # noqa: E402
from dgmm.reports.cycle import registry_names  # noqa: E402
from dgmm.simulate import simulate_cycle, write_csv  # noqa: E402


def median_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def tier(framework: str, n: int) -> tuple[TierResults, float]:
    fw = load_framework(framework)
    docs, answers = [], None
    score_s = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in (2565, 2566):
            d = Path(tmp) / str(seed)
            write_csv(simulate_cycle(fw, n, seed=seed), d)
            agencies = read_agencies(d / "agencies.csv")
            answers = read_answers(d / "answers.csv", fw, {a.id: a.tier for a in agencies})
            rnd = random.Random(seed)
            statuses = {a.id: "submitted" if rnd.random() < 0.9 else "in_progress" for a in agencies}
            t0 = time.perf_counter()
            docs.append(score_cycle(fw, agencies, answers, statuses=statuses))
            score_s = time.perf_counter() - t0
    assert answers is not None
    return TierResults(docs[1], fw, answers, docs[0]), score_s


def build_years(n: int) -> dict[str, Any]:
    """The registry's ministries and provinces, n agencies (half department-level, half provincial
    offices) and four published cycles of them (module docstring)."""
    from django.core.management import call_command
    from django.db import connection

    from dgmm.web.registry.models import Ministry, Province
    from tests.web.dashboards.trend_world import add_agencies, make_cycle

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    names = registry_names()
    Ministry.objects.bulk_create(
        Ministry(code=c, name_th=th, name_en=en) for c, (th, en) in names.ministries.items()
    )
    Province.objects.bulk_create(
        Province(code=c, name_th=th, name_en=en) for c, (th, en) in names.provinces.items()
    )
    ministries, provinces = sorted(names.ministries), sorted(names.provinces)
    half = n // 2
    dept = add_agencies(
        "dept", "department", [(ministries[i % len(ministries)], "TH-10") for i in range(half)]
    )
    prov = add_agencies(
        "prov",
        "provincial",
        [(ministries[i % len(ministries)], provinces[i % len(provinces)]) for i in range(n - half)],
    )
    cycles = {}
    for year, framework, agency_results in (
        (2563, "province-2563", True),
        (2564, "province-2563", False),
        (2565, "province-2563", True),
        (2566, "pcio-2566", True),
    ):
        t0 = time.perf_counter()
        cycles[year] = make_cycle(
            f"c{year}",
            year,
            {"department": ("dept-2566", dept), "provincial": (framework, prov)},
            agency_results=agency_results,
        )
        took = time.perf_counter() - t0
        print(f"cycle {year}: {n:,} agencies simulated, scored and published in {took:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    return {"cycle": cycles[2566], "agency": prov[0], "ministry": ministries[0], "province": provinces[0]}


def once(client: Any, url: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    response = client.get(url)
    return (time.perf_counter() - t0) * 1000, response.status_code


def pages(args: argparse.Namespace) -> None:
    import os

    from bench.pages import measure, prepare_postgres

    if args.database != "sqlite":
        prepare_postgres(args.database)
    os.environ["DJANGO_SETTINGS_MODULE"] = "dgmm.web.settings.test"
    os.environ["DGMM_TEST_DATABASE"] = args.database
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from dgmm.web.dashboards import public

    tmp = tempfile.TemporaryDirectory()
    settings.RESULTS_DIR = Path(tmp.name)
    settings.LANGUAGE_CODE = "th"
    t0 = time.perf_counter()
    world = build_years(args.agencies)
    code = world["cycle"].code
    print(
        f"{connection.vendor}: built in {time.perf_counter() - t0:.1f} s; {args.requests} requests per page; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    client = Client()
    urls: list[tuple[str, str]] = [("public landing page", reverse("dashboards:public"))]
    try:
        urls.append(("cycle dashboard", reverse("dashboards:dashboard", kwargs={"cycle": code})))
    except NoReverseMatch:
        print("(no dashboards:dashboard URL here: the cycle dashboard is not measured)")
    urls += [
        ("results page (plain tables)", reverse("dashboards:results", kwargs={"cycle": code})),
        ("province trend", reverse("dashboards:province-trend", kwargs={"code": world["province"]})),
        ("ministry trend", reverse("dashboards:ministry-trend", kwargs={"code": world["ministry"]})),
        ("agency trend", reverse("dashboards:agency-trend", kwargs={"code": world["agency"].code})),
        ("province index", reverse("dashboards:province-index")),
        ("agency index, page 5", reverse("dashboards:agency-index") + "?page=5"),
        ("agency index, search", reverse("dashboards:agency-index") + "?q=prov-0001"),
    ]
    files = [
        ("open data: scores.csv", reverse("opendata:file", kwargs={"cycle": code, "name": "scores.csv"})),
        ("open data: agencies.csv", reverse("opendata:file", kwargs={"cycle": code, "name": "agencies.csv"})),
        ("open data: tables.xlsx", reverse("opendata:file", kwargs={"cycle": code, "name": "tables.xlsx"})),
        (
            "open data: datapackage.json",
            reverse("opendata:file", kwargs={"cycle": code, "name": "datapackage.json"}),
        ),
        ("open data: package.zip", reverse("opendata:zip", kwargs={"cycle": code})),
    ]
    head = (
        f"{'page':<32} {'median ms':>9} {'p95 ms':>8} {'cpu ms':>7} {'queries':>7} {'KB':>7} {'x results':>9}"
    )
    print(head)
    results_ms = 0.0
    rows = []
    for name, url in urls + files:
        median, p95, cpu, queries, size = measure(client, url, args.requests)
        if name.startswith("results page"):
            results_ms = median
        rows.append((name, median, p95, cpu, queries, size))
    for name, median, p95, cpu, queries, size in rows:
        ratio = f"{median / results_ms:>9.2f}" if results_ms else ""
        print(f"{name:<32} {median:>9.1f} {p95:>8.1f} {cpu:>7.1f} {queries:>7} {size / 1024:>7.0f} {ratio}")
    print()
    public._INDEXES.clear()
    public.discard_package(code)  # as before any visitor: the package is made on the first request
    ms, status = once(client, files[-1][1])
    print(f"{'open data package, first request (made from the stored aggregates)':<76} {ms:>9.1f} ms")
    deck = reverse("dashboards:deck", kwargs={"cycle": code})
    ms, status = once(client, deck)
    if status != 200:
        print(f"national deck: HTTP {status} (the deck cannot be rendered here: is typst installed?)")
        return
    print(f"{'national deck, first render':<76} {ms:>9.1f} ms")
    times = []
    for _ in range(args.requests):
        t0 = time.perf_counter()
        response = client.get(deck)
        size = len(b"".join(response.streaming_content))
        response.close()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    label = "national deck, cached file (median, p95)"
    print(f"{label:<76} {statistics.median(times):>9.1f} ms {p95:>8.1f} ms ({size / 1024:.0f} KB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--agencies", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--frameworks", default="dept-2566,province-2563")
    ap.add_argument("--pages", action="store_true", help="measure the public pages' server time instead")
    ap.add_argument("--requests", type=int, default=20, help="with --pages: requests per page")
    ap.add_argument(
        "--database", default="sqlite", help="with --pages: sqlite, or a PostgreSQL URL (flushed)"
    )
    args = ap.parse_args()
    if args.pages:
        pages(args)
        return
    tiers, score_s = [], 0.0
    for name in args.frameworks.split(","):
        t, s = tier(name, args.agencies)
        tiers.append(t)
        score_s += s
        scored = sum(1 for a in t.doc["agencies"] if a["status"] == "scored")
        print(f"{name}: {len(t.doc['agencies']):,} agencies, {scored:,} scored; scored in {s:.2f} s")
    names = registry_names()

    def aggregates(published: bool) -> dict[str, Any]:
        return public_aggregates(
            tiers, ministries=names.ministries, provinces=names.provinces, agency_results=published
        )

    agg_s, agg = median_time(lambda: aggregates(False), args.repeat)
    info = PackageInfo("dgmm-bench", "ทดสอบ", "Bench", base_url="https://example.org/open-data/bench/")
    docs = [t.doc for t in tiers]
    paths = {t.doc["framework"]["id"]: t.framework.path for t in tiers}
    fws = frameworks_of(docs, lambda fid: Path(paths[fid]).read_bytes())
    pkg_s, pkg = median_time(lambda: package_files(info, agg, None, fws), args.repeat)
    published = aggregates(True)
    full_s, full = median_time(lambda: package_files(info, published, docs, fws), args.repeat)
    zip_s, zipped = median_time(lambda: zip_bytes(full), args.repeat)
    print()
    print(f"{'median of ' + str(args.repeat) + ' runs':<44} {'seconds':>9} {'x scoring':>10}")
    for label, secs in (
        ("score_cycle, every tier (once)", score_s),
        ("public aggregates (answers, previous)", agg_s),
        ("open data package, aggregates only", pkg_s),
        ("open data package with the agency table", full_s),
        ("zip of the package with the agency table", zip_s),
    ):
        print(f"{label:<44} {secs:>9.3f} {secs / score_s:>10.3f}")
    print()
    print(f"{'file':<34} {'aggregates only':>16} {'with agencies':>14}")
    for name in full.files:
        a = len(pkg.files[name]) if name in pkg.files else 0
        print(f"{name:<34} {a:>16,} {len(full.files[name]):>14,}")
    total_a, total_f = sum(map(len, pkg.files.values())), sum(map(len, full.files.values()))
    print(f"{'total':<34} {total_a:>16,} {total_f:>14,}")
    print(f"{'zip':<34} {len(zip_bytes(pkg)):>16,} {len(zipped):>14,}")


if __name__ == "__main__":
    main()
