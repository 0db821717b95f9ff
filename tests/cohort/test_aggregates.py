"""The public aggregates of a cycle (dgmm.aggregates, docs/public-data.md): figures of the counted agencies
alone, small groups suppressed, changes against the previous cycle, no agency named unless published."""

from __future__ import annotations

import copy
import dataclasses
import json
import random
import statistics
from typing import Any

import pytest

from dgmm import AnswerSet, Framework, load_framework, score_cycle
from dgmm.aggregates import FORMAT, VERSION, TierResults, counted, public_aggregates
from dgmm.cohort.counting import NOT_COUNTED, SUBMISSION_STATUSES
from dgmm.registry import Agency
from tests.bench_support import FORMS, random_cycle


@pytest.fixture(scope="module")
def forms() -> Framework:
    return load_framework(FORMS)


def _provinces(agencies: list[Agency]) -> list[Agency]:
    """The agencies spread over five provinces, one of them with only two agencies (a small group)."""
    out = []
    k = 0
    for a in agencies:
        if a.tier != "department":
            a = dataclasses.replace(a, province="P-small" if k in (7, 8) else f"P{k % 4}")
            k += 1
        out.append(a)
    return out


@pytest.fixture(scope="module")
def cycle(forms: Framework) -> dict[str, Any]:
    agencies, answers = random_cycle(forms, 240, 5)
    agencies = _provinces(agencies)
    rnd = random.Random(5)
    statuses = {a.id: rnd.choice(SUBMISSION_STATUSES) for a in agencies}
    statuses.update({a.id: "submitted" for a in agencies if a.province == "P-small"})
    prev_agencies, prev_answers = random_cycle(forms, 240, 6)
    previous = score_cycle(forms, _provinces(prev_agencies), prev_answers)
    doc = score_cycle(forms, agencies, answers, statuses=statuses)
    with_grid = score_cycle(forms, agencies, answers, statuses=statuses, previous=previous)
    return {
        "agencies": agencies,
        "answers": answers,
        "statuses": statuses,
        "previous": previous,
        "doc": doc,
        "with_grid": with_grid,
    }


def _aggregates(forms: Framework, cycle: dict[str, Any], **kw: Any) -> dict[str, Any]:
    tier = TierResults(cycle["doc"], forms, cycle["answers"], kw.pop("previous", cycle["previous"]))
    return public_aggregates([tier], **kw)


def test_the_document_is_plain_json_with_its_version(forms: Framework, cycle: dict[str, Any]) -> None:
    agg = _aggregates(forms, cycle)
    assert (agg["format"], agg["format_version"]) == (FORMAT, VERSION)
    assert json.loads(json.dumps(agg, allow_nan=False)) == agg
    assert [t["tier"] for t in agg["tiers"]] == ["pcio"]


def test_tier_figures_are_the_results_documents_cohort_statistics(
    forms: Framework, cycle: dict[str, Any]
) -> None:
    doc = cycle["doc"]
    t = _aggregates(forms, cycle)["tiers"][0]
    everyone = doc["cohort"]["all"]
    assert t["scores"]["overall"]["mean"] == everyone["overall"]
    assert t["scores"]["overall"]["count"] == doc["cohort"]["scored"]
    for pid, mean in everyone["pillars"].items():
        assert t["scores"]["pillars"][pid]["mean"] == mean
        assert t["scores"]["pillars"][pid]["count"] == everyone["counts"]["pillars"][pid]
    assert t["levels"]["overall"] == everyone["levels"]["overall"]
    for pid in everyone["pillars"]:
        assert t["levels"]["pillars"][pid] == everyone["levels"].get(pid, {})
    scores = [a["overall"]["score"] for a in doc["agencies"] if a["status"] == "scored"]
    assert t["scores"]["overall"]["median"] == statistics.median(scores)
    assert (t["scores"]["overall"]["min"], t["scores"]["overall"]["max"]) == (min(scores), max(scores))


def test_response_counts_every_status(forms: Framework, cycle: dict[str, Any]) -> None:
    doc = cycle["doc"]
    r = _aggregates(forms, cycle)["tiers"][0]["response"]
    assert r["by_status"] == doc["cohort"]["statuses"]
    assert r["invited"] == sum(r["by_status"].values()) == len(doc["agencies"])
    assert r["scored"] == r["by_status"]["scored"]
    assert r["counted"] == r["invited"] - sum(r["by_status"].get(s, 0) for s in NOT_COUNTED)
    assert r["rate"] == pytest.approx(r["scored"] / r["invited"] * 100)
    assert any(r["by_status"].get(s) for s in NOT_COUNTED)


