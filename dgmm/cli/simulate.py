"""`dgmm simulate`: write a synthetic national survey cycle (agencies.csv, answers.csv) for a framework."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from dgmm.framework.schema import TIERS

# Survey population per tier (survey_method.md §2): about 320 departments, 19 provincial agencies
# in each of 76 provinces, 76 PCIO committees, about 7,850 local administrative organisations.
DEFAULT_AGENCIES = {"department": 320, "provincial": 76 * 19, "pcio": 76, "local": 7850}
PROGRESS_FROM = 5000  # show a progress bar from this many agencies on


class _Bar:
    """A rich progress bar on stderr, started on the first report."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.progress: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.progress = Progress(
                TextColumn(self.label),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task(self.label, total=total)
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@click.command("simulate")
@click.argument("framework")
@click.option(
    "-n",
    "--agencies",
    type=click.IntRange(min=0),
    default=None,
    help="Agencies of the tier to simulate. Default: the survey's population "
    "(department 320, provincial 1444, pcio 76, local 7850).",
)
@click.option(
    "-s",
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="Random seed; the same seed gives the same files byte for byte.",
)
@click.option(
    "--tier",
    type=click.Choice(TIERS),
    default=None,
    help="Tier to simulate, for a framework with several. Default: the framework's first tier.",
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, dir_okay=True, writable=True, path_type=Path),
    help="Folder to write agencies.csv and answers.csv into (created if missing).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help=f"Show a progress bar. Default: for {PROGRESS_FROM:,} agencies or more.",
)
def simulate(
    framework: str, agencies: int | None, seed: int, tier: str | None, out_dir: Path, progress: bool | None
) -> None:
    """Simulate a national survey cycle of FRAMEWORK (a shipped framework id or a .yaml file).

    Agencies come from the registry: real departments first, then numbered simulated ones;
    provincial agencies (19 types in each of 76 provinces) and PCIO committees come with the
    parent departments that answer for them. Answers follow each agency's latent maturity
    and the framework's options, bounds and applies_if conditions; about 5 % of agencies
    answer nothing and about 3 % leave some inputs blank.

    Writes OUT/agencies.csv (id,name_th,name_en,tier,ministry,province,parent_id,agency_type)
    and OUT/answers.csv (agency_id,input,value), each replaced only once complete.

    \b
    Example:
      dgmm simulate dept-2566 --agencies 320 --seed 7 -o out/sim
    """
    from dgmm.loading import load_framework
    from dgmm.simulate import simulate_cycle, write_csv

    fw = load_framework(framework)
    target = tier or (fw.tiers[0] if fw.tiers else "department")
    n = DEFAULT_AGENCIES.get(target, 320) if agencies is None else agencies
    bar = _Bar(f"Simulating {fw.id}") if (progress if progress is not None else n >= PROGRESS_FROM) else None
    try:
        cycle = simulate_cycle(fw, n, seed, tier=tier, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    try:
        agencies_path, answers_path = write_csv(cycle, out_dir)
    except OSError as exc:
        raise click.FileError(str(out_dir), hint=exc.strerror or str(exc)) from exc
    counts = {"full": 0, "partial": 0, "none": 0}
    cohort = [a for a in cycle.agencies if a["tier"] == cycle.tier]
    for a in cohort:
        counts[a["response"]] += 1
    parents = len(cycle.agencies) - len(cohort)
    with_parents = f" (+{parents} parent department{'s' if parents != 1 else ''})" if parents else ""
    click.echo(
        f"{fw.id}: simulated {len(cohort):,} {cycle.tier} agencies{with_parents}, seed {seed}: "
        f"{counts['full']:,} answered, {counts['partial']:,} in part, {counts['none']:,} not at all; "
        f"{cycle.answer_count:,} answers -> {agencies_path}, {answers_path}"
    )
