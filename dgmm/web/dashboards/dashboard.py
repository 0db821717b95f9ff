"""The public dashboard of a published cycle: chart specs and tables reshaped from the cycle's public
aggregates document (dgmm.aggregates, docs/public-data.md).

Nothing here computes a statistic: every figure is the aggregates document's own, rounded for display
by the core (`dgmm.display`); this module only picks, orders, names (in the page's language) and lays
the figures out as chart specs (docs/charts.md) and table rows. A group the core suppressed (fewer
agencies than the framework's ``small_group_min``) is said to be so, never shown as zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from dgmm import display
from dgmm.web.dashboards.charts.provinces import score_classes

Doc = Mapping[str, Any]
QUADRANTS = ("rising_star", "developed", "developing", "maintain")


def quadrant_names() -> dict[str, str]:
    """The quadrants of the performance/growth grid, named as seed 001 names them."""
    return {
        "developed": _("Developed"),
        "maintain": _("Maintain"),
        "rising_star": _("Rising Star"),
        "developing": _("Developing"),
    }


def aggregation_rule(key: str) -> str:
    return {
        "floor_mean": _("the mean of the levels below it, rounded down"),
        "round_mean": _("the mean of the levels below it, rounded to the nearest level"),
        "min": _("the lowest of the levels below it"),
    }.get(key, key)


def rounded(value: float | None) -> float | None:
    """The value as the core prints it (half up, two decimals), for the charts to draw and print."""
    return None if value is None else float(display(value))


def shown(value: float | None) -> str:
    return "–" if value is None else display(value)


def signed(value: float | None) -> str:
    if value is None:
        return "–"
    text = display(value)
    return text if text.startswith("-") or float(text) == 0 else "+" + text


def name(item: Mapping[str, Any], lang: str) -> str:
    """`name_th`/`name_en` or a {th, en} text, in the page's language with a fallback to the other."""
    if "th" in item or "en" in item:
        return str(item.get(lang) or item.get("th") or item.get("en") or "")
    return str(item.get(f"name_{lang}") or item.get("name_th") or item.get("name_en") or item.get("code", ""))


def suppressed_note(small: int) -> str:
    return _("fewer than %(n)s agencies: not shown") % {"n": small}


def dashboard(
    doc: Doc, lang: str, tier_labels: Mapping[str, str], compare: Doc | None = None
) -> dict[str, Any]:
    """Everything the dashboard page shows, from the aggregates document `doc`.

    `tier_labels`: the tiers' names in the page's language. `compare`: {tier: {"grid", "previous",
    "cycle"}} made against a cycle the visitor picked, replacing the grid against the previous cycle."""
    tiers = [
        _tier(
            t, lang, tier_labels, doc["agency_results"], (compare or {}).get(t["tier"]), compare is not None
        )
        for t in doc["tiers"]
    ]
    frameworks: list[dict[str, Any]] = []
    for t in tiers:
        about = t["about"]
        same = next(
            (f for f in frameworks if (f["id"], f["revision"]) == (about["id"], about["revision"])), None
        )
        if same is None:
            frameworks.append({**about, "tiers": [t["label"]]})
        else:
            same["tiers"].append(t["label"])
    return {
        "frameworks": frameworks,
        "response": {
            "invited": doc["response"]["invited"],
            "scored": doc["response"]["scored"],
            "rate": shown(doc["response"]["rate"]),
        },
        "agency_results": doc["agency_results"],
        "overview": _overview(doc, tiers) if tiers else [],
        "tiers": tiers,
    }


