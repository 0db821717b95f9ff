"""The agency report's data: every number, label and sentence, computed here from the results.

The Typst template only lays these values out. Sentences are made from the same values as the
tables beside them (`Style` prints both), and comparisons are judged on printed values, so a sentence
can never disagree with its table.
"""

from __future__ import annotations

from typing import Any

from dgmm.framework.schema import Framework, Pillar
from dgmm.reports import fmt
from dgmm.reports.context.advice import pillar_advice
from dgmm.reports.context.common import (
    Style,
    cmp_word,
    gauge,
    join,
    level_name,
    ordered,
    pillar_label,
    pillar_number,
    tier_name,
)
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.errors import ReportError
from dgmm.results import comparators

COMPARATORS = ("same_group", "parent", "no1")


def agency_context(
    cycle: ReportCycle, agency_id: str, style: Style, *, criteria_only: bool = False
) -> dict[str, Any]:
    """Everything the agency report prints, for one agency of a scored cycle."""
    fw = cycle.framework
    rec = cycle.agency(agency_id)
    if rec.get("status") != "scored":
        raise ReportError(
            f"agency {agency_id!r} has no answers in this cycle; there is nothing to report",
            code="not_scored",
        )
    cmps = comparators(cycle.doc, agency_id)
    expl = None if criteria_only else cycle.explanations(agency_id)
    b = _Builder(cycle, fw, rec, cmps, style)
    name = cycle.agency_name(agency_id, style.lang)
    ctx: dict[str, Any] = {
        "lang": style.lang,
        "title": style.t("a.title"),
        "agency": name,
        "footer": f"{name} · {style.text(fw.name)}",
        "framework": style.text(fw.name),
        "year": str(fw.year if style.lang == "th" else fw.year - fmt.BE_OFFSET),
        "labels": b.labels(),
        "tiles": b.tiles(),
        "pillar_table": b.pillar_table(),
        "level_chart": b.level_chart(),
        "summary": b.summary(),
        "radar": b.radar(),
        "change": b.change(),
        "sub_overview": b.sub_overview(),
        "explain": b.explain(),
        "pillars": [b.pillar_page(p, expl, criteria_only or expl is None) for p in fw.pillars],
        "glossary": b.glossary(),
    }
    return ctx


