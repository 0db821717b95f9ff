"""dgmm.trends: series over cycles, compared only within a framework or through a crosswalk."""

from __future__ import annotations

import random
from typing import Any

import pytest

from dgmm import load_framework, read_agencies, read_answers, score_cycle
from dgmm.aggregates import TierResults, public_aggregates
from dgmm.framework.crosswalk import read_crosswalk, shipped_crosswalks
from dgmm.simulate import simulate_cycle, write_csv
from dgmm.trends import agency_series, step, steps, unit_series

OLD, NEW = "province-2563", "pcio-2566"


def crosswalks(a: str, b: str) -> Any:
    path = shipped_crosswalks().get((a, b))
    return read_crosswalk(path, load_framework(a), load_framework(b)) if path else None


def scored(framework: str, tmp_path: Any, seed: int) -> dict[str, Any]:
    """A simulated cohort of 12 of the framework's tier, scored by the core; ids made the same across
    frameworks (a-00 ... a-11) so that one agency is followed across versions."""
    fw = load_framework(framework)
    d = tmp_path / framework
    write_csv(simulate_cycle(fw, 12, seed=seed), d)
    agencies = read_agencies(d / "agencies.csv")
    answers = read_answers(d / "answers.csv", fw, {a.id: a.tier for a in agencies})
    doc = score_cycle(fw, agencies, answers)
    ids = {a.id: f"a-{i:02d}" for i, a in enumerate(a for a in agencies if a.tier == fw.tiers[0])}
    for r in doc["agencies"]:
        r["id"] = ids.get(r["id"], r["id"])
    return doc


def test_an_agency_under_two_versions_compares_only_mapped_pillars(tmp_path):
    old, new = scored(OLD, tmp_path, 1), scored(NEW, tmp_path, 2)
    series = agency_series(
        [({"code": "c63", "year": 2563}, old), ({"code": "c66", "year": 2566}, new)], "a-00", crosswalks
    )
    (s,) = series["steps"]
    assert s["kind"] == "crosswalk" and s["change"] is None and s["level_change"] is None
    rec_old = next(r for r in old["agencies"] if r["id"] == "a-00")
    rec_new = next(r for r in new["agencies"] if r["id"] == "a-00")
    pairs = {(p["old"], p["new"]): p for p in s["pillars"]}
    cw = crosswalks(OLD, NEW)
    assert set(pairs) == {(k.old, k.new) for k in cw.links_at("pillars")}
    for (a, b), p in pairs.items():
        sa, sb = rec_old["pillars"][a].get("score"), rec_new["pillars"][b].get("score")
        assert p["change"] == (None if sa is None or sb is None else pytest.approx(sb - sa))
    new_pillars = {p.id for p in load_framework(NEW).pillars}
    unmapped_new = new_pillars - {b for _a, b in pairs}
    assert unmapped_new == {"P2"}
    assert {
        u["code"] for u in s["not_comparable"] if u["side"] == "to" and "." not in u["code"]
    } == unmapped_new
    assert all(u["code"].count(".") <= 1 for u in s["not_comparable"])  # topics are not listed one by one


def test_same_framework_gives_every_change_and_no_crosswalk_gives_none(tmp_path):
    a, b = scored(OLD, tmp_path, 1), scored(OLD, tmp_path / "again", 3)
    pts = agency_series([({"code": "x"}, a), ({"code": "y"}, b)], "a-01", crosswalks)
    (s,) = pts["steps"]
    ra, rb = (next(r for r in d["agencies"] if r["id"] == "a-01") for d in (a, b))
    assert s["kind"] == "same"
    assert s["change"] == pytest.approx(rb["overall"]["score"] - ra["overall"]["score"])
    assert [p["old"] for p in s["pillars"]] == list(rb["pillars"])
    other = {**b, "framework": {**b["framework"], "id": "some-other-model"}}
    (d,) = agency_series([({"code": "x"}, a), ({"code": "y"}, other)], "a-01", crosswalks)["steps"]
    assert (
        d["kind"] == "different" and d["change"] is None and d["pillars"] == [] and d["not_comparable"] == []
    )


