"""`dgmm aggregates` and `dgmm open-data`: a cycle's public aggregates and its open data package from
its results files, one per tier (docs/public-data.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from dgmm.aggregates import TOP, TierResults, public_aggregates
from dgmm.atomic import write_atomic
from dgmm.errors import DgmmError
from dgmm.opendata import (
    DCAT_CONTEXT,
    LICENSE,
    ZIP_FILE,
    PackageInfo,
    check_name,
    frameworks_of,
    package_files,
    zip_bytes,
)
from dgmm.reports.cycle import ReportCycle, registry_names
from dgmm.results import read_results

RESULTS = click.Path(dir_okay=False, path_type=Path, exists=True)


class OpenDataError(DgmmError):
    """A command line that cannot make the aggregates (e.g. two previous files of one tier)."""


def _tiers(
    results: tuple[Path, ...], previous: tuple[Path, ...], framework: str | None, answers: bool
) -> list[TierResults]:
    """Each results file with its framework, answers (named in its sources) and previous results: the
    `--previous` file of the same tier, else the one its sources name."""
    given: dict[str, dict[str, Any]] = {}
    for p in previous:
        doc = read_results(p)
        tier = (doc["cohort"].get("tiers") or [""])[0]
        if tier in given:
            raise OpenDataError(f"{p}: a second previous results file of tier {tier!r}")
        given[tier] = doc
    out = []
    for r in results:
        c = ReportCycle.load(r, framework=framework, use_answers=answers)
        tier = (c.doc["cohort"].get("tiers") or [""])[0]
        prev = given.get(tier) if previous else c.previous
        out.append(TierResults(c.doc, c.framework, c.answers, prev))
    return out


def _aggregates(tiers: list[TierResults], agency_results: bool, top: int) -> dict[str, Any]:
    names = registry_names()
    return public_aggregates(
        tiers,
        ministries=names.ministries,
        provinces=names.provinces,
        agency_results=agency_results,
        top=top,
    )


def _name(value: str) -> str:
    try:
        return check_name(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _options(f: Any) -> Any:
    f = click.option(
        "--framework", help="Framework id or file of every results file, when not the one they name."
    )(f)
    f = click.option(
        "--top",
        type=click.IntRange(0, 1000),
        default=TOP,
        show_default=True,
        help="Top agencies listed per tier.",
    )(f)
    f = click.option(
        "--agency-results",
        is_flag=True,
        help="The cycle publishes each agency's results: list the top agencies, the agencies on the grid "
        "and (open-data) the agency table. Without it no agency is named.",
    )(f)
    f = click.option(
        "--criteria-only", "no_answers", is_flag=True, help="Leave out the fact-finding answer distributions."
    )(f)
    f = click.option(
        "--previous",
        type=RESULTS,
        multiple=True,
        help="Results file of the previous cycle, one per tier (repeatable); default: the one each results "
        "file names in its sources.",
    )(f)
    return f


@click.command("aggregates")
@click.argument("results", type=RESULTS, nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@_options
def aggregates(
    results: tuple[Path, ...],
    output: Path,
    previous: tuple[Path, ...],
    no_answers: bool,
    agency_results: bool,
    top: int,
    framework: str | None,
) -> None:
    """The public aggregates of one cycle (JSON, docs/public-data.md): one results file per tier."""
    doc = _aggregates(_tiers(results, previous, framework, not no_answers), agency_results, top)
    output.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(output, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
    click.echo(f"wrote {output}")


@click.command("open-data")
@click.argument("results", type=RESULTS, nargs=-1, required=True)
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder."
)
@click.option(
    "--name",
    default="dgmm-cycle",
    show_default=True,
    callback=lambda _ctx, _param, value: _name(value),
    help="The package's name (lowercase letters, digits, '.', '-', '_'); the zip's folder.",
)
@click.option("--title-th", default="ผลการสำรวจระดับความพร้อมรัฐบาลดิจิทัล", show_default=True)
@click.option("--title-en", default="Digital government maturity survey results", show_default=True)
@click.option(
    "--base-url", default="", help="Where the files will be downloaded from (for DCAT), ending in /."
)
@click.option("--issued", default=None, help="Publication date-time (ISO 8601), for DCAT.")
@click.option("--license", "license_name", default=LICENSE["name"], show_default=True, help="Licence id.")
@click.option("--license-title", default=LICENSE["title"], show_default=True)
@click.option("--license-url", default=LICENSE["path"], show_default=True)
@_options
def open_data(
    results: tuple[Path, ...],
    output: Path,
    name: str,
    title_th: str,
    title_en: str,
    base_url: str,
    issued: str | None,
    license_name: str,
    license_title: str,
    license_url: str,
    previous: tuple[Path, ...],
    no_answers: bool,
    agency_results: bool,
    top: int,
    framework: str | None,
) -> None:
    """The open data package of one cycle into a folder: CSV tables, workbook, aggregates JSON, framework
    files, datapackage.json, dataset.jsonld (DCAT) and package.zip."""
    tiers = _tiers(results, previous, framework, not no_answers)
    doc = _aggregates(tiers, agency_results, top)
    paths = {t.doc["framework"]["id"]: t.framework.path for t in tiers}
    info = PackageInfo(
        name,
        title_th,
        title_en,
        issued=issued,
        license={"name": license_name, "title": license_title, "path": license_url},
        base_url=base_url,
    )
    docs = [t.doc for t in tiers]
    package = package_files(
        info,
        doc,
        docs if agency_results else None,
        frameworks_of(docs, lambda fid: Path(paths[fid]).read_bytes()),
    )
    output.mkdir(parents=True, exist_ok=True)
    for file, data in package.files.items():
        write_atomic(output / file, data)
    dataset = {"@context": DCAT_CONTEXT, **package.dataset()}
    write_atomic(output / "dataset.jsonld", json.dumps(dataset, ensure_ascii=False, indent=1).encode("utf-8"))
    write_atomic(output / ZIP_FILE, zip_bytes(package))
    size = sum(len(d) for d in package.files.values())
    zipped = (output / ZIP_FILE).stat().st_size
    click.echo(f"wrote {len(package.files) + 2} files into {output} ({size:,} bytes; zip {zipped:,} bytes)")
