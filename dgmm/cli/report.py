"""`dgmm report`: the agency report, the province letter and the national results deck, as PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from dgmm.atomic import write_atomic
from dgmm.reports.batch import Options, render_all, report_name
from dgmm.reports.context.province import (
    LETTER_FILE_ENV,
    Letter,
    default_letter,
    load_letter,
    province_scores,
)
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.errors import ReportError
from dgmm.reports.issuer import Issuer
from dgmm.reports.render import render_agency, render_national, render_province

RESULTS = click.Path(dir_okay=False, path_type=Path)
OUT = click.Path(path_type=Path)


def _common(f: Any) -> Any:
    f = click.option(
        "--lang",
        type=click.Choice(["th", "en"]),
        default="th",
        show_default=True,
        help="Language of the report (the English variant uses the same template).",
    )(f)
    f = click.option("--thai-digits", is_flag=True, help="Write every number with Thai digits (๐-๙).")(f)
    return f


@click.group("report")
def report() -> None:
    """Make PDF reports from a results file (`dgmm score`)."""


@report.command("agency")
@click.argument("results", type=RESULTS)
@click.option(
    "--agency", "agency_ids", multiple=True, help="Agency id (repeatable). Default with --all: every agency."
)
@click.option(
    "--all", "all_agencies", is_flag=True, help="Every scored agency of the cycle, into the -o folder."
)
@click.option(
    "-o",
    "--output",
    type=OUT,
    required=True,
    help="PDF file (one agency) or folder (several agencies or --all).",
)
@_common
@click.option(
    "--criteria-only",
    is_flag=True,
    help="Make the report without the agency's answers: advice shows next-level criteria only.",
)
@click.option("--framework", help="Framework id or file, when not the one the results name.")
@click.option(
    "--previous", type=RESULTS, help="Results of the previous cycle (pillar changes since last year)."
)
@click.option(
    "--issuer",
    "issuer_path",
    type=RESULTS,
    help="YAML file naming who issues the reports: name_th, name_en, logo (PNG/JPEG/SVG), address, contact.",
)
@click.option("-j", "--jobs", type=int, help="Parallel processes for several agencies (default: every core).")
@click.option("--force", is_flag=True, help="Render again even when a report is up to date.")
@click.option("--quiet", is_flag=True, help="No progress bar or summary.")
def agency(
    results: Path,
    agency_ids: tuple[str, ...],
    all_agencies: bool,
    output: Path,
    lang: str,
    thai_digits: bool,
    criteria_only: bool,
    framework: str | None,
    previous: Path | None,
    issuer_path: Path | None,
    jobs: int | None,
    force: bool,
    quiet: bool,
) -> None:
    """The agency report (overview, pillars, levels, comparisons, advice) of one or all agencies."""
    if not agency_ids and not all_agencies:
        raise click.UsageError("give --agency ID (one or more) or --all")
    issuer = Issuer.load(issuer_path) if issuer_path is not None else None
    cycle = ReportCycle.load(results, framework=framework, use_answers=not criteria_only, previous=previous)
    if len(agency_ids) == 1 and not all_agencies and output.suffix.lower() == ".pdf":
        pdf = render_agency(
            cycle,
            agency_ids[0],
            lang=lang,
            thai_digits=thai_digits,
            criteria_only=criteria_only,
            issuer=issuer,
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(output, pdf)
        if not quiet:
            click.echo(f"wrote {output}")
        return
    for a in agency_ids:
        cycle.agency(a)  # unknown ids fail before any work starts
    _batch(
        cycle,
        output,
        list(agency_ids) or None,
        Options(lang, thai_digits, criteria_only, issuer),
        jobs,
        force,
        quiet,
    )


def _batch(
    cycle: ReportCycle,
    out: Path,
    ids: list[str] | None,
    opts: Options,
    jobs: int | None,
    force: bool,
    quiet: bool,
) -> None:
    console = Console(stderr=True, quiet=quiet)
    with Progress(
        TextColumn("reports"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=quiet,
    ) as bar:
        task = bar.add_task("reports", total=None)
        res = render_all(
            cycle,
            out,
            ids,
            options=opts,
            jobs=jobs,
            force=force,
            started=lambda total, skipped: bar.update(task, total=total),
            progress=lambda n: bar.advance(task, n),
        )
    if not quiet:
        rate = res.rendered / res.seconds if res.seconds and res.rendered else 0.0
        click.echo(
            f"rendered {res.rendered}, up to date {res.skipped}, failed {len(res.failed)} "
            f"in {res.seconds:.1f} s ({rate:.1f} reports/s) into {out}"
        )
    if res.failed:
        for agency_id, message in res.failed[:20]:
            click.echo(f"  {agency_id}: {message}", err=True)
        raise ReportError(f"{len(res.failed)} report(s) failed; see the messages above", code="batch_failed")


def _letter(path: Path | None) -> Letter:
    """The organisation's defaults (DGMM_REPORT_LETTER_FILE), then the fields of --letter over them."""
    base = default_letter()
    return load_letter(path, base) if path is not None else base


