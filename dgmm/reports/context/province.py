"""The province letter's data (seed 003, survey_method.md §11): letter, result sheet, national overview.

A province's score is the mean over its scored agencies (overall, per pillar and per sub-pillar),
accumulated with the core's `Accumulator`; its highest and lowest pillar and its five sub-indicators
to improve first follow DECISIONS §12-13 (`dgmm.cycle.highlights`). The national overview uses the
cohort averages of the results file. Each sentence is made from the same values as the table next
to it (seed 003 prints 33.0 in its text and 31.0 in its table; this cannot happen here).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from dgmm.cohort.ranking import competition_ranks
from dgmm.cohort.stats import Accumulator
from dgmm.cycle import highlights
from dgmm.reports import fmt
from dgmm.reports.context.common import Style, join, ordered, pillar_label
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.errors import ReportError

MAX_LINES, MAX_CHARS = 10, 300  # bounds of a letter file's fields


@dataclass(frozen=True)
class Letter:
    """The letter's particulars: reference number, date, sender, signatory and contact lines."""

    number: str = ""
    date: dt.date = field(default_factory=dt.date.today)
    sender: str = ""
    address: tuple[str, ...] = ()
    signatory: str = ""
    position: tuple[str, ...] = ()
    contact: tuple[str, ...] = ()
    recipient: str = ""

    @classmethod
    def from_mapping(cls, data: dict[str, Any], base: Letter | None = None) -> Letter:
        """A Letter from a mapping (a letter.yaml file); unknown keys are refused. Fields the mapping
        does not give keep their value in `base` (the organisation's defaults)."""
        known = {"number", "date", "sender", "address", "signatory", "position", "contact", "recipient"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ReportError(
                f"unknown letter field(s) {', '.join(unknown)}; expected {', '.join(sorted(known))}",
                code="bad_letter",
            )
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key == "date":
                values[key] = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
            elif key in ("address", "position", "contact"):
                values[key] = tuple(str(v) for v in (value if isinstance(value, list) else [value]))
            else:
                values[key] = str(value)
            texts = values[key] if isinstance(values[key], tuple) else (values[key],)
            if key != "date" and (len(texts) > MAX_LINES or any(len(t) > MAX_CHARS for t in texts)):
                raise ReportError(
                    f"letter field {key}: expected at most {MAX_LINES} lines "
                    f"of at most {MAX_CHARS} characters",
                    code="bad_letter",
                )
        return replace(base, **values) if base is not None else cls(**values)


LETTER_FILE_ENV = "DGMM_REPORT_LETTER_FILE"


def load_letter(path: Path, base: Letter | None = None) -> Letter:
    """The letter particulars of a YAML file (docs/reports.md), over `base`."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ReportError(f"{path}: cannot read the letter file ({exc})", code="bad_letter") from None
    if not isinstance(data, dict):
        raise ReportError(f"{path}: the letter file must be a mapping of fields", code="bad_letter")
    return Letter.from_mapping(data, base)


def default_letter() -> Letter:
    """The organisation's letter particulars (number, signatory, position, contact...) from the file
    named by DGMM_REPORT_LETTER_FILE, read for every letter; an empty Letter when it is not set."""
    name = os.environ.get(LETTER_FILE_ENV, "").strip()
    return load_letter(Path(name)) if name else Letter()


def aspect(s: Style, name: str) -> str:
    """A pillar named as an aspect in a Thai sentence ('ด้านบริการภาครัฐ'); other languages unchanged."""
    if s.lang != "th" or name.startswith("ด้าน"):
        return name
    return "ด้าน" + name


def province_scores(cycle: ReportCycle) -> dict[str, dict[str, Any]]:
    """Each province's mean scores over its scored agencies:
    {province: {count, overall, pillars, sub_pillars}}."""
    acc: dict[str, Accumulator] = {}
    for a in cycle.scored:
        if not a.get("province"):
            continue
        acc.setdefault(a["province"], Accumulator()).add(
            a["overall"]["score"],
            {k: v["score"] for k, v in a["pillars"].items()},
            {k: v["score"] for k, v in a["sub_pillars"].items()},
        )
    return {p: a.summary() for p, a in acc.items()}


def province_context(cycle: ReportCycle, province: str, style: Style, letter: Letter) -> dict[str, Any]:
    """Everything the province letter prints for one province of a scored provincial cycle."""
    fw, s = cycle.framework, style
    scores = province_scores(cycle)
    if province not in scores:
        raise ReportError(
            f"no scored agency of province {province!r} in {cycle.path.name}", code="unknown_province"
        )
    mine = scores[province]
    name = cycle.names.province(province, s.lang)
    provinces = {a["province"] for a in cycle.doc["agencies"] if a.get("province")}
    invited = sum(1 for a in cycle.doc["agencies"] if a.get("province") == province)
    cohort = cycle.doc["cohort"]
    ranks = competition_ranks({p: v["overall"] for p, v in scores.items() if v["overall"] is not None})
    year = fw.year if s.lang == "th" else fw.year - fmt.BE_OFFSET
    pillar_ids = [p.id for p in fw.pillars]
    best = ordered(mine["pillars"], pillar_ids, reverse=True)
    hl = highlights(fw, mine["pillars"], mine["sub_pillars"])
    sub_names = {sp.id: s.text(sp.name) for _, sp in fw.iter_sub_pillars()}
    label = {p.id: aspect(s, s.text(p.name)) for p in fw.pillars}
    max_text = (
        s.t("p.named_score", name=label[best[0]], score=s.score(mine["pillars"][best[0]]))
        if best
        else fmt.DASH
    )
    min_text = (
        s.t("p.named_score", name=label[best[-1]], score=s.score(mine["pillars"][best[-1]]))
        if best
        else fmt.DASH
    )
    rank = (
        s.t("p.body.rank", rank=ranks[province], of=len(ranks))
        if province in ranks and len(ranks) > 1
        else ""
    )
    body = [
        s.t(
            "p.body.1",
            sender=letter.sender or s.t("n.publisher"),
            year=year,
            provinces=len(provinces),
            invited=fmt.count(cohort["invited"]),
            scored=fmt.count(cohort["scored"]),
            rate=fmt.rate(cohort["scored"], cohort["invited"]).rstrip("%"),
            province=name,
            score=s.score(mine["overall"]),
            rank=rank,
        ),
        s.t("p.body.2", max=max_text, min=min_text),
        s.t("p.body.3"),
    ]
    rows = []
    for p in fw.pillars:
        rows.append(
            {
                "label": s.text(p.name),
                "pillar": True,
                "cells": [s.score(mine["pillars"].get(p.id)), s.score(cohort["all"]["pillars"].get(p.id))],
            }
        )
        for sp in p.sub_pillars:
            rows.append(
                {
                    "label": s.text(sp.name),
                    "pillar": False,
                    "cells": [
                        s.score(mine["sub_pillars"].get(sp.id)),
                        s.score(cohort["all"]["sub_pillars"].get(sp.id)),
                    ],
                }
            )
    improve = [
        s.t("p.named_score", name=sub_names[sid], score=s.score(mine["sub_pillars"][sid]))
        for sid in hl["improve_first"]
    ]
    return {
        "lang": s.lang,
        "title": s.t("p.subject", year=year),
        "footer": "",
        "labels": {
            k: s.t(k)
            for k in (
                "p.subject.label",
                "p.to.label",
                "p.enclosure.label",
                "p.closing",
                "p.col.indicator",
                "p.col.score",
                "p.col.national",
                "p.max",
                "p.min",
                "page",
                "p.overview.subs",
            )
        },
        "letter": {
            "ref": s.t("p.ref", number=letter.number) if letter.number else s.t("p.ref.blank"),
            "sender": letter.sender or s.t("n.publisher"),
            "address": list(letter.address),
            "date": fmt.date_text(letter.date, s.lang),
            "subject": s.t("p.subject", year=year),
            "to": letter.recipient or s.t("p.to", province=name),
            "enclosures": [s.t("p.enclosure.1", province=name), s.t("p.enclosure.2")],
            "body": body,
            # blanks to be filled by hand rather than nothing, so that a printed letter can be completed
            "signatory": s.t("p.signatory", name=letter.signatory or s.t("p.blank.name")),
            "position": list(letter.position) or [s.t("p.blank.position")],
            "contact": list(letter.contact) or [s.t(f"p.blank.contact.{i}") for i in (1, 2, 3)],
        },
        "sheet": {
            "title": s.t("p.sheet.title", year=year),
            "province": s.t("p.sheet.province", province=name),
            "agencies": s.t("p.sheet.agencies", scored=fmt.count(mine["count"]), invited=fmt.count(invited)),
            "overall": {
                "label": s.t("p.overall"),
                "cells": [s.score(mine["overall"]), s.score(cohort["all"]["overall"])],
            },
            "rows": rows,
            "max": max_text,
            "min": min_text,
            "improve_title": s.t("p.improve", n=len(improve)),
            "improve": improve,
        },
        "overview": _overview(cycle, s, provinces=len(provinces), year=year),
    }


def _overview(cycle: ReportCycle, s: Style, *, provinces: int, year: int) -> dict[str, Any]:
    fw = cycle.framework
    cohort = cycle.doc["cohort"]
    nat = cohort["all"]
    pillar_ids = [p.id for p in fw.pillars]
    label = {p.id: aspect(s, s.text(p.name)) for p in fw.pillars}
    order = ordered(nat["pillars"], pillar_ids, reverse=True)
    paragraphs = [
        s.t(
            "p.overview.scope",
            provinces=provinces,
            invited=fmt.count(cohort["invited"]),
            scored=fmt.count(cohort["scored"]),
            rate=fmt.rate(cohort["scored"], cohort["invited"]).rstrip("%"),
            score=s.score(nat["overall"]),
        )
    ]
    if len(order) >= 2:
        middle = [
            s.t("p.overview.ranking.item", name=label[k], score=s.score(nat["pillars"][k]))
            for k in order[1:-1]
        ]
        paragraphs.append(
            s.t(
                "p.overview.ranking",
                first=label[order[0]],
                first_score=s.score(nat["pillars"][order[0]]),
                middle=s.t("p.overview.ranking.middle", items=join(s, middle)) if middle else "",
                last=label[order[-1]],
                last_score=s.score(nat["pillars"][order[-1]]),
            )
        )
    per_pillar = []
    for p in fw.pillars:
        subs = {sp.id: nat["sub_pillars"].get(sp.id) for sp in p.sub_pillars}
        sub_order = ordered(subs, [sp.id for sp in p.sub_pillars], reverse=True)
        names = {sp.id: s.text(sp.name) for sp in p.sub_pillars}
        score = nat["pillars"].get(p.id)
        if score is None:
            text = s.t("p.overview.pillar.none", pillar=label[p.id])
        elif len(sub_order) >= 2:
            text = s.t(
                "p.overview.pillar",
                pillar=label[p.id],
                score=s.score(score),
                top=names[sub_order[0]],
                top_score=s.score(subs[sub_order[0]]),
                low=names[sub_order[-1]],
                low_score=s.score(subs[sub_order[-1]]),
            )
        else:
            text = s.t("p.overview.pillar.one", pillar=label[p.id], score=s.score(score))
        per_pillar.append(
            {
                "text": text,
                "rows": [[names[sp.id], s.score(subs[sp.id])] for sp in p.sub_pillars],
                "label": pillar_label(s, fw, p),
            }
        )
    return {
        "title": s.t("p.overview.title"),
        "paragraphs": paragraphs,
        "header": [s.t("p.col.indicator"), s.t("p.overview.row")],
        "rows": [
            [s.t("p.overall"), s.score(nat["overall"])],
            *[[label[k], s.score(nat["pillars"].get(k))] for k in pillar_ids],
        ],
        "pillars": per_pillar,
        "year": str(year),
    }
