"""Trends across years: a ministry's, a province's or an agency's figures over several published cycles
(docs/public-data.md, "Trends across years").

The figures are read, never recomputed: a ministry's or province's from each cycle's public aggregates
(`dgmm.aggregates.public_aggregates`, its ``by_ministry`` / ``by_province`` rows, suppression
included), an agency's from each cycle's results document (its record). This module only puts them
in order and says, between two consecutive cycles of a tier, what may be compared (DECISIONS §17):

- same framework id: the overall score and every pillar, with their change;
- different frameworks joined by a crosswalk (`dgmm.framework.crosswalk`): the linked pillars, old →
  new, with the change `compare` gives, and the parts listed as not comparable; the overall score is
  shown side by side **without a change** (it is a weighted mean over pillars that are not all the
  same, so a difference would mix a change of the agencies with a change of the model);
- different frameworks without a crosswalk: the overall scores side by side, no change, nothing else.

A change is None whenever either side has no figure (a suppressed group, an agency not scored): never
zero.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dgmm.framework.crosswalk import Crosswalk, compare

UNITS = {"ministry": "by_ministry", "province": "by_province"}

CrosswalkFor = Callable[[str, str], Crosswalk | None]  # (older framework id, newer id) -> crosswalk


def _cycle(doc: Mapping[str, Any]) -> dict[str, Any]:
    c = doc.get("cycle") or {}
    return {k: c.get(k) for k in ("code", "year", "name_th", "name_en")}


def _fw(tier: Mapping[str, Any]) -> dict[str, Any]:
    fw = tier["framework"]
    return {"id": fw["id"], "revision": fw.get("revision"), "year": fw.get("year"), "name": fw.get("name")}


def _pillar_names(tier: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    return {p["id"]: p["name"] for p in tier["framework"].get("pillars", [])}


def _part_names(tier: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Names of the pillars and sub-pillars of an aggregates tier's framework, by code."""
    out = _pillar_names(tier)
    for p in tier["framework"].get("pillars", []):
        out.update({sp["id"]: sp["name"] for sp in p.get("sub_pillars", [])})
    return out


def unit_series(
    aggregates: Sequence[Mapping[str, Any]], unit: str, code: str, crosswalk_for: CrosswalkFor
) -> list[dict[str, Any]]:
    """One series per tier in which the ministry or province (`unit`: ``ministry`` | ``province``)
    appears, over the cycles' aggregates documents given oldest first.

    Each series: ``{"tier", "points": [POINT], "steps": [STEP]}`` where a POINT is ``{"cycle",
    "framework", "invited", "scored", "suppressed", "overall" (STATS or None), "mean", "levels" ({"1":
    n} or None), "pillars" [{id, name, mean}], "names" {pillar or sub-pillar code: name}}``, the
    figures of the aggregates' row as they are, and STEP (`step`) compares each point with the one
    before it. Tiers in the order of their first appearance."""
    field = UNITS[unit]
    series: dict[str, list[dict[str, Any]]] = {}
    for doc in aggregates:
        for tier in doc.get("tiers", []):
            row = next((r for r in tier.get(field, []) if r["code"] == code), None)
            if row is None:
                continue
            names = _pillar_names(tier)
            overall = row.get("overall")
            series.setdefault(tier["tier"], []).append(
                {
                    "cycle": _cycle(doc),
                    "framework": _fw(tier),
                    "small_group_min": tier["framework"].get("small_group_min"),
                    "name_th": row.get("name_th"),
                    "name_en": row.get("name_en"),
                    "invited": row["invited"],
                    "scored": row["scored"],
                    "suppressed": bool(row["suppressed"]),
                    "overall": overall,
                    "mean": overall["mean"] if overall else None,
                    "levels": row.get("levels"),
                    "names": _part_names(tier),
                    "pillars": [
                        {"id": pid, "name": names.get(pid), "mean": (s or {}).get("mean")}
                        for pid, s in (row.get("pillars") or {}).items()
                    ],
                }
            )
    return [
        {"tier": tier, "points": points, "steps": steps(points, crosswalk_for)}
        for tier, points in series.items()
    ]


def agency_series(
    results: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]],
    agency_id: str,
    crosswalk_for: CrosswalkFor,
    pillar_names: Callable[[str], Mapping[str, Mapping[str, str]]] | None = None,
) -> dict[str, Any]:
    """An agency's results over cycles: `results` is (cycle {code, year, name_th, name_en}, results
    document) oldest first; cycles whose document has no record of the agency are left out.

    Returns ``{"points": [POINT], "steps": [STEP]}``; POINT: ``{"cycle", "framework", "status",
    "mean" (the overall score), "level", "group", "rank", "pillars" [{id, name, mean, level}],
    "record", "names"}`` (`record`: the results document's record, for `compare`).
    `pillar_names(framework id)` gives the names of the pillars and sub-pillars by code."""
    points = []
    for cycle, doc in results:
        rec = next((r for r in doc.get("agencies", []) if r.get("id") == agency_id), None)
        if rec is None:
            continue
        fw = doc["framework"]
        names = pillar_names(fw["id"]) if pillar_names else {}
        overall = rec.get("overall") or {}
        points.append(
            {
                "cycle": {k: cycle.get(k) for k in ("code", "year", "name_th", "name_en")},
                "framework": {"id": fw["id"], "revision": fw.get("revision"), "year": fw.get("year")},
                "status": rec.get("status"),
                "mean": overall.get("score"),
                "level": overall.get("level"),
                "group": rec.get("group"),
                "rank": rec.get("rank"),
                "pillars": [
                    {"id": pid, "name": names.get(pid), "mean": p.get("score"), "level": p.get("level")}
                    for pid, p in (rec.get("pillars") or {}).items()
                ],
                "record": rec,
                "names": dict(names),
            }
        )
    return {"points": points, "steps": steps(points, crosswalk_for)}


