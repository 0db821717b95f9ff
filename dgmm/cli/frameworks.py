"""`dgmm frameworks` and `dgmm check-framework`: list shipped frameworks, validate a file."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from dgmm.errors import FrameworkError
from dgmm.framework.schema import Framework
from dgmm.loading import list_frameworks, load_framework


def summary(fw: Framework) -> dict[str, object]:
    """Counts and weights of one framework, as listed by `dgmm frameworks`."""
    topics = list(fw.iter_topics())
    return {
        "id": fw.id,
        "year": fw.year,
        "tiers": list(fw.tiers),
        "name_th": fw.name_th,
        "name_en": fw.name_en,
        "scored": fw.scored,
        "pillars": len(fw.pillars),
        "sub_pillars": len(fw.sub_pillars),
        "topics": len(topics),
        "inputs": len(fw.inputs),
        "weights": {k: round(v, 4) for k, v in fw.weights().items()},
    }


@click.command("frameworks")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def frameworks(as_json: bool) -> None:
    """List the shipped frameworks: id, year, tier, counts and pillar weights."""
    rows = [summary(fw) for fw in list_frameworks()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table("id", "year", "tier", "pillars", "sub-pillars", "topics", "inputs", "pillar weights (%)")
    for r in rows:
        weights = list(r["weights"].values())  # type: ignore[attr-defined]
        shown = "equal" if len(set(weights)) <= 1 else "/".join(f"{w:g}" for w in weights)
        table.add_row(
            str(r["id"]),
            str(r["year"]),
            ", ".join(r["tiers"]),  # type: ignore[arg-type]
            str(r["pillars"]),
            str(r["sub_pillars"]),
            str(r["topics"]),
            str(r["inputs"]),
            shown,
        )
    Console(width=max(Console().width, 110)).print(table)


@click.command("check-framework")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def check_framework(files: tuple[Path, ...]) -> None:
    """Validate framework files; print every problem with file, line and topic. Exit 1 on error."""
    failed = False
    for f in files:
        try:
            fw = load_framework(f)
        except FrameworkError as exc:
            failed = True
            click.echo(str(exc), err=True)
            continue
        s = summary(fw)
        click.echo(
            f"{f}: ok — {s['id']} ({s['year']}): {s['pillars']} pillars, {s['sub_pillars']} sub-pillars, "
            f"{s['topics']} topics, {s['inputs']} inputs"
        )
    if failed:
        raise SystemExit(1)
