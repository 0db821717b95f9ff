"""The national results deck's data (seed 001, survey_method.md §8): one results file per tier.

Response rates by tier, overall and pillar scores by tier with their change since the previous cycle,
the distribution of overall levels, answer distributions per question by tier with the number of
respondents ("fact finding"), the ministries' performance/growth grid (DECISIONS §14, from the
results' ``grid``) and the top agencies of each tier. Counts and shares of answers are computed
here from the cycle's answers; everything else comes from the results files.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from dgmm.aggregates import FACT_TYPES as FACT_TYPES  # the questions the deck summarises
from dgmm.aggregates import counted, fact_inputs, number_summary, option_counts, tier_order
from dgmm.aggregates import respondents_values as answers_to
from dgmm.framework.schema import Input
from dgmm.reports import fmt
from dgmm.reports.charts import PALETTE, quadrant_positions
from dgmm.reports.context.common import Style, ordered, pillar_label, pillar_number, tier_name
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.errors import ReportError
from dgmm.rounding import display

QUADRANT_ORDER = ("rising_star", "developed", "developing", "maintain")  # seed 001's 2x2 layout
# A question longer than a column of the deck's fact-finding pages is cut between options: a column holds
# about 26 lines of 10.5 pt; a label wraps after about 36 characters (both estimates on the safe side).
FACT_COLUMN_LINES, FACT_LABEL_CHARS = 22, 30


def _tier_key(c: ReportCycle) -> tuple[int, str]:
    return tier_order(c.doc)


def _tier_label(s: Style, c: ReportCycle) -> str:
    return " / ".join(tier_name(s, t) for t in c.doc["cohort"].get("tiers") or [])


def _year(s: Style, year_be: int) -> int:
    return year_be if s.lang == "th" else year_be - fmt.BE_OFFSET


def national_context(cycles: Sequence[ReportCycle], style: Style, *, top: int = 10) -> dict[str, Any]:
    """Everything the national deck prints, for the results files of one cycle (one per tier)."""
    if not cycles:
        raise ReportError("the national deck needs at least one results file", code="no_results")
    s = style
    cycles = sorted(cycles, key=_tier_key)
    year = _year(s, max(c.framework.year for c in cycles))
    return {
        "lang": s.lang,
        "title": s.t("n.title", year=year),
        "footer": s.t("n.results.title", year=year),
        "labels": {
            k: s.t(k)
            for k in (
                "page",
                "n.publisher",
                "n.response.title",
                "n.scores.title",
                "n.levels.title",
                "n.end",
                "n.facts.multi",
            )
        },
        "facts_title": s.t("n.facts.title", year=year),
        "response": _response(s, cycles),
        "scores": _scores(s, cycles, year),
        "pillars": [_pillars(s, c) for c in cycles],
        "levels": _levels(s, cycles),
        "facts": _facts(s, cycles),
        "grids": [g for c in cycles if (g := _grid(s, c, year)) is not None],
        "grid_none": s.t("n.grid.none") if not any(c.doc.get("grid") for c in cycles) else None,
        "top": [_top(s, c, top) for c in cycles] if top > 0 else [],  # 0: a deck without agency names
    }


def _response(s: Style, cycles: Sequence[ReportCycle]) -> dict[str, Any]:
    rows, lines = [], []
    total_i = total_s = 0
    for c in cycles:
        inv, sc = int(c.doc["cohort"]["invited"]), int(c.doc["cohort"]["scored"])
        total_i, total_s = total_i + inv, total_s + sc
        rows.append([_tier_label(s, c), fmt.count(inv), fmt.count(sc), fmt.rate(sc, inv)])
        lines.append(
            {
                "tier": _tier_label(s, c),
                "text": s.t(
                    "n.response.line", invited=fmt.count(inv), scored=fmt.count(sc), rate=fmt.rate(sc, inv)
                ),
            }
        )
    if len(cycles) > 1:
        rows.insert(
            0, [s.t("n.response.all"), fmt.count(total_i), fmt.count(total_s), fmt.rate(total_s, total_i)]
        )
        lines.insert(
            0,
            {
                "tier": s.t("n.response.all"),
                "text": s.t(
                    "n.response.line",
                    invited=fmt.count(total_i),
                    scored=fmt.count(total_s),
                    rate=fmt.rate(total_s, total_i),
                ),
            },
        )
    return {
        "header": [s.t("n.col.tier"), s.t("n.col.invited"), s.t("n.col.scored"), s.t("n.col.rate")],
        "rows": rows,
        "lines": lines,
    }


def _scores(s: Style, cycles: Sequence[ReportCycle], year: int) -> dict[str, Any]:
    rows, lines, note = [], [], None
    cats, cur_vals, prev_vals, cur_txt, prev_txt = [], [], [], [], []
    prev_year = None
    for c in cycles:
        score = c.doc["cohort"]["all"]["overall"]
        prev = c.previous
        before = prev["cohort"]["all"]["overall"] if prev else None
        label = _tier_label(s, c)
        delta = score - before if score is not None and before is not None else None
        rows.append([label, s.score(score), s.score(before), s.change(delta)])
        if prev:
            prev_year = _year(s, prev["framework"]["year"])
            if prev["framework"]["id"] != c.framework.id:
                note = s.t("n.scores.note")
            lines.append(
                s.t(
                    "n.scores.line.prev",
                    tier=label,
                    year=year,
                    score=s.score(score),
                    prev_year=prev_year,
                    prev_score=s.score(before),
                    change=s.change(delta),
                )
            )
        else:
            lines.append(s.t("n.scores.line", tier=label, year=year, score=s.score(score)))
        cats.append(label)
        cur_vals.append(score)
        cur_txt.append(s.score(score))
        prev_vals.append(before)
        prev_txt.append(s.score(before))
    series = [{"label": s.t("n.year", year=year), "values": cur_vals, "texts": cur_txt}]
    if prev_year is not None:
        series.append(
            {
                "label": s.t("n.year", year=prev_year),
                "values": prev_vals,
                "texts": prev_txt,
                "color": "#9aa7b8",
            }
        )
    return {
        "header": [s.t("n.col.tier"), s.t("n.col.score"), s.t("n.col.previous"), s.t("n.col.change")],
        "rows": rows,
        "lines": lines,
        "note": note,
        "chart": {
            "kind": "bars",
            "categories": cats,
            "series": series,
            "max": 100,
            "width_cm": 15,
            "digits": list("0123456789"),
        },
    }


def _pillars(s: Style, c: ReportCycle) -> dict[str, Any]:
    fw = c.framework
    now = c.doc["cohort"]["all"]["pillars"]
    prev = c.previous
    same = prev is not None and prev["framework"]["id"] == fw.id
    before = prev["cohort"]["all"]["pillars"] if prev and same else {}
    rows = []
    for p in fw.pillars:
        a, b = now.get(p.id), before.get(p.id)
        rows.append(
            [
                pillar_label(s, fw, p),
                s.score(a),
                s.score(b) if same else fmt.DASH,
                s.change(a - b if a is not None and b is not None else None),
            ]
        )
    order = ordered(now, [p.id for p in fw.pillars], reverse=True)
    sentence = None
    if len(order) >= 2:
        sentence = s.t(
            "n.pillars.best",
            best=pillar_label(s, fw, fw.pillar(order[0])),
            best_score=s.score(now[order[0]]),
            worst=pillar_label(s, fw, fw.pillar(order[-1])),
            worst_score=s.score(now[order[-1]]),
        )
    series = [
        {
            "label": s.t("n.year", year=_year(s, fw.year)),
            "values": [now.get(p.id) for p in fw.pillars],
            "texts": [s.score(now.get(p.id)) for p in fw.pillars],
        }
    ]
    if same and prev is not None:
        series.append(
            {
                "label": s.t("n.year", year=_year(s, prev["framework"]["year"])),
                "values": [before.get(p.id) for p in fw.pillars],
                "texts": [s.score(before.get(p.id)) for p in fw.pillars],
                "color": "#9aa7b8",
            }
        )
    return {
        "title": s.t("n.pillars.title", tier=_tier_label(s, c)),
        "header": [s.t("n.col.pillar"), s.t("n.col.score"), s.t("n.col.previous"), s.t("n.col.change")],
        "rows": rows,
        "sentence": sentence,
        "note": s.t("n.pillars.changed") if prev is not None and not same else None,
        "chart": {
            "kind": "bars",
            "categories": [s.t("pillar.short", n=pillar_number(fw, p)) for p in fw.pillars],
            "series": series,
            "max": 100,
            "width_cm": 13,
            "max_height_cm": 11,
            "digits": list("0123456789"),
        },
    }


def _levels(s: Style, cycles: Sequence[ReportCycle]) -> dict[str, Any]:
    header = [s.t("n.col.level"), *[_tier_label(s, c) for c in cycles]]
    rows = []
    fw = cycles[0].framework
    for level in range(1, 6):
        name = fw.level_scale[level - 1].get(s.lang) if len(fw.level_scale) >= level else ""
        row = [f"{level} {name}".strip()]
        for c in cycles:
            dist = (c.doc["cohort"]["all"].get("levels") or {}).get("overall") or {}
            n = int(dist.get(str(level), 0))
            total = sum(int(v) for v in dist.values())
            row.append(
                s.t("n.facts.count", count=fmt.count(n), pct=fmt.rate(n, total)) if total else fmt.DASH
            )
        rows.append(row)
    return {"header": header, "rows": rows}


def _option_rows(s: Style, inp: Input, values: list[Any], n: int) -> list[dict[str, Any]]:
    yes_no = {True: s.t("n.yes"), False: s.t("n.no")}
    return [
        {
            "label": yes_no[code] if inp.type == "yes_no" else s.text(label),
            "share": k / n * 100 if n else 0.0,
            "text": s.t("n.facts.count", count=fmt.count(k), pct=fmt.rate(k, n)),
        }
        for code, label, k in option_counts(inp, values)
    ]


def _number_text(s: Style, values: list[Any]) -> str:
    return s.t("n.facts.number", **{k: display(v, 2) for k, v in number_summary(values).items()})


def _facts(s: Style, cycles: Sequence[ReportCycle]) -> dict[str, Any]:
    """Answer distributions per question, in framework order, grouped by pillar (question group); questions
    keyed by input code. A question's options are listed once, each with one bar per tier that answered."""
    usable = [(c, c.answers) for c in cycles]
    if all(a is None for _, a in usable):
        return {"groups": [], "note": s.t("n.facts.unavailable")}
    order: dict[str, tuple[Input, str]] = {}
    for c, _ in usable:
        fw = c.framework
        for inp, pid in fact_inputs(fw):
            order.setdefault(inp.code, (inp, pillar_label(s, fw, fw.pillar(pid))))
    items: list[dict[str, Any]] = []
    group = None
    for code, (inp, pillar) in order.items():
        block = _fact_block(s, usable, code)
        if block is None:
            continue
        block.update(title=s.text(inp.label), multi=inp.type == "multiple_choice")
        for k, part in enumerate(_fact_parts(block)):
            if k:
                part["title"] = s.t("n.facts.continued", title=part["title"])
            # a question group's (pillar's) heading is printed with its first question, never alone
            items.append({"group": pillar if pillar != group else None, "question": part})
            group = pillar
    return {"items": items, "note": None}


