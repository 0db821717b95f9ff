"""The improvement plan's data (issue 11): every label, number and sentence of the plan PDF and XLSX.

The caller gathers the plan (its items as `PlanLine`s) and the plan's projection, made by
`dgmm.whatif.WhatIf.project` (the path the plan view shows); nothing here scores or projects. Items
are grouped by the PMQA 4.0 categories of the items they serve (`dgmm.pmqa`, the crosswalk's data);
an item serving several categories is listed under each, an item serving none under its own heading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dgmm.framework.schema import Framework, Text
from dgmm.pmqa import load_crosswalk
from dgmm.reports import fmt
from dgmm.reports.context.agency import ellipsize
from dgmm.reports.context.common import Style, level_name, pillar_label, radar_spec, tier_name
from dgmm.reports.fonts import uncovered
from dgmm.reports.issuer import Issuer
from dgmm.whatif import Projection

FOOTER_NAME_CHARS = 56
STATUSES = ("planned", "in_progress", "done", "dropped")


@dataclass(frozen=True)
class PlanLine:
    """One plan item as the plan prints it (the web's PlanItem, or a plan file's row)."""

    topic: str
    level_now: int | None
    target_level: int
    actions: Text
    pmqa_items: tuple[str, ...] = ()
    responsible_unit: str = ""
    owner: str = ""
    due_date: dt.date | None = None
    status: str = "planned"


@dataclass(frozen=True)
class PlanSource:
    """What a plan is about: the agency, the cycle it was planned from and its framework."""

    framework: Framework
    agency_id: str
    agency_name: Text
    tier: str
    year: int  # the cycle's year, Buddhist era
    lines: Sequence[PlanLine] = ()
    projection: Projection | None = None  # None: the plan names no changes
    stale: str = ""  # why the stored changes could not be projected (they no longer apply)
    issuer: Issuer = field(default_factory=Issuer)


SUBSTITUTES = {"→": "»"}  # the arrow of an answer change in words; the report font has no arrows


def printable(text: str) -> str:
    """Typed text (actions, owners, units) as the report font can draw it: an arrow as "»", any other
    character the font lacks (an emoji, a rare symbol) as "?", so what someone typed never stops
    their plan from printing."""
    text = "".join(SUBSTITUTES.get(ch, ch) for ch in text)
    missing = set(uncovered(text))
    return "".join("?" if ch in missing else ch for ch in text) if missing else text


def due_text(day: dt.date | None, lang: str) -> str:
    """A due date as the plan prints it: Buddhist era in Thai ('30 กันยายน 2568'), else '30 September 2025'."""
    return fmt.DASH if day is None else fmt.date_text(day, lang)


def category_title(style: Style, category_id: str, name: Text) -> str:
    """'หมวด 2 การวางแผนเชิงยุทธศาสตร์' / 'Category 2: Strategic planning'."""
    return style.t("p.category", id=category_id.removeprefix("PMQA"), name=style.text(name))


def status_text(style: Style, status: str) -> str:
    return style.t(f"p.status.{status}") if status in STATUSES else status


def _topic_names(fw: Framework, lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for t in fw.iter_topics():
        out[t.id] = t.name.get(lang)
        out.update((st.id, st.name.get(lang)) for st in t.sub_topics)
    return out


def plan_rows(src: PlanSource, style: Style) -> list[dict[str, Any]]:
    """One row per plan item (topic order as given), every cell a finished string: the XLSX's rows and
    the PDF's table cells."""
    cw = load_crosswalk()
    items = {i.id: (c, i) for c in cw.pmqa.categories for i in c.items}
    topics = _topic_names(src.framework, style.lang)
    scale = src.framework.level_scale
    rows = []
    for line in src.lines:
        known = [items[x] for x in line.pmqa_items if x in items]
        cats: dict[str, str] = {}
        for c, _i in known:
            cats.setdefault(
                c.id, style.t("p.category", id=c.id.removeprefix("PMQA"), name=style.text(c.name))
            )
        rows.append(
            {
                "line": line,
                "categories": list(cats),
                "category_names": list(cats.values()),
                "pmqa": [f"{i.id} {style.text(i.name)}" for _c, i in known],
                "pmqa_by_category": {
                    cid: [f"{i.id} {style.text(i.name)}" for c, i in known if c.id == cid] for cid in cats
                },
                "topic_id": line.topic,
                "topic": f"{line.topic} {topics.get(line.topic, '')}".strip(),
                "level_now": level_name(style, scale, line.level_now),
                "target": level_name(style, scale, line.target_level),
                "actions": [printable(a) for a in style.text(line.actions).splitlines() if a.strip()],
                "owner": printable(line.owner) or fmt.DASH,
                "unit": printable(line.responsible_unit) or fmt.DASH,
                "due": due_text(line.due_date, style.lang),
                "status": status_text(style, line.status),
            }
        )
    return rows


