"""Saving answers under load: simulated respondents against a real server, on SQLite and PostgreSQL.

For each database: a fresh database (SQLite file, or a PostgreSQL database created and dropped
here), the demonstration cycle (``load_demo``), one respondent per department that may still
answer (an account with an API token and a signed-in session), and gunicorn serving the platform
on 127.0.0.1 as docs/web.md recommends. Then, for each way in (``--via``), think time and number of
respondents, every respondent reads its answers once and saves answers one by one, with the
version it last saw, for ``--seconds`` (after ``--warmup`` seconds of the same load, not measured),
waiting ``--think`` seconds on average between two saves (0: as fast as the server answers):

- ``page``: as the questionnaire page's autosave script does: a form POST to
  ``/cycles/{cycle}/a/{agency}/answer/`` with the session cookie and the CSRF token; the response
  carries the topic's completeness, computed by the core from all the agency's answers;
- ``api``: ``PUT /api/v1/cycles/{cycle}/agencies/{agency}/answers/{code}`` with a bearer token.

It prints saves per second and p50/p95/p99 latency, then reads every answer back (as an analyst,
through the API) and checks it against what the clients sent: each acknowledged change applied
exactly once (the version counts them) and the last acknowledged value stored; lost and
duplicated saves must be 0.

    .venv/bin/python bench/web.py [--respondents 50,200] [--databases sqlite,postgres] [--via page,api]
                                  [--seconds 20] [--think 1,5] [--workers N] [--worker-class sync]

Goal: p99 under 250 ms at 200 concurrent respondents on 2 cores, with no lost or duplicated answer.
The client runs on the same machine as the server; "load" is the 1-minute load average before each
run (other work on the machine makes every figure worse, so it is printed with them); "srv ms",
"db ms" (PostgreSQL's own processes; SQLite runs inside the server) and "cli ms" are the CPU
milliseconds the server, the database and the client spent per request, which other work does not
change much: cores x 1000 / (srv + db + cli) is the most saves per second the machine allows.
Traffic goes to 127.0.0.1 only; every loop is bounded by --seconds and a 10 s request timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import secrets
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
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
CYCLE = "dgmm-2566"  # the demonstration's open cycle (dgmm.web.cycles.demo.OPEN_CODE)
EDITABLE = ("not_started", "in_progress", "returned")
FRAMEWORK = "dept-2566"

SETTINGS = """
from pathlib import Path
from dgmm.web.settings.base import *  # noqa
from dgmm.web.settings.databases import database_from_url
SECRET_KEY = "bench-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {{"default": database_from_url({url!r}, Path({sqlite!r}))}}
EVIDENCE_ROOT = Path({tmp!r}) / "evidence"
RESULTS_DIR = Path({tmp!r}) / "results"
LOGGING = {{"version": 1, "disable_existing_loggers": False,
           "handlers": {{"console": {{"class": "logging.StreamHandler"}}}},
           "loggers": {{"dgmm.web": {{"handlers": ["console"], "level": "WARNING"}}}}}}
