"""What-if speed: projections and target searches per agency on a simulated cycle of dept-2566.

For every scored agency (or `--projections` of them) one projection of 1 to 3 random planned answer
changes; for `--searches` agencies one target search for the next level of a random pillar and one
for the next level of the overall. Prints the median and p95 time of each, with the projections a
search made and how many searches stopped at their limit, beside the time to score the agency once
from scratch (`score_agency`) as the unit they are measured against.

    .venv/bin/python bench/whatif.py [--agencies 2000] [--searches 200] [--limit 3000]
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

from dgmm import load_framework, read_agencies, read_answers, score_agency, score_cycle  # noqa: E402
from dgmm.inheritance import answers_of  # noqa: E402
from dgmm.simulate import simulate_cycle, write_csv  # noqa: E402
from dgmm.whatif import WhatIf, WhatIfError  # noqa: E402
from tests.bench_support import random_value  # noqa: E402


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def row(name: str, seconds: list[float], extra: str = "") -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"{name:<28} {len(ms):>6} {statistics.median(ms):>10.2f} {p95(ms):>10.2f} {max(ms):>10.2f}  {extra}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--agencies", type=int, default=2000)
    ap.add_argument("--projections", type=int, default=0, help="agencies projected (0: every scored one)")
    ap.add_argument("--searches", type=int, default=200, help="agencies whose targets are searched")
    ap.add_argument("--limit", type=int, default=3000, help="projections a target search may make")
    ap.add_argument("--framework", default="dept-2566")
    args = ap.parse_args()
    fw = load_framework(args.framework)
    rnd = random.Random(2566)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        write_csv(simulate_cycle(fw, args.agencies, seed=2566), d)
        agencies = read_agencies(d / "agencies.csv")
        answers = read_answers(d / "answers.csv", fw, {a.id: a.tier for a in agencies})
    cycle_s, doc = timed(lambda: score_cycle(fw, agencies, answers))
    setup_s, w = timed(lambda: WhatIf(fw, answers, doc))
    scored = [r for r in doc["agencies"] if r["status"] == "scored"]
    print(
        f"framework {fw.id}: {len(list(fw.iter_topics()))} topics, {len(fw.inputs)} inputs; "
        f"{len(doc['agencies']):,} agencies, {len(scored):,} scored; cycle scored in {cycle_s:.2f} s; "
        f"what-if set up in {setup_s * 1000:.0f} ms"
    )
    print(f"{'per agency':<28} {'n':>6} {'median ms':>10} {'p95 ms':>10} {'max ms':>10}")

    picked = scored if not args.projections else rnd.sample(scored, min(args.projections, len(scored)))
    scratch, projections = [], []
    for rec in picked:
        a = answers_of(answers, rec["id"], rec.get("parent_id"))
        t0 = time.perf_counter()
        score_agency(fw, a.own, a.parent, a.analyst, parent_id=a.parent_id, has_parent=a.has_parent)
        scratch.append(time.perf_counter() - t0)
        plan = w.agency(rec["id"]).plan
        codes = [c for c in fw.inputs if not plan.is_inherited(c)]
        changes: dict[str, Any] = {}
        for code in rnd.sample(codes, rnd.randint(1, 3)):
            for _ in range(20):
                try:
                    changes.update(w.parse(rec["id"], {code: random_value(rnd, fw, code)}))
                    break
                except WhatIfError:
                    continue
        t0 = time.perf_counter()
        w.project(rec["id"], changes)
        projections.append(time.perf_counter() - t0)
    row("score_agency from scratch", scratch)
    row("projection (1-3 changes)", projections)

    for kind in ("pillar", "overall"):
        times, tried, cut, found = [], [], 0, 0
        for rec in rnd.sample(scored, min(args.searches, len(scored))):
            node = rnd.choice(w.pillar_ids) if kind == "pillar" else "overall"
            now = rec["pillars"][node]["level"] if kind == "pillar" else rec["overall"]["level"]
            if now is None or now >= 5:
                continue
            target = w.target(f"{node}={now + 1}")
            t0 = time.perf_counter()
            search = w.targets(rec["id"], target, limit=args.limit)
            times.append(time.perf_counter() - t0)
            tried.append(search.tried)
            cut += search.cut
            found += bool(search.sets)
        if times:
            spread = [float(t) for t in tried]
            row(
                f"target search: {kind} +1",
                times,
                f"projections median {statistics.median(spread):.0f}, p95 {p95(spread):.0f}; "
                f"sets found for {found}/{len(times)}; cut at the limit {cut}",
            )


if __name__ == "__main__":
    main()
