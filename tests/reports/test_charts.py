"""The reports' charts draw what they are given and nothing else: a pillar without a score is no zero."""

from __future__ import annotations

import math

from dgmm.reports import charts


def _spec(values: list[float | None]) -> dict:
    labels = [f"Pillar {n}" for n in range(1, len(values) + 1)]
    return {"kind": "radar", "labels": labels, "series": [{"label": "now", "values": values}], "max": 100}


def _layer(spec: dict) -> charts._Radar:
    charts.draw(spec)
    key = (tuple(spec["labels"]), 1, 100, tuple("0123456789"))
    return charts._RADARS[key]


def test_a_radar_with_every_pillar_scored_is_filled() -> None:
    r = _layer(_spec([20.0, 40.0, 60.0, 80.0, 50.0]))
    radii = [y for _x, y in r.fills[0].get_xy()]
    assert max(radii) == 80.0 and min(radii) == 20.0
    assert r.lines[0].get_marker() == "o"


def test_a_pillar_without_a_score_breaks_the_line_and_leaves_no_area() -> None:
    r = _layer(_spec([25.0, None, None, 0.0, None]))
    ys = list(r.lines[0].get_ydata())
    assert ys[0] == 25.0 and math.isnan(ys[1]) and ys[3] == 0.0  # dots at the values, a gap between
    assert r.lines[0].get_marker() == "o"  # so a lone value still shows
    assert all(y == 0.0 for _x, y in r.fills[0].get_xy())  # no area drawn as if the gaps were zero
