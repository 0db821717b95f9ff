"""Results files (docs/results-format.md) built from the seeds' own numbers, for report tests.

- `seed000_results`: the Bueng Kan Provincial Commerce Office report (seed 000), every number from
  report_agency_golden.json. The comparators' sub-pillar values are not printed in the seed; they are
  set just above or below the agency's own score so that the "scoring higher" lists are the ones the
  seed prints.
- `seed003_results`: the 2560 provincial cycle of the Chachoengsao letter (seed 003). The province's
  agencies' scores average to the printed province scores; the cohort averages are the printed
  national provincial figures (sub-indicators the seed does not print lie between the printed
  highest and lowest of their pillar).
- `seed001_results`: the 2562 cycle of the national deck (seed 001): response counts per tier, tier
  scores and their 2561 values, the answers to question 1.1 (210 / 74 / 17 of 301 departments) and
  the ministries of the performance/growth grid in their printed quadrants around the printed means.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

from dgmm import load_framework
from dgmm.framework.schema import Framework
from tests.conftest import SPEC

GOLDEN: dict[str, Any] = json.loads((SPEC / "report_agency_golden.json").read_text(encoding="utf-8"))
SURVEY: dict[str, Any] = json.loads((SPEC / "survey_results_2562.json").read_text(encoding="utf-8"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"

SEED000_AGENCY = "commerce-38"  # Bueng Kan (TH-38) Provincial Commerce Office
SEED000_PARENT = "moc-ops"
SEED000_NO1 = "no1-provincial"
CMP_KEYS = {"same_group": "same_group_avg", "parent": "parent_dept_avg", "no1": "no1"}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def _record(agency_id: str, name_th: str, name_en: str, tier: str, **extra: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": agency_id,
        "name_th": name_th,
        "name_en": name_en,
        "tier": tier,
        "ministry": None,
        "province": None,
        "parent_id": None,
        "agency_type": None,
        "status": "scored",
        "overall": {"score": None, "level": None},
        "group": None,
        "rank": None,
        "pillars": {},
        "sub_pillars": {},
        "topics": {},
        "highlights": None,
        "growth": None,
    }
    rec.update(extra)
    return rec


def _doc(
    fw: Framework,
    cohort: dict[str, Any],
    agencies: list[dict[str, Any]],
    sources: dict[str, Any],
    grid: Any = None,
) -> dict[str, Any]:
    return {
        "format": "dgmm-results",
        "format_version": 1,
        "dgmm_version": "0.1.0",
        "generated_at": "2026-01-01T00:00:00+07:00",
        "framework": {"id": fw.id, "revision": fw.revision, "year": fw.year},
        "sources": sources,
        "cohort": cohort,
        "agencies": agencies,
        "grid": grid,
    }


def _summary(
    count: int, overall: float | None, pillars: dict[str, Any], subs: dict[str, Any]
) -> dict[str, Any]:
    """A cohort summary whose every average is over all `count` agencies of the set."""

    def have(values: dict[str, Any]) -> dict[str, int]:
        return {k: count for k, v in values.items() if v is not None}

    return {
        "count": count,
        "overall": overall,
        "pillars": pillars,
        "sub_pillars": subs,
        "counts": {
            "overall": count if overall is not None else 0,
            "pillars": have(pillars),
            "sub_pillars": have(subs),
        },
    }


def weighted(fw: Framework, pillars: dict[str, float | None]) -> float:
    """The overall score from pillar scores with the framework's weights (DECISIONS §6)."""
    w = fw.weights()
    pairs = [(w[k], v) for k, v in pillars.items() if v is not None]
    return sum(a * b for a, b in pairs) / sum(a for a, _ in pairs)


# -- seed 000: the agency report ---------------------------------------------------------------------
def seed000_subpillars(fw: Framework) -> list[tuple[dict[str, Any], str]]:
    """(golden sub-pillar entry, framework sub-pillar id) for every sub-pillar the seed names."""
    by_name = {sp.name_en: sp.id for _, sp in fw.iter_sub_pillars()}
    return [(g, by_name[g["mm_name"]]) for g in GOLDEN["sub_pillars"] if g.get("mm_name")]


