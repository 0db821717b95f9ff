"""Agency reports of a simulated cycle of 2,000 agencies: Typst against WeasyPrint, and the full batch.

    .venv/bin/python bench/reports.py [--agencies 2000] [--jobs 2] [--sample 12] [--workdir DIR]

1. Simulates a provincial cycle (province-2563) of N agencies and the cycle before it, and scores it
   with the core (`score_cycle`), exactly as `dgmm simulate` + `dgmm score` would.
2. Side by side in one run, on the same sample of agencies and interleaved (so both see the same
   machine load): the time dgmm takes to make the report (context, chart, Typst) and the time
   WeasyPrint takes to make the same report content (same context, same chart, its PNG made
   beforehand and not timed) from an equivalent HTML page. Prints both and the ratio.
3. Renders the whole cycle with the batch (`dgmm report agency --all`: parallel processes) and prints
   the wall time and reports per second.

Goals: Typst at least 5x faster than WeasyPrint; 2,000 agency reports in under 3 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dgmm.loading import load_framework  # noqa: E402
from dgmm.pipeline import score_files  # noqa: E402
from dgmm.reports import charts  # noqa: E402
from dgmm.reports.batch import Options, render_all  # noqa: E402
from dgmm.reports.context import Style, agency_context  # noqa: E402
from dgmm.reports.cycle import ReportCycle  # noqa: E402
from dgmm.reports.fonts import report_font  # noqa: E402
from dgmm.reports.render import Renderer  # noqa: E402
from dgmm.results import read_results  # noqa: E402
from dgmm.simulate.cycle import simulate_cycle  # noqa: E402
from dgmm.simulate.output import write_csv  # noqa: E402

FRAMEWORK = "province-2563"


def make_cycle(folder: Path, n: int) -> Path:
    """Simulate and score a cycle of n agencies (and the previous one); reuse it when already made."""
    results = folder / "results.json"
    if results.exists() and read_results(results)["cohort"]["invited"] == n:
        return results
    fw = load_framework(FRAMEWORK)

    def one(out: Path, seed: int, previous: Path | None) -> Path:
        out.mkdir(parents=True, exist_ok=True)
        agencies_csv, answers_csv = write_csv(simulate_cycle(fw, n, seed=seed), out)
        return score_files(fw, agencies_csv, answers_csv, out / "results.json", previous)[1]

    prev = one(folder / "previous", 2562, None)
    return one(folder, 2563, prev)


# -- the same report as an HTML page for WeasyPrint ----------------------------------------------------------
CSS = """
@page { size: A4; margin: 1.8cm 2cm; @bottom-left { content: string(footer); font-size: 10pt; color: #6b7785 }
        @bottom-right { content: "%(page)s " counter(page); font-size: 10pt; color: #6b7785 } }
body { font-family: "%(font)s"; font-size: 14pt; color: #1c2430; line-height: 1.45 }
h1 { font-size: 19pt; color: #1f5fa8; margin: 0 0 .5em } h2 { font-size: 16pt; margin: 1em 0 .4em }
.footer { string-set: footer content() ; display: none }
.tiles { display: flex; flex-wrap: wrap; gap: 6pt } .tile { width: 31%%; background: #e8eff8; padding: 8pt;
  border-radius: 4pt; box-sizing: border-box } .tile .l { font-size: 10.5pt; color: #6b7785 }
.tile .v { font-size: 17pt; font-weight: bold }
table { border-collapse: collapse; width: 100%%; font-size: 11pt }
th { background: #e8eff8; text-align: left }
td, th { border: .5pt solid #c9d2dc; padding: 3pt 6pt } td.n { text-align: right }
.g { display: inline-block; width: 11pt; height: 9pt; border: .6pt solid #1f5fa8; margin-right: 2pt }
.g.on { background: #1f5fa8 } .g.u { border-color: #6b7785; background: #f1f3f5 }
.note { font-size: 10pt; color: #6b7785 } .pb { page-break-before: always } img { width: 78%%; display: block;
  margin: 0 auto }
"""


def esc(s: Any) -> str:
    return html.escape(str(s))


def gauge(g: dict[str, Any] | None) -> str:
    if g is None:
        return ""
    cls = " u" if g["undetermined"] else ""
    return "".join(f'<span class="g{" on" if on else cls}"></span>' for on in g["cells"])


def table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td class="{"n" if i else ""}">{c}</td>' for i, c in enumerate(r)) + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def ul(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def html_page(ctx: dict[str, Any], chart_png: bytes) -> str:
    """The agency report's content as one HTML page: the same texts, tables, gauges and chart."""
    lab = ctx["labels"]
    c, b = ctx["cover"], ctx["brief"]
    out = [
        f'<div class="footer">{esc(ctx["footer"])}</div>',
        f"<h1>{esc(c['title'])}</h1><h2>{esc(c['agency'])}</h2><p>{esc(c['tier'])}</p>"
        f"<p>{esc(c['cycle'])}<br>{esc(c['framework'])}</p>"
        f"<p>{esc(c['issued_by'])}<br><b>{esc(c['issuer'])}</b><br>{esc(c['issuer_other'])}</p>",
        f'<h1 class="pb">{esc(b["title"])}</h1><div class="tiles">'
        + "".join(
            f'<div class="tile"><div class="l">{esc(t["label"])}</div><div class="v">{esc(t["value"])}</div>'
            f"{gauge(t.get('gauge'))}</div>"
            for t in b["figures"]
        )
        + f"</div><p>{esc(b['lead'])}</p>"
        f"<h2>{esc(b['strong_title'])}</h2>{ul(b['strong'])}<h2>{esc(b['weak_title'])}</h2>{ul(b['weak'])}"
        f'<p class="note">{esc(b["areas_why"])}</p><h2>{esc(b["steps_title"])}</h2>{ul(b["steps"])}'
        f'<p class="note">{esc(b["steps_why"])}</p>',
        f'<p class="note pb">{esc(ctx["title"])}</p>',
        f'<h1>{esc(lab["a.overview.title"])}</h1><p class="note">{esc(lab["a.overview.subtitle"])}</p>',
        '<div class="tiles">',
    ]
    for t in ctx["tiles"]:
        out.append(
            f'<div class="tile"><div class="l">{esc(t["label"])}</div><div class="v">{esc(t["value"])}</div>'
            f"{esc(t.get('sub') or '')}{gauge(t.get('gauge'))}</div>"
        )
    out.append("</div>")
    out.append(f"<h2>{esc(lab['a.pillars.title'])}</h2>")
    out.append(
        table(
            ctx["pillar_table"]["header"],
            [[esc(r["label"]), *map(esc, r["cells"])] for r in ctx["pillar_table"]["rows"]],
        )
    )
    out.append(f"<h2>{esc(lab['a.levels.title'])}</h2>")
    out.append(
        table(
            [c["label"] for c in ctx["level_chart"]],
            [[gauge(c["gauge"]) for c in ctx["level_chart"]], [esc(c["name"]) for c in ctx["level_chart"]]],
        )
    )
    out += [f"<p>{esc(s)}</p>" for s in ctx["summary"]]
    png = base64.b64encode(chart_png).decode()
    out.append(f'<h2>{esc(lab["a.radar.title"])}</h2><img src="data:image/png;base64,{png}">')
    if ctx["change"]:
        c = ctx["change"]
        out.append(f"<h2>{esc(c['title'])}</h2>" + "".join(f"<p>{esc(s)}</p>" for s in c["sentences"]))
        out.append(table(c["header"], [[esc(r["label"]), *map(esc, r["cells"])] for r in c["rows"]]))
    out.append(f'<h1 class="pb">{esc(lab["a.subs.title"])}</h1>')
    rows = []
    for p in ctx["sub_overview"]:
        for i, s in enumerate(p["subs"]):
            first = (
                [f"<b>{esc(p['label'])}</b><br>{esc(p['name_other'])}", gauge(p["gauge"])]
                if i == 0
                else ["", ""]
            )
            rows.append(
                [
                    *first,
                    esc(s["name"])
                    + (f'<br><span class="note">{esc(s["note"])}</span>' if s["note"] and s["gauge"] else ""),
                    gauge(s["gauge"]) if s["gauge"] else f'<span class="note">{esc(s["note"])}</span>',
                ]
            )
    out.append(
        table(
            [lab["a.col.indicator"], lab["a.subs.col.pillar_level"], lab["a.subs.col.sub_levels"], ""], rows
        )
    )
    out.append(
        f"<h2>{esc(lab['a.explain.title'])}</h2><p>{esc(ctx['explain']['intro'])}</p>"
        f'{ul(ctx["explain"]["pillars"])}<p class="note">{esc(ctx["explain"]["rule"])}</p>'
    )
    for p in ctx["pillars"]:
        out.append(f'<h1 class="pb">{esc(p["title"])}</h1><p>{gauge(p["gauge"])} {esc(p["level"])}</p>')
        trows = [
            [
                esc(r["name"]),
                gauge(r["gauge"]) if r["note"] is None else f'<span class="note">{esc(r["note"])}</span>',
                *map(esc, r["cells"]),
            ]
            for r in p["table"]["rows"]
        ]
        trows.append(
            [f"<b>{esc(p['table']['total']['name'])}</b>", "", *map(esc, p["table"]["total"]["cells"])]
        )
        out.append(
            table(
                p["table"]["header"],
                trows,
            )
        )
        out.append(f"<h2>{esc(p['readiness'])}</h2><p>{esc(p['divided'])}</p>{ul(p['comparisons'])}")
        a = p["advice"]
        out.append(
            f'<h2 class="pb">{esc(lab["a.advice.title"])} — {esc(p["title"])}</h2><p>{esc(a["intro"])}</p>'
            f"{ul(a['summary'])}"
        )
        for key in ("pillar", "note", "empty"):
            if a[key]:
                out.append(f"<p>{esc(a[key])}</p>")
        for it in a["items"]:
            out.append(f"<p><b>{esc(it['head'])}</b></p>")
            if it["composed"]:
                out.append(f"<p>{esc(it['composed'])}</p>{ul([t['text'] for t in it['topics']])}")
            if it["achieved"]:
                out.append(
                    f"<p>{esc(it['achieved'])}</p><ol>"
                    + "".join(f"<li>{esc(x)}</li>" for x in it["achieved_list"])
                    + "</ol>"
                )
            if it["advice"]:
                out.append(f"<p>{esc(it['advice'])}</p>")
            for st in it["steps"]:
                out.append(f'<p style="margin-left:12pt">{esc(st["text"])}</p>')
                if st["advice"]:
                    out.append(f'<p style="margin-left:12pt">{esc(st["advice"])}</p>')
                if st["todo"]:
                    out.append(
                        ul([u["text"] + (f" ({u['current']})" if u["current"] else "") for u in st["todo"]])
                    )
    g = ctx["glossary"]
    out.append(
        f'<h1 class="pb">{esc(lab["a.glossary.title"])}</h1><h2>{esc(lab["a.glossary.groups"])}</h2>'
        f"{ul(g['groups'])}<h2>{esc(lab['a.glossary.pillars'])}</h2>"
    )
    out += [f"<p><b>{esc(p['name'])}</b><br>{esc(p['text'])}</p>" for p in g["pillars"]]
    out.append(
        f"<h2>{esc(lab['a.glossary.levels'])}</h2>{ul(g['levels'])}<p>{esc(g['weights'])}</p>"
        f'<p class="note">{esc(lab["note.dash"])}<br>{esc(lab["note.rounding"])}</p>'
    )
    css = CSS % {"font": report_font().family, "page": lab["page"]}
    return (
        f'<!doctype html><html lang="{ctx["lang"]}"><head><meta charset="utf-8"><style>{css}</style></head>'
        f"<body>{''.join(out)}</body></html>"
    )


def chart_png(spec: dict[str, Any]) -> bytes:
    """The same radar chart as one PNG for the HTML page (WeasyPrint cannot embed a PDF chart)."""
    import math

    fig = charts._figure(11, 9.5)
    ax, angles = charts._polar(fig, len(spec["labels"]), spec["max"])
    closed = [*angles, angles[0]]
    for k, series in enumerate(spec["series"]):
        vals = [0.0 if v is None else v for v in series["values"]]
        color = charts.RADAR_COLORS[k % 3]
        ax.plot(closed, [*vals, vals[0]], color=color, linewidth=1.6, label=series["label"])
        ax.fill(closed, [*vals, vals[0]], color=color, alpha=0.12)
    ax.set_xticks(angles)
    ax.set_xticklabels(spec["labels"])
    ax.set_yticks([spec["max"] * f for f in (0.2, 0.4, 0.6, 0.8, 1.0)])
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=len(spec["series"]))
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150)
    assert not math.isnan(len(buf.getvalue()))
    return buf.getvalue()


def weasy_report(cycle: ReportCycle, agency_id: str, png: bytes) -> bytes:
    """The same report from an HTML page with WeasyPrint; the chart PNG is made beforehand, untimed."""
    from weasyprint import HTML

    ctx = agency_context(cycle, agency_id, Style(lang="th"))
    page = html_page(ctx, png)
    return HTML(string=page).write_pdf()  # type: ignore[no-any-return]


def typst_report(cycle: ReportCycle, agency_id: str, renderer: Renderer) -> bytes:
    ctx = agency_context(cycle, agency_id, Style(lang="th"))
    return renderer.render("agency.typ", ctx)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--agencies", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sample", type=int, default=12, help="agencies rendered by both engines, side by side")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "dgmm-bench-reports")
    ap.add_argument("--skip-batch", action="store_true")
    args = ap.parse_args()

    t0 = time.perf_counter()
    results = make_cycle(args.workdir / "cycle", args.agencies)
    print(
        f"cycle: {args.agencies} agencies of {FRAMEWORK} simulated and scored in "
        f"{time.perf_counter() - t0:.1f} s "
        f"({results})"
    )
    cycle = ReportCycle.load(results)
    _ = cycle.answers
    ids = [a["id"] for a in cycle.scored]
    step = max(1, len(ids) // args.sample)
    sample = ids[::step][: args.sample]

    # -- side by side: the same agencies, alternating engines ---------------------------------------------
    renderer = Renderer()
    pngs = {a: chart_png(agency_context(cycle, a, Style(lang="th"))["radar"]["chart"]) for a in sample}
    # warm up both (fonts, matplotlib, WeasyPrint's font config) on an agency outside the sample: the
    # renderer keeps what it laid out for a process's earlier reports, and a report made twice would
    # be cheaper than any report of a batch
    warm = next(a for a in ids if a not in sample)
    typst_report(cycle, warm, renderer)
    weasy_report(cycle, warm, chart_png(agency_context(cycle, warm, Style(lang="th"))["radar"]["chart"]))
    t_typst, t_weasy, c_typst, c_weasy = [], [], [], []
    for agency_id in sample:
        t, c = time.perf_counter(), time.process_time()
        typst_report(cycle, agency_id, renderer)
        t_typst.append(time.perf_counter() - t)
        c_typst.append(time.process_time() - c)
        t, c = time.perf_counter(), time.process_time()
        weasy_report(cycle, agency_id, pngs[agency_id])
        t_weasy.append(time.perf_counter() - t)
        c_weasy.append(time.process_time() - c)
    renderer.close()
    mt, mw = statistics.mean(t_typst), statistics.mean(t_weasy)
    ct, cw = statistics.mean(c_typst), statistics.mean(c_weasy)
    print(
        f"\nside by side on {len(sample)} agency reports (one process, same content, interleaved; "
        f"load average {os.getloadavg()[0]:.1f}):"
    )
    print(
        f"  dgmm / Typst : {mt * 1000:7.0f} ms per report wall, {ct * 1000:6.0f} ms CPU  ({1 / mt:5.1f} "
        "reports/s)"
    )
    print(
        f"  WeasyPrint   : {mw * 1000:7.0f} ms per report wall, {cw * 1000:6.0f} ms CPU  ({1 / mw:5.1f} "
        "reports/s)"
    )
    print(
        f"  ratio        : Typst is {mw / mt:.1f}x faster than WeasyPrint in wall time, {cw / ct:.1f}x in "
        "CPU time "
        "(goal: at least 5x)"
    )

    if args.skip_batch:
        return
    out = args.workdir / "reports"
    for p in out.glob("*.pdf"):
        p.unlink()
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    res = render_all(cycle, out, options=Options(lang="th"), jobs=args.jobs, force=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rate = res.rendered / res.seconds if res.seconds else 0.0
    print(
        f"\nbatch: {res.rendered} agency reports (the scored agencies of {args.agencies}) with {args.jobs} "
        "processes "
        f"on {os.cpu_count()} cores"
    )
    print(
        f"  wall time    : {res.seconds:.1f} s ({rate:.1f} reports/s; {len(res.failed)} failed; load average "
        f"{load:.1f} before, {os.getloadavg()[0]:.1f} after)"
    )
    print(
        f"  worker CPU   : {cpu:.1f} s ({cpu / max(res.rendered, 1) * 1000:.0f} ms per report, process start "
        "included)"
    )
    print(f"  on {args.jobs} cores of its own the batch needs about {cpu / args.jobs:.0f} s of wall time")
    print(
        f"  goal: the reports of a 2,000-agency cycle in under 180 s on 2 cores -> measured "
        f"{'met' if res.seconds < 180 else 'NOT met'}; CPU-time bound {'met' if cpu / 2 < 180 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
