"""Charts for the reports, drawn with matplotlib and saved as small vector PDFs that Typst embeds.

Matplotlib lays Thai text out with libraqm/HarfBuzz, and its PDF backend keeps the shaped glyph
positions (tone marks stacked over upper vowels), so chart text is shaped correctly; the report
font is embedded in each chart. A chart is described by plain data (a "spec" built by the report
context) and drawn by the function registered for its ``kind``; charts compute nothing.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from dgmm.reports.fonts import report_font

Spec = dict[str, Any]
AGENCY_COLOR, GROUP_COLOR, PREVIOUS_COLOR, GRID_COLOR = "#1f5fa8", "#e08a1e", "#9aa7b8", "#7a8594"
PALETTE = ("#1f5fa8", "#e08a1e", "#3c9a5f", "#b6404b", "#7b5ea7", "#4a9bb5")


@cache
def _setup() -> None:
    """Register the report font with matplotlib once per process."""
    import matplotlib

    matplotlib.use("agg")
    from matplotlib import font_manager

    font = report_font()
    for face in font.faces:
        font_manager.fontManager.addfont(str(face))
    matplotlib.rcParams.update(
        {
            "font.family": font.family,
            "font.size": 9,
            "pdf.fonttype": 3,
            "axes.titlesize": 10,
            "axes.edgecolor": GRID_COLOR,
            "axes.labelcolor": "#222222",
            "xtick.color": "#333333",
            "ytick.color": "#333333",
            "legend.frameon": False,
            "svg.fonttype": "path",
        }
    )


def _figure(width_cm: float, height_cm: float) -> Any:
    _setup()
    from matplotlib.figure import Figure

    return Figure(figsize=(width_cm / 2.54, height_cm / 2.54))


def _pdf(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(
        buf,
        format="pdf",
        metadata={"Creator": "dgmm", "Producer": "dgmm", "CreationDate": None},
        facecolor=fig.get_facecolor(),
    )
    return buf.getvalue()


def _digits(spec: Spec) -> Any:
    """A tick formatter writing numbers with the spec's digits (Thai digits in a Thai-digit report)."""
    from matplotlib.ticker import FuncFormatter

    table = str.maketrans("0123456789", "".join(spec.get("digits") or "0123456789"))
    return FuncFormatter(lambda x, _pos: f"{x:g}".translate(table))


def _nan(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


@dataclass
class _Radar:
    """The two layers of a radar, kept between reports of the same layout.

    The background (polar grid, axis and tick labels) is the same for every agency and is
    drawn once; the foreground holds only the series' polygons, on a transparent figure of the same
    size and axes position, and is drawn for each report. Typst lays the foreground over the background.
    """

    background: bytes
    fig: Any
    lines: list[Any]
    fills: list[Any]
    closed: list[float]


_RADARS: dict[tuple[Any, ...], _Radar] = {}
RADAR_COLORS = (AGENCY_COLOR, GROUP_COLOR, PREVIOUS_COLOR)


def _polar(fig: Any, n: int, top: float) -> tuple[Any, list[float]]:
    ax = fig.add_subplot(projection="polar")
    angles = [2 * math.pi * i / n for i in range(n)]
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_ylim(0, top)
    fig.subplots_adjust(left=0.08, right=0.92, top=0.93, bottom=0.07)
    return ax, angles


def radar_colors(n: int) -> list[str]:
    """The colours of a radar's n series, in order (the report prints the legend with them)."""
    return [RADAR_COLORS[k % 3] for k in range(n)]


def _radar_layers(labels: tuple[str, ...], series: int, top: float, digits: tuple[str, ...]) -> _Radar:
    """The axes (drawn once per layout, whatever the series are called: the report prints the legend)
    and a transparent layer with one line and fill per series, updated for each report."""
    n = len(labels)
    back = _figure(11, 9.5)
    ax, angles = _polar(back, n, top)
    ax.set_xticks(angles)
    ax.set_xticklabels(labels)
    ax.set_yticks([top * f for f in (0.2, 0.4, 0.6, 0.8, 1.0)])
    ax.yaxis.set_major_formatter(_digits({"digits": digits}))
    ax.tick_params(axis="y", labelsize=7)
    background = _pdf(back)
    front = _figure(11, 9.5)
    front.patch.set_alpha(0)
    fax, _ = _polar(front, n, top)
    fax.axis("off")
    closed = [*angles, angles[0]]
    lines, fills = [], []
    for k in range(series):
        # a dot at each value: a pillar between two without a score still shows (the line breaks there)
        lines.append(
            fax.plot(
                closed,
                [0.0] * len(closed),
                color=RADAR_COLORS[k % 3],
                linewidth=1.6,
                marker="o",
                markersize=2.6,
            )[0]
        )
        fills.append(fax.fill(closed, [0.0] * len(closed), color=RADAR_COLORS[k % 3], alpha=0.12)[0])
    return _Radar(background, front, lines, fills, closed)


def shared_layers() -> set[bytes]:
    """Layers drawn once and shared by every report of their layout (the radar backgrounds)."""
    return {r.background for r in _RADARS.values()}


def radar(spec: Spec) -> list[bytes]:
    """Pillar scores of the agency and its comparators on a 0..max radar: [background, foreground].

    The legend is not drawn: the report prints it under the chart (`radar_colors`), so one background
    serves every peer group."""
    key = (
        tuple(spec["labels"]),
        len(spec["series"]),
        spec.get("max", 100),
        tuple(spec.get("digits") or "0123456789"),
    )
    r = _RADARS.get(key)
    if r is None:
        if len(_RADARS) > 16:
            _RADARS.clear()
        r = _RADARS[key] = _radar_layers(*key)
    for line, fill, series in zip(r.lines, r.fills, spec["series"], strict=True):
        vals = _nan(series["values"])
        ys = [*vals, vals[0]]
        line.set_data(r.closed, ys)
        # a pillar without a score is no zero: the area is filled only when every pillar has a value
        known = not any(math.isnan(y) for y in ys)
        fill.set_xy(list(zip(r.closed, ys if known else [0.0] * len(ys), strict=True)))
    return [r.background, _pdf(r.fig)]


def bars(spec: Spec) -> bytes:
    """Grouped horizontal bars: one group per category, one bar per series, values printed."""
    cats = spec["categories"]
    series = spec["series"]
    height = max(5.0, 1.5 + 0.6 * len(cats) * max(1, len(series)))
    fig = _figure(spec.get("width_cm", 16), min(height, spec.get("max_height_cm", 11)))
    ax = fig.add_subplot()
    k = len(series)
    band = 0.8 / max(k, 1)
    for j, s in enumerate(series):
        ys = [i + (j - (k - 1) / 2) * band for i in range(len(cats))]
        vals = _nan(s["values"])
        color = s.get("color") or PALETTE[j % len(PALETTE)]
        ax.barh(
            ys, [0 if math.isnan(v) else v for v in vals], height=band * 0.9, color=color, label=s["label"]
        )
        for y, v, txt in zip(ys, vals, s["texts"], strict=True):
            if not math.isnan(v):
                ax.text(v + spec.get("max", 100) * 0.01, y, txt, va="center", fontsize=7)
    ax.set_yticks(range(len(cats)))
    ax.set_yticklabels(cats)
    ax.invert_yaxis()
    ax.set_xlim(0, spec.get("max", 100) * 1.1)
    ax.xaxis.set_major_formatter(_digits(spec))
    ax.spines[["top", "right"]].set_visible(False)
    if k > 1:
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=k, fontsize=8)
    fig.tight_layout()
    return _pdf(fig)


