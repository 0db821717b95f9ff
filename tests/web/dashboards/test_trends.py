"""Public trend pages over the published cycles: ministries, provinces and agencies (docs/web.md)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from dgmm.web.dashboards.public import aggregates_for
from tests.web.dashboards.trend_world import add_agencies, make_cycle

pytestmark = [pytest.mark.django_db, pytest.mark.db]

# The provincial tier: 6 agencies in TH-50, 4 in TH-90, 2 in TH-10 (too few to show), in 2 ministries.
PROVINCIAL = [("MOI", "TH-50")] * 4 + [("MOF", "TH-50")] * 2 + [("MOF", "TH-90")] * 4 + [("MOI", "TH-10")] * 2
LOCAL = [("MOI", "TH-50")] * 5


@pytest.fixture
def years(db: Any) -> dict[str, Any]:
    """c2563 (agency results), c2564 (aggregates only), c2566 (agency results; the provincial tier on
    pcio-2566, which the shipped crosswalk joins to province-2563), c2567 closed, not published. The
    local tier: dept-2566 in 2563, province-2563 in 2566 (no crosswalk)."""
    prov = add_agencies("pv", "provincial", PROVINCIAL)
    local = add_agencies("lc", "local", LOCAL)
    only = add_agencies("only64", "provincial", [("MOF", "TH-90")])
    return {
        "prov": prov,
        "local": local,
        "only": only[0],
        "c2563": make_cycle(
            "c2563",
            2563,
            {"provincial": ("province-2563", prov), "local": ("dept-2566", local)},
            agency_results=True,
        ),
        "c2564": make_cycle("c2564", 2564, {"provincial": ("province-2563", [*prov, *only])}),
        "c2566": make_cycle(
            "c2566",
            2566,
            {"provincial": ("pcio-2566", prov), "local": ("province-2563", local)},
            agency_results=True,
        ),
        "c2567": make_cycle("c2567", 2567, {"provincial": ("pcio-2566", prov)}, published=False),
    }


def row(cycle: Any, tier: str, field: str, code: str) -> dict[str, Any]:
    agg = aggregates_for(cycle)
    assert agg is not None
    t = next(t for t in agg["tiers"] if t["tier"] == tier)
    return next(r for r in t[field] if r["code"] == code)


def series_of(response: Any, tier: str) -> dict[str, Any]:
    return next(s for s in response.context["series"] if s["tier"] == tier)


def test_province_page_shows_the_published_aggregates(years, client):
    response = client.get(reverse("dashboards:province-trend", kwargs={"code": "TH-50"}))
    assert response.status_code == 200
    s = series_of(response, "provincial")
    assert [r["label"] for r in s["rows"]] == [
        "Survey 2563 (2563)",
        "Survey 2564 (2564)",
        "Survey 2566 (2566)",
    ]
    for r, code in zip(s["rows"], ("c2563", "c2564", "c2566"), strict=True):
        agg = row(years[code], "provincial", "by_province", "TH-50")
        assert not agg["suppressed"] and r["mean"] == agg["overall"]["mean"]
        assert r["scored"] == agg["scored"] and r["invited"] == agg["invited"]
        assert r["levels"] == [agg["levels"].get(k, 0) for k in "12345"]
        assert sum(r["levels"]) == agg["scored"]
    html = response.content.decode()
    assert f"{s['rows'][0]['mean']:.2f}" in html
    assert "c2567" not in html and "2567" not in html  # not published: never shown


def test_small_groups_are_said_suppressed_never_zero(years, client):
    response = client.get(reverse("dashboards:province-trend", kwargs={"code": "TH-10"}))
    assert response.status_code == 200
    rows = series_of(response, "provincial")["rows"]
    assert rows and all(r["suppressed"] and r["mean"] is None and r["levels"] is None for r in rows)
    assert row(years["c2563"], "provincial", "by_province", "TH-10")["suppressed"]
    html = response.content.decode()
    assert html.count('data-suppressed="true"') == len(rows)
    assert "Not shown: fewer than 3 scored agencies" in html or "fewer than" in html.lower()
    chart = series_of(response, "provincial")["score_chart"]
    assert all(r["value"] is None and r["note"] for r in chart["rows"])


def test_changes_only_within_a_framework_and_through_the_crosswalk(years, client):
    response = client.get(reverse("dashboards:province-trend", kwargs={"code": "TH-50"}))
    s = series_of(response, "provincial")
    same, crossed = s["steps"]
    assert (same["kind"], same["from"], same["to"]) == ("same", "c2563", "c2564")
    a, b = (row(years[c], "provincial", "by_province", "TH-50") for c in ("c2563", "c2564"))
    assert same["change"] == pytest.approx(b["overall"]["mean"] - a["overall"]["mean"])
    assert crossed["kind"] == "crosswalk" and crossed["change"] is None  # overall: side by side only
    c = row(years["c2566"], "provincial", "by_province", "TH-50")
    mapped = {(p["old"], p["new"]): p for p in crossed["pillars"]}
    assert set(mapped) == {("P1", "P1"), ("P2", "P3"), ("P3", "P4"), ("P4", "P5"), ("P5", "P6"), ("P6", "P7")}
    for (old, new), p in mapped.items():
        before, after = b["pillars"][old], c["pillars"][new]
        if before and after:
            assert p["change"] == pytest.approx(after["mean"] - before["mean"])
        else:
            assert p["change"] is None
    unmapped = {(u["side"], u["code"]) for u in crossed["not_comparable"]}
    assert ("to", "P2") in unmapped and ("from", "P1.SP5") in unmapped
    assert all(new != "P2" for _old, new in mapped)  # the new pillar 2 is never given a change
    html = response.content.decode()
    assert 'data-code="P2" data-side="to"' in html and "not comparable" in html


def test_no_crosswalk_overall_side_by_side(years, client):
    response = client.get(reverse("dashboards:province-trend", kwargs={"code": "TH-50"}))
    s = series_of(response, "local")
    (step,) = s["steps"]
    assert step["kind"] == "different" and step["change"] is None
    assert step["pillars"] == [] and step["not_comparable"] == []
    assert [r["framework"] for r in s["rows"]] == ["dept-2566", "province-2563"]
    assert all(r["mean"] is not None for r in s["rows"])
    assert "no crosswalk joins them" in response.content.decode()


def test_ministry_page(years, client):
    response = client.get(reverse("dashboards:ministry-trend", kwargs={"code": "MOF"}))
    assert response.status_code == 200
    rows = series_of(response, "provincial")["rows"]
    assert [r["mean"] for r in rows] == [
        row(years[c], "provincial", "by_ministry", "MOF")["overall"]["mean"]
        for c in ("c2563", "c2564", "c2566")
    ]
    assert client.get(reverse("dashboards:ministry-trend", kwargs={"code": "NONE"})).status_code == 404


def test_agency_page_reads_the_frozen_results_of_agency_result_cycles(years, client):
    a = years["prov"][0]
    response = client.get(reverse("dashboards:agency-trend", kwargs={"code": a.code}))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r["framework"] for r in rows] == ["province-2563", "pcio-2566"]  # not c2564: aggregates only
    for r, c in zip(rows, ("c2563", "c2566"), strict=True):
        rec = next(
            x for x in years[c].results.get(tier="provincial").document["agencies"] if x["id"] == a.code
        )
        assert r["mean"] == rec["overall"]["score"] and r["level"] == rec["overall"]["level"]
        assert [p["level"] for p in r["pillars"]] == [p["level"] for p in rec["pillars"].values()]
    (step,) = response.context["steps"]
    assert step["kind"] == "crosswalk" and step["change"] is None
    assert {p["new"] for p in step["pillars"]} == {"P1", "P3", "P4", "P5", "P6", "P7"}
    assert "c2564" not in response.content.decode()


def test_agency_page_404_without_published_agency_results(years, client, django_user_model):
    only = years["only"]  # takes part in c2564 only, which publishes aggregates only
    url = reverse("dashboards:agency-trend", kwargs={"code": only.code})
    assert client.get(url).status_code == 404
    from dgmm.web.accounts.models import Role

    staff = django_user_model.objects.create_user("an", password="x" * 12, role=Role.ANALYST)
    client.force_login(staff)
    assert client.get(url).status_code == 404  # the public page shows public data only, to everyone
    assert client.get(reverse("dashboards:agency-trend", kwargs={"code": "nobody"})).status_code == 404


def test_unpublished_cycles_never_appear(years, client):
    from dgmm.web.cycles.models import CycleStatus

    c = years["c2566"]
    c.status = CycleStatus.CLOSED  # as withdrawing leaves it
    c.save()
    response = client.get(reverse("dashboards:province-trend", kwargs={"code": "TH-50"}))
    assert [r["framework"] for r in series_of(response, "provincial")["rows"]] == ["province-2563"] * 2
    agency = client.get(reverse("dashboards:agency-trend", kwargs={"code": years["prov"][0].code}))
    assert [r["framework"] for r in agency.context["rows"]] == ["province-2563"]


def test_indexes_search_and_pages(years, client):
    response = client.get(reverse("dashboards:province-index"))
    assert [o.code for o, _href in response.context["rows"]] == ["TH-10", "TH-50", "TH-90"]
    assert reverse("dashboards:province-trend", kwargs={"code": "TH-50"}) in response.content.decode()
    found = client.get(reverse("dashboards:ministry-index"), {"q": "mof"})
    assert [o.code for o, _href in found.context["rows"]] == ["MOF"]
    agencies = client.get(reverse("dashboards:agency-index"))
    codes = [o.code for o, _href in agencies.context["rows"]]
    assert years["only"].code not in codes  # no cycle of it publishes agency results
    assert len(codes) == len(PROVINCIAL) + len(LOCAL) and agencies.context["page"].paginator.per_page == 50
    long = client.get(reverse("dashboards:agency-index"), {"q": "x" * 500, "page": "9999"})
    assert long.status_code == 200 and len(long.context["q"]) == 100


def test_pages_are_thai_first_and_english(years, client):
    url = reverse("dashboards:province-trend", kwargs={"code": "TH-50"})
    th = client.get(url, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Mean score" in en and "Mean score" not in th


def test_a_thai_page_shows_the_crosswalks_reasons_in_thai_and_no_english_reason(years, client):
    from dgmm.framework.crosswalk import read_crosswalk, shipped_crosswalks
    from dgmm.loading import load_framework

    cw = read_crosswalk(
        shipped_crosswalks()[("province-2563", "pcio-2566")],
        load_framework("province-2563"),
        load_framework("pcio-2566"),
    )
    url = reverse("dashboards:province-trend", kwargs={"code": "TH-50"})
    th = client.get(url, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    shown = [*cw.links_at("pillars"), *(u for u in cw.not_comparable if u.code.count(".") <= 1)]
    for part in shown:
        assert part.reason.th in th and part.reason.en not in th, part
        assert part.reason.en in en and part.reason.th not in en, part
    agency = client.get(
        reverse("dashboards:agency-trend", kwargs={"code": years["prov"][0].code}), HTTP_ACCEPT_LANGUAGE="th"
    ).content.decode()
    assert all(k.reason.th in agency and k.reason.en not in agency for k in cw.links_at("pillars"))


@pytest.fixture
def chain(db: Any) -> dict[str, Any]:
    """The provincial tier in three cycles on three frameworks: province-2560 (names only, its records
    carried over from a stand-in), province-2563 and pcio-2566, every cycle publishing agency results."""
    prov = add_agencies("ch", "provincial", [("MOI", "TH-50")] * 5)
    return {
        "prov": prov,
        **{
            f"c{year}": make_cycle(f"c{year}", year, {"provincial": (ref, prov)}, agency_results=True)
            for year, ref in ((2560, "province-2560"), (2563, "province-2563"), (2566, "pcio-2566"))
        },
    }


def test_three_frameworks_compare_step_by_step_each_through_its_own_crosswalk(chain, client):
    url = reverse("dashboards:province-trend", kwargs={"code": "TH-50"})
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="th")
    s = series_of(response, "provincial")
    assert [r["framework"] for r in s["rows"]] == ["province-2560", "province-2563", "pcio-2566"]
    first, second = s["steps"]
    assert (first["kind"], first["crosswalk"]) == ("crosswalk", "province-2560_province-2563.yaml")
    assert (second["kind"], second["crosswalk"]) == ("crosswalk", "province-2563_pcio-2566.yaml")
    assert first["change"] is None and second["change"] is None  # overall: side by side only
    assert [(p["old"], p["new"]) for p in first["pillars"]] == [(f"P{i}", f"P{i}") for i in range(1, 7)]
    assert ("P6", "P7") in {(p["old"], p["new"]) for p in second["pillars"]}
    a, b = (row(chain[c], "provincial", "by_province", "TH-50") for c in ("c2560", "c2563"))
    for p in first["pillars"]:
        before, after = a["pillars"][p["old"]], b["pillars"][p["new"]]
        if before and before["mean"] is not None and after and after["mean"] is not None:
            assert p["change"] == pytest.approx(after["mean"] - before["mean"])
        else:
            assert p["change"] is None
    assert next(p for p in first["pillars"] if p["old"] == "P6")["change"] is None  # no 2560 pillar 6
    unmapped = {(u["side"], u["code"]) for u in first["not_comparable"]}
    assert ("from", "P4.SP3") in unmapped and ("to", "P3.SP3") in unmapped
    html = response.content.decode()
    p6 = next(p for p in first["pillars"] if p["old"] == "P6")
    assert p6["reason_text"] == p6["reason"]["th"] and p6["reason"]["th"] in html
    assert p6["reason"]["en"] not in html
    agency = client.get(reverse("dashboards:agency-trend", kwargs={"code": chain["prov"][0].code}))
    assert [s["crosswalk"] for s in agency.context["steps"]] == [
        "province-2560_province-2563.yaml",
        "province-2563_pcio-2566.yaml",
    ]
