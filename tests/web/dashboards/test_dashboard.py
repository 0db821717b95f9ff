"""The public dashboard of a published cycle (/public/<cycle>/) and the landing page: figures as the stored
aggregates give them, suppressed groups said so, no agency named unless the cycle publishes agency
results, the grid against any earlier published cycle."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from dgmm import display
from dgmm.aggregates import TierResults, public_aggregates
from dgmm.web.cycles.actions import PublishCycle, WithdrawPublication
from dgmm.web.cycles.models import Cycle, CycleResult, CycleStatus, Participation
from dgmm.web.cycles.scoring import framework_for_tier
from dgmm.web.dashboards.public import aggregates_for, compare_with
from tests.web.dashboards.test_results import closed  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def page_url(cycle: str = "c2566") -> str:
    return reverse("dashboards:dashboard", kwargs={"cycle": cycle})


def publish(world, *, agencies: bool = False) -> None:
    world.cycle.publish_agency_results = agencies
    world.cycle.save()
    PublishCycle(world.cycle, world.users["analyst"]).execute()
    world.cycle.refresh_from_db()


def text(html: str) -> str:
    """The page's text, tags removed and spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def row(html: str, table_id: str, label: str) -> list[str]:
    """The cells of the row named `label` of the chart table `table_id`."""
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = [unescape(c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
        if cells and cells[0] == label:
            return cells
    raise AssertionError(f"no row {label!r} in {table_id}")


def earlier_cycle(world, code: str, year: int, framework_id: str | None = None) -> Cycle:
    """A published cycle of an earlier year with the world's results (copied; optionally as if scored
    with another framework)."""
    c = Cycle.objects.create(
        code=code,
        year=year,
        name_th=f"รอบ {code}",
        name_en=f"Cycle {code}",
        opens_at=world.cycle.opens_at,
        closes_at=world.cycle.closes_at,
        status=CycleStatus.CLOSED,
    )
    for res in CycleResult.objects.filter(cycle=world.cycle):
        doc = dict(res.document)
        if framework_id:
            doc["framework"] = {**doc["framework"], "id": framework_id}
        CycleResult.objects.create(cycle=c, tier=res.tier, framework=res.framework, document=doc)
    for p in Participation.objects.filter(cycle=world.cycle):
        Participation.objects.create(cycle=c, agency=p.agency, status=p.status)
    PublishCycle(c, world.users["analyst"]).execute()
    c.refresh_from_db()
    return c


def test_anonymous_visitors_see_only_published_cycles(closed, client, client_for):  # noqa: F811
    assert client.get(page_url()).status_code == 404
    assert client_for("resp_a1").get(page_url()).status_code == 404
    preview = client_for("analyst").get(page_url())
    assert preview.status_code == 200 and "Preview for staff" in preview.content.decode()
    assert client.get(page_url("nothing")).status_code == 404
    publish(closed)
    response = client.get(page_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview for staff" not in html and html.count("<h1") == 1
    WithdrawPublication(closed.cycle, closed.users["analyst"], "a figure to check").execute()
    assert client.get(page_url()).status_code == 404


def test_the_landing_page_lists_published_cycles_newest_first(closed, client):  # noqa: F811
    empty = client.get(reverse("dashboards:public")).content.decode()
    assert "No results have been published yet." in empty and page_url() not in empty
    publish(closed)
    earlier_cycle(closed, "c2564", 2564)
    html = client.get(reverse("dashboards:public")).content.decode()
    assert html.index(page_url()) < html.index(page_url("c2564"))
    for name in ("opendata:cycle", "dashboards:deck"):
        assert reverse(name, kwargs={"cycle": "c2566"}) in html
    # the site header links to the public results
    header = html.split("</header>")[0]
    assert reverse("dashboards:public") in header


def test_figures_on_the_page_are_the_aggregates(closed, client):  # noqa: F811
    # one scored agency is enough for a group to be shown in this test's results
    for res in CycleResult.objects.filter(cycle=closed.cycle):
        res.document = {**res.document, "cohort": {**res.document["cohort"], "small_group_min": 1}}
        res.save()
    publish(closed)
    doc = aggregates_for(closed.cycle)
    html = client.get(page_url()).content.decode()
    for t in doc["tiers"]:
        assert f'data-figure="{t["tier"]}-mean">{display(t["scores"]["overall"]["mean"])}<' in html
    pcio = next(t for t in doc["tiers"] if t["tier"] == "pcio")
    moi = next(r for r in pcio["by_ministry"] if r["code"] == "MOI")
    assert not moi["suppressed"] and moi["scored"] == 2
    assert row(html, "tier-pcio-ministries-table", "Ministry of Interior")[1] == display(
        moi["overall"]["mean"]
    )
    chiang_mai = next(r for r in pcio["by_province"] if r["code"] == "TH-50")
    assert row(html, "tier-pcio-map-table", "Chiang Mai")[1] == display(chiang_mai["overall"]["mean"])
    assert row(html, "tier-pcio-map-table", "Bangkok")[1:] == ["no data", "no data"]
    # a province with figures is a link to its results over the years; one without is no link
    assert f'href="{reverse("dashboards:province-trend", kwargs={"code": "TH-50"})}"' in html
    assert f'href="{reverse("dashboards:province-trend", kwargs={"code": "TH-10"})}"' not in html
    # the framework's levels, groups and response rates, as the aggregates carry them
    page = text(html)
    fw = pcio["framework"]
    assert all(lv["en"] in page for lv in fw["levels"])
    assert all(g["name"]["en"] in page for g in fw["groups"])
    rate = row(html, "response-by-tier-table", "Provincial CIO committee")[1]
    assert rate == display(pcio["response"]["rate"])
    # fact finding: an option's agencies and share, in a pillar's collapsible section
    fact = next(f for f in pcio["facts"] if f["options"])
    option = fact["options"][0]
    assert "<details" in html
    assert f"{option['count']} ({display(option['share'], 1)}%)" in html


def test_suppressed_groups_say_so_and_never_zero(closed, client):  # noqa: F811
    publish(closed)
    pcio = next(t for t in aggregates_for(closed.cycle)["tiers"] if t["tier"] == "pcio")
    assert all(r["suppressed"] for r in pcio["by_ministry"])
    html = client.get(page_url()).content.decode()
    note = "fewer than 3 agencies: not shown"
    assert row(html, "tier-pcio-ministries-table", "Ministry of Interior")[1] == note
    assert row(html, "tier-pcio-map-table", "Chiang Mai")[1] == note
    assert "2 ministries: fewer than 3 agencies: not shown." in text(html)
    assert "0.00" not in row(html, "tier-pcio-ministries-table", "Ministry of Finance")


def test_agency_names_only_where_the_cycle_publishes_agency_results(closed, client):  # noqa: F811
    publish(closed)
    html = client.get(page_url()).content.decode()
    assert "PCIO A1" not in html and "Department A" not in html and "Top agencies" not in html
    WithdrawPublication(closed.cycle, closed.users["analyst"], "publish agency results").execute()
    closed.cycle.refresh_from_db()
    publish(closed, agencies=True)
    html = client.get(page_url()).content.decode()
    assert "Top agencies" in html and "PCIO A1" in html


def test_the_grid_against_another_earlier_cycle(closed, client):  # noqa: F811
    publish(closed)
    earlier_cycle(closed, "c2564", 2564)
    earlier_cycle(closed, "c2565", 2565)
    html = client.get(page_url()).content.decode()
    form = html.split('class="filters compare-form"', 1)[1].split("</form>", 1)[0]
    assert 'method="get"' in html and 'name="compare"' in form
    assert form.index('value="c2565"') < form.index('value="c2564"')
    assert "the previous cycle (Cycle c2565)" in text(form)
    html = client.get(page_url() + "?compare=c2564").content.decode()
    assert '<option value="c2564" selected>' in html and "Compared with Cycle c2564." in html
    # the grid is the core's, against the chosen cycle
    c2564 = Cycle.objects.get(code="c2564")
    tiers = []
    for res in closed.cycle.results.order_by("tier"):
        prev = c2564.results.get(tier=res.tier).document
        tiers.append(TierResults(res.document, framework_for_tier(res.framework, res.tier), None, prev))
    names = {
        "MOI": ("กระทรวงมหาดไทย", "Ministry of Interior"),
        "MOF": ("กระทรวงการคลัง", "Ministry of Finance"),
    }
    core = {t["tier"]: t["grid"] for t in public_aggregates(tiers, ministries=names)["tiers"]}
    assert {k: v["grid"] for k, v in compare_with(closed.cycle, c2564).items()} == core
    placed = core["pcio"]["agencies"]["placed"]
    assert placed > 0 and f"{placed} agencies have a score in both cycles" in text(html)
    bad = client.get(page_url() + "?compare=c2566").content.decode()  # not an earlier cycle
    assert "That cycle is not an earlier published cycle" in bad


def test_a_pair_of_cycles_with_different_frameworks_is_said_not_comparable(closed, client):  # noqa: F811
    publish(closed)
    earlier_cycle(closed, "c2563", 2563, framework_id="province-2563")
    earlier_cycle(closed, "c2565", 2565)
    assert "The frameworks differ" not in client.get(page_url()).content.decode()
    html = text(client.get(page_url() + "?compare=c2563").content.decode())
    assert "The frameworks differ (the earlier cycle used province-2563 revision" in html
    assert "pillars are not comparable" in html


def test_the_dashboard_in_thai(closed, client):  # noqa: F811
    publish(closed)
    client.cookies["django_language"] = "th"
    html = client.get(page_url(), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert 'lang="th"' in html and "กระทรวงมหาดไทย" in html and "Ministry of Interior" not in html