def _as_record(point: Mapping[str, Any]) -> Mapping[str, Any]:
    """The point as a results record for `compare`: an agency's own record, or a group's pillar means."""
    if "record" in point:
        record: Mapping[str, Any] = point["record"]
        return record
    return {
        "pillars": {p["id"]: {"score": p["mean"], "level": p.get("level")} for p in point["pillars"]},
    }


def _difference(new: float | None, old: float | None) -> float | None:
    return None if new is None or old is None else new - old


def step(old: Mapping[str, Any], new: Mapping[str, Any], crosswalk_for: CrosswalkFor) -> dict[str, Any]:
    """What may be compared between two consecutive points of a series (module docstring).

    ``{"from", "to" (cycle codes), "kind": "same" | "crosswalk" | "different", "from_framework",
    "to_framework", "change" (overall; None unless "same"), "level_change" (agencies, "same" only),
    "pillars" [{old, new, old_name, new_name, old_score, new_score, change, old_level, new_level,
    level_change, reason}], "not_comparable" [{side, code, name, reason}], "crosswalk" (its file name
    or None)}``. Pillars listed are, for "same", every pillar of the newer point; for "crosswalk", the
    linked pillars; for "different", none. "not_comparable" lists the crosswalk's unlinked pillars and
    sub-pillars (topics are not listed one by one). A reason is the crosswalk's, in Thai and English
    (``{"th", "en"}``; None for "same"): the page shows the reader's language."""
    a, b = old["framework"]["id"], new["framework"]["id"]
    out: dict[str, Any] = {
        "from": old["cycle"]["code"],
        "to": new["cycle"]["code"],
        "from_framework": old["framework"],
        "to_framework": new["framework"],
        "kind": "same",
        "change": None,
        "level_change": None,
        "pillars": [],
        "not_comparable": [],
        "crosswalk": None,
    }
    old_names = {**{p["id"]: p.get("name") for p in old["pillars"]}, **(old.get("names") or {})}
    new_names = {**{p["id"]: p.get("name") for p in new["pillars"]}, **(new.get("names") or {})}
    if a == b:
        out["change"] = _difference(new["mean"], old["mean"])
        if "level" in new:
            out["level_change"] = _difference(new.get("level"), old.get("level"))
        before = {p["id"]: p for p in old["pillars"]}
        for p in new["pillars"]:
            q = before.get(p["id"], {})
            out["pillars"].append(
                {
                    "old": p["id"],
                    "new": p["id"],
                    "old_name": old_names.get(p["id"]),
                    "new_name": p.get("name"),
                    "old_score": q.get("mean"),
                    "new_score": p["mean"],
                    "change": _difference(p["mean"], q.get("mean")),
                    "old_level": q.get("level"),
                    "new_level": p.get("level"),
                    "level_change": _difference(p.get("level"), q.get("level")),
                    "reason": None,
                }
            )
        return out
    cw = crosswalk_for(a, b)
    if cw is None:
        out["kind"] = "different"
        return out
    out["kind"] = "crosswalk"
    out["crosswalk"] = cw.path.rsplit("/", 1)[-1] if cw.path else f"{a}_{b}.yaml"
    compared = compare(cw, _as_record(old), _as_record(new))
    for c in compared["comparable"]["pillars"]:
        out["pillars"].append(
            {
                **{k: c[k] for k in ("old", "new", "old_score", "new_score", "change", "reason")},
                "old_name": old_names.get(c["old"]),
                "new_name": new_names.get(c["new"]),
                "old_level": c["old_level"],
                "new_level": c["new_level"],
                "level_change": c["level_change"],
            }
        )
    out["not_comparable"] = [
        {**u, "name": (old_names if u["side"] == "from" else new_names).get(u["code"])}
        for u in compared["not_comparable"]
        if u["code"].count(".") <= 1  # pillars and sub-pillars
    ]
    return out


def steps(points: Sequence[Mapping[str, Any]], crosswalk_for: CrosswalkFor) -> list[dict[str, Any]]:
    """`step` between each point and the one before it (one fewer than the points)."""
    return [step(points[i - 1], points[i], crosswalk_for) for i in range(1, len(points))]