"""


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
    return _value(inp, rng) + (
        "" if inp.type in ("single_choice", "yes_no", "multiple_choice", "matrix") else " "
    )


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


class Connection:
    """One respondent's keep-alive HTTP/1.1 connection to the server, kept as light as possible.

    The client shares the machine's cores with the server it measures, so every millisecond it
    spends is taken from the server; a plain request/response exchange over asyncio streams costs a
    fraction of what a general HTTP client does (the "cli ms" column shows what is left).
    """

    def __init__(self, host: str, port: int, headers: dict[str, str], timeout: float = 10.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.headers = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, body: Any = None, form: list[tuple[str, str]] | None = None
    ) -> tuple[int, Any]:
        """(status, decoded JSON body) of a JSON `body` or a `form`; OSError or TimeoutError when the
        outcome is unknown."""
        try:
            return await asyncio.wait_for(self._request(method, path, body, form), self.timeout)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            await self.close()  # the next request opens a new connection
            raise

    async def _request(
        self, method: str, path: str, body: Any, form: list[tuple[str, str]] | None
    ) -> tuple[int, Any]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        if form is not None:
            data, kind = urlencode(form).encode(), "application/x-www-form-urlencoded"
        else:
            data, kind = (b"" if body is None else json.dumps(body).encode()), "application/json"
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n{self.headers}Accept: application/json\r\n"
            f"Content-Type: {kind}\r\nContent-Length: {len(data)}\r\n\r\n"
        )
        self.writer.write(head.encode() + data)
        status_line = await self.reader.readline()
        if not status_line:
            raise OSError("the server closed the connection")
        status = int(status_line.split()[1])
        length, close = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _sep, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                close = True
        payload = await self.reader.readexactly(length) if length else b""
        if close:
            await self.close()
        return status, json.loads(payload) if payload else None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(Exception):
                await self.writer.wait_closed()
        self.reader = self.writer = None


def autosave_form(inp: Any, value: str, version: int) -> list[tuple[str, str]]:
    """The form data the questionnaire page's autosave script posts for one field."""
    form = [("code", inp.code), (f"v-{inp.code}", str(version))]
    if inp.type in ("multiple_choice", "matrix"):
        if value == "":
            return [*form, (f"in-{inp.code}-none", "1")]  # the "none of these" box
        return form + [(f"in-{inp.code}", v) for v in value.split("|")]
    return [*form, (f"in-{inp.code}", value)]


async def respondent(
    host: str,
    port: int,
    c: dict[str, str],
    inputs: list[Any],
    deadline: float,
    think: float,
    via: str,
    rng: random.Random,
    rec: Record,
) -> None:
    """One respondent: reads its answers, then saves one after another until the deadline, through
    the API (``via="api"``, a token) or as the questionnaire page does (``via="page"``: the autosave
    URL with the signed-in session and the CSRF token)."""
    base = f"/api/v1/cycles/{CYCLE}/agencies/{c['agency']}/answers"
    if think:
        await asyncio.sleep(rng.uniform(0, think))
    reader = Connection(host, port, auth(c["token"]))
    status, page = await reader.request("GET", f"{base}?source=agency")
    await reader.close()
    if status != 200:
        raise SystemExit(f"reading the answers of {c['agency']} gave HTTP {status}")
    if via == "page":
        csrf = secrets.token_hex(16)
        conn = Connection(
            host, port, {"Cookie": f"sessionid={c['session']}; csrftoken={csrf}", "X-CSRFToken": csrf}
        )
    else:
        conn = Connection(host, port, auth(c["token"]))
    versions = {a["input"]: a["version"] for a in page}
    values = {a["input"]: a["value"] for a in page}
    for code, v in versions.items():
        rec.start_version[f"{c['agency']}|{code}"] = v
    order = inputs[:]
    rng.shuffle(order)
    i = 0
    try:
        while time.monotonic() < deadline:
            inp = order[i % len(order)]
            i += 1
            key = f"{c['agency']}|{inp.code}"
            value = new_value(inp, rng, values.get(inp.code))
            t0 = time.perf_counter()
            try:
                if via == "page":
                    status, body = await conn.request(
                        "POST",
                        f"/cycles/{CYCLE}/a/{c['agency']}/answer/",
                        form=autosave_form(inp, value, versions.get(inp.code, 0)),
                    )
                else:
                    status, body = await conn.request(
                        "PUT", f"{base}/{inp.code}", {"value": value, "version": versions.get(inp.code, 0)}
                    )
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                rec.statuses[0] += 1
                rec.unknown.add(key)
                continue
            rec.latencies.append(time.perf_counter() - t0)
            rec.statuses[status] += 1
            if status == 200:
                versions[inp.code] = body["version"]
                values[inp.code] = body["value"]
                if body["changed"]:
                    rec.changes[key] += 1
                    rec.last[key] = value
            elif status == 409:
                rec.conflicts += 1
                versions[inp.code], values[inp.code] = (
                    body.get("current_version", 0),
                    body.get("current_value"),
                )
            if think:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
    finally:
        await conn.close()