def _fact_lines(option: dict[str, Any]) -> int:
    """A generous estimate of the lines an option takes: its bars, or its label wrapped in its column."""
    return max(1, len(option["bars"]), math.ceil(len(option["label"]) / FACT_LABEL_CHARS))


def _fact_parts(block: dict[str, Any]) -> list[dict[str, Any]]:
    """A question cut between options into parts that each fit a column (most questions: one part)."""
    parts: list[list[dict[str, Any]]] = [[]]
    lines = 0
    for option in block["options"]:
        n = _fact_lines(option)
        if parts[-1] and lines + n > FACT_COLUMN_LINES:
            parts.append([])
            lines = 0
        parts[-1].append(option)
        lines += n
    out = []
    for k, options in enumerate(parts):
        part = {**block, "options": options}
        if k < len(parts) - 1:
            part.update(numbers=[], not_asked=None)
        out.append(part)
    return out


def _fact_block(s: Style, usable: list[tuple[ReportCycle, Any]], code: str) -> dict[str, Any] | None:
    """One question: its respondents per tier (with the tier's bar colour), its options each with one bar per
    tier, or the summary of a numeric answer per tier."""
    respondents: list[dict[str, str]] = []
    numbers: list[dict[str, str]] = []
    not_asked: list[str] = []
    options: dict[str, list[dict[str, Any] | None]] = {}
    for c, answers in usable:
        if answers is None:
            continue
        own = c.framework.inputs.get(code)
        values = answers_to(answers, [a["id"] for a in counted(c.doc)], code) if own else []
        if own is None or not values:
            not_asked.append(_tier_label(s, c))
            continue
        column = len(respondents)
        respondents.append(
            {
                "text": s.t("n.facts.respondents", tier=_tier_label(s, c), n=fmt.count(len(values))),
                "color": PALETTE[column % len(PALETTE)],
            }
        )
        if own.type in ("integer", "number", "percent"):
            numbers.append({"tier": _tier_label(s, c), "text": _number_text(s, values)})
            continue
        for row in _option_rows(s, own, values, len(values)):
            bars = options.setdefault(row["label"], [])
            bars.extend([None] * (column - len(bars)))
            bars.append({"share": row["share"], "text": row["text"], "color": respondents[-1]["color"]})
    if not respondents:
        return None
    rows = [{"label": k, "bars": [b for b in v if b is not None]} for k, v in options.items()]
    return {
        "respondents": respondents,
        "options": rows,
        "numbers": numbers,
        "not_asked": s.t("n.facts.not_asked", tiers=", ".join(not_asked)) if not_asked else None,
    }