def _overview(doc: Doc, tiers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rate = {
        "kind": "bars",
        "id": "response-by-tier",
        "title": _("Response rate by tier"),
        "desc": _("Agencies scored as a share of the agencies invited, per tier, in percent."),
        "label_header": _("Tier"),
        "value_header": _("Response rate (%)"),
        "rows": [{"label": t["label"], "value": rounded(t["raw"]["response"]["rate"])} for t in tiers],
    }
    has_previous = any(t["raw"]["previous"] for t in tiers)
    scores = {
        "kind": "bars",
        "id": "scores-by-tier",
        "title": _("Average overall score by tier"),
        "desc": _("Average overall score (0–100) of the scored agencies of each tier")
        + (_(", with the previous cycle's average as a marker and the change.") if has_previous else "."),
        "label_header": _("Tier"),
        "value_header": _("Average score"),
        "previous_label": _("Previous cycle"),
        "change_header": _("Change"),
        "rows": [
            {
                "label": t["label"],
                "value": rounded((t["raw"]["scores"]["overall"] or {}).get("mean")),
                "previous": rounded(t["raw"]["scores"]["previous_overall"]),
                **({"change": rounded(t["raw"]["scores"]["change"])} if has_previous else {}),
            }
            for t in tiers
        ],
    }
    levels = {
        "kind": "stacked",
        "id": "levels-by-tier",
        "title": _("Agencies by overall level, per tier"),
        "desc": _("Share of the scored agencies of each tier at each maturity level."),
        "label_header": _("Tier"),
        "total_header": _("Agencies"),
        "categories": [{"label": _("Level %(level)s") % {"level": k}} for k in range(1, 6)],
        "rows": [
            {
                "label": t["label"],
                "counts": [int(t["raw"]["levels"]["overall"].get(str(k), 0)) for k in range(1, 6)],
            }
            for t in tiers
        ],
    }
    return [rate, scores, levels]


def _tier(
    t: Doc,
    lang: str,
    tier_labels: Mapping[str, str],
    agency_results: bool,
    compared: Doc | None,
    comparing: bool,
) -> dict[str, Any]:
    fw = t["framework"]
    tier = t["tier"]
    slug = f"tier-{tier}"
    small = int(fw["small_group_min"])
    pillars = {p["id"]: name(p["name"], lang) for p in fw["pillars"]}
    levels = {lv["level"]: name(lv, lang) for lv in fw["levels"]}
    label = tier_labels.get(tier, tier)
    out: dict[str, Any] = {
        "tier": tier,
        "id": slug,
        "label": label,
        "raw": t,
        "small": small,
        "suppressed_note": suppressed_note(small),
        "about": _about(fw, lang),
        "previous": t["previous"],
        "response": _response(t["response"]),
        "overall": _overall(t["scores"]),
        "levels": _levels(t, slug, label, pillars, levels),
        "profile": _profile(t, slug, label, pillars),
        "groups": [
            {
                "name": next(
                    (name(g["name"], lang) for g in fw["groups"] if g["id"] == row["group"]), row["group"]
                ),
                "count": row["count"],
                "mean": suppressed_note(small) if row.get("suppressed") else shown(row["mean"]),
            }
            for row in t["groups"]
        ],
        "ministries": _breakdown(
            t["by_ministry"],
            f"{slug}-ministries",
            _("Average score by ministry"),
            label,
            small,
            lang,
            _("Ministry"),
        ),
        "provinces": _breakdown(
            t["by_province"],
            f"{slug}-provinces",
            _("Average score by province"),
            label,
            small,
            lang,
            _("Province"),
        )
        if t["by_province"]
        else None,
        "map": _map(t, slug, label, small, lang) if t["by_province"] else None,
        "grid": None,
        "facts": _facts(t, slug, pillars, lang),
        "top": _top(t, lang, levels),
    }
    source = compared if comparing else {"grid": t["grid"], "previous": t["previous"]}
    out["grid_previous"] = (source or {}).get("previous")
    out["grid_missing"] = comparing and compared is None
    if source and source.get("grid"):
        out["grid"] = _grid(source["grid"], slug, label, small, agency_results, lang)
    return out


def _about(fw: Doc, lang: str) -> dict[str, Any]:
    weighted = any(p["weight"] is not None for p in fw["pillars"])
    return {
        "name": name(fw["name"], lang),
        "id": fw["id"],
        "revision": fw["revision"],
        "year": fw["year"],
        "levels": [{"level": lv["level"], "name": name(lv, lang)} for lv in fw["levels"]],
        "pillars": [
            {
                "id": p["id"],
                "name": name(p["name"], lang),
                "definition": name(p["definition"], lang),
                "weight": (f"{p['weight']:g}" if p["weight"] is not None else "0") if weighted else None,
            }
            for p in fw["pillars"]
        ],
        "weighted": weighted,
        "groups": [
            {"name": name(g["name"], lang), "min_percentile": f"{g['min_percentile']:g}"}
            for g in fw["groups"]
        ],
        "rules": [
            (_("Sub-pillar level"), aggregation_rule(fw["aggregation"]["sub_pillar_level"])),
            (_("Pillar level"), aggregation_rule(fw["aggregation"]["pillar_level"])),
            (_("Overall level"), aggregation_rule(fw["aggregation"]["overall_level"])),
        ],
        "small_group_min": fw["small_group_min"],
    }


STATUSES = ("scored", "no_answers", "not_submitted", "returned", "not_approved")


def status_label(status: str) -> str:
    return {
        "scored": _("Scored"),
        "no_answers": _("No answers"),
        "not_submitted": _("Not submitted"),
        "returned": _("Returned for correction"),
        "not_approved": _("Not approved"),
    }.get(status, status)


def _response(r: Doc) -> dict[str, Any]:
    by_status = r["by_status"]
    order = [s for s in STATUSES if s in by_status] + sorted(s for s in by_status if s not in STATUSES)
    return {
        "invited": r["invited"],
        "counted": r["counted"],
        "scored": r["scored"],
        "rate": shown(r["rate"]),
        "statuses": [(status_label(s), by_status[s]) for s in order],
    }


def _overall(s: Doc) -> dict[str, Any] | None:
    o = s["overall"]
    if not o:
        return None
    return {
        "count": o["count"],
        "mean": shown(o["mean"]),
        "median": shown(o["median"]),
        "min": shown(o["min"]),
        "max": shown(o["max"]),
        "previous": shown(s["previous_overall"]) if s["previous_overall"] is not None else None,
        "change": signed(s["change"]) if s["change"] is not None else None,
    }


def _levels(
    t: Doc, slug: str, label: str, pillars: Mapping[str, str], levels: Mapping[int, str]
) -> dict[str, Any]:
    dist = t["levels"]
    rows = [{"label": _("Overall"), "counts": [int(dist["overall"].get(str(k), 0)) for k in range(1, 6)]}]
    rows += [
        {
            "label": f"{pid} {pname}",
            "counts": [int(dist["pillars"].get(pid, {}).get(str(k), 0)) for k in range(1, 6)],
        }
        for pid, pname in pillars.items()
    ]
    return {
        "kind": "stacked",
        "id": f"{slug}-levels",
        "title": _("Agencies by level: %(tier)s") % {"tier": label},
        "desc": _("Share of the scored agencies at each maturity level, overall and for each pillar."),
        "label_header": _("Scope"),
        "total_header": _("Agencies"),
        "categories": [{"label": f"{k} {levels.get(k, '')}".strip()} for k in range(1, 6)],
        "rows": rows,
    }


def _profile(t: Doc, slug: str, label: str, pillars: Mapping[str, str]) -> dict[str, Any]:
    series = [{"label": _("This cycle"), "values": [rounded(p["mean"]) for p in t["profile"]]}]
    if any(p["previous"] is not None for p in t["profile"]):
        series.append(
            {"label": _("Previous cycle"), "values": [rounded(p["previous"]) for p in t["profile"]]}
        )
    return {
        "kind": "profile",
        "id": f"{slug}-profile",
        "title": _("Average score by pillar: %(tier)s") % {"tier": label},
        "desc": _("Average score (0–100) of each pillar")
        + (_(", this cycle and the previous one.") if len(series) > 1 else "."),
        "label_header": _("Pillar"),
        "categories": [f"{p['pillar']} {pillars.get(p['pillar'], '')}".strip() for p in t["profile"]],
        "series": series,
        "changes": [
            (f"{p['pillar']} {pillars.get(p['pillar'], '')}".strip(), signed(p["change"]))
            for p in t["profile"]
            if p["change"] is not None
        ],
    }


def _breakdown(
    rows: list[Doc], cid: str, title: str, label: str, small: int, lang: str, header: str
) -> dict[str, Any]:
    note = suppressed_note(small)
    has_previous = any(r["previous_overall"] is not None for r in rows)
    spec = {
        "kind": "bars",
        "id": cid,
        "title": f"{title}: {label}",
        "desc": _("Average overall score (0–100) of the scored agencies")
        + (_(", with the previous cycle's average as a marker and the change.") if has_previous else ".")
        + " "
        + _("Groups of fewer than %(n)s scored agencies are not shown.") % {"n": small},
        "label_header": header,
        "value_header": _("Average score"),
        "previous_label": _("Previous cycle"),
        "change_header": _("Change"),
        "rows": [
            {
                "label": name(r, lang),
                "value": None if r["suppressed"] else rounded((r["overall"] or {}).get("mean")),
                "previous": rounded(r["previous_overall"]),
                **({"change": rounded(r["change"])} if has_previous else {}),
                **({"note": note} if r["suppressed"] else {}),
            }
            for r in rows
        ],
    }
    counts = [
        {
            "code": r["code"],
            "name": name(r, lang),
            "invited": r["invited"],
            "scored": r["scored"],
            "suppressed": r["suppressed"],
            "mean": shown((r["overall"] or {}).get("mean")),
        }
        for r in rows
    ]
    return {"spec": spec, "counts": counts, "suppressed": sum(1 for r in rows if r["suppressed"])}


def _map(t: Doc, slug: str, label: str, small: int, lang: str) -> dict[str, Any]:
    note = suppressed_note(small)
    values: dict[str, dict[str, Any]] = {}
    for r in t["by_province"]:
        mean = None if r["suppressed"] else (r["overall"] or {}).get("mean")
        values[r["code"]] = {
            "value": rounded(mean),
            "text": note if r["suppressed"] else shown(mean),
            "href": reverse("dashboards:province-trend", kwargs={"code": r["code"]}),  # its years
        }
    return {
        "kind": "map",
        "id": f"{slug}-map",
        "title": _("Map of the average score by province: %(tier)s") % {"tier": label},
        "desc": _(
            "Thailand's provinces as a grid of squares, coloured by the average overall score of the "
            "province's scored agencies; hatched: no data or fewer than %(n)s agencies."
        )
        % {"n": small},
        "value_header": _("Average score"),
        "classes": score_classes(),
        "values": values,
    }


def _grid(g: Doc, slug: str, label: str, small: int, agency_results: bool, lang: str) -> dict[str, Any]:
    q = quadrant_names()
    quadrants = {
        "top_left": q["rising_star"],
        "top_right": q["developed"],
        "bottom_left": q["developing"],
        "bottom_right": q["maintain"],
    }
    m = g["ministries"]
    units = m.get("units") or []
    shown_units = [u for u in units if not u["suppressed"] and u["score"] is not None]
    spec = {
        "kind": "grid",
        "id": f"{slug}-grid",
        "title": _("Performance and growth of ministries: %(tier)s") % {"tier": label},
        "desc": _(
            "Each ministry by its average score (across) and the average change of its agencies since the "
            "earlier cycle (up); dashed lines at the means."
        ),
        "label_header": _("Ministry"),
        "x_label": _("Average score"),
        "y_label": _("Change"),
        "quadrant_header": _("Quadrant"),
        "mean_x": rounded(m.get("mean_score")),
        "mean_y": rounded(m.get("mean_change")),
        "quadrants": quadrants,
        "points": [
            {
                "label": name(u, lang),
                "x": rounded(u["score"]),
                "y": rounded(u["change"]),
                "quadrant": q.get(u["quadrant"] or "", u["quadrant"]),
            }
            for u in shown_units
        ],
    }
    a = g["agencies"]
    quadrant_rows = [
        (q[k], int((m.get("counts") or {}).get(k, 0)), int((a.get("counts") or {}).get(k, 0)))
        for k in QUADRANTS
    ]
    out: dict[str, Any] = {
        "spec": spec if shown_units else None,
        "hidden": [{"name": name(u, lang), "agencies": u["agencies"]} for u in units if u["suppressed"]],
        "means": {"score": shown(m.get("mean_score")), "change": signed(m.get("mean_change"))},
        "agencies_placed": a.get("placed", 0),
        "agency_means": {"score": shown(a.get("mean_score")), "change": signed(a.get("mean_change"))},
        "quadrants": quadrant_rows,
        "agency_spec": None,
    }
    if agency_results and a.get("points"):
        out["agency_spec"] = {
            "kind": "grid",
            "id": f"{slug}-agency-grid",
            "title": _("Performance and growth of agencies: %(tier)s") % {"tier": label},
            "desc": _(
                "Each agency by its overall score (across) and its change since the earlier cycle (up)."
            ),
            "label_header": _("Agency"),
            "x_label": _("Score"),
            "y_label": _("Change"),
            "quadrant_header": _("Quadrant"),
            "mean_x": rounded(a.get("mean_score")),
            "mean_y": rounded(a.get("mean_change")),
            "quadrants": quadrants,
            "points": [
                {
                    "label": p["id"],
                    "x": rounded(p["score"]),
                    "y": rounded(p["change"]),
                    "quadrant": q.get(p["quadrant"] or "", p["quadrant"]),
                }
                for p in a["points"]
            ],
        }
    return out


def _facts(t: Doc, slug: str, pillars: Mapping[str, str], lang: str) -> list[dict[str, Any]] | None:
    if t["facts"] is None:
        return None
    groups: dict[str, list[dict[str, Any]]] = {}
    for i, f in enumerate(t["facts"]):
        question = name(f["label"], lang)
        item: dict[str, Any] = {"code": f["code"], "question": question, "respondents": f["respondents"]}
        if f["options"] is not None:
            item["spec"] = {
                "kind": "histogram",
                "id": f"{slug}-fact-{i}",
                "title": f"{f['code']} {question}",
                "desc": _("Agencies per answer, of %(n)s agencies that answered.") % {"n": f["respondents"]}
                + (
                    " " + _("An agency may choose several answers.") if f["type"] == "multiple_choice" else ""
                ),
                "label_header": _("Answer"),
                "value_header": _("Agencies (share)"),
                "bins": [
                    {
                        "label": name(o["label"], lang),
                        "count": o["count"],
                        "text": f"{o['count']} ({display(o['share'], 1)}%)",
                    }
                    for o in f["options"]
                ],
            }
        else:
            nums = f["numbers"]
            item["numbers"] = (
                None
                if nums is None
                else [
                    (_("Mean"), shown(nums["mean"])),
                    (_("Median"), shown(nums["median"])),
                    (_("Lowest"), shown(nums["min"])),
                    (_("Highest"), shown(nums["max"])),
                ]
            )
        groups.setdefault(f["pillar"], []).append(item)
    return [
        {"id": pid, "name": pillars.get(pid, pid), "items": groups[pid]} for pid in pillars if pid in groups
    ] + [{"id": pid, "name": pid, "items": items} for pid, items in groups.items() if pid not in pillars]


def _top(t: Doc, lang: str, levels: Mapping[int, str]) -> list[dict[str, Any]] | None:
    if t["top"] is None:
        return None
    return [
        {
            "rank": r["rank"],
            "name": name(r, lang),
            "score": shown(r["score"]),
            "level": r["level"],
            "level_name": levels.get(r["level"], "") if r["level"] is not None else "",
        }
        for r in t["top"]
    ]