class _Builder:
    """Builds the agency report section by section from one agency's record and its comparators."""

    def __init__(
        self, cycle: ReportCycle, fw: Framework, rec: dict[str, Any], cmps: dict[str, Any], style: Style
    ) -> None:
        self.cycle, self.fw, self.rec, self.cmps, self.s = cycle, fw, rec, cmps, style
        self.tier = tier_name(style, rec.get("tier"))
        self.agency = cycle.agency_name(rec["id"], style.lang)
        self.small = int(cycle.doc["cohort"].get("small_group_min", 3))
        groups = {g.id: g for g in fw.aggregation.groups}
        g = groups.get(rec.get("group") or "")
        self.group = (
            (g.name.en if style.lang == "th" and g.name.en else style.text(g.name)) if g else fmt.DASH
        )
        self.parent_name = self._parent_name()

    def _parent_name(self) -> str:
        pid = self.rec.get("parent_id")
        return self.cycle.agency_name(pid, self.s.lang) if pid else ""

    # -- helpers ---------------------------------------------------------------------------------
    def cmp_value(self, which: str, key: str, item: str | None = None) -> float | None:
        c = self.cmps.get(which)
        if c is None:
            return None
        value = c.get("overall") if key == "overall" else (c.get(key) or {}).get(item)
        return None if value is None else float(value)

    def level_of(self, level: int | None) -> str:
        return level_name(self.s, self.fw.level_scale, level)

    def level_tile(self, level: int | None) -> dict[str, Any]:
        """'3 Defined' as the tile's value and, in Thai reports, the Thai level name under it."""
        names = self.fw.level_scale
        if level is None or not 1 <= level <= len(names):
            return {"value": self.s.t("level.undetermined.short")}
        name = names[level - 1]
        if self.s.lang == "th" and name.en:
            return {"value": f"{level} {name.en}", "sub": name.th if name.th != name.en else None}
        return {"value": f"{level} {self.s.text(name)}"}

    def pillar_level(self, p: Pillar, level: int | None) -> str:
        return level_name(self.s, p.level_names or self.fw.level_scale, level)

    def pscore(self, pid: str) -> float | None:
        value = (self.rec["pillars"].get(pid) or {}).get("score")
        return None if value is None else float(value)

    # -- sections --------------------------------------------------------------------------------
    def labels(self) -> dict[str, str]:
        s = self.s
        keys = (
            "a.pillars.title",
            "a.col.indicator",
            "a.col.agency",
            "a.col.parent",
            "a.levels.title",
            "a.radar.title",
            "a.subs.title",
            "a.col.indicator",
            "a.subs.col.pillar_level",
            "a.subs.col.sub_levels",
            "a.explain.title",
            "a.advice.title",
            "a.glossary.title",
            "a.glossary.groups",
            "a.glossary.pillars",
            "a.glossary.levels",
            "page",
            "a.pillar.col.sub",
            "a.pillar.col.level",
            "a.pillar.col.score",
            "a.pillar.col.group",
            "a.pillar.col.parent",
            "a.pillar.col.no1",
            "a.overview.subtitle",
            "a.advice.todo",
        )
        out = {k: s.t(k) for k in keys}
        out["a.overview.title"] = s.t("a.overview.title", agency=self.agency)
        out["a.col.group"] = s.t("a.col.group", tier=self.tier)
        out["a.col.no1"] = s.t("a.col.no1", tier=self.tier)
        out["note.dash"] = s.t("note.dash", min=self.small)
        out["note.rounding"] = s.t("note.rounding", digits=s.digits)
        return out

    def tiles(self) -> list[dict[str, Any]]:
        s, rec = self.s, self.rec
        ov = rec["overall"]
        cohort = self.cycle.doc["cohort"]
        tiles: list[dict[str, Any]] = [
            {
                "label": s.t("a.tile.rank"),
                "value": s.t("a.tile.rank.value", rank=rec["rank"], of=fmt.count(cohort["scored"]))
                if rec.get("rank")
                else fmt.DASH,
            },
            {"label": s.t("a.tile.group"), "value": self.group},
            {"label": s.t("a.tile.score"), "value": s.score(ov["score"])},
            {"label": s.t("a.tile.level"), **self.level_tile(ov["level"]), "gauge": gauge(ov["level"])},
            {
                "label": s.t("a.tile.group_avg", tier=self.tier),
                "value": s.pct(self.cmp_value("same_group", "overall")),
            },
        ]
        growth = rec.get("growth")
        if growth:
            tiles.append(
                {
                    "label": s.t("a.tile.change"),
                    "value": s.t(
                        "a.tile.change.value",
                        change=fmt.change(growth["change"], s.digits),
                        previous=fmt.score(growth["previous_overall"], s.digits),
                    ),
                }
            )
        return tiles

    def pillar_table(self) -> dict[str, Any]:
        s = self.s
        rows = []
        for p in self.fw.pillars:
            rows.append(
                {
                    "label": pillar_label(s, self.fw, p),
                    "cells": [s.pct(self.pscore(p.id))]
                    + [s.pct(self.cmp_value(c, "pillars", p.id)) for c in COMPARATORS],
                }
            )
        return {"rows": rows}

    def level_chart(self) -> list[dict[str, Any]]:
        out = []
        for p in self.fw.pillars:
            lv = (self.rec["pillars"].get(p.id) or {}).get("level")
            names = p.level_names or self.fw.level_scale
            name = names[lv - 1] if lv and 1 <= lv <= len(names) else None
            out.append(
                {
                    "label": self.s.t("pillar.short", n=pillar_number(self.fw, p)),
                    "gauge": gauge(lv),
                    "name": (name.en if self.s.lang == "th" and name.en else self.s.text(name))
                    if name
                    else self.s.t("level.undetermined.short"),
                }
            )
        return out

    def summary(self) -> list[str]:
        s, rec = self.s, self.rec
        score = rec["overall"]["score"]
        clauses = []
        for which, who in (
            ("same_group", s.t("a.summary.who.group", tier=self.tier)),
            ("parent", s.t("a.summary.who.parent", parent=self.parent_name)),
        ):
            value = self.cmp_value(which, "overall")
            word = cmp_word(s, score, value)
            if word is not None:
                clauses.append(s.t("a.summary.clause", cmp=word, who=who, value=s.score(value)))
        first = s.t(
            "a.summary.1",
            agency=self.agency,
            score=s.score(score),
            clauses=s.t("a.summary.and").join(clauses) if clauses else s.t("a.summary.none"),
            level=self.level_of(rec["overall"]["level"]),
            group=self.group,
        )
        out = [first]
        scores = {p.id: self.pscore(p.id) for p in self.fw.pillars}
        order = ordered(scores, [p.id for p in self.fw.pillars], reverse=True)
        if len(order) >= 2:
            hl = rec.get("highlights") or {}
            best = hl.get("most_outstanding_pillar") or order[0]
            lowest = hl.get("lowest_pillar") or order[-1]
            second = next(k for k in order if k != best)
            second_text = s.t(
                "a.summary.2",
                best=pillar_label(s, self.fw, self.fw.pillar(best)),
                best_score=s.score(scores[best]),
                second=pillar_label(s, self.fw, self.fw.pillar(second)),
                second_score=s.score(scores[second]),
                lowest=pillar_label(s, self.fw, self.fw.pillar(lowest)),
                lowest_score=s.score(scores[lowest]),
            )
            out.append(second_text)
        return out

    def radar(self) -> dict[str, Any]:
        s = self.s
        labels = [s.t("pillar.short", n=pillar_number(self.fw, p)) for p in self.fw.pillars]
        series = [{"label": s.t("a.radar.agency"), "values": [self.pscore(p.id) for p in self.fw.pillars]}]
        note = None
        if self.cmps.get("same_group") is not None:
            series.append(
                {
                    "label": s.t("a.radar.group", group=self.group),
                    "values": [self.cmp_value("same_group", "pillars", p.id) for p in self.fw.pillars],
                }
            )
        else:
            note = s.t("a.radar.hidden", min=self.small)
        return {
            "chart": {
                "kind": "radar",
                "labels": labels,
                "series": series,
                "max": 100,
                "digits": list("0123456789"),
            },
            "note": note,
        }

    def change(self) -> dict[str, Any] | None:
        s, rec = self.s, self.rec
        growth = rec.get("growth")
        prev = self.cycle.previous_agency(rec["id"])
        if not growth and prev is None:
            return None
        cur = rec["overall"]["score"]
        before = growth["previous_overall"] if growth else prev["overall"]["score"]  # type: ignore[index]
        delta = cur - before if cur is not None and before is not None else None
        c = fmt.cmp_shown(cur, before, s.digits)
        key = {1: "a.change.up", -1: "a.change.down", 0: "a.change.same"}.get(c if c is not None else 0)
        shown_abs = fmt.score(abs(delta), s.digits) if delta is not None else fmt.DASH
        sentences = [
            s.t(
                key or "a.change.same",
                agency=self.agency,
                abs=shown_abs,
                previous=fmt.score(before, s.digits),
                current=fmt.score(cur, s.digits),
            )
        ]
        if growth and growth.get("quadrant"):
            sentences.append(
                s.t("a.change.quadrant", tier=self.tier, quadrant=s.t(f"quadrant.{growth['quadrant']}"))
            )
        rows = [{"label": s.t("a.change.overall"), "cells": [s.score(before), s.score(cur), s.change(delta)]}]
        same_fw = (
            prev is not None
            and self.cycle.previous is not None
            and self.cycle.previous["framework"]["id"] == self.fw.id
        )
        if same_fw and prev is not None:
            for p in self.fw.pillars:
                a, b_ = (prev.get("pillars") or {}).get(p.id, {}).get("score"), self.pscore(p.id)
                rows.append(
                    {
                        "label": pillar_label(s, self.fw, p),
                        "cells": [
                            s.score(a),
                            s.score(b_),
                            s.change(b_ - a if a is not None and b_ is not None else None),
                        ],
                    }
                )
        else:
            sentences.append(s.t("a.change.pillars_missing"))
        return {
            "title": s.t("a.change.title"),
            "sentences": sentences,
            "header": [
                s.t("a.col.indicator"),
                s.t("a.change.col.previous"),
                s.t("a.change.col.current"),
                s.t("a.change.col.change"),
            ],
            "rows": rows,
        }

    def sub_cell(self, sp_id: str, in_model: bool) -> dict[str, Any]:
        sub = self.rec["sub_pillars"].get(sp_id) or {}
        if not in_model:
            return {"gauge": None, "note": self.s.t("level.not_in_model")}
        lv = sub.get("level")
        return {"gauge": gauge(lv), "note": None if lv is not None else self.s.t("level.undetermined")}

    def sub_overview(self) -> list[dict[str, Any]]:
        out = []
        for p in self.fw.pillars:
            lv = (self.rec["pillars"].get(p.id) or {}).get("level")
            subs = [
                {"name": self.s.text(sp.name), **self.sub_cell(sp.id, sp.in_model)} for sp in p.sub_pillars
            ]
            out.append(
                {
                    "label": pillar_label(self.s, self.fw, p),
                    "name_other": p.name.en if self.s.lang == "th" else p.name.th,
                    "gauge": gauge(lv),
                    "subs": subs,
                }
            )
        return out

    def explain(self) -> dict[str, Any]:
        s, rec = self.s, self.rec
        weights = self.fw.weights()
        paragraphs = []
        for p in self.fw.pillars:
            node = rec["pillars"].get(p.id) or {}
            parts = []
            for sp in p.sub_pillars:
                if not sp.in_model:
                    continue
                lv = (rec["sub_pillars"].get(sp.id) or {}).get("level")
                parts.append(
                    s.t("a.explain.sub", sub=s.text(sp.name), level=lv)
                    if lv is not None
                    else s.t("a.explain.sub.undetermined", sub=s.text(sp.name))
                )
            paragraphs.append(
                s.t(
                    "a.explain.pillar",
                    pillar=pillar_label(s, self.fw, p),
                    weight=_weight(weights[p.id]),
                    score=fmt.score(node.get("score"), s.digits),
                    level=self.pillar_level(p, node.get("level")),
                    subs=join(s, parts) if parts else s.t("a.explain.no_subs"),
                )
            )
        intro = s.t(
            "a.explain.intro",
            agency=self.agency,
            score=fmt.score(rec["overall"]["score"], s.digits),
            level=self.level_of(rec["overall"]["level"]),
        )
        rule = s.t(f"a.explain.rule.{self.fw.aggregation.overall_level}")
        return {"intro": intro, "pillars": paragraphs, "rule": rule}

    def pillar_page(self, p: Pillar, expl: Any, criteria_only: bool) -> dict[str, Any]:
        s, fw = self.s, self.fw
        n = pillar_number(fw, p)
        own_subs = {sp.id: (self.rec["sub_pillars"].get(sp.id) or {}).get("score") for sp in p.sub_pillars}
        comparisons = []
        for which, key, unavailable in (
            ("same_group", "a.pillar.cmp.group", "a.pillar.cmp.unavailable.group"),
            ("parent", "a.pillar.cmp.parent", "a.pillar.cmp.unavailable.parent"),
            ("no1", "a.pillar.cmp.no1", "a.pillar.cmp.unavailable.no1"),
        ):
            if self.cmps.get(which) is None:
                comparisons.append(s.t(unavailable, tier=self.tier))
                continue
            higher = [
                sp
                for sp in p.sub_pillars
                if fmt.cmp_shown(own_subs[sp.id], self.cmp_value(which, "sub_pillars", sp.id), s.digits) == 1
            ]
            items = [
                s.t("a.pillar.list.item", name=s.text(sp.name), score=fmt.pct(own_subs[sp.id], s.digits))
                for sp in higher
            ]
            listing = s.t("a.pillar.list", items=join(s, items)) if items else s.t("a.pillar.list.none")
            comparisons.append(
                s.t(
                    key,
                    tier=self.tier,
                    value=fmt.pct(self.cmp_value(which, "pillars", p.id), s.digits),
                    list=listing,
                )
            )
        rows = []
        for sp in p.sub_pillars:
            cell = self.sub_cell(sp.id, sp.in_model)
            short = None
            if not sp.in_model:
                short = s.t("level.not_in_model.short")
            elif cell["note"] is not None:
                short = s.t("level.undetermined.short")
            rows.append(
                {
                    "name": s.text(sp.name),
                    "gauge": cell["gauge"],
                    "note": short,
                    "cells": [s.pct(own_subs[sp.id])]
                    + [s.pct(self.cmp_value(c, "sub_pillars", sp.id)) for c in COMPARATORS],
                }
            )
        total = {
            "name": s.t("a.pillar.total", pillar=s.t("pillar.short", n=n)),
            "cells": [s.pct(self.pscore(p.id))]
            + [s.pct(self.cmp_value(c, "pillars", p.id)) for c in COMPARATORS],
        }
        lv = (self.rec["pillars"].get(p.id) or {}).get("level")
        return {
            "id": p.id,
            "title": f"Pillar {n}: {p.name.th} ({p.name.en})"
            if s.lang == "th"
            else f"Pillar {n}: {p.name.en}",
            "gauge": gauge(lv),
            "level": self.pillar_level(p, lv),
            "readiness": s.t("a.pillar.readiness", n=n),
            "divided": s.t("a.pillar.divided", n=n, k=len(p.sub_pillars)),
            "comparisons": comparisons,
            "table": {"rows": rows, "total": total},
            "advice": pillar_advice(self, p, expl, criteria_only),
        }

    def glossary(self) -> dict[str, Any]:
        s, fw = self.s, self.fw
        groups = sorted(fw.aggregation.groups, key=lambda g: -g.min_percentile)
        pct = self.cycle.doc["cohort"].get("percentiles") or {}
        lines = []
        for i, g in enumerate(groups):
            name = g.name.en if s.lang == "th" and g.name.en else s.text(g.name)
            lo = _weight(g.min_percentile)
            cut = fmt.score(pct.get(f"p{int(g.min_percentile)}"), s.digits)
            hi_g = groups[i - 1] if i > 0 else None
            hi = _weight(hi_g.min_percentile) if hi_g else ""
            cut_hi = fmt.score(pct.get(f"p{int(hi_g.min_percentile)}"), s.digits) if hi_g else ""
            if hi_g is None:
                key = "a.glossary.group.top"
            elif g.min_percentile > 0:
                key = "a.glossary.group.mid"
            else:
                key = "a.glossary.group.low"
            lines.append(s.t(key, group=name, lo=lo, cut=cut, hi=hi, cut_hi=cut_hi))
        pillars = []
        for p in fw.pillars:
            text = s.text(p.definition) or s.t(
                "a.glossary.pillar.subs", subs=join(s, [s.text(sp.name) for sp in p.sub_pillars])
            )
            pillars.append({"name": pillar_label(s, fw, p), "text": text})
        levels = [self.level_of(k) for k in range(1, 6)]
        weights = fw.weights()
        w_text = join(
            s,
            [f"{s.t('pillar.short', n=pillar_number(fw, p))} {_weight(weights[p.id])}%" for p in fw.pillars],
        )
        return {
            "groups": lines,
            "pillars": pillars,
            "levels": levels,
            "weights": s.t("a.glossary.weights", weights=w_text),
        }


def _weight(w: float) -> str:
    """A weight or percentile as printed: whole numbers without decimals (20, not 20.00)."""
    return f"{w:g}" if float(w).is_integer() else fmt.score(w, 2)