def _topic_records(fw: Framework, sp_id: str, g: dict[str, Any]) -> dict[str, Any]:
    """Topic levels as the seed prints them: its sub-topics in order, else the sub-pillar's own level."""
    sp = fw.sub_pillars[sp_id]
    topics = [t for t in sp.topics if not t.name_en.endswith("(sub-indicator score)")]
    out: dict[str, Any] = {}
    printed = g.get("subtopics") or [{"level": g.get("level"), "level_status": g.get("level_status")}]
    for t, st in zip(topics, printed, strict=False):
        level = st.get("level")
        status = "determined" if level is not None else "undetermined"
        out[t.id] = {
            "score": None if level is None else (level - 1) / 4 * 100,
            "level": level,
            "status": status,
            "provenance": f"parent:{SEED000_PARENT}" if t.from_parent else "own",
        }
    for t in sp.topics:
        out.setdefault(
            t.id,
            {
                "score": None,
                "level": None,
                "status": "no_level",
                "provenance": f"parent:{SEED000_PARENT}" if t.from_parent else "own",
            },
        )
    return out


def _inherited(fw: Framework, sp_id: str) -> str:
    flags = [t.from_parent for t in fw.sub_pillars[sp_id].topics]
    return "full" if all(flags) else ("partial" if any(flags) else "none")


def _comparator_sub(own: float | None, listed: bool) -> float:
    """A comparator value for a sub-pillar: below the agency's score when the seed lists it as higher."""
    if own is None:
        return 50.0
    return own - 5.0 if listed else min(own + 5.0, 100.0)


def seed000_results(folder: Path) -> Path:
    """The seed 000 cycle: the agency, the No.1 provincial agency and the cohort comparators."""
    fw = load_framework("province-2563")
    pillars = {f"P{p['id']}": p for p in GOLDEN["pillars"]}
    subs = seed000_subpillars(fw)
    own_p = {k: v["agency_pct"] for k, v in pillars.items()}
    rec = _record(
        SEED000_AGENCY,
        GOLDEN["agency"]["name_th"],
        GOLDEN["agency"]["name_en"],
        "provincial",
        ministry="MOC",
        province="TH-38",
        parent_id=SEED000_PARENT,
        agency_type="commerce",
        group="very_high",
        rank=None,
    )
    rec["overall"] = {"score": weighted(fw, own_p), "level": GOLDEN["overall"]["level"]}
    rec["pillars"] = {k: {"score": v["agency_pct"], "level": v["level"]} for k, v in pillars.items()}
    rec["sub_pillars"] = {
        sp_id: {
            "score": g.get("score_pct"),
            "level": g.get("level"),
            "in_model": fw.sub_pillars[sp_id].in_model,
            "inherited": _inherited(fw, sp_id),
        }
        for g, sp_id in subs
    }
    for g, sp_id in subs:
        rec["topics"].update(_topic_records(fw, sp_id, g))
    order = sorted(own_p, key=lambda k: -own_p[k])
    rec["highlights"] = {"most_outstanding_pillar": order[0], "lowest_pillar": order[-1], "improve_first": []}

    def cmp_block(which: str, pillar_key: str) -> dict[str, Any]:
        p_vals = {k: v[pillar_key] for k, v in pillars.items()}
        s_vals = {
            sp_id: _comparator_sub(g.get("score_pct"), g["listed_higher_than"][CMP_KEYS[which]])
            for g, sp_id in subs
        }
        return _summary(3, weighted(fw, p_vals), p_vals, s_vals)

    group = cmp_block("same_group", "same_group_provincial_avg_pct")
    parent = cmp_block("parent", "parent_dept_provincial_avg_pct")
    no1_vals = cmp_block("no1", "no1_provincial_pct")
    no1 = _record(
        SEED000_NO1,
        "หน่วยงานระดับจังหวัดอันดับ 1",
        "No.1 provincial agency",
        "provincial",
        province="TH-10",
        parent_id="moi-ops",
        group="very_high",
        rank=1,
    )
    no1["overall"] = {"score": no1_vals["overall"], "level": 4}
    no1["pillars"] = {k: {"score": v, "level": None} for k, v in no1_vals["pillars"].items()}
    no1["sub_pillars"] = {
        k: {"score": v, "level": None, "in_model": fw.sub_pillars[k].in_model, "inherited": "none"}
        for k, v in no1_vals["sub_pillars"].items()
    }
    cohort = {
        "tiers": ["provincial"],
        "invited": 2,
        "scored": 2,
        "percentiles": {},
        "small_group_min": 3,
        "all": {**_summary(2, None, {}, {}), "levels": {}},
        "groups": {"very_high": group},
        "parents": {SEED000_PARENT: parent},
        "no1": SEED000_NO1,
    }
    folder.mkdir(parents=True, exist_ok=True)
    agencies_csv = folder / "agencies.csv"
    _write_csv(
        agencies_csv,
        ["id", "name_th", "name_en", "tier", "ministry", "province", "parent_id", "agency_type"],
        [
            [
                SEED000_PARENT,
                GOLDEN["agency"]["parent_department_th"],
                GOLDEN["agency"]["parent_department_en"],
                "department",
                "MOC",
                "",
                "",
                "department",
            ],
            [
                SEED000_AGENCY,
                rec["name_th"],
                rec["name_en"],
                "provincial",
                "MOC",
                "TH-38",
                SEED000_PARENT,
                "commerce",
            ],
            [SEED000_NO1, no1["name_th"], no1["name_en"], "provincial", "", "TH-10", "", ""],
        ],
    )
    sources = {
        "agencies": {"path": "agencies.csv", "sha256": _sha(agencies_csv)},
        "answers": None,
        "previous": None,
    }
    out = folder / "seed000.json"
    out.write_text(json.dumps(_doc(fw, cohort, [rec, no1], sources), ensure_ascii=False), encoding="utf-8")
    return out


