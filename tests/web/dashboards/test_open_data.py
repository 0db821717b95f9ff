"""Public aggregates made when a cycle is published, and its open data under /open-data/ for anyone, only
while it is published (docs/public-data.md)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from dgmm.aggregates import FORMAT, VERSION
from dgmm.web.cycles.actions import PublishCycle, WithdrawPublication
from dgmm.web.cycles.models import Cycle, CycleResult, CycleStatus, Participation
from dgmm.web.dashboards.models import PublishedAggregate
from dgmm.web.dashboards.public import aggregates_for, previous_cycle
from tests.web.dashboards.test_results import closed  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.db]

FILES = ("datapackage.json", "response.csv", "scores.csv", "levels.csv", "tables.xlsx", "aggregates.json")


def url(name: str, cycle: str = "c2566") -> str:
    return reverse("opendata:file", kwargs={"cycle": cycle, "name": name})


def publish(world, *, agencies: bool = False) -> None:
    world.cycle.publish_agency_results = agencies
    world.cycle.save()
    PublishCycle(world.cycle, world.users["analyst"]).execute()
    world.cycle.refresh_from_db()


def withdraw(world) -> None:
    WithdrawPublication(world.cycle, world.users["analyst"], "a figure to check").execute()
    world.cycle.refresh_from_db()


def every_url(cycle: str = "c2566") -> list[str]:
    return [
        reverse("opendata:cycle", kwargs={"cycle": cycle}),
        reverse("opendata:dataset", kwargs={"cycle": cycle}),
        reverse("opendata:zip", kwargs={"cycle": cycle}),
        *(url(f, cycle) for f in FILES),
        url("framework-all-types.yaml", cycle),
    ]


def test_nothing_before_publication_everything_after(closed, client):  # noqa: F811
    assert all(client.get(u).status_code == 404 for u in every_url())
    assert client.get(reverse("opendata:catalog")).json()["dcat:dataset"] == []
    assert not PublishedAggregate.objects.exists()
    publish(closed)
    stored = PublishedAggregate.objects.get(cycle=closed.cycle)
    assert stored.version == VERSION and stored.document["format"] == FORMAT
    for u in every_url():
        response = client.get(u)
        assert response.status_code == 200, u
        if not u.endswith("/"):  # the files, not the page listing them
            assert response["Access-Control-Allow-Origin"] == "*"
    assert (
        client.get(url("framework-all-types.yaml")).content
        == Path(closed.cycle.frameworks.first().framework).read_bytes()
    )
    assert client.get(url("agencies.csv")).status_code == 404  # agency results are not published
    assert client.get(url("nothing.csv")).status_code == 404
    page = client.get(reverse("opendata:cycle", kwargs={"cycle": "c2566"})).content.decode()
    assert "scores.csv" in page and "CC-BY-4.0" not in page and "Creative Commons" in page


def test_aggregates_are_the_results_figures(closed, client):  # noqa: F811
    publish(closed)
    agg = client.get(url("aggregates.json")).json()
    assert agg["cycle"]["code"] == "c2566" and agg["agency_results"] is False
    by_tier = {t["tier"]: t for t in agg["tiers"]}
    for res in CycleResult.objects.filter(cycle=closed.cycle):
        t, cohort = by_tier[res.tier], res.document["cohort"]
        assert t["response"]["invited"] == cohort["invited"]
        assert t["response"]["scored"] == cohort["scored"]
        assert (t["scores"]["overall"] or {}).get("mean") == cohort["all"]["overall"]
        assert t["facts"] is not None
    pcio = by_tier["pcio"]
    assert {r["code"] for r in pcio["by_province"]} == {"TH-50", "TH-90"}
    assert all(r["suppressed"] for r in pcio["by_province"])  # fewer than 3 agencies each
    assert {r["code"]: r["name_en"] for r in pcio["by_ministry"]} == {
        "MOI": "Ministry of Interior",
        "MOF": "Ministry of Finance",
    }
    text = json.dumps(agg)
    assert "pcio-a1" not in text and "PCIO A1" not in text


def test_scores_csv_equals_the_results(closed, client):  # noqa: F811
    publish(closed)
    rows = list(csv.DictReader(io.StringIO(client.get(url("scores.csv")).content.decode())))
    doc = CycleResult.objects.get(cycle=closed.cycle, tier="pcio").document
    overall = next(r for r in rows if r["tier"] == "pcio" and r["scope"] == "overall")
    scores = [a["overall"]["score"] for a in doc["agencies"] if a["status"] == "scored"]
    assert int(overall["count"]) == len(scores)
    assert float(overall["mean"]) == round(sum(scores) / len(scores), 6)


def test_agency_table_only_when_agency_results_are_published(closed, client):  # noqa: F811
    publish(closed, agencies=True)
    response = client.get(url("agencies.csv"))
    assert response.status_code == 200
    rows = {r["agency_id"]: r for r in csv.DictReader(io.StringIO(response.content.decode()))}
    for res in CycleResult.objects.filter(cycle=closed.cycle):
        for a in res.document["agencies"]:
            assert rows[a["id"]]["status"] == a["status"]
            if a["status"] == "scored":
                assert float(rows[a["id"]]["overall_score"]) == round(a["overall"]["score"], 6)
    descriptor = client.get(url("datapackage.json")).json()
    assert "agencies" in {r["name"] for r in descriptor["resources"]}


def test_withdrawal_removes_the_aggregates_and_the_files(closed, client):  # noqa: F811
    publish(closed)
    assert client.get(url("scores.csv")).status_code == 200
    withdraw(closed)
    assert closed.cycle.status == CycleStatus.CLOSED
    assert not PublishedAggregate.objects.filter(cycle=closed.cycle).exists()
    assert all(client.get(u).status_code == 404 for u in every_url())
    assert client.get(reverse("opendata:catalog")).json()["dcat:dataset"] == []
    assert aggregates_for(closed.cycle) is None
    publish(closed, agencies=True)  # published again: made afresh
    again = PublishedAggregate.objects.get(cycle=closed.cycle)
    assert again.document["agency_results"] is True
    assert client.get(url("agencies.csv")).status_code == 200


def test_the_package_downloaded_validates(closed, client, tmp_path):  # noqa: F811
    from frictionless import validate

    publish(closed, agencies=True)
    data = client.get(reverse("opendata:zip", kwargs={"cycle": "c2566"})).content
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        zf.extractall(tmp_path)
    report = validate(str(tmp_path / "dgmm-c2566" / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "note"])[:10]


def test_dcat_catalogue_lists_every_published_file(closed, client, settings):  # noqa: F811
    settings.DGMM_SITE_URL = "https://survey.example.go.th"
    publish(closed)
    catalog = client.get(reverse("opendata:catalog"))
    assert catalog["Content-Type"].startswith("application/ld+json")
    (ds,) = catalog.json()["dcat:dataset"]
    assert ds["dct:identifier"] == "dgmm-c2566"
    assert {t["@language"] for t in ds["dct:title"]} == {"th", "en"}
    assert ds["dct:license"]["@id"] == settings.DGMM_OPEN_DATA_LICENSE["path"]
    assert ds["dct:issued"]["@value"] == closed.cycle.published_at.isoformat()
    base = "https://survey.example.go.th/open-data/c2566/"
    for dist in ds["dcat:distribution"]:
        link = dist["dcat:downloadURL"]["@id"]
        assert link.startswith(base) and dist["dcat:mediaType"]
        assert client.get(link.removeprefix("https://survey.example.go.th")).status_code == 200


def test_made_when_missing_and_by_the_command(closed, client):  # noqa: F811
    publish(closed)
    PublishedAggregate.objects.all().delete()  # as for a cycle published before aggregates were kept
    assert client.get(url("scores.csv")).status_code == 200
    assert PublishedAggregate.objects.filter(cycle=closed.cycle).exists()
    PublishedAggregate.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_aggregates", stdout=out)
    assert "1 published cycle" in out.getvalue()
    assert PublishedAggregate.objects.get(cycle=closed.cycle).version == VERSION


def _later_cycle(world, code: str, year: int) -> Cycle:
    """A published cycle of a later year with the same results (copied)."""
    c = Cycle.objects.create(
        code=code,
        year=year,
        name_th=code,
        name_en=code,
        opens_at=world.cycle.opens_at,
        closes_at=world.cycle.closes_at,
        status=CycleStatus.CLOSED,
    )
    for res in CycleResult.objects.filter(cycle=world.cycle):
        CycleResult.objects.create(cycle=c, tier=res.tier, framework=res.framework, document=res.document)
    for p in Participation.objects.filter(cycle=world.cycle):
        Participation.objects.create(cycle=c, agency=p.agency, status=p.status)
    PublishCycle(c, world.users["analyst"]).execute()
    c.refresh_from_db()
    return c


def test_changes_compare_with_the_previous_published_cycle(closed):  # noqa: F811
    publish(closed)
    later = _later_cycle(closed, "c2567", 2567)
    assert previous_cycle(later, "pcio") == closed.cycle
    agg = aggregates_for(later)
    assert agg is not None and agg["cycle"]["previous"] == {"department": "c2566", "pcio": "c2566"}
    pcio = next(t for t in agg["tiers"] if t["tier"] == "pcio")
    assert pcio["scores"]["change"] == 0.0 and pcio["previous"]["pillars_comparable"] is True
    assert pcio["grid"] is not None
    withdraw(closed)  # the later cycle no longer compares with a withdrawn one
    agg = aggregates_for(later)
    assert agg is not None and agg["cycle"]["previous"] == {"department": None, "pcio": None}
    pcio = next(t for t in agg["tiers"] if t["tier"] == "pcio")
    assert pcio["scores"]["change"] is None and pcio["grid"] is None


def test_confirmations_state_what_open_data_means(closed, client_for):  # noqa: F811
    analyst = client_for("analyst")
    page = analyst.get(reverse("cycles:transition", kwargs={"cycle": "c2566", "action": "publish"}))
    assert "/open-data/c2566/" in page.content.decode() and "cannot be called back" in page.content.decode()
    publish(closed)
    page = analyst.get(reverse("cycles:transition", kwargs={"cycle": "c2566", "action": "withdraw"}))
    assert "open data files and public API data are taken down" in page.content.decode()


def test_the_package_is_made_once_and_served_from_disk(closed, client, monkeypatch, settings):  # noqa: F811
    """Every process serves the files made on the first request: a visitor never makes a package again,
    and files that are not members of the package are never served."""
    from dgmm.web.dashboards import public

    publish(closed)
    first = client.get(url("scores.csv")).content
    folders = list((Path(settings.RESULTS_DIR) / "c2566" / "open-data").iterdir())
    assert len([f for f in folders if not f.name.startswith(".")]) == 1
    public._INDEXES.clear()  # another process of the site: nothing in memory

    def refuse(*args, **kwargs):
        raise AssertionError("the package was made again")

    monkeypatch.setattr(public, "package_files", refuse)
    assert client.get(url("scores.csv")).content == first
    assert client.get(reverse("opendata:zip", kwargs={"cycle": "c2566"})).status_code == 200
    listed = client.get(reverse("opendata:cycle", kwargs={"cycle": "c2566"})).content.decode()
    assert "scores.csv" in listed
    assert client.get(url(".index.json")).status_code == 404  # the index is no member of the package
    assert client.get(url(".table-scores.json")).status_code == 404
    withdraw(closed)
    assert not (Path(settings.RESULTS_DIR) / "c2566" / "open-data").exists()


def test_a_cycle_code_with_capitals_names_a_valid_package(closed, client, settings):  # noqa: F811
    """A cycle's code may hold capitals (a slug); a data package's name is lowercase (Frictionless)."""
    from dgmm.web.dashboards.public import package_info

    closed.cycle.code = "C2566-Pilot"
    assert package_info(closed.cycle, None, None).name == "dgmm-c2566-pilot"
