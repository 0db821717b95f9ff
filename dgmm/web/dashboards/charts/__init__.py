"""Accessible charts for the public pages, drawn on the server as inline SVG (docs/charts.md).

A chart is plain data (a "spec", as for the reports' charts in dgmm/reports/charts.py) drawn by the
function registered for its ``kind``; charts compute nothing: every figure, label and class comes in
the spec. Each chart comes with its data table (`render`), so nothing is said only by the picture.

The SVG works without JavaScript and under the site's Content-Security-Policy: colours are
presentation attributes (fill=, stroke=), never style attributes; fonts come from the page's CSS
(app.css, ``.chart``). Every label is escaped (agency names are user data). The same spec gives the
same SVG, byte for byte.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from django.utils.translation import gettext as _

Spec = dict[str, Any]
Table = dict[str, Any]

INK, MUTED, LINE, BRAND = "#1b1f24", "#4a5360", "#8a949f", "#0b4f8a"
# levels 1..5, light to dark; the last colour is for "not counted / no data"
LEVEL_COLOURS = ("#deebf7", "#9ecae1", "#4a90c7", "#1f65a6", "#0b3d6e")
MISSING = "#d0d4d9"
SERIES_COLOURS = (BRAND, "#b35900", "#5f6b78", "#2e7d4f")
WIDTH = 640
BAR, GAP = 20, 8


def esc(value: object) -> str:
    """Text or attribute value, escaped for HTML and XML (quotes included)."""
    return escape(str(value), quote=True)


def n(x: float) -> str:
    """A coordinate with one decimal, the same on every run."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def text_width(label: str, size: float = 13) -> float:
    """An estimate of a label's width: marks that stack over or under a letter (Thai vowels and tone
    marks) take no room."""
    cells = sum(0 if unicodedata.combining(c) or unicodedata.category(c) == "Mn" else 1 for c in label)
    return cells * size * 0.55


def clip(label: str, width: float, size: float = 13) -> str:
    """The label, shortened with an ellipsis to fit `width` (the table beside has it in full)."""
    if text_width(label, size) <= width:
        return label
    out = ""
    for c in label:
        if text_width(out + c + "…", size) > width:
            break
        out += c
    return out.rstrip() + "…"


def number(value: float | None, decimals: int, none: str = "") -> str:
    return none if value is None else f"{value:.{decimals}f}"


def signed(value: float | None, decimals: int) -> str:
    return "" if value is None else f"{value:+.{decimals}f}"


def chart_id(spec: Spec) -> str:
    if spec.get("id"):
        return "".join(c if c.isalnum() or c in "-_" else "-" for c in str(spec["id"]))
    digest = hashlib.sha1(repr((spec.get("kind"), spec.get("title"))).encode()).hexdigest()[:10]
    return f"chart-{digest}"


def _open(spec: Spec, width: float, height: float, role: str = "img") -> list[str]:
    cid = chart_id(spec)
    desc = spec.get("desc") or spec["title"]
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg chart-{esc(spec["kind"])}" '
        f'id="{cid}" role="{role}" aria-labelledby="{cid}-title {cid}-desc" '
        f'viewBox="0 0 {n(width)} {n(height)}" width="{n(width)}" height="{n(height)}">',
        f'<title id="{cid}-title">{esc(spec["title"])}</title>',
        f'<desc id="{cid}-desc">{esc(desc)}</desc>',
    ]


def _text(x: float, y: float, label: str, anchor: str = "start", fill: str = INK, size: int = 13) -> str:
    return (
        f'<text x="{n(x)}" y="{n(y)}" text-anchor="{anchor}" font-size="{size}" fill="{fill}">'
        f"{esc(label)}</text>"
    )


def _rect(x: float, y: float, w: float, h: float, fill: str, stroke: str = "") -> str:
    edge = f' stroke="{stroke}" stroke-width="1"' if stroke else ""
    return f'<rect x="{n(x)}" y="{n(y)}" width="{n(max(w, 0))}" height="{n(h)}" fill="{fill}"{edge}/>'


def _label_width(labels: Sequence[str]) -> float:
    return min(max((text_width(s) for s in labels), default=40) + 12, WIDTH * 0.38)


def _legend(items: Sequence[tuple[str, str]], y: float, x0: float = 0) -> tuple[list[str], float]:
    """Swatches with their names, wrapped over lines; returns the parts and the height used."""
    out, x, line = [], x0, 0
    for colour, label in items:
        w = 18 + text_width(label, 12) + 16
        if x + w > WIDTH and x > x0:
            x, line = x0, line + 1
        yy = y + line * 20
        out.append(_rect(x, yy, 12, 12, colour, INK))
        out.append(_text(x + 17, yy + 11, label, size=12))
        x += w
    return out, (line + 1) * 20 if items else 0


