"""Pieces every report context uses: printed numbers, level labels and gauges, tier names, pillar labels."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dgmm.framework.schema import Framework, Pillar, Text
from dgmm.reports import fmt
from dgmm.reports.charts import radar_colors
from dgmm.reports.phrases import t
from dgmm.rounding import tie_key

LEVELS = 5
_KEEP = frozenset({"id", "kind", "lang", "color"})  # machine values a template or chart reads, never printed
_PILLAR_NUMBER = re.compile(r"^[A-Za-z]*(\d+)$")


@dataclass(frozen=True)
class Style:
    """How a report prints: its language and the decimals of scores (Thai digits: `with_thai_digits`)."""

    lang: str = "th"
    digits: int = 2

    def score(self, value: float | None) -> str:
        return fmt.score(value, self.digits)

    def pct(self, value: float | None) -> str:
        return fmt.pct(value, self.digits)

    def change(self, value: float | None) -> str:
        return fmt.change(value, self.digits)

    def count(self, n: int | None) -> str:
        return fmt.count(n)

    def text(self, value: Text) -> str:
        return value.get(self.lang)

    def t(self, key: str, **values: object) -> str:
        return t(self.lang, key, **values)


def gauge(level: int | None) -> dict[str, Any]:
    """A five-cell level gauge: which cells are filled, and whether the level is undetermined."""
    filled = level or 0
    return {"cells": [i < filled for i in range(LEVELS)], "undetermined": level is None}


def pillar_number(framework: Framework, pillar: Pillar) -> int:
    """The number a pillar is printed with: the digits of its id (P3 -> 3), else its position."""
    m = _PILLAR_NUMBER.match(pillar.id)
    if m:
        return int(m.group(1))
    return [p.id for p in framework.pillars].index(pillar.id) + 1


def radar_spec(style: Style, framework: Framework, series: list[dict[str, Any]]) -> dict[str, Any]:
    """A radar of the framework's pillars (0-100) and its legend: each series {"label", "values"} with one
    value (or None) per pillar, in the framework's order."""
    return {
        "chart": {
            "kind": "radar",
            "labels": [style.t("pillar.short", n=pillar_number(framework, p)) for p in framework.pillars],
            "series": series,
            "max": 100,
            "digits": list("0123456789"),
        },
        "legend": [
            {"label": s["label"], "color": color}
            for s, color in zip(series, radar_colors(len(series)), strict=True)
        ],
    }


def pillar_label(style: Style, framework: Framework, pillar: Pillar) -> str:
    """'Pillar 3: Public Service' in the report's language."""
    return style.t("pillar.label", n=pillar_number(framework, pillar), name=style.text(pillar.name))


def level_name(style: Style, names: Sequence[Text], level: int | None) -> str:
    """'3 Defined' (Thai reports add the Thai name: '3 Defined (กำหนดแนวทาง)'); undetermined otherwise."""
    if level is None:
        return style.t("level.undetermined.short")
    name = names[level - 1] if 1 <= level <= len(names) else Text()
    if style.lang == "th" and name.th and name.en and name.th != name.en:
        label = f"{level} {name.en} ({name.th})"
    else:
        label = f"{level} {name.get(style.lang)}".rstrip()
    return label


def tier_name(style: Style, tier: str | None) -> str:
    try:
        return style.t(f"tier.{tier}")
    except KeyError:
        return tier or ""


def cmp_word(style: Style, a: float | None, b: float | None) -> str | None:
    """'higher than' / 'lower than' / 'equal to', judged on the printed values."""
    c = fmt.cmp_shown(a, b, style.digits)
    if c is None:
        return None
    return style.t({1: "cmp.higher", -1: "cmp.lower", 0: "cmp.equal"}[c])


def ordered(scores: dict[str, float | None], order: Sequence[str], *, reverse: bool) -> list[str]:
    """Ids with a score, highest (reverse=True) or lowest first; ties keep framework order (§12, §13)."""
    pos = {k: i for i, k in enumerate(order)}
    have = [k for k in order if scores.get(k) is not None]
    sign = -1 if reverse else 1
    return sorted(have, key=lambda k: (sign * tie_key(scores[k] or 0.0), pos[k]))


def join(style: Style, items: Sequence[str]) -> str:
    return style.t("list.sep").join(items)


def with_thai_digits(value: Any) -> Any:
    """The same context with every printed digit written as a Thai digit (strings only, recursively).

    The template's own numbers (pages, list items) follow the context's "digits".
    """
    if isinstance(value, dict) and "digits" not in value and "lang" in value:
        value = {**value, "digits": list("0123456789")}
    if isinstance(value, str):
        return fmt.thai_digits(value)
    if isinstance(value, dict):
        return {k: v if k in _KEEP else with_thai_digits(v) for k, v in value.items()}
    if isinstance(value, list):
        return [with_thai_digits(v) for v in value]
    return value