async def run_load(
    base_url: str, clients: list[dict[str, str]], seconds: float, think: float, via: str
) -> tuple[Record, float]:
    inputs = answerable_inputs()
    rec = Record()
    host, port = base_url.removeprefix("http://").split(":")
    start = time.monotonic()
    deadline = start + seconds
    await asyncio.gather(
        *(
            respondent(host, int(port), c, inputs, deadline, think, via, random.Random(i), rec)
            for i, c in enumerate(clients)
        )
    )
    return rec, time.monotonic() - start


async def snapshot(base_url: str, token: str, agencies: list[str]) -> dict[str, tuple[str | None, int]]:
    """Stored agency answers {"agency|code": (value, version)}, read back through the API as an analyst."""
    import httpx

    out: dict[str, tuple[str | None, int]] = {}
    async with httpx.AsyncClient(base_url=base_url, timeout=60.0, headers=auth(token)) as client:
        for start in range(0, len(agencies), 20):
            batch = agencies[start : start + 20]
            pages = await asyncio.gather(
                *(
                    client.get(f"/api/v1/cycles/{CYCLE}/agencies/{a}/answers", params={"source": "agency"})
                    for a in batch
                )
            )
            for a, page in zip(batch, pages, strict=True):
                page.raise_for_status()
                out.update({f"{a}|{x['input']}": (x["value"], x["version"]) for x in page.json()})
    return out


def verify(rec: Record, stored: dict[str, tuple[str | None, int]]) -> tuple[int, int, int]:
    """(lost, duplicated, unknown). Every applied change bumps an answer's version by exactly one, so an
    acknowledged change is lost when the version is short of (start + acknowledged changes) or the
    last acknowledged value is not the stored one, and applied twice when the version is beyond it."""
    lost = duplicated = 0
    for key in set(rec.changes) | set(rec.start_version):
        if key in rec.unknown:
            continue
        n = rec.changes.get(key, 0)
        expected = rec.start_version.get(key, 0) + n
        value, version = stored.get(key, (None, 0))
        if version < expected or (n and value != rec.last[key]):
            lost += 1
        elif version > expected:
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


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def manage(args: list[str], env: dict[str, str]) -> str:
    """A command of the platform (``python -m dgmm.web ...``) with the bench settings; its output."""
    return subprocess.run(
        [PY, "-m", "dgmm.web", *args], env=env, cwd=REPO, check=True, capture_output=True, text=True
    ).stdout


def prepare(base_url: str, env: dict[str, str], count: int) -> tuple[str, list[dict[str, str]]]:
    """An analyst token, and `count` departments that may still answer, each with its own token."""
    import httpx

    analyst = manage(["create_api_token", "analyst", "--name", "bench"], env).strip()
    parts = httpx.get(f"{base_url}/api/v1/cycles/{CYCLE}/agencies", headers=auth(analyst), timeout=60).json()
    codes = [
        p["agency"]["id"]
        for p in parts
        if p["agency"]["tier"] == "department"
        and p["agency"]["parent_id"] is None
        and p["status"] in EDITABLE
    ][:count]
    if len(codes) < count:
        raise SystemExit(f"only {len(codes)} departments may still answer; load more (--departments)")
    out = manage(
        ["create_api_token", "--name", "bench", *[x for c in codes for x in ("--for-agency", c)]], env
    )
    clients = [
        {"agency": a, "user": u, "token": t} for a, u, t in (line.split("\t") for line in out.splitlines())
    ]
    sessions = signed_in_sessions([c["user"] for c in clients], env)
    for c in clients:
        c["session"] = sessions[c["user"]]
    return analyst, clients


SIGN_IN = """
import os
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from dgmm.web.accounts.models import User
store = import_module(settings.SESSION_ENGINE).SessionStore
for user in User.objects.filter(username__in=os.environ["BENCH_USERS"].split()):
    session = store()
    session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
                    HASH_SESSION_KEY: user.get_session_auth_hash()})
    session.create()
    print("session", user.username, session.session_key)
"""