# ---- kinds ----------------------------------------------------------------------------------------


def bars(spec: Spec) -> tuple[str, Table]:
    """Horizontal bars, one per row, with an optional marker at the previous cycle's value.

    spec: title, desc?, max (default 100), decimals (2), label_header, value_header,
    rows: [{label, value: float|None, previous?: float|None, change?: float|None, note?: str}],
    previous_label? (legend and table heading of the marker), change_header?. A row without a value
    says its `note` (e.g. why it is not shown), else "no data".
    """
    rows, top = spec["rows"], spec.get("max") or 100
    dec = int(spec.get("decimals", 2))
    has_prev = any(r.get("previous") is not None for r in rows)
    has_change = any("change" in r for r in rows)
    prev_label = spec.get("previous_label") or _("Previous cycle")
    lw = _label_width([r["label"] for r in rows])
    plot = WIDTH - lw - 110
    legend: list[str] = []
    y0 = 8.0
    if has_prev:
        legend = [
            f'<line x1="{n(lw)}" y1="{n(y0)}" x2="{n(lw)}" y2="{n(y0 + 14)}" '
            f'stroke="{INK}" stroke-width="3"/>',
            _text(lw + 8, y0 + 12, prev_label, size=12),
        ]
        y0 += 24
    height = y0 + len(rows) * (BAR + GAP) + 8
    out = _open(spec, WIDTH, height)
    out += legend
    out.append(f'<line x1="{n(lw)}" y1="{n(y0 - 4)}" x2="{n(lw)}" y2="{n(height - 4)}" stroke="{LINE}"/>')
    for i, r in enumerate(rows):
        y = y0 + i * (BAR + GAP)
        out.append(_text(lw - 6, y + BAR - 5, clip(r["label"], lw - 12), "end"))
        v = r.get("value")
        if v is None:
            out.append(_text(lw + 6, y + BAR - 5, clip(r.get("note") or _("no data"), plot), fill=MUTED))
            continue
        w = plot * max(0.0, min(float(v), top)) / top
        out.append(_rect(lw, y, w, BAR, spec.get("colour") or BRAND))
        label = number(v, dec) + (f" ({signed(r['change'], dec)})" if r.get("change") is not None else "")
        end = lw + w  # the value is printed after the bar and after the previous cycle's marker
        p = r.get("previous")
        if p is not None:
            px = lw + plot * max(0.0, min(float(p), top)) / top
            end = max(end, px + 2)
            out.append(
                f'<line x1="{n(px)}" y1="{n(y - 3)}" x2="{n(px)}" y2="{n(y + BAR + 3)}" '
                f'stroke="{INK}" stroke-width="3"/>'
            )
        out.append(_text(end + 6, y + BAR - 5, label))
    out.append("</svg>")
    head = [spec.get("label_header") or "", spec.get("value_header") or _("Score")]
    if has_prev:
        head.append(prev_label)
    if has_change:
        head.append(spec.get("change_header") or _("Change"))
    body = []
    for r in rows:
        cells = [r["label"], number(r.get("value"), dec, r.get("note") or _("no data"))]
        if has_prev:
            cells.append(number(r.get("previous"), dec, "–"))
        if has_change:
            cells.append(signed(r.get("change"), dec) or "–")
        body.append(cells)
    return "".join(out), {"caption": spec["title"], "head": head, "rows": body}


def stacked(spec: Spec) -> tuple[str, Table]:
    """One bar per row split by category (levels 1..5 and "not counted"), each as a share of the row.

    spec: title, desc?, label_header, categories: [{label, colour?}], rows: [{label, counts: [int]}],
    total_header?. Colours default to the level scale, and grey for a sixth category.
    """
    cats, rows = spec["categories"], spec["rows"]
    colours = [c.get("colour") or (*LEVEL_COLOURS, MISSING)[i % 6] for i, c in enumerate(cats)]
    leg, lh = _legend([(colours[i], c["label"]) for i, c in enumerate(cats)], 6)
    lw = _label_width([r["label"] for r in rows])
    plot = WIDTH - lw - 8
    y0 = 12 + lh
    height = y0 + len(rows) * (BAR + GAP) + 4
    out = _open(spec, WIDTH, height) + leg
    for i, r in enumerate(rows):
        y = y0 + i * (BAR + GAP)
        out.append(_text(lw - 6, y + BAR - 5, clip(r["label"], lw - 12), "end"))
        total = sum(r["counts"])
        x = lw
        if not total:
            out.append(_text(lw + 6, y + BAR - 5, _("no data"), fill=MUTED))
            continue
        for k, c in enumerate(r["counts"]):
            w = plot * c / total
            out.append(_rect(x, y, w, BAR, colours[k], "#ffffff"))
            x += w
        out.append(_rect(lw, y, plot, BAR, "none", INK))
    out.append("</svg>")
    head = [
        spec.get("label_header") or "",
        *[c["label"] for c in cats],
        spec.get("total_header") or _("Total"),
    ]
    body = [[r["label"], *[str(c) for c in r["counts"]], str(sum(r["counts"]))] for r in rows]
    return "".join(out), {"caption": spec["title"], "head": head, "rows": body}


