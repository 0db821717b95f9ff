"""Golden tests: the 2560 province letter (seed 003) — highest and lowest pillar, top-5 items to improve."""

from __future__ import annotations

import json
from typing import Any

from dgmm import load_framework
from dgmm.cycle import highlights
from tests.conftest import SPEC

RESULT: dict[str, Any] = json.loads((SPEC / "survey_results_2562.json").read_text(encoding="utf-8"))[
    "S003_2560"
]["province_result"]


def _scores() -> tuple[Any, dict[str, float | None], dict[str, float | None]]:
    fw = load_framework("province-2560")
    by_name = {sp.name_en: sp.id for _, sp in fw.iter_sub_pillars()}
    pillars = {f"P{p['pillar']}": p["score"] for p in RESULT["pillars"]}
    subs = {by_name[s["name"]]: s["score"] for p in RESULT["pillars"] for s in p["sub_indicators"]}
    return fw, pillars, subs


def test_highest_and_lowest_pillar() -> None:
    fw, pillars, subs = _scores()
    h = highlights(fw, pillars, subs)
    names = {p.id: p.name_en for p in fw.pillars}
    assert names[h["most_outstanding_pillar"]] == RESULT["max_pillar"]["value"] == "Smart Back Office"
    assert names[h["lowest_pillar"]] == RESULT["min_pillar"]["value"] == "Public Services"


def test_top_five_items_to_improve() -> None:
    fw, pillars, subs = _scores()
    h = highlights(fw, pillars, subs)
    names = {sp.id: sp.name_en for _, sp in fw.iter_sub_pillars()}
    assert [names[i] for i in h["improve_first"]] == [i["name"] for i in RESULT["top5_to_improve"]["items"]]
    # the tie at 28.1 (three sub-indicators) goes to the first in framework order
    tied = [names[k] for k, v in subs.items() if v == 28.1]
    assert h["improve_first"][-1] == next(k for k, v in subs.items() if v == 28.1)
    assert len(tied) == 3


def test_pillar_without_a_score_is_neither_highest_nor_lowest() -> None:
    fw, pillars, subs = _scores()
    assert pillars["P6"] is None
    h = highlights(fw, pillars, subs)
    assert "P6" not in (h["most_outstanding_pillar"], h["lowest_pillar"])
