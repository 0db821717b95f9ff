"""Scoring speed: simulated cycles of dept-2566, against the floor of just reading the answers file.

For each size it prints the wall time of the whole job (read and check both files, evaluate every
rule, cohort statistics, write results JSON and CSV), agencies per second, the time per agency,
the floor (Python's csv reader iterating over the same answers file) and the ratio total / floor.
Goal: at 10,000 agencies the whole job within 3x the floor; time per agency flat across sizes.
The job may encode part of the results on a second core (dgmm.scoring.batch), so it also prints the
CPU time it used, this process's and its children's: CPU above wall time is that second core.

    .venv/bin/python bench/score.py [--sizes 1000,10000,50000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure this checkout's dgmm, whatever the environment has installed

from dgmm import load_framework, read_agencies, read_answers, score_cycle, write_results  # noqa: E402
from dgmm.simulate import simulate_cycle, write_csv  # noqa: E402


def floor_seconds(path: Path) -> float:
    start = time.perf_counter()
    with path.open(newline="", encoding="utf-8") as fh:
        for _row in csv.reader(fh):
            pass
    return time.perf_counter() - start


def cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def job_seconds(fw_id: str, d: Path) -> dict[str, float]:
    c0 = cpu_seconds()
    t0 = time.perf_counter()
    fw = load_framework(fw_id)
    agencies = read_agencies(d / "agencies.csv")
    answers = read_answers(d / "answers.csv", fw, {a.id: a.tier for a in agencies})
    t1 = time.perf_counter()
    doc = score_cycle(fw, agencies, answers)
    t2 = time.perf_counter()
    write_results(
        doc, d / "results.json", fw, sources={"agencies": d / "agencies.csv", "answers": d / "answers.csv"}
    )
    t3 = time.perf_counter()
    return {"read": t1 - t0, "score": t2 - t1, "write": t3 - t2, "total": t3 - t0, "cpu": cpu_seconds() - c0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size; the median is shown")
    ap.add_argument("--framework", default="dept-2566")
    args = ap.parse_args()
    fw = load_framework(args.framework)
    print(
        f"framework {fw.id}: {len(list(fw.iter_topics()))} topics, {len(fw.inputs)} inputs; "
        f"median of {args.repeat} runs"
    )
    header = (
        f"{'agencies':>9} {'answers':>9} {'read s':>7} {'score s':>8} {'write s':>8} {'total s':>8} "
        f"{'cpu s':>6} {'agencies/s':>11} {'µs/agency':>10} {'floor s':>8} {'total/floor':>12}"
    )
    print(header)
    for n in (int(x) for x in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            write_csv(simulate_cycle(fw, n, seed=2566), d)
            rows = sum(1 for _ in (d / "answers.csv").open(encoding="utf-8")) - 1
            runs = []
            floors = []
            for _ in range(args.repeat):  # floor and job side by side in each round
                floors.append(floor_seconds(d / "answers.csv"))
                runs.append(job_seconds(args.framework, d))
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            fl = statistics.median(floors)
            print(
                f"{n:>9,} {rows:>9,} {med['read']:>7.3f} {med['score']:>8.3f} {med['write']:>8.3f} "
                f"{med['total']:>8.3f} {med['cpu']:>6.2f} {n / med['total']:>11,.0f} "
                f"{med['total'] / n * 1e6:>10.1f} "
                f"{fl:>8.3f} {med['total'] / fl:>11.2f}x"
            )


if __name__ == "__main__":
    main()