def test_agencies_not_counted_enter_no_figure(forms: Framework, cycle: dict[str, Any]) -> None:
    """Whatever the agencies whose answers do not count answered, every figure stays the same."""
    doc = cycle["doc"]
    out = {a["id"] for a in doc["agencies"] if a["status"] in NOT_COUNTED}
    assert out
    rnd = random.Random(1)
    altered = AnswerSet()
    altered.own = copy.deepcopy(cycle["answers"].own)
    donors = list(cycle["answers"].own.values())
    for aid in out:
        altered.own[aid] = copy.deepcopy(rnd.choice(donors))
    first = _aggregates(forms, cycle)
    second = public_aggregates([TierResults(doc, forms, altered, cycle["previous"])])
    assert first == second
    facts = first["tiers"][0]["facts"]
    assert facts
    kept = {r["id"] for r in counted(doc)}
    for item in facts[:10]:
        answered = [i for i in kept if item["code"] in cycle["answers"].own.get(i, {})]
        assert item["respondents"] == len(answered)


def test_option_counts_are_counts_of_the_counted_answers(forms: Framework, cycle: dict[str, Any]) -> None:
    facts = _aggregates(forms, cycle)["tiers"][0]["facts"]
    kept = [r["id"] for r in counted(cycle["doc"])]
    own = cycle["answers"].own
    checked = 0
    for item in facts:
        if item["type"] != "single_choice":
            continue
        values = [own[i][item["code"]] for i in kept if item["code"] in own.get(i, {})]
        for option in item["options"]:
            assert option["count"] == sum(1 for v in values if v == option["code"])
        assert sum(o["count"] for o in item["options"]) == item["respondents"]
        checked += 1
    assert checked > 0


def test_small_provinces_are_suppressed(forms: Framework, cycle: dict[str, Any]) -> None:
    doc = cycle["doc"]
    rows = {r["code"]: r for r in _aggregates(forms, cycle)["tiers"][0]["by_province"]}
    small = doc["cohort"]["small_group_min"]
    assert rows["P-small"]["scored"] < small
    assert rows["P-small"]["suppressed"] is True
    assert rows["P-small"]["overall"] is None
    assert all(v is None for v in rows["P-small"]["pillars"].values())
    for code in ("P0", "P1", "P2", "P3"):
        row = rows[code]
        members = [
            a["overall"]["score"]
            for a in doc["agencies"]
            if a["province"] == code and a["status"] == "scored"
        ]
        assert row["scored"] == len(members) >= small
        assert row["overall"]["mean"] == pytest.approx(sum(members) / len(members))
        assert row["invited"] == sum(1 for a in doc["agencies"] if a["province"] == code)


def test_a_pillar_too_few_agencies_have_a_score_for_is_left_out(
    forms: Framework, cycle: dict[str, Any]
) -> None:
    doc = copy.deepcopy(cycle["doc"])
    pid = forms.pillars[0].id
    in_p0 = [a for a in doc["agencies"] if a["province"] == "P0" and a["status"] == "scored"]
    for a in in_p0[2:]:  # only two agencies of P0 keep a score for the first pillar
        a["pillars"][pid] = {"score": None, "level": None}
    row = next(
        r
        for r in public_aggregates([TierResults(doc, forms)])["tiers"][0]["by_province"]
        if r["code"] == "P0"
    )
    assert row["suppressed"] is False and row["overall"] is not None
    assert row["pillars"][pid] is None
    assert row["pillars"][forms.pillars[1].id] is not None


def test_change_since_the_previous_cycle(forms: Framework, cycle: dict[str, Any]) -> None:
    t = _aggregates(forms, cycle)["tiers"][0]
    prev = cycle["previous"]["cohort"]["all"]
    assert t["scores"]["previous_overall"] == prev["overall"]
    assert t["scores"]["change"] == t["scores"]["overall"]["mean"] - prev["overall"]
    for item in t["profile"]:
        assert item["previous"] == prev["pillars"][item["pillar"]]
        assert item["change"] == item["mean"] - item["previous"]
    assert t["previous"]["pillars_comparable"] is True
    none = public_aggregates([TierResults(cycle["doc"], forms)])["tiers"][0]
    assert (none["scores"]["change"], none["previous"], none["grid"]) == (None, None, None)
    row = next(r for r in t["by_province"] if r["code"] == "P1")
    before = [
        a["overall"]["score"]
        for a in cycle["previous"]["agencies"]
        if a["province"] == "P1" and a["status"] == "scored"
    ]
    assert row["change"] == pytest.approx(row["overall"]["mean"] - sum(before) / len(before))