def profile(spec: Spec) -> tuple[str, Table]:
    """Pillar profile as grouped horizontal bars: one group per pillar, one bar per series.

    spec: title, desc?, max (100), decimals (2), label_header, categories: [label],
    series: [{label, values: [float|None], colour?}].
    """
    cats, series, top = spec["categories"], spec["series"], spec.get("max") or 100
    dec = int(spec.get("decimals", 2))
    colours = [s.get("colour") or SERIES_COLOURS[i % 4] for i, s in enumerate(series)]
    leg, lh = _legend([(colours[i], s["label"]) for i, s in enumerate(series)], 6)
    lw = _label_width(cats)
    plot = WIDTH - lw - 60
    bh = 14
    group = len(series) * bh + 12
    y0 = 12 + lh
    height = y0 + len(cats) * group + 4
    out = _open(spec, WIDTH, height) + leg
    out.append(f'<line x1="{n(lw)}" y1="{n(y0 - 4)}" x2="{n(lw)}" y2="{n(height - 4)}" stroke="{LINE}"/>')
    for i, cat in enumerate(cats):
        gy = y0 + i * group
        out.append(_text(lw - 6, gy + len(series) * bh / 2 + 5, clip(cat, lw - 12), "end"))
        for k, s in enumerate(series):
            v = s["values"][i]
            y = gy + k * bh
            if v is None:
                out.append(_text(lw + 6, y + bh - 3, _("no data"), fill=MUTED, size=11))
                continue
            w = plot * max(0.0, min(float(v), top)) / top
            out.append(_rect(lw, y, w, bh - 2, colours[k]))
            out.append(_text(lw + w + 4, y + bh - 3, number(v, dec), size=11))
    out.append("</svg>")
    head = [spec.get("label_header") or "", *[s["label"] for s in series]]
    body = [[cat, *[number(s["values"][i], dec, _("no data")) for s in series]] for i, cat in enumerate(cats)]
    return "".join(out), {"caption": spec["title"], "head": head, "rows": body}