# -- seed 003: the province letter ---------------------------------------------------------------------
SEED003_PROVINCE = "TH-24"  # Chachoengsao


def _spread(value: float | None, i: int, n: int) -> float | None:
    """The i-th of n values averaging exactly `value`: pairs at value ± d, the odd one at value."""
    if value is None:
        return None
    d = min(5.0, value, 100.0 - value)
    if n % 2 and i == n - 1:
        return value
    return value + d if i % 2 == 0 else value - d


def seed003_results(folder: Path, *, per_province: int = 19) -> Path:
    """The 2560 provincial cycle: 76 provinces x 19 agencies, 1,179 answering, Chachoengsao as printed."""
    from dgmm.simulate.registry import load_registry

    fw = load_framework("province-2560")
    s003 = SURVEY["S003_2560"]
    result, nat = s003["province_result"], s003["national_provincial_overview"]
    pillar_ids = [p.id for p in fw.pillars]
    sub_ids = {p.id: [sp.id for sp in p.sub_pillars] for p in fw.pillars}
    prov_p = {f"P{p['pillar']}": p["score"] for p in result["pillars"]}
    prov_s: dict[str, float | None] = {}
    for p in result["pillars"]:
        for sid, si in zip(sub_ids[f"P{p['pillar']}"], p["sub_indicators"], strict=True):
            prov_s[sid] = si["score"]
    nat_p = {pid: None for pid in pillar_ids} | {f"P{p['pillar']}": p["score"] for p in nat["pillars"]}
    nat_s: dict[str, float | None] = {}
    extremes = {f"P{e['pillar']}": e for e in nat["sub_indicator_extremes"]}
    for pid in pillar_ids:
        e = extremes.get(pid)
        names = {sp.id: sp.name_en for sp in fw.pillar(pid).sub_pillars}
        low = (e.get("lowest") or e.get("other")) if e else None  # seed 003 calls P5's second one "other"
        for sid in sub_ids[pid]:
            if e is None:
                nat_s[sid] = None
            elif names[sid] == e["highest"]["name"]:
                nat_s[sid] = e["highest"]["score"]
            elif names[sid] == low["name"]:
                nat_s[sid] = low["score"]
            else:
                nat_s[sid] = (e["highest"]["score"] + low["score"]) / 2
    provinces = load_registry().provinces
    assert len(provinces) == s003["population"]["provinces"]
    returned = s003["population"]["questionnaires_returned"]
    agencies: list[dict[str, Any]] = []
    others_scored = returned - per_province
    other_slots = (len(provinces) - 1) * per_province
    k = 0
    for pi, prov in enumerate(provinces):
        for j in range(per_province):
            rec = _record(
                f"{prov.id}-a{j + 1:02d}",
                f"หน่วยงานที่ {j + 1} จังหวัด{prov.name_th}",
                f"Agency {j + 1}, {prov.name_en}",
                "provincial",
                province=prov.id,
            )
            if prov.id == SEED003_PROVINCE:
                rec["overall"]["score"] = _spread(result["overall_score"], j, per_province)
                rec["pillars"] = {
                    pid: {"score": _spread(prov_p.get(pid), j, per_province), "level": None}
                    for pid in pillar_ids
                }
                rec["sub_pillars"] = {
                    sid: {
                        "score": _spread(v, j, per_province),
                        "level": None,
                        "in_model": True,
                        "inherited": "none",
                    }
                    for sid, v in prov_s.items()
                }
            elif k < others_scored:
                base = 25.0 + (pi * 37 % 20)
                rec["overall"]["score"] = base
                rec["pillars"] = {
                    pid: {"score": None if nat_p[pid] is None else base, "level": None} for pid in pillar_ids
                }
                rec["sub_pillars"] = {
                    sid: {
                        "score": None if nat_s[sid] is None else base,
                        "level": None,
                        "in_model": True,
                        "inherited": "none",
                    }
                    for sid in nat_s
                }
                k += 1
            else:
                rec.update(status="no_answers", overall=None)
            agencies.append(rec)
    assert other_slots >= others_scored
    cohort = {
        "tiers": ["provincial"],
        "invited": s003["population"]["questionnaires_sent"],
        "scored": returned,
        "percentiles": {},
        "small_group_min": 3,
        "all": {**_summary(returned, nat["overall_score"], nat_p, nat_s), "levels": {}},
        "groups": {},
        "parents": {},
        "no1": None,
    }
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "seed003.json"
    sources = {"agencies": None, "answers": None, "previous": None}
    out.write_text(json.dumps(_doc(fw, cohort, agencies, sources), ensure_ascii=False), encoding="utf-8")
    return out