def grid(spec: Spec) -> bytes:
    """The performance/growth grid: units by score (x) and change (y), lines at the means (§14)."""
    fig = _figure(spec.get("width_cm", 17), spec.get("height_cm", 11))
    ax = fig.add_subplot()
    xs, ys = _nan(spec["x"]), _nan(spec["y"])
    if spec.get("mean_x") is not None:
        ax.axvline(spec["mean_x"], color=GRID_COLOR, linewidth=1, linestyle="--")
    if spec.get("mean_y") is not None:
        ax.axhline(spec["mean_y"], color=GRID_COLOR, linewidth=1, linestyle="--")
    ax.scatter(xs, ys, s=28, color=AGENCY_COLOR, zorder=3)
    for x, y, label in zip(xs, ys, spec["labels"], strict=True):
        ax.annotate(label, (x, y), xytext=(3, 3), textcoords="offset points", fontsize=6.5)
    # a band above and below every unit (and its label) holds the quadrant names, so no unit's
    # label is printed over them
    seen = [v for v in (*ys, spec.get("mean_y")) if v is not None and v == v]
    if seen:
        lo, hi = min(seen), max(seen)
        span = (hi - lo) or 1.0
        ax.set_ylim(lo - 0.16 * span, hi + 0.2 * span)
    for q in spec["quadrants"]:
        ax.text(
            q["x"],
            q["y"],
            q["name"],
            transform=ax.transAxes,
            fontsize=10,
            color="#555555",
            ha="left" if q["x"] < 0.5 else "right",
            va="top" if q["y"] > 0.5 else "bottom",
        )
    ax.xaxis.set_major_formatter(_digits(spec))
    ax.yaxis.set_major_formatter(_digits(spec))
    ax.set_xlabel(spec["x_label"])
    ax.set_ylabel(spec["y_label"])
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _pdf(fig)


def quadrant_positions(names: dict[str, str]) -> dict[tuple[float, float], str]:
    """Where the four quadrant names go, in axes coordinates (Rising Star top left, as in seed 001)."""
    return {
        (0.02, 0.98): names["rising_star"],
        (0.98, 0.98): names["developed"],
        (0.02, 0.02): names["developing"],
        (0.98, 0.02): names["maintain"],
    }


CHARTS: dict[str, Callable[[Spec], bytes | list[bytes]]] = {"radar": radar, "bars": bars, "grid": grid}


# Matplotlib keeps process-wide state (settings, font caches, the current figure) and is not safe to use
# from two threads at once: a web server's threads draw one chart at a time.
_DRAWING = threading.Lock()


def draw(spec: Spec) -> list[bytes]:
    """The PDF layers of a chart spec, by its ``kind``, bottom first (one layer for most charts)."""
    with _DRAWING:
        out = CHARTS[spec["kind"]](spec)
    return out if isinstance(out, list) else [out]
