"""The open data package of a cycle (dgmm.opendata): valid for the frictionless library, its figures the
results document's, every cell safe in a spreadsheet, the agency table only when published."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from dgmm import load_framework, score_cycle
from dgmm.aggregates import TierResults, public_aggregates
from dgmm.opendata import LICENSE, PackageInfo, package_files, zip_bytes
from dgmm.registry import Agency
from tests.bench_support import FORMS, random_cycle

INFO = PackageInfo(
    "dgmm-test-2568",
    "ผลการสำรวจทดสอบ",
    "Test survey results",
    issued="2026-01-15T09:00:00+07:00",
    base_url="https://example.org/open-data/test-2568/",
)


@pytest.fixture(scope="module")
def cycle() -> dict[str, Any]:
    fw = load_framework(FORMS)
    agencies, answers = random_cycle(fw, 150, 21)
    agencies[45] = Agency(**{**agencies[45].__dict__, "name_th": '=HYPERLINK("http://x")', "province": "P1"})
    prev = score_cycle(fw, *random_cycle(fw, 150, 22))
    doc = score_cycle(fw, agencies, answers, previous=prev)
    return {"fw": fw, "doc": doc, "answers": answers, "previous": prev}


def _package(cycle: dict[str, Any], published: bool) -> Any:
    agg = public_aggregates(
        [TierResults(cycle["doc"], cycle["fw"], cycle["answers"], cycle["previous"])],
        agency_results=published,
    )
    return package_files(INFO, agg, [cycle["doc"]], {"framework-forms.yaml": Path(FORMS).read_bytes()})


def _write(pkg: Any, folder: Path) -> Path:
    for name, data in pkg.files.items():
        (folder / name).write_bytes(data)
    return folder / "datapackage.json"


def _rows(pkg: Any, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(pkg.files[name].decode("utf-8"))))


@pytest.mark.parametrize("published", [False, True])
def test_the_package_validates_with_frictionless(
    cycle: dict[str, Any], published: bool, tmp_path: Path
) -> None:
    from frictionless import validate

    report = validate(str(_write(_package(cycle, published), tmp_path)))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:10]
    names = {t.name for t in report.tasks}
    assert {"response", "scores", "levels", "ministries", "fact_options"} <= names
    assert ("agencies" in names) is published


def test_descriptor_has_licence_titles_and_schemas(cycle: dict[str, Any]) -> None:
    pkg = _package(cycle, False)
    d = json.loads(pkg.files["datapackage.json"])
    assert d["licenses"] == [dict(LICENSE)]
    assert (d["title"], d["title_th"]) == (INFO.title_en, INFO.title_th)
    tables = [r for r in d["resources"] if r.get("profile") == "tabular-data-resource"]
    for r in tables:
        assert r["title"] and r["title_th"]
        for f in r["schema"]["fields"]:
            assert f["type"] in ("string", "integer", "number", "boolean")
            assert f["title"] and f["title_th"]
        header = next(csv.reader(io.StringIO(pkg.files[r["path"]].decode("utf-8"))))
        assert header == [f["name"] for f in r["schema"]["fields"]]
    listed = {r["path"] for r in d["resources"]}
    assert listed | {"datapackage.json"} == set(pkg.files)
    assert "framework-forms.yaml" in listed


def test_agency_table_equals_the_results_document(cycle: dict[str, Any]) -> None:
    rows = {r["agency_id"]: r for r in _rows(_package(cycle, True), "agencies.csv")}
    records = cycle["doc"]["agencies"]
    assert len(rows) == len(records)
    for a in records:
        row = rows[a["id"]]
        assert row["status"] == a["status"]
        if a["status"] != "scored":
            assert row["overall_score"] == row["overall_level"] == ""
            continue
        assert float(row["overall_score"]) == round(a["overall"]["score"], 6)
        assert int(row["overall_level"]) == a["overall"]["level"]
        assert int(row["rank"]) == a["rank"]
        assert row["group"] == a["group"]
        for pid, p in a["pillars"].items():
            if p["score"] is None:
                assert row[f"{pid}_score"] == ""
            else:
                assert float(row[f"{pid}_score"]) == round(p["score"], 6)
                assert row[f"{pid}_level"] == ("" if p["level"] is None else str(p["level"]))


def test_score_table_is_a_recomputation_of_the_results(cycle: dict[str, Any]) -> None:
    doc = cycle["doc"]
    scored = [a for a in doc["agencies"] if a["status"] == "scored"]
    rows = {r["scope"]: r for r in _rows(_package(cycle, False), "scores.csv")}
    overall = [a["overall"]["score"] for a in scored]
    assert int(rows["overall"]["count"]) == len(overall)
    assert float(rows["overall"]["mean"]) == pytest.approx(sum(overall) / len(overall), abs=1e-6)
    assert float(rows["overall"]["mean"]) == round(doc["cohort"]["all"]["overall"], 6)
    assert float(rows["overall"]["min"]) == round(min(overall), 6)
    prev = [a["overall"]["score"] for a in cycle["previous"]["agencies"] if a["status"] == "scored"]
    assert float(rows["overall"]["previous_mean"]) == pytest.approx(sum(prev) / len(prev), abs=1e-6)
    for pid in doc["cohort"]["all"]["pillars"]:
        values = [a["pillars"][pid]["score"] for a in scored if a["pillars"][pid]["score"] is not None]
        assert float(rows[pid]["mean"]) == pytest.approx(sum(values) / len(values), abs=1e-6)
        assert int(rows[pid]["count"]) == len(values)
    levels = _rows(_package(cycle, False), "levels.csv")
    for lv, n in doc["cohort"]["all"]["levels"]["overall"].items():
        row = next(r for r in levels if r["scope"] == "overall" and r["level"] == lv)
        assert int(row["agencies"]) == n


def test_no_agency_table_or_agency_names_unless_published(cycle: dict[str, Any]) -> None:
    pkg = _package(cycle, False)
    assert "agencies.csv" not in pkg.files
    everything = b"".join(v for k, v in pkg.files.items() if not k.endswith((".yaml", ".xlsx")))
    named = [a["id"] for a in cycle["doc"]["agencies"] if a["id"].encode() in everything]
    assert named == []
    book = load_workbook(io.BytesIO(pkg.files["tables.xlsx"]), read_only=True)
    assert "agencies" not in book.sheetnames


def test_cells_are_safe_in_a_spreadsheet(cycle: dict[str, Any]) -> None:
    pkg = _package(cycle, True)
    row = next(r for r in _rows(pkg, "agencies.csv") if r["name_th"].startswith("'"))
    assert row["name_th"] == '\'=HYPERLINK("http://x")'
    book = load_workbook(io.BytesIO(pkg.files["tables.xlsx"]))
    for ws in book.worksheets:
        for cells in ws.iter_rows():
            for c in cells:
                assert c.data_type != "f"
                assert not (isinstance(c.value, str) and c.value.startswith("="))
    scores = book["scores"]
    assert isinstance(scores.cell(row=2, column=6).value, float)  # mean: a number, not text


def test_zip_holds_every_file(cycle: dict[str, Any]) -> None:
    pkg = _package(cycle, False)
    with zipfile.ZipFile(io.BytesIO(zip_bytes(pkg))) as zf:
        assert sorted(zf.namelist()) == sorted(f"{INFO.name}/{n}" for n in pkg.files)
        assert zf.read(f"{INFO.name}/scores.csv") == pkg.files["scores.csv"]


def test_dcat_dataset_lists_every_file(cycle: dict[str, Any]) -> None:
    pkg = _package(cycle, False)
    ds = pkg.dataset()
    assert ds["@type"] == "dcat:Dataset"
    assert {t["@language"] for t in ds["dct:title"]} == {"th", "en"}
    assert ds["dct:license"] == {"@id": LICENSE["path"]}
    assert ds["dct:issued"]["@value"] == INFO.issued
    urls = {d["dcat:downloadURL"]["@id"]: d for d in ds["dcat:distribution"]}
    assert set(urls) == {INFO.base_url + n for n in [*pkg.files, "package.zip"]}
    csv_dist = urls[INFO.base_url + "scores.csv"]
    assert csv_dist["dcat:mediaType"] == "text/csv"
    assert int(csv_dist["dcat:byteSize"]["@value"]) == len(pkg.files["scores.csv"])
