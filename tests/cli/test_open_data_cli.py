"""`dgmm aggregates` and `dgmm open-data` from results files (docs/public-data.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dgmm.aggregates import TierResults, public_aggregates
from dgmm.cli.main import cli
from dgmm.reports.cycle import ReportCycle, registry_names
from tests.reports.builders import simulated_cycle


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return simulated_cycle(tmp_path_factory.mktemp("cycle"), "province-2563", 40)


def test_aggregates_command_writes_the_cores_document(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "agg.json"
    res = CliRunner().invoke(cli, ["aggregates", str(results), "-o", str(out)])
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    c = ReportCycle.load(results)
    names = registry_names()
    expected = public_aggregates(
        [TierResults(c.doc, c.framework, c.answers, c.previous)],
        ministries=names.ministries,
        provinces=names.provinces,
    )
    assert doc == json.loads(json.dumps(expected))
    (tier,) = doc["tiers"]
    assert tier["facts"] and tier["grid"] is not None and tier["top"] is None
    bare = tmp_path / "bare.json"
    res = CliRunner().invoke(cli, ["aggregates", str(results), "-o", str(bare), "--criteria-only"])
    assert res.exit_code == 0, res.output
    assert json.loads(bare.read_text(encoding="utf-8"))["tiers"][0]["facts"] is None


def test_previous_given_twice_for_a_tier_is_refused(results: Path, tmp_path: Path) -> None:
    prev = results.parent / "previous" / "results.json"
    res = CliRunner().invoke(
        cli,
        [
            "aggregates",
            str(results),
            "-o",
            str(tmp_path / "x.json"),
            "--previous",
            str(prev),
            "--previous",
            str(prev),
        ],
    )
    assert res.exit_code == 1
    assert "a second previous results file of tier 'provincial'" in res.output


def test_open_data_command_writes_a_valid_package(results: Path, tmp_path: Path) -> None:
    from frictionless import validate

    out = tmp_path / "package"
    res = CliRunner().invoke(
        cli,
        [
            "open-data",
            str(results),
            "-o",
            str(out),
            "--agency-results",
            "--name",
            "dgmm-sim",
            "--base-url",
            "https://x.example/od/",
        ],
    )
    assert res.exit_code == 0, res.output
    for name in ("datapackage.json", "agencies.csv", "tables.xlsx", "dataset.jsonld", "package.zip"):
        assert (out / name).is_file(), name
    assert (out / "framework-province-2563.yaml").read_bytes() == Path(
        ReportCycle.load(results).framework.path
    ).read_bytes()
    report = validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "note"])[:10]
    dataset = json.loads((out / "dataset.jsonld").read_text(encoding="utf-8"))
    assert dataset["dct:identifier"] == "dgmm-sim"
    assert "https://x.example/od/agencies.csv" in {
        d["dcat:downloadURL"]["@id"] for d in dataset["dcat:distribution"]
    }


@pytest.mark.parametrize("name", ["../escape", "Dgmm", "a/b", "", "x" * 101])
def test_a_package_name_that_is_no_slug_is_refused(results: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / "package"
    res = CliRunner().invoke(cli, ["open-data", str(results), "-o", str(out), "--name", name])
    assert res.exit_code == 2, res.output
    assert "Invalid value for '--name'" in res.output
    assert "lowercase letters, digits" in res.output
    assert not out.exists()


def test_a_negative_top_is_refused(results: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["aggregates", str(results), "-o", str(tmp_path / "a.json"), "--top", "-1"])
    assert res.exit_code == 2, res.output
    assert "Invalid value for '--top'" in res.output
