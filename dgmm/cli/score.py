"""`dgmm score`: score a cycle from agencies and answers files; write results JSON and CSV."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dgmm.answers import read_answers
from dgmm.cycle import score_cycle
from dgmm.loading import load_framework
from dgmm.registry import read_agencies
from dgmm.results import read_results, write_results
from dgmm.scoring.rounding import display

FILE = click.Path(exists=False, dir_okay=False, path_type=Path)


@click.command("score")
@click.argument("framework")
@click.option("--agencies", "agencies_path", type=FILE, required=True, help="agencies.csv or .xlsx")
@click.option("--answers", "answers_path", type=FILE, required=True, help="answers.csv or .xlsx (long format)")
@click.option("--previous", "previous_path", type=FILE, help="results.json of the previous cycle (growth grid)")
@click.option("-o", "--output", type=FILE, required=True, help="results.json to write (results.csv beside it)")
@click.option("--quiet", is_flag=True, help="No progress bar or summary.")
def score(framework: str, agencies_path: Path, answers_path: Path, previous_path: Path | None, output: Path,
          quiet: bool) -> None:
    """Score a cycle and compute its cohort statistics.

    FRAMEWORK is a shipped framework id (see `dgmm frameworks`) or a framework file. Nothing is
    written unless every row of both files is valid.
    """
    fw = load_framework(framework)
    agencies = read_agencies(agencies_path)
    tiers = {a.id: a.tier for a in agencies}
    answers = read_answers(answers_path, fw, tiers)
    previous = read_results(previous_path) if previous_path else None
    in_tier = sum(1 for a in agencies if a.tier in fw.tiers)
    console = Console(stderr=True, quiet=quiet)
    with Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=quiet) as bar:
        task = bar.add_task("score", total=in_tier)
        doc = score_cycle(fw, agencies, answers, previous, progress=lambda n: bar.advance(task, n))
    json_path, csv_path = write_results(doc, output, fw, sources={
        "framework": fw.path, "agencies": agencies_path, "answers": answers_path, "previous": previous_path})
    if not quiet:
        c = doc["cohort"]
        all_ = c["all"]
        click.echo(f"{fw.id}: scored {c['scored']} of {c['invited']} agencies; national mean "
                   f"{display(all_['overall'])}; wrote {json_path} and {csv_path}")