def _figures(src: PlanSource, style: Style, p: Projection) -> list[dict[str, str]]:
    groups = {g.id: g.name for g in src.framework.aggregation.groups}

    def group(g: str | None) -> str:
        return style.text(groups[g]) if g in groups else fmt.DASH

    def rank(r: int | None) -> str:
        return fmt.count(r)

    o = p.overall
    return [
        {
            "label": style.t("p.fig.score"),
            "value": f"{style.score(o.score)} / {style.score(o.projected_score)}",
            "sub": style.t("p.fig.now_then"),
        },
        {
            "label": style.t("p.fig.level"),
            "value": f"{o.level or fmt.DASH} / {o.projected_level or fmt.DASH}",
            "sub": style.t("p.fig.now_then"),
        },
        {
            "label": style.t("p.fig.group"),
            "value": f"{group(p.group)} / {group(p.projected_group)}",
            "sub": style.t("p.fig.now_then"),
        },
        {
            "label": style.t("p.fig.rank"),
            "value": f"{rank(p.rank)} / {rank(p.projected_rank)}",
            "sub": f"{style.t('p.fig.now_then')} {style.t('p.fig.rank_of', n=fmt.count(p.cohort))}",
        },
    ]


def _projection(src: PlanSource, style: Style) -> dict[str, Any]:
    p = src.projection
    if p is None:
        why = (
            style.t("p.projection.stale", why=printable(src.stale))
            if src.stale
            else style.t("p.projection.none")
        )
        return {"shown": False, "note": why}
    fw = src.framework
    pillars = fw.pillars
    series = [
        {"label": style.t("p.radar.now"), "values": [p.nodes[x.id].score for x in pillars]},
        {"label": style.t("p.radar.plan"), "values": [p.nodes[x.id].projected_score for x in pillars]},
    ]
    table = {
        "header": [style.t(k) for k in ("p.col.pillar", "p.col.score_now", "p.col.level_now")]
        + [style.t(k) for k in ("p.col.score_plan", "p.col.level_plan")],
        "rows": [
            [
                pillar_label(style, fw, x),
                style.score(p.nodes[x.id].score),
                str(p.nodes[x.id].level or fmt.DASH),
                style.score(p.nodes[x.id].projected_score),
                str(p.nodes[x.id].projected_level or fmt.DASH),
            ]
            for x in pillars
        ],
    }
    return {
        "shown": True,
        "lead": style.t("p.projection.lead"),
        "figures": _figures(src, style, p),
        "radar": radar_spec(style, fw, series),
        "table": table,
    }


def _groups(rows: list[dict[str, Any]], style: Style) -> list[dict[str, Any]]:
    """The rows under each PMQA category (crosswalk order), then the rows linked to none."""
    cw = load_crosswalk()
    out = []
    for c in cw.pmqa.categories:
        mine = [r for r in rows if c.id in r["categories"]]
        if mine:
            out.append(
                {
                    "id": c.id,
                    "title": category_title(style, c.id, c.name),
                    "rows": [_cells(r, c.id) for r in mine],
                }
            )
    unlinked = [r for r in rows if not r["categories"]]
    if unlinked:
        out.append(
            {"id": "", "title": style.t("p.items.unlinked"), "rows": [_cells(r, "") for r in unlinked]}
        )
    return out


def _cells(r: dict[str, Any], category: str) -> dict[str, Any]:
    return {
        "pmqa": r["pmqa_by_category"].get(category, []) or [fmt.DASH],
        "topic": r["topic"],
        "level_now": r["level_now"],
        "target": r["target"],
        "owner": r["owner"],
        "unit": r["unit"],
        "due": r["due"],
        "status": r["status"],
        "actions": r["actions"],
    }


def plan_context(src: PlanSource, style: Style) -> dict[str, Any]:
    """Everything the plan PDF prints."""
    s = style
    name = s.text(src.agency_name)
    year = str(src.year if s.lang == "th" else src.year - fmt.BE_OFFSET)
    rows = plan_rows(src, s)
    labels = {
        k: s.t(k)
        for k in (
            "p.projection.title",
            "p.radar.title",
            "p.items.title",
            "p.items.lead",
            "p.items.empty",
            "p.col.pmqa",
            "p.col.topic",
            "p.col.level",
            "p.col.target",
            "p.col.owner",
            "p.col.unit",
            "p.col.due",
            "p.col.status",
            "p.col.actions",
            "page",
        )
    }
    return {
        "lang": s.lang,
        "title": s.t("p.title"),
        "footer": f"{ellipsize(name, FOOTER_NAME_CHARS)} · {s.t('p.footer', year=year)}",
        "cover": {
            "title": s.t("p.title"),
            "agency": name,
            "tier": tier_name(s, src.tier),
            "framework": s.text(src.framework.name),
            "cycle": s.t("p.cover.cycle", year=year),
            "items": s.t("p.cover.items", n=fmt.count(len(rows))),
            "issued_by": s.t("a.cover.issued_by"),
            "issuer": src.issuer.name(s.lang),
            "issuer_other": src.issuer.other_name(s.lang),
            "lines": [*src.issuer.address, *src.issuer.contact],
            "logo": None,  # the renderer copies the issuer's logo next to the template and names it here
        },
        "labels": labels,
        "projection": _projection(src, s),
        "groups": _groups(rows, s),
    }