def _province_id(cycle: ReportCycle, given: str) -> str:
    """A province by its id (TH-24) or its Thai or English name."""
    known: set[str] = {str(a["province"]) for a in cycle.doc["agencies"] if a.get("province")}
    if given in known:
        return given
    for pid in known:
        if given.casefold() in (
            cycle.names.province(pid, "th").casefold(),
            cycle.names.province(pid, "en").casefold(),
        ):
            return pid
    raise ReportError(
        f"province {given!r} is not in {cycle.path.name}; give its id (e.g. TH-24) or its name",
        code="unknown_province",
    )


@report.command("province")
@click.argument("results", type=RESULTS)
@click.option("--province", "provinces", multiple=True, help="Province id (TH-24) or name (repeatable).")
@click.option("--all", "all_provinces", is_flag=True, help="Every province of the cycle, into the -o folder.")
@click.option("-o", "--output", type=OUT, required=True, help="PDF file (one province) or folder.")
@_common
@click.option(
    "--letter",
    "letter_path",
    type=RESULTS,
    help="YAML file: number, date, sender, address, signatory, position, contact, recipient; "
    f"over the defaults of the file named by {LETTER_FILE_ENV} when set.",
)
@click.option("--digits", type=int, default=1, show_default=True, help="Decimals of printed scores.")
@click.option("--framework", help="Framework id or file, when not the one the results name.")
def province(
    results: Path,
    provinces: tuple[str, ...],
    all_provinces: bool,
    output: Path,
    lang: str,
    thai_digits: bool,
    letter_path: Path | None,
    digits: int,
    framework: str | None,
) -> None:
    """The letter to a province: its score, pillar and
    sub-indicator table, what to improve, national overview."""
    if not provinces and not all_provinces:
        raise click.UsageError("give --province ID (one or more) or --all")
    cycle = ReportCycle.load(results, framework=framework, use_answers=False)
    letter = _letter(letter_path)
    ids = sorted(province_scores(cycle)) if all_provinces else [_province_id(cycle, p) for p in provinces]
    single = len(ids) == 1 and not all_provinces and output.suffix.lower() == ".pdf"
    if not single:
        output.mkdir(parents=True, exist_ok=True)
    for pid in ids:
        pdf = render_province(cycle, pid, letter, lang=lang, thai_digits=thai_digits, digits=digits)
        target = output if single else output / report_name(pid, lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, pdf)
    click.echo(f"wrote {output if single else f'{len(ids)} letters into {output}'}")


@report.command("national")
@click.argument("results", type=RESULTS, nargs=-1, required=True)
@click.option("-o", "--output", type=OUT, required=True, help="PDF file to write.")
@_common
@click.option(
    "--top",
    type=click.IntRange(0, 100),
    default=10,
    show_default=True,
    help="Top agencies listed per tier (0: none, for a deck of aggregates only).",
)
@click.option("--criteria-only", "no_answers", is_flag=True, help="Leave out the answer distributions.")
@click.option("--framework", help="Framework id or file of every results file, when not the one they name.")
def national(
    results: tuple[Path, ...],
    output: Path,
    lang: str,
    thai_digits: bool,
    top: int,
    no_answers: bool,
    framework: str | None,
) -> None:
    """The national results deck (landscape): one results file per tier of the same cycle."""
    cycles = [ReportCycle.load(r, framework=framework, use_answers=not no_answers) for r in results]
    pdf = render_national(cycles, lang=lang, thai_digits=thai_digits, top=top)
    output.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(output, pdf)
    click.echo(f"wrote {output}")
