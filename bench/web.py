"""Saving answers under load: simulated respondents against a real server, on SQLite and PostgreSQL.

For each database: a fresh database (SQLite file, or a PostgreSQL database created and dropped
here), the demonstration cycle (``load_demo``), one respondent with an API token per department
that may still answer, and gunicorn serving the platform on 127.0.0.1. Then, for each number of
respondents, every respondent reads its answers once and saves answers one by one through
``PUT /api/v1/cycles/{cycle}/agencies/{agency}/answers/{code}`` (with the version it last saw)
for ``--seconds`` (after ``--warmup`` seconds of the same load, not measured), waiting ``--think``
seconds on average between two saves (0: as fast as the server answers). It prints saves per second and p50/p95/p99 latency, then checks the database
against what the clients sent: every acknowledged change present once (version and audit entries
count it exactly), the last acknowledged value stored; lost and duplicated saves must be 0.

    .venv/bin/python bench/web.py [--respondents 50,200] [--databases sqlite,postgres]
                                  [--seconds 20] [--think 1.0] [--workers 2] [--threads 8]

Goal: p99 under 250 ms at 200 concurrent respondents on 2 cores, with no lost or duplicated answer.
The client runs on the same machine as the server; "load" is the 1-minute load average before each
run (other work on the machine makes every figure worse, so it is printed with them).
Traffic goes to 127.0.0.1 only; every loop is bounded by --seconds and a 10 s request timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
CYCLE = "dgmm-2566"  # the demonstration's open cycle (dgmm.web.cycles.demo.OPEN_CODE)
FRAMEWORK = "dept-2566"

SETTINGS = '''
from pathlib import Path
from dgmm.web.settings.base import *  # noqa
from dgmm.web.settings.databases import database_from_url
SECRET_KEY = "bench-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {{"default": database_from_url({url!r}, Path({sqlite!r}))}}
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and {sqlite_tuning!r}:
    # several server processes write: take the write lock when a transaction starts (no upgrade
    # deadlock), and let readers go on while one writes
    DATABASES["default"]["OPTIONS"].update(transaction_mode="IMMEDIATE",
                                           init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
EVIDENCE_ROOT = Path({tmp!r}) / "evidence"
RESULTS_DIR = Path({tmp!r}) / "results"
LOGGING = {{"version": 1, "disable_existing_loggers": False,
           "handlers": {{"console": {{"class": "logging.StreamHandler"}}}},
           "loggers": {{"dgmm.web": {{"handlers": ["console"], "level": "WARNING"}}}}}}
'''


# --- inside Django (run as `bench/web.py --internal ...` with the bench settings) -------------------


def internal_prepare(count: int, out: Path) -> None:
    """Respondents with tokens for `count` departments whose answers are still editable."""
    import django

    django.setup()
    from dgmm.web.accounts.models import Role, User
    from dgmm.web.api.tokens import CreateToken
    from dgmm.web.cycles.models import EDITABLE_STATUSES, Participation

    parts = list(Participation.objects.filter(cycle__code=CYCLE, agency__tier="department",
                                              agency__parent__isnull=True, status__in=EDITABLE_STATUSES)
                 .select_related("agency").order_by("agency__code")[:count])
    if len(parts) < count:
        raise SystemExit(f"only {len(parts)} editable departments in the demo cycle; load more (--departments)")
    clients = []
    for i, p in enumerate(parts):
        user = User.objects.create_user(f"bench{i:04d}", role=Role.RESPONDENT, agency=p.agency)
        clients.append({"agency": p.agency.code, "token": CreateToken(None, user, "bench").execute()[1]})
    out.write_text(json.dumps(clients), encoding="utf-8")


def internal_dump(since: float, out: Path) -> None:
    """Stored agency answers and the audit entries written since `since` (epoch seconds), per key."""
    import datetime as dt

    import django

    django.setup()
    from django.db.models import Count

    from dgmm.web.cycles.models import Answer, AuditEntry

    answers = {f"{a}|{c}": [v, n] for a, c, v, n in Answer.objects.filter(cycle__code=CYCLE, source="agency")
               .values_list("agency__code", "code", "value", "version")}
    t0 = dt.datetime.fromtimestamp(since, tz=dt.UTC)
    audit = {f"{a}|{t}": n for a, t, n in AuditEntry.objects.filter(kind="answer", cycle__code=CYCLE, at__gte=t0)
             .values_list("agency__code", "target").annotate(n=Count("id")).values_list("agency__code", "target", "n")}
    out.write_text(json.dumps({"answers": answers, "audit": audit}), encoding="utf-8")


# --- values ---------------------------------------------------------------------------------------


def answerable_inputs() -> list[Any]:
    """Inputs a department answers itself and that take a typed value (not analyst checks, not files)."""
    from dgmm import load_framework

    fw = load_framework(FRAMEWORK)
    return [i for i in fw.inputs.values() if i.answered_by in ("agency", "parent") and i.type != "file"]


def new_value(inp: Any, rng: random.Random, current: str | None) -> str:
    """A valid value of `inp` that differs from `current`."""
    for _ in range(20):
        v = _value(inp, rng)
        if v != current:
            return v
    return _value(inp, rng) + ("" if inp.type in ("single_choice", "yes_no", "multiple_choice", "matrix") else " ")


def _value(inp: Any, rng: random.Random) -> str:
    t = inp.type
    if t in ("single_choice", "yes_no"):
        return rng.choice(inp.option_codes or ("yes", "no"))
    if t == "multiple_choice":
        codes = list(inp.option_codes)
        return "|".join(sorted(rng.sample(codes, rng.randint(0, min(3, len(codes))))))
    if t == "matrix":
        cells = [f"{r.code}:{c.code}" for r in inp.rows for c in inp.columns]
        return "|".join(rng.sample(cells, rng.randint(1, len(cells))))
    lo = inp.min if inp.min is not None else (2560 if t == "year" else 0)
    hi = inp.max if inp.max is not None else (2566 if t == "year" else 100 if t == "percent" else lo + 10_000)
    if t in ("integer", "year"):
        return str(rng.randint(int(lo), int(hi)))
    if t in ("number", "percent"):
        return f"{rng.uniform(lo, hi):.2f}"
    if t == "url":
        return f"https://example.go.th/{rng.randint(1, 10**9)}"
    return f"ข้อความ {rng.randint(1, 10**9)}"


# --- the load ---------------------------------------------------------------------------------------


@dataclass
class Record:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    changes: Counter[str] = field(default_factory=Counter)  # acknowledged changes per "agency|code"
    last: dict[str, str] = field(default_factory=dict)  # last acknowledged value per key
    start_version: dict[str, int] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)  # keys with a request whose outcome is unknown (timeout)
    conflicts: int = 0


async def respondent(client: Any, c: dict[str, str], inputs: list[Any], deadline: float, think: float,
                     rng: random.Random, rec: Record) -> None:
    import httpx

    headers = {"Authorization": f"Bearer {c['token']}"}
    base = f"/api/v1/cycles/{CYCLE}/agencies/{c['agency']}/answers"
    if think:
        await asyncio.sleep(rng.uniform(0, think))
    r = await client.get(base, params={"source": "agency"}, headers=headers)
    r.raise_for_status()
    versions = {a["input"]: a["version"] for a in r.json()}
    values = {a["input"]: a["value"] for a in r.json()}
    for code, v in versions.items():
        rec.start_version[f"{c['agency']}|{code}"] = v
    order = inputs[:]
    rng.shuffle(order)
    i = 0
    while time.monotonic() < deadline:
        inp = order[i % len(order)]
        i += 1
        key = f"{c['agency']}|{inp.code}"
        value = new_value(inp, rng, values.get(inp.code))
        t0 = time.perf_counter()
        try:
            r = await client.put(f"{base}/{inp.code}", json={"value": value, "version": versions.get(inp.code, 0)},
                                 headers=headers)
        except httpx.HTTPError:
            rec.statuses[0] += 1
            rec.unknown.add(key)
            continue
        rec.latencies.append(time.perf_counter() - t0)
        rec.statuses[r.status_code] += 1
        if r.status_code == 200:
            body = r.json()
            versions[inp.code] = body["version"]
            values[inp.code] = body["value"]
            if body["changed"]:
                rec.changes[key] += 1
                rec.last[key] = value
        elif r.status_code == 409:
            rec.conflicts += 1
            body = r.json()
            versions[inp.code], values[inp.code] = body.get("current_version", 0), body.get("current_value")
        if think:
            await asyncio.sleep(rng.uniform(0.5, 1.5) * think)


async def run_load(base_url: str, clients: list[dict[str, str]], seconds: float, think: float) -> tuple[Record, float]:
    import httpx

    inputs = answerable_inputs()
    rec = Record()
    limits = httpx.Limits(max_connections=len(clients), max_keepalive_connections=len(clients))
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=10.0) as client:
        start = time.monotonic()
        deadline = start + seconds
        await asyncio.gather(*(respondent(client, c, inputs, deadline, think, random.Random(i), rec)
                               for i, c in enumerate(clients)))
        elapsed = time.monotonic() - start
    return rec, elapsed


def verify(rec: Record, dump: dict[str, Any]) -> tuple[int, int, int]:
    """(lost, duplicated, unknown): acknowledged changes missing or applied twice, per the database."""
    lost = duplicated = 0
    for key, n in rec.changes.items():
        if key in rec.unknown:
            continue
        stored = dump["answers"].get(key)
        expected_version = rec.start_version.get(key, 0) + n
        audit = dump["audit"].get(key, 0)
        if stored is None or stored[1] < expected_version or stored[0] != rec.last[key] or audit < n:
            lost += 1
        elif stored[1] > expected_version or audit > n:
            duplicated += 1
    return lost, duplicated, len(rec.unknown)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] * 1000


# --- servers and databases ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sh(args: list[str], env: dict[str, str]) -> None:
    subprocess.run(args, env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL)


def pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    import httpx

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit("the server stopped while starting")
        try:
            if httpx.get(url + "/api/v1/me", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not answer within a minute")


def bench_database(db: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    tmp = Path(tempfile.mkdtemp(prefix="dgmm-bench-web-"))
    name = f"dgmm_bench_{os.getpid()}"
    url = "sqlite" if db == "sqlite" else f"postgres://postgres@127.0.0.1:5432/{name}"
    (tmp / "dgmm_bench_settings.py").write_text(SETTINGS.format(url=url, sqlite=str(tmp / "bench.sqlite3"),
                                                                sqlite_tuning=not args.no_sqlite_tuning,
                                                                tmp=str(tmp)), encoding="utf-8")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dgmm_bench_settings",
           "PYTHONPATH": os.pathsep.join([str(tmp), str(REPO), os.environ.get("PYTHONPATH", "")])}
    server = None
    rows = []
    try:
        if db == "postgres":
            pg(f"DROP DATABASE IF EXISTS {name}")
            pg(f"CREATE DATABASE {name}")
        print(f"== {db}: migrate, load the demonstration cycle, {max(args.respondents)} respondents", flush=True)
        sh([PY, "-m", "django", "migrate", "-v", "0"], env)
        sh([PY, "-m", "dgmm.web", "load_demo", "--departments", str(args.departments), "--pcios", "10"], env)
        sh([PY, __file__, "--internal", "prepare", str(max(args.respondents)), str(tmp / "clients.json")], env)
        clients = json.loads((tmp / "clients.json").read_text(encoding="utf-8"))
        port = free_port()
        server = subprocess.Popen(
            [str(Path(PY).parent / "gunicorn"), "dgmm.web.wsgi:application", "-b", f"127.0.0.1:{port}",
             "-w", str(args.workers), "-k", "gthread", "--threads", str(args.threads), "--backlog", "2048",
             "--keep-alive", "30", "--log-level", "warning"], env=env, cwd=REPO)
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, server)
        if args.warmup:
            asyncio.run(run_load(base, clients, args.warmup, args.think))  # every worker loads the framework
        for n in args.respondents:
            load = os.getloadavg()[0]
            since = time.time() - 1
            rec, elapsed = asyncio.run(run_load(base, clients[:n], args.seconds, args.think))
            sh([PY, __file__, "--internal", "dump", str(since), str(tmp / "dump.json")], env)
            lost, dup, unknown = verify(rec, json.loads((tmp / "dump.json").read_text(encoding="utf-8")))
            ok = rec.statuses.get(200, 0)
            row = {"db": db, "respondents": n, "think": args.think, "saves": ok, "saves_per_s": ok / elapsed,
                   "p50": pct(rec.latencies, 50), "p95": pct(rec.latencies, 95), "p99": pct(rec.latencies, 99),
                   "errors": sum(v for k, v in rec.statuses.items() if k not in (200, 409)),
                   "conflicts": rec.conflicts, "lost": lost, "duplicated": dup, "unknown": unknown, "load": load}
            rows.append(row)
            print_row(row)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        if db == "postgres":
            try:
                pg(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            except Exception as exc:  # report, keep the figures already printed
                print(f"!! could not drop {name}: {exc}", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


HEADER = (f"{'database':<9} {'resp.':>5} {'think s':>7} {'saves':>7} {'saves/s':>8} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'p99 ms':>7} {'errors':>6} {'409':>4} {'lost':>4} {'dup.':>4} {'unkn.':>5} {'load':>5}")


def print_row(r: dict[str, Any]) -> None:
    print(f"{r['db']:<9} {r['respondents']:>5} {r['think']:>7.2f} {r['saves']:>7} {r['saves_per_s']:>8.1f} "
          f"{r['p50']:>7.1f} {r['p95']:>7.1f} {r['p99']:>7.1f} {r['errors']:>6} {r['conflicts']:>4} "
          f"{r['lost']:>4} {r['duplicated']:>4} {r['unknown']:>5} {r['load']:>5.1f}", flush=True)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--internal":
        what, *rest = sys.argv[2:]
        if what == "prepare":
            internal_prepare(int(rest[0]), Path(rest[1]))
        else:
            internal_dump(float(rest[0]), Path(rest[1]))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--respondents", default="50,200", type=lambda s: [int(x) for x in s.split(",")])
    ap.add_argument("--databases", default="sqlite,postgres", type=lambda s: s.split(","))
    ap.add_argument("--seconds", type=float, default=20.0, help="length of each run")
    ap.add_argument("--think", type=float, default=1.0, help="mean seconds between two saves of a respondent")
    ap.add_argument("--warmup", type=float, default=5.0, help="seconds of unmeasured load first")
    ap.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    ap.add_argument("--threads", type=int, default=8, help="threads per worker")
    ap.add_argument("--departments", type=int, default=600, help="departments in the demonstration cycle")
    ap.add_argument("--no-sqlite-tuning", action="store_true", help="SQLite exactly as the default settings")
    args = ap.parse_args()
    print(f"dgmm web bench: {os.cpu_count()} cores (load average now {os.getloadavg()[0]:.1f}), gunicorn {args.workers}x{args.threads} threads, "
          f"{args.seconds:g} s per run, think {args.think:g} s")
    print(HEADER, flush=True)
    rows = []
    for db in args.databases:
        rows += bench_database(db, args)
    print()
    print(HEADER)
    for r in rows:
        print_row(r)
    bad = [r for r in rows if r["lost"] or r["duplicated"]]
    slow = [r for r in rows if r["respondents"] >= 200 and r["p99"] >= 250]
    print(f"goal (p99 < 250 ms at 200 respondents): {'met' if not slow else 'NOT met'}; "
          f"lost/duplicated answers: {'none' if not bad else 'FOUND'}")


if __name__ == "__main__":
    main()