# -- seed 001: the national deck -------------------------------------------------------------------------
SEED001_FRAMEWORK = FIXTURES / "survey-2562.yaml"
TIERS_001 = {"dept": "department", "prov": "provincial", "local": "local"}


def _grid_ministries() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The 20 ministries in their printed quadrants, placed around the printed means 67.05 and 4.66.

    The seed prints only the members of each quadrant and the two means; each ministry is put at
    a fixed distance from the means on the side its quadrant says, and the distances are chosen so that
    the ministries' means are exactly the printed ones.
    """
    from dgmm.simulate.registry import load_registry

    bcg = SURVEY["S001_2562"]["bcg_grouping"]["ministries"]
    mean_s, mean_c = bcg["thresholds"]["performance_mean"], bcg["thresholds"]["growth_mean"]
    codes = {m.name_th: m.code for m in load_registry().ministries}
    quads = {q["name"].lower().replace(" ", "_"): q["members"] for q in bcg["quadrants"]}
    high_s = {"developed", "maintain"}
    high_c = {"developed", "rising_star"}
    n_hs = sum(len(v) for k, v in quads.items() if k in high_s)
    n_hc = sum(len(v) for k, v in quads.items() if k in high_c)
    total = sum(len(v) for v in quads.values())
    out = []
    for q, members in quads.items():
        ds = (total - n_hs) / 10 if q in high_s else -n_hs / 10
        dc = (total - n_hc) / 10 if q in high_c else -n_hc / 10
        for i, m in enumerate(members):
            # pairs spread symmetrically inside the quadrant (their sum, hence the means, unchanged)
            spread = 0.0 if (len(members) % 2 and i == len(members) - 1) else (i // 2 + 1) * 0.15 * (-1) ** i
            out.append(
                {
                    "ministry": codes.get(m["th"], m["th"]),
                    "score": mean_s + ds + spread,
                    "change": mean_c + dc + spread / 3,
                    "quadrant": q,
                }
            )
    counts = {q: len(v) for q, v in quads.items()}
    return out, {"mean_score": mean_s, "mean_change": mean_c, "counts": counts}


def _tier_doc(
    fw: Framework,
    tier: str,
    invited: int,
    scored: int,
    overall: float,
    *,
    year_doc: bool,
    answers: dict[str, str] | None,
    folder: Path,
    previous: Path | None = None,
    grid: Any = None,
) -> Path:
    agencies = []
    for i in range(invited):
        rec = _record(f"{tier}-{i + 1:04d}", f"หน่วยงาน{tier} {i + 1}", f"{tier} agency {i + 1}", tier)
        if i < scored:
            # scores spread evenly around the printed tier score (their mean is the printed score)
            delta = (i - (scored - 1) / 2) * (10.0 / max(scored - 1, 1))
            rec["overall"] = {"score": overall + delta, "level": 3}
            rec["rank"] = scored - i
        else:
            rec.update(status="no_answers", overall=None)
        agencies.append(rec)
    cohort = {
        "tiers": [tier],
        "invited": invited,
        "scored": scored,
        "percentiles": {},
        "small_group_min": 3,
        "all": {**_summary(scored, overall, {}, {}), "levels": {"overall": {"3": scored}}},
        "groups": {},
        "parents": {},
        "no1": agencies[scored - 1]["id"] if scored else None,
    }
    sources: dict[str, Any] = {"agencies": None, "answers": None, "previous": None}
    if answers is not None:
        a_csv, ans_csv = folder / f"{tier}-agencies.csv", folder / f"{tier}-answers.csv"
        _write_csv(
            a_csv,
            ["id", "name_th", "name_en", "tier"],
            [[a["id"], a["name_th"], a["name_en"], tier] for a in agencies],
        )
        _write_csv(ans_csv, ["agency_id", "input", "value"], [[k, "Q1.1", v] for k, v in answers.items()])
        sources.update(
            agencies={"path": a_csv.name, "sha256": _sha(a_csv)},
            answers={"path": ans_csv.name, "sha256": _sha(ans_csv)},
        )
    if previous is not None:
        sources["previous"] = {"path": previous.name, "sha256": _sha(previous)}
    doc = _doc(fw, cohort, agencies, sources, grid)
    if not year_doc:
        doc["framework"]["year"] = fw.year - 1
    out = folder / (f"{tier}.json" if year_doc else f"{tier}-2561.json")
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return out


def seed001_results(folder: Path) -> list[Path]:
    """One results file per tier of the 2562 cycle (department, provincial, local), with 2561 behind them.

    Question 1.1 was asked of department-level agencies only: the provincial answers file is empty.
    """
    fw = load_framework(SEED001_FRAMEWORK)
    s001 = SURVEY["S001_2562"]
    rows = {r["group"]["en"]: r for r in s001["survey_targets"]["rows"]}
    scores = {(r["level"]["en"], r["year_be"]): r["score"] for r in s001["overall_scores"]["rows"]}
    plan = next(f for f in s001["fact_findings"] if f["id"] == "1.1a")["results"]["dept"]
    answers: dict[str, str] = {}
    option = {"Has a plan": "has_plan", "Preparing a plan": "drafting", "No plan": "no_plan"}
    i = 0
    for c in plan["counts"]:
        for _ in range(c["count"]):
            i += 1
            answers[f"department-{i:04d}"] = option[c["option"]["en"]]
    assert i == plan["respondents"]
    folder.mkdir(parents=True, exist_ok=True)
    ministries, means = _grid_ministries()
    # the seed prints how many departments are on the grid (272) but not how they split into quadrants;
    # the deck prints only the total, so the split here is a placeholder
    placed = SURVEY["S001_2562"]["bcg_grouping"]["departments"]["included"]
    grid = {
        "agencies": {
            "mean_score": None,
            "mean_change": None,
            "counts": {
                "developed": placed // 4,
                "maintain": placed // 4,
                "rising_star": placed // 4,
                "developing": placed - 3 * (placed // 4),
            },
        },
        "ministries": ministries,
        "ministries_means": means,
    }
    dept, prov = rows["Department-level agencies"], rows["Provincial-level agencies"]
    local = rows["Local administrative organisations (note)"]
    out = []
    for tier, row, key, grid_doc in (
        ("department", dept, "Department-level agencies", grid),
        ("provincial", prov, "Provincial-level agencies", None),
    ):
        prev = _tier_doc(
            fw,
            tier,
            row["surveyed"],
            row["responded"],
            scores[(key, 2561)],
            year_doc=False,
            answers=None,
            folder=folder,
        )
        out.append(
            _tier_doc(
                fw,
                tier,
                row["surveyed"],
                row["responded"],
                scores[(key, 2562)],
                year_doc=True,
                answers=answers if tier == "department" else {},
                folder=folder,
                previous=prev,
                grid=grid_doc,
            )
        )
    out.append(
        _tier_doc(
            fw,
            "local",
            local["surveyed"],
            local["responded_inferred"],
            50.0,
            year_doc=True,
            answers=None,
            folder=folder,
        )
    )
    return out


# -- simulated cycles ---------------------------------------------------------------------------------------
def simulated_cycle(
    folder: Path, framework: str, n: int, *, seed: int = 7, with_previous: bool = True
) -> Path:
    """A simulated cycle scored by the core (`dgmm.cycle.score_cycle`), optionally against a previous one."""
    from dgmm.pipeline import score_files
    from dgmm.simulate.cycle import simulate_cycle
    from dgmm.simulate.output import write_csv

    fw = load_framework(framework)

    def one(out: Path, s: int, previous: Path | None) -> Path:
        out.mkdir(parents=True, exist_ok=True)
        agencies_csv, answers_csv = write_csv(simulate_cycle(fw, n, seed=s), out)
        return score_files(fw, agencies_csv, answers_csv, out / "results.json", previous)[1]

    prev = one(folder / "previous", seed + 1000, None) if with_previous else None
    return one(folder, seed, prev)
