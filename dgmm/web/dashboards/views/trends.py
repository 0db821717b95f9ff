"""Public trend pages: a ministry, a province or an agency over every published cycle, and the index
pages listing them (docs/web.md, "Trends across years").

Anyone may read them, signed in or not, and everyone sees the same: public data only (the published
cycles' aggregates; an agency's own results only from the cycles that publish agency results). The
figures come from the core (`dgmm.trends` over the stored aggregates and frozen results): nothing is
computed here but the page's wording.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dgmm.trends import agency_series, unit_series
from dgmm.web.cycles.models import result_status_label
from dgmm.web.dashboards import trends as data
from dgmm.web.dashboards.charts import signed
from dgmm.web.registry.models import Agency, Ministry, Province, Tier

PER_PAGE = 50
MAX_QUERY = 100
LEVELS = ("1", "2", "3", "4", "5")


def _en() -> bool:
    return (get_language() or "th").startswith("en")


def _name(th: str | None, en: str | None) -> str:
    return (en or th or "") if _en() else (th or en or "")


def _text(t: Any) -> str:
    return _name(t.get("th"), t.get("en")) if isinstance(t, dict) else ""


def _cycle_label(c: dict[str, Any]) -> str:
    return f"{_name(c.get('name_th'), c.get('name_en'))} ({c.get('year')})"


# -- index pages ---------------------------------------------------------------------------------------------
INDEXES = {
    "ministry": (data.listed_ministries, "dashboards:ministry-trend"),
    "province": (data.listed_provinces, "dashboards:province-trend"),
    "agency": (data.listed_agencies, "dashboards:agency-trend"),
}


def _index(request: HttpRequest, kind: str) -> HttpResponse:
    listed, target = INDEXES[kind]
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    qs: QuerySet[Any] = listed()
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name_th__icontains=q) | Q(name_en__icontains=q))
    if kind == "agency":
        qs = qs.select_related("ministry", "province")
    page = Paginator(qs.order_by("code"), PER_PAGE).get_page(request.GET.get("page"))
    titles = {
        "ministry": _("Ministries over the years"),
        "province": _("Provinces over the years"),
        "agency": _("Agencies over the years"),
    }
    return render(
        request,
        "dashboards/trend_index.html",
        {
            "kind": kind,
            "title": titles[kind],
            "q": q,
            "page": page,
            "rows": [(o, reverse(target, kwargs={"code": o.code})) for o in page.object_list],
        },
    )


def ministry_index(request: HttpRequest) -> HttpResponse:
    return _index(request, "ministry")


def province_index(request: HttpRequest) -> HttpResponse:
    return _index(request, "province")


def agency_index(request: HttpRequest) -> HttpResponse:
    return _index(request, "agency")


# -- a ministry or a province --------------------------------------------------------------------------------
def _tier_label(tier: str) -> str:
    return str(dict(Tier.choices).get(tier, tier))


def _step_view(step: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """A step of the core with the pillars' names and the crosswalk's reasons in the page's language,
    and the cycles' labels."""
    pillars = [
        {
            **p,
            "old_label": f"{p['old']} {_text(p.get('old_name'))}".strip(),
            "new_label": f"{p['new']} {_text(p.get('new_name'))}".strip(),
            "change_text": signed(p["change"], 2),
            "reason_text": _text(p.get("reason")),
        }
        for p in step["pillars"]
    ]
    unmapped = [
        {**u, "label": f"{u['code']} {_text(u.get('name'))}".strip(), "reason_text": _text(u.get("reason"))}
        for u in step["not_comparable"]
    ]
    return {
        **step,
        "from_label": names.get(step["from"], step["from"]),
        "to_label": names.get(step["to"], step["to"]),
        "pillars": pillars,
        "not_comparable": unmapped,
    }