def signed_in_sessions(users: list[str], env: dict[str, str]) -> dict[str, str]:
    """A signed-in session per user, as signing in on the login page leaves (not part of the measure)."""
    out = manage(["shell", "--no-imports", "-c", SIGN_IN], {**env, "BENCH_USERS": " ".join(users)})
    sessions = {
        user: key
        for _tag, user, key in (line.split() for line in out.splitlines() if line.startswith("session "))
    }
    if set(sessions) != set(users):
        raise SystemExit(f"could not sign in {len(set(users) - set(sessions))} respondents")
    return sessions


def pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def _cpu_of(keep: Any) -> dict[int, float]:
    """CPU seconds used so far by each process `keep(pid, ppid, name)` selects (from /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        pid = int(stat.parent.name)
        if keep(pid, int(fields[1]), name):
            out[pid] = (int(fields[11]) + int(fields[12])) / tick
    return out


def cpu_since(start: dict[int, float], now: dict[int, float]) -> float:
    """CPU seconds spent between two readings by the processes alive at the second one (a process
    that ended in between is not counted: the figure can only be low, never negative)."""
    return sum(cpu - start.get(pid, 0.0) for pid, cpu in now.items())


def server_cpu(master: int) -> dict[int, float]:
    """The gunicorn master and its workers."""
    return _cpu_of(lambda pid, ppid, _name: master in (pid, ppid))


def postgres_cpu() -> dict[int, float]:
    """The PostgreSQL server's processes on this machine."""
    return _cpu_of(lambda _pid, _ppid, name: name == "postgres" or name.startswith("postgres:"))


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
    (tmp / "dgmm_bench_settings.py").write_text(
        SETTINGS.format(url=url, sqlite=str(tmp / "bench.sqlite3"), tmp=str(tmp)), encoding="utf-8"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dgmm_bench_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp), str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    server = None
    rows = []
    try:
        if db == "postgres":
            pg(f"DROP DATABASE IF EXISTS {name}")
            pg(f"CREATE DATABASE {name}")
        print(f"== {db}: migrate, load the demonstration cycle, start gunicorn", flush=True)
        manage(["migrate", "-v", "0"], env)
        manage(["load_demo", "--departments", str(args.departments), "--pcios", "10"], env)
        port = free_port()
        server = subprocess.Popen(
            [
                str(Path(PY).parent / "gunicorn"),
                "dgmm.web.wsgi:application",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.workers),
                "-k",
                args.worker_class,
                "--threads",
                str(args.threads),
                "--backlog",
                "2048",
                "--keep-alive",
                "30",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=REPO,
        )
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, server)
        analyst, clients = prepare(base, env, max(args.respondents))
        if args.warmup:  # every worker loads the framework
            asyncio.run(run_load(base, clients, args.warmup, args.think[0], args.via[0]))
        for via, think, n in ((v, t, n) for v in args.via for t in args.think for n in args.respondents):
            load = os.getloadavg()[0]
            cpu0, own0, db0 = server_cpu(server.pid), time.process_time(), postgres_cpu()
            rec, elapsed = asyncio.run(run_load(base, clients[:n], args.seconds, think, via))
            cpu_server, cpu_client = cpu_since(cpu0, server_cpu(server.pid)), time.process_time() - own0
            cpu_db = cpu_since(db0, postgres_cpu()) if db == "postgres" else 0.0
            stored = asyncio.run(snapshot(base, analyst, [c["agency"] for c in clients[:n]]))
            lost, dup, unknown = verify(rec, stored)
            ok = rec.statuses.get(200, 0)
            row = {
                "db": db,
                "via": via,
                "respondents": n,
                "think": think,
                "saves": ok,
                "saves_per_s": ok / elapsed,
                "p50": pct(rec.latencies, 50),
                "p95": pct(rec.latencies, 95),
                "p99": pct(rec.latencies, 99),
                "errors": sum(v for k, v in rec.statuses.items() if k not in (200, 409)),
                "conflicts": rec.conflicts,
                "lost": lost,
                "duplicated": dup,
                "unknown": unknown,
                "load": load,
                "cpu_server": cpu_server * 1000 / max(1, len(rec.latencies)),
                "cpu_client": cpu_client * 1000 / max(1, len(rec.latencies)),
                "cpu_db": cpu_db * 1000 / max(1, len(rec.latencies)),
            }
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


