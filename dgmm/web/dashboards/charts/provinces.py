"""The province map: a tile grid of Thailand's 77 provinces (data/thailand_tiles.yaml), coloured by
a value per province in classes with a legend. Each province is a focusable element named
"Province: value" (a link when the spec gives one); a province without a value is hatched and said
to have no data, never guessed. The same figures are in the table beside the map."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dgmm.web.dashboards.charts import (
    INK,
    LEVEL_COLOURS,
    MUTED,
    Spec,
    Table,
    _open,
    _rect,
    _text,
    chart_id,
    esc,
    number,
)

TILES = Path(__file__).parents[1] / "data" / "thailand_tiles.yaml"
TILE, PAD = 34, 3


@functools.cache
def tiles() -> tuple[dict[str, Any], ...]:
    """The tiles of the map: {id, x, y, name_th, name_en} for each of the 77 provinces."""
    data = yaml.safe_load(TILES.read_text(encoding="utf-8"))
    return tuple(data["tiles"])


def score_classes(top: float = 100, steps: int = 5) -> list[dict[str, Any]]:
    """Equal classes of a 0..top score: [{min, max, label}] (a value falls in min <= v < max; the last
    class includes top)."""
    w = top / steps
    return [{"min": i * w, "max": (i + 1) * w, "label": f"{i * w:g}–{(i + 1) * w:g}"} for i in range(steps)]


def level_classes() -> list[dict[str, Any]]:
    """One class per maturity level 1..5."""
    return [{"min": k, "max": k + 1, "label": _("Level %(level)s") % {"level": k}} for k in range(1, 6)]


def _class_of(value: float, classes: list[dict[str, Any]]) -> int | None:
    for i, c in enumerate(classes):
        last = i == len(classes) - 1
        if c["min"] <= value < c["max"] or (last and value == c["max"]):
            return i
    return None


def province_map(spec: Spec) -> tuple[str, Table]:
    """spec: kind "map", title, desc?, decimals (2), value_header, classes ([{min, max, label, colour?}],
    default `score_classes()`), values: {province id: {value: float|None, text?, href?}}, names?
    ({province id: name}, default the tiles' names in the page's language)."""
    cid = chart_id(spec)
    dec = int(spec.get("decimals", 2))
    classes = spec.get("classes") or score_classes()
    colours = [c.get("colour") or LEVEL_COLOURS[i % 5] for i, c in enumerate(classes)]
    lang = "en" if (get_language() or "th").startswith("en") else "th"
    names = spec.get("names") or {}
    values = spec.get("values") or {}
    no_data = _("no data")
    cols = max(t["x"] for t in tiles()) + 1
    rows = max(t["y"] for t in tiles()) + 1
    map_w, map_h = cols * TILE, rows * TILE
    legend_x = map_w + 24
    width, height = legend_x + 190, map_h + 8
    out = _open(spec, width, height, role="group")
    out.append(
        f'<defs><pattern id="{cid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{MUTED}" stroke-width="2"/></pattern></defs>'
    )
    body = []
    for t in tiles():
        name = names.get(t["id"]) or t[f"name_{lang}"]
        entry = values.get(t["id"]) or {}
        v = entry.get("value")
        k = None if v is None else _class_of(float(v), classes)
        shown = entry.get("text") or number(v, dec, no_data)
        fill = f"url(#{cid}-hatch)" if k is None else colours[k]
        label = _("%(province)s: %(value)s") % {"province": name, "value": shown}
        tile = _rect(t["x"] * TILE + PAD, t["y"] * TILE + PAD, TILE - 2 * PAD, TILE - 2 * PAD, fill, INK)
        attrs = f'class="province" data-province="{esc(t["id"])}" aria-label="{esc(label)}"'
        if entry.get("href"):
            out.append(f'<a href="{esc(entry["href"])}" {attrs}><title>{esc(label)}</title>{tile}</a>')
        else:
            out.append(f'<g tabindex="0" role="img" {attrs}><title>{esc(label)}</title>{tile}</g>')
        body.append([name, shown, no_data if k is None else classes[k]["label"]])
    out.append(_text(legend_x, 16, spec.get("value_header") or _("Score"), size=12))
    for i, c in enumerate(classes):
        y = 28 + i * 22
        out.append(_rect(legend_x, y, 16, 16, colours[i], INK))
        out.append(_text(legend_x + 22, y + 13, c["label"], size=12))
    y = 28 + len(classes) * 22
    out.append(_rect(legend_x, y, 16, 16, f"url(#{cid}-hatch)", INK))
    out.append(_text(legend_x + 22, y + 13, no_data, size=12))
    out.append("</svg>")
    head = [_("Province"), spec.get("value_header") or _("Score"), _("Class")]
    return "".join(out), {"caption": spec["title"], "head": head, "rows": body}