def test_pillar_changes_only_under_the_same_framework(forms: Framework, cycle: dict[str, Any]) -> None:
    previous = copy.deepcopy(cycle["previous"])
    previous["framework"]["id"] = "another"
    t = _aggregates(forms, cycle, previous=previous)["tiers"][0]
    assert t["scores"]["change"] is not None
    assert t["previous"]["pillars_comparable"] is False
    assert all(item["change"] is None and item["previous"] is None for item in t["profile"])


def test_the_grid_is_the_one_score_cycle_makes(forms: Framework, cycle: dict[str, Any]) -> None:
    grid = _aggregates(forms, cycle, agency_results=True)["tiers"][0]["grid"]
    expected = cycle["with_grid"]["grid"]
    assert {k: grid["agencies"][k] for k in ("mean_score", "mean_change", "counts")} == expected["agencies"]
    assert [(u["code"], u["score"], u["change"], u["quadrant"]) for u in grid["ministries"]["units"]] == [
        (m["ministry"], m["score"], m["change"], m["quadrant"]) for m in expected["ministries"]
    ]
    placed = {a["id"]: a["growth"] for a in cycle["with_grid"]["agencies"] if a["growth"]}
    assert {p["id"]: (p["change"], p["quadrant"]) for p in grid["agencies"]["points"]} == {
        k: (g["change"], g["quadrant"]) for k, g in placed.items()
    }
    # read from the results document when no previous results are given
    alone = public_aggregates([TierResults(cycle["with_grid"], forms)], agency_results=True)["tiers"][0]
    assert alone["grid"] == grid


def test_no_agency_is_named_unless_agency_results_are_published(
    forms: Framework, cycle: dict[str, Any]
) -> None:
    private = _aggregates(forms, cycle)
    text = json.dumps(private)
    assert private["tiers"][0]["top"] is None
    assert "points" not in private["tiers"][0]["grid"]["agencies"]
    assert not [a["id"] for a in cycle["doc"]["agencies"] if f'"{a["id"]}"' in text]
    public = _aggregates(forms, cycle, agency_results=True, top=5)
    top = public["tiers"][0]["top"]
    assert top and all(a["rank"] <= 5 for a in top)
    ranked = sorted(
        (a for a in cycle["doc"]["agencies"] if a.get("rank") and a["rank"] <= 5),
        key=lambda a: (a["rank"], a["id"]),
    )
    assert [a["id"] for a in top] == [a["id"] for a in ranked]


def test_names_and_framework_explanation(forms: Framework, cycle: dict[str, Any]) -> None:
    agg = _aggregates(forms, cycle, provinces={"P0": ("จังหวัดศูนย์", "Province zero")})
    t = agg["tiers"][0]
    row = next(r for r in t["by_province"] if r["code"] == "P0")
    assert (row["name_th"], row["name_en"]) == ("จังหวัดศูนย์", "Province zero")
    fw = t["framework"]
    assert [p["id"] for p in fw["pillars"]] == [p.id for p in forms.pillars]
    assert [p["weight"] for p in fw["pillars"]] == [p.weight for p in forms.pillars]
    assert [lv["en"] for lv in fw["levels"]] == [x.en for x in forms.level_scale]
    assert [g["id"] for g in fw["groups"]] == [g.id for g in forms.aggregation.groups]
    assert fw["small_group_min"] == forms.aggregation.small_group_min


def test_a_performance_group_of_fewer_than_the_minimum_shows_its_count_only(
    forms: Framework, cycle: dict[str, Any]
) -> None:
    """DECISIONS §15: the mean of a group of one or two agencies would disclose a peer's score."""
    doc = copy.deepcopy(cycle["doc"])
    small = forms.aggregation.small_group_min
    assert small == 3  # the test framework's minimum, as DECISIONS §15
    scored = [r for r in doc["agencies"] if r["status"] == "scored"]
    top = forms.aggregation.groups[0].id
    for r in scored:  # all but two agencies leave the first group
        if r.get("group") == top:
            r["group"] = forms.aggregation.groups[1].id
    for r in scored[:2]:
        r["group"] = top
    t = public_aggregates([TierResults(doc, forms)])["tiers"][0]
    groups = {g["group"]: g for g in t["groups"]}
    assert groups[top] == {"group": top, "count": 2, "mean": None, "suppressed": True}
    big = groups[forms.aggregation.groups[1].id]
    assert big["count"] >= small and big["mean"] is not None and big["suppressed"] is False