def grid(spec: Spec) -> tuple[str, Table]:
    """The performance/growth grid: units by score (x) and change (y), lines at the means and the
    quadrant names in the corners (Rising Star top left, as in seed 001).

    spec: title, desc?, decimals (2), label_header, x_label, y_label, mean_x, mean_y,
    points: [{label, x, y, quadrant?}], quadrants: {top_left, top_right, bottom_left, bottom_right},
    x_range?, y_range? ([lo, hi]; default: the points and means with a margin).
    """
    pts, dec = spec["points"], int(spec.get("decimals", 2))
    W, H, left, right, top, bottom = WIDTH, 420, 56, 16, 28, 44

    def extent(key: str, mean: float | None) -> tuple[float, float]:
        if spec.get(f"{key}_range"):
            lo, hi = spec[f"{key}_range"]
            return float(lo), float(hi)
        vals = [float(p[key]) for p in pts if p.get(key) is not None]
        if mean is not None:
            vals.append(float(mean))
        lo, hi = (min(vals), max(vals)) if vals else (0.0, 1.0)
        pad = (hi - lo) * 0.12 or 1.0
        return lo - pad, hi + pad

    mx, my = spec.get("mean_x"), spec.get("mean_y")
    (x0, x1), (y0, y1) = extent("x", mx), extent("y", my)

    def px(v: float) -> float:
        return left + (W - left - right) * (v - x0) / (x1 - x0)

    def py(v: float) -> float:
        return H - bottom - (H - top - bottom) * (v - y0) / (y1 - y0)

    out = _open(spec, W, H)
    out.append(_rect(left, top, W - left - right, H - top - bottom, "none", LINE))
    if mx is not None:
        out.append(
            f'<line x1="{n(px(mx))}" y1="{n(top)}" x2="{n(px(mx))}" y2="{n(H - bottom)}" '
            f'stroke="{MUTED}" stroke-dasharray="5 4"/>'
        )
    if my is not None:
        out.append(
            f'<line x1="{n(left)}" y1="{n(py(my))}" x2="{n(W - right)}" y2="{n(py(my))}" '
            f'stroke="{MUTED}" stroke-dasharray="5 4"/>'
        )
    q = spec.get("quadrants") or {}
    for key, x, y, anchor in (
        ("top_left", left + 6, top + 16, "start"),
        ("top_right", W - right - 6, top + 16, "end"),
        ("bottom_left", left + 6, H - bottom - 8, "start"),
        ("bottom_right", W - right - 6, H - bottom - 8, "end"),
    ):
        if q.get(key):
            out.append(_text(x, y, q[key], anchor, MUTED, 12))
    for p in pts:
        if p.get("x") is None or p.get("y") is None:
            continue
        cx, cy = px(float(p["x"])), py(float(p["y"]))
        out.append(f'<circle cx="{n(cx)}" cy="{n(cy)}" r="5" fill="{BRAND}" stroke="#ffffff"/>')
        label = clip(p["label"], 140, 11)
        if cx + 7 + text_width(label, 11) > W - right:  # near the right edge: the label goes left
            out.append(_text(cx - 7, cy - 6, label, "end", size=11))
        else:
            out.append(_text(cx + 7, cy - 6, label, size=11))
    for v in (x0, x1):
        out.append(_text(px(v), H - bottom + 16, number(v, 0), "middle", size=11))
    for v in (y0, y1):
        out.append(_text(left - 6, py(v) + 4, number(v, 0), "end", size=11))
    out.append(_text(left + (W - left - right) / 2, H - 8, spec.get("x_label") or "", "middle", size=12))
    mid = n(top + (H - top - bottom) / 2)
    out.append(
        f'<text x="14" y="{mid}" text-anchor="middle" font-size="12" fill="{INK}" '
        f'transform="rotate(-90 14 {mid})">{esc(spec.get("y_label") or "")}</text>'
    )
    out.append("</svg>")
    has_q = any(p.get("quadrant") for p in pts)
    head = [spec.get("label_header") or "", spec.get("x_label") or "x", spec.get("y_label") or "y"]
    if has_q:
        head.append(spec.get("quadrant_header") or _("Quadrant"))
    body = []
    for p in pts:
        cells = [p["label"], number(p.get("x"), dec, _("no data")), signed(p.get("y"), dec) or _("no data")]
        if has_q:
            cells.append(p.get("quadrant") or "–")
        body.append(cells)
    return "".join(out), {"caption": spec["title"], "head": head, "rows": body}


def histogram(spec: Spec) -> tuple[str, Table]:
    """How many chose each answer: one bar per answer, the count (and the caller's text) beside it.

    spec: title, desc?, label_header, value_header, bins: [{label, count: int, text?: str}].
    """
    bins = spec["bins"]
    top = max([b["count"] for b in bins] + [1])
    lw = _label_width([b["label"] for b in bins])
    plot = WIDTH - lw - 110
    y0 = 8.0
    height = y0 + len(bins) * (BAR + GAP) + 8
    out = _open(spec, WIDTH, height)
    out.append(f'<line x1="{n(lw)}" y1="{n(y0 - 4)}" x2="{n(lw)}" y2="{n(height - 4)}" stroke="{LINE}"/>')
    for i, b in enumerate(bins):
        y = y0 + i * (BAR + GAP)
        out.append(_text(lw - 6, y + BAR - 5, clip(b["label"], lw - 12), "end"))
        w = plot * b["count"] / top
        out.append(_rect(lw, y, w, BAR, spec.get("colour") or BRAND))
        out.append(_text(lw + w + 6, y + BAR - 5, b.get("text") or str(b["count"])))
    out.append("</svg>")
    head = [spec.get("label_header") or "", spec.get("value_header") or _("Count")]
    body = [[b["label"], b.get("text") or str(b["count"])] for b in bins]
    return "".join(out), {"caption": spec["title"], "head": head, "rows": body}


def _map(spec: Spec) -> tuple[str, Table]:
    from dgmm.web.dashboards.charts.provinces import province_map

    return province_map(spec)


KINDS: dict[str, Callable[[Spec], tuple[str, Table]]] = {
    "bars": bars,
    "stacked": stacked,
    "profile": profile,
    "grid": grid,
    "histogram": histogram,
    "map": _map,
}


def render(spec: Spec) -> tuple[str, Table]:
    """The SVG (a string of escaped markup, safe to insert) and the data table of a chart spec.

    The table is {caption, head: [heading], rows: [[cell]]}, the first cell of a row naming it."""
    kind = spec.get("kind")
    if kind not in KINDS:
        raise ValueError(f"unknown chart kind {kind!r}; expected one of {', '.join(KINDS)}")
    return KINDS[kind](spec)