def _unit_series_view(series: dict[str, Any], unit: str, code: str) -> dict[str, Any]:
    points, steps = series["points"], series["steps"]
    labels = {p["cycle"]["code"]: _cycle_label(p["cycle"]) for p in points}
    change_into = {s["to"]: s["change"] for s in steps}
    rows = []
    for p in points:
        levels = p.get("levels")
        rows.append(
            {
                "label": labels[p["cycle"]["code"]],
                "framework": p["framework"]["id"],
                "invited": p["invited"],
                "scored": p["scored"],
                "suppressed": p["suppressed"],
                "small": p.get("small_group_min"),
                "mean": p["mean"],
                "change": change_into.get(p["cycle"]["code"]),
                "change_text": signed(change_into.get(p["cycle"]["code"]), 2),
                "levels": [levels.get(k, 0) for k in LEVELS] if levels is not None else None,
            }
        )
    tier = series["tier"]
    cid = f"{unit}-{code}-{tier}".lower()
    suppressed = _("fewer scored agencies than the small-group minimum: not shown")
    score_chart = {
        "kind": "bars",
        "id": f"{cid}-scores",
        "title": _("Mean overall score by cycle: %(tier)s") % {"tier": _tier_label(tier)},
        "label_header": _("Cycle"),
        "value_header": _("Mean score"),
        "change_header": _("Change (same framework)"),
        "rows": [
            {
                "label": r["label"],
                "value": r["mean"],
                "change": r["change"],
                **({"note": suppressed} if r["suppressed"] else {}),
            }
            for r in rows
        ],
    }
    shown = [r for r in rows if r["levels"] is not None]
    level_chart = (
        {
            "kind": "stacked",
            "id": f"{cid}-levels",
            "title": _("Agencies by overall level by cycle: %(tier)s") % {"tier": _tier_label(tier)},
            "label_header": _("Cycle"),
            "categories": [{"label": _("Level %(n)s") % {"n": k}} for k in LEVELS],
            "rows": [{"label": r["label"], "counts": r["levels"]} for r in shown],
        }
        if shown
        else None
    )
    return {
        "tier": tier,
        "tier_label": _tier_label(tier),
        "rows": rows,
        "score_chart": score_chart,
        "level_chart": level_chart,
        "steps": [_step_view(s, labels) for s in steps],
    }


def _unit_page(request: HttpRequest, unit: str, obj: Ministry | Province) -> HttpResponse:
    series = unit_series(data.published_aggregates(), unit, obj.code, data.crosswalk_for)
    if not series:
        raise Http404
    return render(
        request,
        "dashboards/trend.html",
        {
            "unit": unit,
            "obj": obj,
            "title": obj.name,
            "series": [_unit_series_view(s, unit, obj.code) for s in series],
            "index_url": reverse(f"dashboards:{unit}-index"),
        },
    )


def ministry_trend(request: HttpRequest, code: str) -> HttpResponse:
    return _unit_page(request, "ministry", get_object_or_404(Ministry, code=code))


def province_trend(request: HttpRequest, code: str) -> HttpResponse:
    return _unit_page(request, "province", get_object_or_404(Province, code=code))


# -- an agency -----------------------------------------------------------------------------------------------
def agency_trend(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.select_related("ministry", "province"), code=code)
    results = data.agency_results(agency)
    names = {doc["framework"]["id"]: data.framework_names(ref) for _c, doc, ref in results}
    series = agency_series(
        [(c, doc) for c, doc, _ref in results],
        agency.code,
        data.crosswalk_for,
        lambda fid: names[fid]["parts"],
    )
    points = series["points"]
    if not points:
        raise Http404
    labels = {p["cycle"]["code"]: _cycle_label(p["cycle"]) for p in points}
    change_into = {s["to"]: s for s in series["steps"]}
    rows = []
    for p in points:
        fw = names[p["framework"]["id"]]
        step = change_into.get(p["cycle"]["code"])
        level = p["level"]
        rows.append(
            {
                "label": labels[p["cycle"]["code"]],
                "framework": p["framework"]["id"],
                "status": p["status"],
                "status_label": result_status_label(p["status"] or ""),
                "scored": p["status"] == "scored",
                "mean": p["mean"],
                "change": step["change"] if step else None,
                "change_text": signed(step["change"], 2) if step else "",
                "level": level,
                "level_name": _text(fw["levels"][level - 1])
                if level and 0 < level <= len(fw["levels"])
                else "",
                "group": _text(fw["groups"].get(p["group"])) if p["group"] else "",
                "pillars": [
                    {"label": f"{q['id']} {_text(q.get('name'))}", "mean": q["mean"], "level": q["level"]}
                    for q in p["pillars"]
                ],
            }
        )
    chart = {
        "kind": "bars",
        "id": f"agency-{agency.code}-scores",
        "title": _("Overall score by cycle"),
        "label_header": _("Cycle"),
        "value_header": _("Overall score"),
        "change_header": _("Change (same framework)"),
        "rows": [
            {
                "label": r["label"],
                "value": r["mean"],
                "change": r["change"],
                **({} if r["scored"] else {"note": _("not scored")}),
            }
            for r in rows
        ],
    }
    return render(
        request,
        "dashboards/trend_agency.html",
        {
            "agency": agency,
            "title": agency.name,
            "rows": rows,
            "chart": chart,
            "steps": [_step_view(s, labels) for s in series["steps"]],
            "index_url": reverse("dashboards:agency-index"),
        },
    )
