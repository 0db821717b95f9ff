"""Public aggregates and open data speed and size: a simulated cycle of 2,000 agencies per tier.

Simulates and scores a cycle of `--agencies` agencies for each framework (default dept-2566 and
province-2563, each against a previous cycle, about 10 % of agencies not submitting), then measures
the median of `--repeat` runs of: the public aggregates (`dgmm.aggregates.public_aggregates`, with the
answers and previous results), the open data package (CSV tables, XLSX, JSON, datapackage.json;
aggregates only, and with the agency table), and the zip of it; prints the sizes of the files and the
ratios to scoring the cycle once (`score_cycle`, the work a publication follows).

    .venv/bin/python bench/public.py [--agencies 2000] [--repeat 5] [--frameworks dept-2566,province-2563]
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--agencies", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--frameworks", default="dept-2566,province-2563")
    args = ap.parse_args()
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