HEADER = (
    f"{'database':<9} {'via':<4} {'resp.':>5} {'think s':>7} {'saves':>7} {'saves/s':>8} {'p50 ms':>7} "
    f"{'p95 ms':>7} "
    f"{'p99 ms':>7} {'errors':>6} {'409':>4} {'lost':>4} {'dup.':>4} {'unkn.':>5} {'load':>5} {'srv ms':>6} "
    f"{'db ms':>6} {'cli ms':>6}"
)


def print_row(r: dict[str, Any]) -> None:
    print(
        f"{r['db']:<9} {r['via']:<4} {r['respondents']:>5} {r['think']:>7.2f} {r['saves']:>7} "
        f"{r['saves_per_s']:>8.1f} "
        f"{r['p50']:>7.1f} {r['p95']:>7.1f} {r['p99']:>7.1f} {r['errors']:>6} {r['conflicts']:>4} "
        f"{r['lost']:>4} {r['duplicated']:>4} {r['unknown']:>5} {r['load']:>5.1f} {r['cpu_server']:>6.1f} "
        f"{r['cpu_db']:>6.1f} {r['cpu_client']:>6.1f}",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--respondents", default="50,200", type=lambda s: [int(x) for x in s.split(",")])
    ap.add_argument("--databases", default="sqlite,postgres", type=lambda s: s.split(","))
    ap.add_argument(
        "--via",
        default="page,api",
        type=lambda s: s.split(","),
        help="page: the questionnaire page's autosave (signed-in session); api: PUT with a token",
    )
    ap.add_argument("--seconds", type=float, default=20.0, help="length of each run")
    ap.add_argument(
        "--think",
        default="1,5",
        type=lambda s: [float(x) for x in s.split(",")],
        help="mean seconds between two saves of a respondent (several: comma-separated)",
    )
    ap.add_argument("--warmup", type=float, default=5.0, help="seconds of unmeasured load first")
    ap.add_argument(
        "--workers",
        type=int,
        default=(os.cpu_count() or 1) + 1,
        help="gunicorn worker processes (docs/web.md: cores + 1)",
    )
    ap.add_argument("--worker-class", default="sync", help="gunicorn worker class (sync, gthread)")
    ap.add_argument("--threads", type=int, default=1, help="threads per worker (gthread)")
    ap.add_argument("--departments", type=int, default=600, help="departments in the demonstration cycle")
    args = ap.parse_args()
    print(
        f"dgmm web bench: {os.cpu_count()} cores (load average now {os.getloadavg()[0]:.1f}), gunicorn "
        f"{args.workers} "
        f"{args.worker_class} "
        f"workers{f' x {args.threads} threads' if args.worker_class == 'gthread' else ''}, "
        f"{args.seconds:g} s per run, think {', '.join(f'{t:g}' for t in args.think)} s"
    )
    print(HEADER, flush=True)
    rows = []
    for db in args.databases:
        rows += bench_database(db, args)
    print()
    print(HEADER)
    for r in rows:
        print_row(r)
    bad = [r for r in rows if r["lost"] or r["duplicated"]]
    at_goal = [r for r in rows if r["respondents"] >= 200]
    slow = [r for r in at_goal if r["p99"] >= 250]
    verdict = "not measured" if not at_goal else "NOT met" if slow else "met"
    print(
        f"goal (p99 < 250 ms at 200 respondents): {verdict}; "
        f"lost/duplicated answers: {'none' if not bad else 'FOUND'}"
    )


if __name__ == "__main__":
    main()
