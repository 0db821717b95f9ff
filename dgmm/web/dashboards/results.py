"""Rows the results pages display, built from the frozen results document with the core's helpers.

Scores are rounded for display only by ``dgmm.display`` (the core's single rounding place).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from dgmm import Framework, TopicExplanation, comparators, display
from dgmm import agency as agency_record
from dgmm.web.cycles.forms import text
from dgmm.web.cycles.models import ScoringPolicy, result_status_label


@dataclass
class Row:
    id: str
    name: str
    score: str
    level: Any
    comparators: dict[str, str]
    in_model: bool = True
    inherited: str = "none"


def _cmp(block: dict[str, Any] | None, kind: str, key: str | None) -> str:
    if block is None:
        return "-"
    if kind == "overall":
        return display(block.get("overall"))
    return display((block.get(kind) or {}).get(key))


def provenance_text(provenance: str) -> str:
    """own | analyst | parent:<id> in words."""
    if provenance.startswith("parent"):
        parent_id = provenance.partition(":")[2]
        return (
            gettext("parent department %(id)s") % {"id": parent_id}
            if parent_id
            else gettext("parent department")
        )
    return {"own": gettext("own answers"), "analyst": gettext("analyst's check")}.get(provenance, provenance)


def agency_view(doc: dict[str, Any], fw: Framework, agency_id: str) -> dict[str, Any]:
    """The agency's overall, pillar and sub-pillar scores with same-group, parent and No.1 comparators."""
    rec = agency_record(doc, agency_id)
    comps = (
        comparators(doc, agency_id)
        if rec["status"] == "scored"
        else {"same_group": None, "parent": None, "no1": None}
    )

    def cmp(kind: str, key: str | None) -> dict[str, str]:
        return {name: _cmp(comps.get(name), kind, key) for name in ("same_group", "parent", "no1")}

    pillars = []
    for p in fw.pillars:
        pr = rec["pillars"].get(p.id) or {}
        subs = []
        for sp in p.sub_pillars:
            sr = rec["sub_pillars"].get(sp.id) or {}
            subs.append(
                Row(
                    sp.id,
                    text(sp.name),
                    display(sr.get("score")),
                    sr.get("level"),
                    cmp("sub_pillars", sp.id),
                    sr.get("in_model", sp.in_model),
                    sr.get("inherited", "none"),
                )
            )
        pillars.append(
            (Row(p.id, text(p.name), display(pr.get("score")), pr.get("level"), cmp("pillars", p.id)), subs)
        )
    overall = rec.get("overall") or {}
    group = next((g for g in fw.aggregation.groups if g.id == rec.get("group")), None)
    return {
        "record": rec,
        "overall": Row(
            "overall", "", display(overall.get("score")), overall.get("level"), cmp("overall", None)
        ),
        "group": text(group.name) if group else "-",
        "rank": rec.get("rank"),
        "pillars": pillars,
        "topics": [
            (
                t,
                rec["topics"].get(t.id) or {},
                display((rec["topics"].get(t.id) or {}).get("score")),
                provenance_text((rec["topics"].get(t.id) or {}).get("provenance", "")),
            )
            for t in fw.iter_topics()
        ],
    }


def cohort_view(doc: dict[str, Any], fw: Framework) -> dict[str, Any]:
    c = doc["cohort"]
    all_ = c.get("all") or {}
    pillars = [(p.id, text(p.name), display((all_.get("pillars") or {}).get(p.id))) for p in fw.pillars]
    levels = (all_.get("levels") or {}).get("overall") or {}
    names = [text(t) for t in fw.level_scale]
    groups = [
        (
            text(g.name),
            (c.get("groups") or {}).get(g.id, {}).get("count", 0),
            display(((c.get("groups") or {}).get(g.id) or {}).get("overall")),
        )
        for g in fw.aggregation.groups
    ]
    policy = c.get("policy")
    return {
        "policy": str(ScoringPolicy(policy).label) if policy in ScoringPolicy.values else None,
        "official": policy != ScoringPolicy.ALL,
        "statuses": [
            (k, result_status_label(k), n)
            for k, n in (c.get("statuses") or {}).items()
            if k != "scored" and n
        ],
        "invited": c.get("invited"),
        "scored": c.get("scored"),
        "overall": display(all_.get("overall")),
        "pillars": pillars,
        "groups": groups,
        "levels": [
            (k, names[k - 1] if k - 1 < len(names) else "", levels.get(str(k), 0)) for k in range(1, 6)
        ],
        "percentiles": {k: display(v) for k, v in (c.get("percentiles") or {}).items()},
    }


def ranking(doc: dict[str, Any], visible: set[str] | None) -> list[dict[str, Any]]:
    """Every agency (only `visible` ids unless None): the scored by rank, then those not scored with
    their status (no answers, not submitted, returned for correction: DECISIONS §27, §28)."""
    rows = [a for a in doc["agencies"] if visible is None or a["id"] in visible]
    rows.sort(key=lambda a: (a["status"] != "scored", a.get("rank") or 10**9, a["id"]))
    return [
        {
            "id": a["id"],
            "name_th": a["name_th"],
            "name_en": a["name_en"],
            "status": a["status"],
            "status_label": result_status_label(a["status"]),
            "rank": a.get("rank"),
            "score": display((a.get("overall") or {}).get("score")) if a["status"] == "scored" else "–",
            "level": (a.get("overall") or {}).get("level"),
            "group": a.get("group"),
        }
        for a in rows
    ]


@dataclass
class Advice:
    topic_id: str
    name: str
    level: Any
    next_level: int
    next_criterion: str
    next_advice: str
    steps: list[tuple[str, str]]  # (what to do, the current answer), checked by the core to reach the level
    by_parent: bool = False  # the level comes from the parent department: the parent must act


def advice_for(explanations: Mapping[str, TopicExplanation]) -> list[Advice]:
    """Next-level advice from the core's explanations (DECISIONS
    §16): criterion text and the steps that reach it."""
    out = []
    for exp in explanations.values():
        if exp.next_level is None or exp.level is None:
            continue
        out.append(
            Advice(
                exp.topic_id,
                text(exp.name),
                exp.level,
                exp.next_level,
                text(exp.next_criterion),
                text(exp.next_advice),
                [] if exp.by_parent else [(text(s.text), text(s.current)) for s in exp.steps],
                exp.by_parent,
            )
        )
    return out
