"""`dgmm check-answers`: the framework's consistency checks on an answers file, one agency at a time.

Exit codes: 0 when the check ran, whether or not it found doubtful answers (a flag is a doubt for a
person to look at, never an error); with ``--strict``, 1 when any agency is flagged. Bad input is 1
and a bad command line 2, as for every command (`dgmm.cli.main`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import click

from dgmm.answers import read_answers
from dgmm.checks import Flag, check_agency, previous_levels
from dgmm.loading import load_framework
from dgmm.registry import read_agencies
from dgmm.results import read_results

FILE = click.Path(exists=False, dir_okay=False, path_type=Path)


class _AnyAgency(Mapping[str, str]):
    """Without an agencies file: every agency named in the answers is of the framework's tier."""

    def __init__(self, tier: str) -> None:
        self.tier = tier

    def __getitem__(self, key: str) -> str:
        return self.tier

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def _shown(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "|".join(map(str, value)) or "(none)"
    if isinstance(value, dict):
        return "|".join(f"{r}:{c}" for r, cols in value.items() for c in cols) or "(none)"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@click.command("check-answers")
@click.argument("framework")
@click.option(
    "--answers", "answers_path", type=FILE, required=True, help="answers.csv or .xlsx (long format)"
)
@click.option(
    "--agencies",
    "agencies_path",
    type=FILE,
    help="agencies.csv or .xlsx: parents for inherited topics (default: every agency of the answers "
    "is of the framework's tier, without a parent)",
)
@click.option("--sheet", help="Sheet of an answers workbook to read.")
@click.option(
    "--previous",
    "previous_path",
    type=FILE,
    help="results.json of the previous cycle: without it, checks on previous levels are undetermined",
)
@click.option("--lang", type=click.Choice(["th", "en"]), default="en", show_default=True, help="Language.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--strict", is_flag=True, help="Exit 1 when any answers are flagged.")
def check_answers_cmd(
    framework: str,
    answers_path: Path,
    agencies_path: Path | None,
    sheet: str | None,
    previous_path: Path | None,
    lang: str,
    as_json: bool,
    strict: bool,
) -> None:
    """List doubtful answers: the framework's consistency checks that hold, per agency.

    FRAMEWORK is a shipped framework id or a framework file. Checks on evidence are undetermined here
    (the command line knows no evidence files), and so are checks on answers still to come.
    """
    fw = load_framework(framework)
    parents: dict[str, str] = {}
    if agencies_path is not None:
        agencies = read_agencies(agencies_path)
        tiers: Mapping[str, str] = {a.id: a.tier for a in agencies}
        parents = {a.id: a.parent_id for a in agencies if a.parent_id}
    else:
        tiers = _AnyAgency(fw.tiers[0])
    answers = read_answers(answers_path, fw, tiers, sheet=sheet)
    previous = read_results(previous_path) if previous_path is not None else None
    in_tier = set(fw.tiers)
    ids = sorted(a for a in answers.own if agencies_path is None or tiers[a] in in_tier)
    flagged: list[tuple[str, list[Flag]]] = []
    for agency_id in ids:
        flags = check_agency(
            fw,
            answers,
            agency_id,
            parents.get(agency_id),
            previous=previous_levels(previous, agency_id) if previous is not None else None,
        )
        if flags:
            flagged.append((agency_id, flags))
    count = sum(len(f) for _, f in flagged)
    if as_json:
        doc = {
            "framework": fw.id,
            "agencies_checked": len(ids),
            "flags": count,
            "agencies": [{"id": a, "flags": [f.as_dict() for f in flags]} for a, flags in flagged],
        }
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for agency_id, flags in flagged:
            click.secho(agency_id, bold=True)
            for f in flags:
                topics = ", ".join(f.topics)
                click.echo(f"  {f.severity}  {f.key}  ({topics})")
                click.echo(f"    {f.message.get(lang)}")
                click.echo("    " + "; ".join(f"{name} = {_shown(v)}" for name, v in f.values))
        click.echo(f"{fw.id}: {count} flag(s) on {len(flagged)} of {len(ids)} agencies checked")
    if strict and count:
        raise SystemExit(1)