def test_unit_series_reads_the_aggregates_rows_as_they_are(tmp_path):
    docs = []
    for year, seed in ((2563, 1), (2564, 5)):
        fw = load_framework(OLD)
        doc = scored(OLD, tmp_path / str(year), seed)
        rnd = random.Random(seed)
        for r in doc["agencies"]:
            r["province"] = "TH-50" if rnd.random() < 0.8 else "TH-10"
        agg = public_aggregates([TierResults(doc, fw)], cycle={"code": f"c{year}", "year": year})
        docs.append(agg)
    (series,) = unit_series(docs, "province", "TH-50", crosswalks)
    assert series["tier"] == "provincial" and len(series["points"]) == 2
    for point, agg in zip(series["points"], docs, strict=True):
        row = next(r for r in agg["tiers"][0]["by_province"] if r["code"] == "TH-50")
        assert point["mean"] == (row["overall"] or {}).get("mean") and point["levels"] == row["levels"]
        assert point["suppressed"] == row["suppressed"]
    (s,) = series["steps"]
    first, second = series["points"]
    assert s["kind"] == "same" and s["change"] == pytest.approx(second["mean"] - first["mean"])
    assert unit_series(docs, "ministry", "NONE", crosswalks) == []


def test_a_change_is_never_made_from_a_missing_side():
    cw = crosswalks(OLD, NEW)
    assert cw is not None
    old = {
        "cycle": {"code": "a"},
        "framework": {"id": OLD},
        "mean": None,
        "pillars": [{"id": "P1", "mean": None}],
    }
    new = {
        "cycle": {"code": "b"},
        "framework": {"id": NEW},
        "mean": 50.0,
        "pillars": [{"id": "P1", "mean": 40.0}],
    }
    s = step(old, new, crosswalks)
    p1 = next(p for p in s["pillars"] if p["old"] == "P1")
    assert p1["change"] is None and s["change"] is None
    same = step({**old, "framework": {"id": NEW}}, new, crosswalks)
    assert same["change"] is None and same["pillars"][0]["change"] is None


def test_a_chain_of_three_frameworks_steps_through_each_pair_own_crosswalk():
    def point(code: str, fid: str, pillars: dict[str, float | None]) -> dict[str, Any]:
        return {
            "cycle": {"code": code},
            "framework": {"id": fid},
            "mean": 50.0,
            "pillars": [{"id": k, "mean": v} for k, v in pillars.items()],
        }

    p60 = point("c60", "province-2560", {"P1": 30.0, "P2": 40.0, "P6": None})
    p63 = point("c63", OLD, {"P1": 35.0, "P2": 42.5, "P6": 20.0})
    p66 = point("c66", NEW, {"P1": 50.0, "P3": 45.0, "P7": 30.0})
    first, second = steps([p60, p63, p66], crosswalks)
    assert (first["kind"], first["crosswalk"]) == ("crosswalk", "province-2560_province-2563.yaml")
    assert (second["kind"], second["crosswalk"]) == ("crosswalk", "province-2563_pcio-2566.yaml")
    one = {p["old"]: p for p in first["pillars"]}
    assert one["P1"]["new"] == "P1" and one["P1"]["change"] == pytest.approx(5.0)
    assert one["P2"]["change"] == pytest.approx(2.5) and one["P6"]["change"] is None
    two = {p["old"]: p for p in second["pillars"]}
    assert two["P2"]["new"] == "P3" and two["P2"]["change"] == pytest.approx(2.5)
    assert two["P6"]["new"] == "P7" and two["P6"]["change"] == pytest.approx(10.0)
    assert first["change"] is None and second["change"] is None
    for s in (first, second):
        for part in (*s["pillars"], *s["not_comparable"]):
            assert set(part["reason"]) == {"th", "en"} and all(part["reason"].values()), part
    assert one["P6"]["reason"]["en"].startswith("The pillar renamed")
