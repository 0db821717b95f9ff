"""The agency report's data: every number, label and sentence, computed here from the results.

The Typst template only lays these values out. Sentences are made from the same values as the
tables beside them (`Style` prints both), and comparisons are judged on printed values, so a sentence
can never disagree with its table.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from dgmm.cohort.counting import WHY_NOT_SCORED
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
    radar_spec,
    tier_name,
)
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.errors import ReportError
from dgmm.reports.issuer import Issuer
from dgmm.results import comparators
from dgmm.rounding import tie_key

COMPARATORS = ("same_group", "parent", "no1")
FOOTER_NAME_CHARS = 56  # letters of the agency's name in the footer; longer names end with "…"
STEP_CHARS = 240  # letters of a next step in the executive summary; its pillar's pages give it whole
BRIEF_AREAS = 3


def agency_context(
    cycle: ReportCycle,
    agency_id: str,
    style: Style,
    *,
    criteria_only: bool = False,
    issuer: Issuer | None = None,
) -> dict[str, Any]:
    """Everything the agency report prints, for one agency of a scored cycle.

    Agencies whose answers do not count (not submitted, returned for correction) have no score, level
    or rank: they are refused with a ReportError saying so, never printed as an empty report.
    """
    fw = cycle.framework
    rec = cycle.agency(agency_id)
    status = rec.get("status")
    if status != "scored":
        name = cycle.agency_name(agency_id, "en")
        why = WHY_NOT_SCORED.get(str(status), {}).get("en", f"its status in this cycle is {status!r}")
        raise ReportError(
            f"agency {agency_id!r} ({name}): {why}. It has no score, level or rank, so there is no agency "
            "report to make",
            code="not_scored",
        )
    cmps = comparators(cycle.doc, agency_id)
    expl = None if criteria_only else cycle.explanations(agency_id)
    b = _Builder(cycle, fw, rec, cmps, style)
    name = cycle.agency_name(agency_id, style.lang)
    year = str(fw.year if style.lang == "th" else fw.year - fmt.BE_OFFSET)
    pillars = [b.pillar_page(p, expl, criteria_only or expl is None) for p in fw.pillars]
    tiles, summary = b.tiles(), b.summary()
    ctx: dict[str, Any] = {
        "lang": style.lang,
        "title": style.t("a.title"),
        "agency": name,
        "footer": f"{ellipsize(name, FOOTER_NAME_CHARS)} · {style.t('a.footer.cycle', year=year)}",
        "framework": style.text(fw.name),
        "year": year,
        "has_parent": b.has_parent,
        "cover": b.cover(issuer or Issuer(), year),
        "brief": b.brief(pillars, tiles, summary),
        "labels": b.labels(),
        "tiles": tiles,
        "pillar_table": b.pillar_table(),
        "level_chart": b.level_chart(),
        "summary": summary,
        "radar": b.radar(),
        "change": b.change(),
        "sub_overview": b.sub_overview(),
        "explain": b.explain(),
        "pillars": pillars,
        "glossary": b.glossary(),
    }
    return ctx


def ellipsize(text: str, limit: int) -> str:
    """`text` cut to at most `limit` letters (marks above and below a letter not counted, never cut
    from their letter) with an ellipsis, so a long agency name keeps the footer on one line."""
    count = 0
    for i, ch in enumerate(text):
        if unicodedata.category(ch) in ("Mn", "Me"):
            continue
        count += 1
        if count > limit:
            return text[:i].rstrip() + "…"
    return text


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
        # the parent-department comparator applies only to agencies that have a parent department
        self.has_parent = bool(rec.get("parent_id"))
        self.comparators = COMPARATORS if self.has_parent else tuple(c for c in COMPARATORS if c != "parent")

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
        if not self.has_parent:
            out["a.overview.subtitle"] = s.t("a.overview.subtitle.no_parent")
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
                # an average of overall scores, printed as the overall score is (seed 000 prints the
                # score without a % sign): both tiles in the same unit
                "value": s.score(self.cmp_value("same_group", "overall")),
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
                    + [s.pct(self.cmp_value(c, "pillars", p.id)) for c in self.comparators],
                }
            )
        cols = {"same_group": "a.col.group", "parent": "a.col.parent", "no1": "a.col.no1"}
        header = [s.t("a.col.indicator"), s.t("a.col.agency")] + [
            s.t(cols[c], tier=self.tier) for c in self.comparators
        ]
        return {"header": header, "rows": rows}

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
            if which not in self.comparators:
                continue
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

    def cover(self, issuer: Issuer, year: str) -> dict[str, Any]:
        """The cover: the report's title, the agency, the cycle and who issues the report."""
        s = self.s
        return {
            "title": s.t("a.title"),
            "agency": self.agency,
            "tier": self.tier,
            "framework": s.text(self.fw.name),
            "cycle": s.t("a.cover.cycle", year=year),
            "issued_by": s.t("a.cover.issued_by"),
            "issuer": issuer.name(s.lang),
            "issuer_other": issuer.other_name(s.lang),
            "lines": [*issuer.address, *issuer.contact],
            "logo": None,  # the renderer copies the issuer's logo next to the template and names it here
        }

    def brief(
        self, pillars: list[dict[str, Any]], tiles: list[dict[str, Any]], summary: list[str]
    ) -> dict[str, Any]:
        """The one-page executive summary, from the values the rest of the report prints.

        Areas are the sub-pillars of the maturity model with a score: finer than the six or seven
        pillars the first pages already rank, and each has its own recommendations. Strongest: the
        highest scores; weakest: the lowest (ties in framework order, DECISIONS §12). Next steps: for
        each sub-pillar below the top level that the agency can raise itself (not wholly taken from the
        parent department), the first next-level step of its recommendations; the three kept are the
        lowest levels first (most room to grow), then the heavier pillar (moves the overall score
        most), then the lower score, then framework order; one step per sub-pillar.
        """
        s, fw = self.s, self.fw
        by_label = {t["label"]: t for t in tiles}
        figures = [by_label[s.t(k)] for k in ("a.tile.score", "a.tile.level", "a.tile.group", "a.tile.rank")]
        subs = [(p, sp) for p in fw.pillars for sp in p.sub_pillars if sp.in_model]
        where = {sp.id: p for p, sp in subs}
        scores: dict[str, float | None] = {
            sp.id: (self.rec["sub_pillars"].get(sp.id) or {}).get("score") for _, sp in subs
        }
        order = [sp.id for _, sp in subs]
        high = ordered(scores, order, reverse=True)
        n = len(high)
        k = BRIEF_AREAS if n >= 2 * BRIEF_AREAS else n // 2
        strongest = high[:k]
        weakest = [i for i in ordered(scores, order, reverse=False) if i not in strongest][:k]

        def area(sp_id: str) -> str:
            p = where[sp_id]
            sp = next(x for x in p.sub_pillars if x.id == sp_id)
            lv = (self.rec["sub_pillars"].get(sp_id) or {}).get("level")
            return s.t(
                "a.brief.area",
                sub=s.text(sp.name),
                pillar=s.t("pillar.short", n=pillar_number(fw, p)),
                score=s.pct(scores[sp_id]),
                level=s.t("level.value", level=lv) if lv is not None else s.t("level.undetermined.short"),
            )

        weights = fw.weights()
        candidates = []
        for page in pillars:
            p = fw.pillar(page["id"])
            for item in page["advice"]["items"]:
                sub = self.rec["sub_pillars"].get(item["id"]) or {}
                lv = sub.get("level")
                if lv is None or lv >= 5 or sub.get("inherited") == "full":
                    continue
                step = next((st for st in item["steps"] if st.get("kind") == "next"), None)
                if step is None:
                    continue
                sp = next(x for x in p.sub_pillars if x.id == item["id"])
                key = (lv, -weights[p.id], tie_key(float(sub.get("score") or 0.0)), order.index(sp.id))
                text = s.t(
                    "a.brief.step",
                    sub=s.text(sp.name),
                    pillar=s.t("pillar.short", n=pillar_number(fw, p)),
                    text=ellipsize(step["text"], STEP_CHARS),
                )
                candidates.append((key, text))
        steps = [text for _, text in sorted(candidates, key=lambda c: c[0])[:BRIEF_AREAS]]
        return {
            "title": s.t("a.brief.title"),
            "lead": summary[0],
            "figures": figures,
            "strong_title": s.t("a.brief.strong"),
            "strong": [area(i) for i in strongest],
            "weak_title": s.t("a.brief.weak"),
            "weak": [area(i) for i in weakest],
            "areas_why": s.t("a.brief.areas.why") if n else s.t("a.brief.areas.none"),
            "steps_title": s.t("a.brief.steps"),
            "steps": steps,
            "steps_why": s.t("a.brief.steps.why") if steps else s.t("a.brief.steps.none"),
        }

    def radar(self) -> dict[str, Any]:
        s = self.s
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
        return {**radar_spec(s, self.fw, series), "note": note}

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
            if which not in self.comparators:
                continue
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
                    + [s.pct(self.cmp_value(c, "sub_pillars", sp.id)) for c in self.comparators],
                }
            )
        total = {
            "name": s.t("a.pillar.total", pillar=s.t("pillar.short", n=n)),
            "cells": [s.pct(self.pscore(p.id))]
            + [s.pct(self.cmp_value(c, "pillars", p.id)) for c in self.comparators],
        }
        cols = {
            "same_group": "a.pillar.col.group",
            "parent": "a.pillar.col.parent",
            "no1": "a.pillar.col.no1",
        }
        header = [s.t("a.pillar.col.sub"), s.t("a.pillar.col.level"), s.t("a.pillar.col.score")] + [
            s.t(cols[c]) for c in self.comparators
        ]
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
            "table": {"header": header, "rows": rows, "total": total},
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
