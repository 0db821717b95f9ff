"""`dgmm score`: score a cycle from agencies and answers files; write results JSON and CSV."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dgmm.cohort.counting import DEFAULT_POLICY, POLICIES
from dgmm.loading import load_framework
from dgmm.pipeline import score_files
from dgmm.results import read_results
from dgmm.rounding import display

FILE = click.Path(exists=False, dir_okay=False, path_type=Path)


@click.command("score")
@click.argument("framework")
@click.option("--agencies", "agencies_path", type=FILE, required=True, help="agencies.csv or .xlsx")
@click.option(
    "--answers", "answers_path", type=FILE, required=True, help="answers.csv or .xlsx (long format)"
)
@click.option(
    "--sheet",
    help="Sheet of an answers workbook to read (default: the first with the answer columns, "
    "e.g. the answers sheet of a filled questionnaire).",
)
@click.option(
    "--previous", "previous_path", type=FILE, help="results.json of the previous cycle (growth grid)"
)
@click.option(
    "-o", "--output", type=FILE, required=True, help="results.json to write (results.csv beside it)"
)
@click.option(
    "--statuses",
    "statuses_path",
    type=FILE,
    help="CSV or XLSX of each agency's submission status (columns agency_id, status: not_started, "
    "in_progress, submitted, returned, approved): only answers that count under --policy are scored. "
    "Without it every agency counts.",
)
@click.option(
    "--policy",
    type=click.Choice(list(POLICIES)),
    default=DEFAULT_POLICY,
    show_default=True,
    help="With --statuses, whose answers count: submitted (submitted and approved), approved, or all "
    "(drafts included: not for official results).",
)
@click.option("--quiet", is_flag=True, help="No progress bar or summary.")
def score(
    framework: str,
    agencies_path: Path,
    answers_path: Path,
    sheet: str | None,
    previous_path: Path | None,
    output: Path,
    statuses_path: Path | None,
    policy: str,
    quiet: bool,
) -> None:
    """Score a cycle and compute its cohort statistics.

    FRAMEWORK is a shipped framework id (see `dgmm frameworks`) or a framework file. Nothing is
    written unless every row of both files is valid. The answers may be the workbook of
    `dgmm questionnaire --format xlsx`, filled: its answers sheet is found by its columns.
    """
    fw = load_framework(framework)
    console = Console(stderr=True, quiet=quiet)
    with Progress(
        TextColumn("scoring"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=quiet,
    ) as bar:
        task = bar.add_task("score", total=None)
        doc, json_path, csv_path = score_files(
            fw,
            agencies_path,
            answers_path,
            output,
            previous_path,
            progress=lambda n: bar.advance(task, n),
            on_cohort=lambda n: bar.update(task, total=n),
            answers_sheet=sheet,
            statuses_path=statuses_path,
            policy=policy,
        )
    if not quiet:
        c = doc["cohort"]
        all_ = c["all"]
        click.echo(
            f"{fw.id}: scored {c['scored']} of {c['invited']} agencies; national mean "
            f"{display(all_['overall'])}; wrote {json_path} and {csv_path}"
        )
        if c.get("policy"):
            unscored = {k: v for k, v in c["statuses"].items() if k != "scored"}
            click.echo(
                f"policy {c['policy']}: "
                + (
                    ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in unscored.items())
                    or "every agency scored"
                )
            )


@click.command("summary")
@click.argument("results", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--top", default=10, show_default=True, help="How many top agencies to list.")
def summary(results: Path, top: int) -> None:
    """Print a summary of a results file: cohort, pillar means, level distribution, groups, top agencies."""
    doc = read_results(results)
    fw = load_framework(doc["framework"]["id"])
    c = doc["cohort"]
    console = Console(width=max(Console().width, 110))
    console.print(
        f"[bold]{fw.name_en}[/bold] ({fw.id}): {c['scored']} of {c['invited']} agencies scored "
        f"({display(c['scored'] / c['invited'] * 100 if c['invited'] else 0.0, 1)}% response)"
    )
    pillars = Table("pillar", "name", "mean score", "agencies at level 1..5")
    levels = c["all"].get("levels", {})
    for p in fw.pillars:
        dist = levels.get(p.id, {})
        pillars.add_row(
            p.id,
            p.name_en,
            display(c["all"]["pillars"].get(p.id)),
            " / ".join(str(dist.get(str(lv), 0)) for lv in range(1, 6)),
        )
    dist = levels.get("overall", {})
    pillars.add_row(
        "overall",
        "",
        display(c["all"]["overall"]),
        " / ".join(str(dist.get(str(lv), 0)) for lv in range(1, 6)),
    )
    console.print(pillars)
    groups = Table("group", "from score", "agencies", "mean score")
    for g in fw.aggregation.groups:
        gs = c["groups"].get(g.id, {})
        cut = c["percentiles"].get(f"p{int(g.min_percentile)}") if g.min_percentile else None
        groups.add_row(
            g.name.en,
            display(cut) if cut is not None else "-",
            str(gs.get("count", 0)),
            display(gs.get("overall")),
        )
    console.print(groups)
    names = {g.id: g.name.en for g in fw.aggregation.groups}
    best = sorted((a for a in doc["agencies"] if a.get("rank")), key=lambda a: (a["rank"], a["id"]))[:top]
    table = Table("rank", "agency", "score", "level", "group")
    for a in best:
        table.add_row(
            str(a["rank"]),
            f"{a['id']} {a['name_th']}",
            display(a["overall"]["score"]),
            str(a["overall"]["level"] or "-"),
            names.get(a["group"], "-"),
        )
    console.print(table)