def _grid(s: Style, c: ReportCycle, year: int) -> dict[str, Any] | None:
    g = c.doc.get("grid")
    if not g or not g.get("ministries"):
        return None
    means = g.get("ministries_means") or {}
    ministries = g["ministries"]
    by_q: dict[str, list[str]] = {q: [] for q in QUADRANT_ORDER}
    labels = []
    for i, m in enumerate(ministries, start=1):
        name = c.names.ministry(m["ministry"], s.lang)
        labels.append(str(i))
        by_q.setdefault(m["quadrant"], []).append(f"{i}. {name}")
    qnames = {q: s.t(f"quadrant.{q}") for q in QUADRANT_ORDER}
    counts = g.get("agencies", {}).get("counts") or {}
    placed = sum(int(v) for v in counts.values())
    scored = int(c.doc["cohort"]["scored"])
    return {
        "title": s.t("n.grid.title"),
        "scope": s.t(
            "n.grid.scope",
            tier=_tier_label(s, c),
            year=year,
            n=fmt.count(placed),
            pct=display(placed / scored * 100, 2) if scored else fmt.DASH,
            scored=fmt.count(scored),
            prev_year=_year(s, c.previous["framework"]["year"]) if c.previous else year - 1,
            ministries=fmt.count(len(ministries)),
        ),
        "means": s.t(
            "n.grid.means", score=s.score(means.get("mean_score")), change=s.change(means.get("mean_change"))
        ),
        "quadrants": [
            {"title": s.t("n.grid.quadrant", quadrant=qnames[q], n=len(by_q[q])), "items": by_q[q]}
            for q in QUADRANT_ORDER
        ],
        "chart": {
            "kind": "grid",
            "x": [m["score"] for m in ministries],
            "y": [m["change"] for m in ministries],
            "labels": labels,
            "mean_x": means.get("mean_score"),
            "mean_y": means.get("mean_change"),
            "x_label": s.t("n.grid.x", year=year),
            "y_label": s.t("n.grid.y"),
            "digits": list("0123456789"),
            "quadrants": [{"x": x, "y": y, "name": n} for (x, y), n in quadrant_positions(qnames).items()],
        },
    }


def _top(s: Style, c: ReportCycle, top: int) -> dict[str, Any]:
    ranked = sorted(
        (a for a in c.scored if a.get("rank") is not None and a["rank"] <= top),
        key=lambda a: (a["rank"], a["id"]),
    )
    fw = c.framework
    rows = []
    for a in ranked:
        lv = a["overall"]["level"]
        name = fw.level_scale[lv - 1].get(s.lang) if lv else ""
        rows.append(
            [
                str(a["rank"]),
                c.agency_name(a["id"], s.lang),
                s.score(a["overall"]["score"]),
                f"{lv} {name}".strip() if lv else fmt.DASH,
            ]
        )
    return {
        "title": s.t("n.top.title", tier=_tier_label(s, c)),
        "header": [s.t("n.col.rank"), s.t("n.col.agency"), s.t("n.col.score"), s.t("n.col.level")],
        "rows": rows,
    }
