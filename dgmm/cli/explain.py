"""`dgmm explain`: per topic, an agency's level, provenance, why, and what would reach the next level."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from dgmm.advice import TopicExplanation, explain_from
from dgmm.answers import read_answers
from dgmm.cohort.counting import WHY_NOT_SCORED
from dgmm.errors import ResultsError
from dgmm.loading import load_framework
from dgmm.registry import read_agencies
from dgmm.results import agency, counting_of, read_results, source_path
from dgmm.rules.words import PHRASES, say


def _source(doc: dict[str, Any], key: str) -> Path:
    path = source_path(doc, key)
    if path is None:
        raise ResultsError(f"the results file does not name its {key} file; score it again with `dgmm score`")
    return path


@click.command("explain")
@click.argument("results", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("agency_id")
@click.option("--lang", type=click.Choice(["th", "en"]), default="en", show_default=True, help="Language.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--sheet", help="Sheet of the answers workbook, when it was scored with `dgmm score --sheet`.")
def explain(results: Path, agency_id: str, lang: str, as_json: bool, sheet: str | None) -> None:
    """Explain an agency's result: per topic the level, provenance, why, and what would reach the next level.

    Re-reads the agencies and answers files named in RESULTS (and checks they are unchanged).
    """
    doc = read_results(results)
    rec = agency(doc, agency_id)
    fw = load_framework(_source(doc, "framework"))
    agencies = read_agencies(_source(doc, "agencies"))
    answers = read_answers(_source(doc, "answers"), fw, {a.id: a.tier for a in agencies}, sheet=sheet)
    name = rec["name_th"] if lang == "th" else (rec["name_en"] or rec["name_th"])
    if rec["status"] != "scored":  # DECISIONS §27: not scored, nothing inherited is shown as its level
        if as_json:
            click.echo(json.dumps({"agency": agency_id, "status": rec["status"], "topics": []}, indent=2))
        else:
            why = WHY_NOT_SCORED.get(rec["status"], WHY_NOT_SCORED["no_answers"])
            click.echo(f"{agency_id} {name}\n  {why[lang]}")
        return
    parent_id = rec.get("parent_id") or None
    if parent_id and not counting_of(doc).counts(parent_id):
        answers = answers.without(parent_id)  # a parent whose answers do not count is never read (§28)
    ex = explain_from(fw, answers, agency_id, parent_id)
    if as_json:
        click.echo(
            json.dumps(
                {"agency": agency_id, "status": rec["status"], "topics": [e.as_dict() for e in ex.values()]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(f"{agency_id} {name}")
    for e in ex.values():
        click.secho(f"\n{e.name.get(lang)}", bold=True)
        for line in explanation_lines(e, lang):
            click.echo(line)


def explanation_lines(e: TopicExplanation, lang: str) -> list[str]:
    """One topic's explanation as indented lines of words (no rule text, no input codes)."""
    level = e.level if e.level is not None else ("—" if e.status == "no_level" else "?")
    source = "parent" if e.by_parent else ("analyst" if e.provenance == "analyst" else "own")
    status = say(f"x.status.{e.status}").get(lang) if f"x.status.{e.status}" in PHRASES else e.status
    head = say("x.level", level=level, status=status, source=say(f"x.source.{source}"))
    out = [f"  {head.get(lang)}"]
    if e.criterion.get(lang):
        out.append(f"  {say('x.why', text=e.criterion).get(lang)}")
    out += [f"  {say('x.missing', label=label).get(lang)}" for _, label in e.missing]
    if e.decided_by:
        labels = "; ".join(label.get(lang) for _, label in e.decided_by)
        out.append(f"  {say('x.decided_by', labels=labels).get(lang)}")
    if e.reason == "parent_missing":
        out.append(f"  {say('x.parent_missing').get(lang)}")
    if e.next_level:
        out.append(f"  {say('x.next', level=e.next_level, text=e.next_criterion).get(lang)}")
        if e.by_parent:
            out.append(f"    {say('x.parent_acts' if e.steps else 'x.parent_acts.short').get(lang)}")
        for s in e.steps:
            out.append(f"    - {s.text.get(lang)}")
            if s.current.get(lang):
                out.append(f"      {say('x.now', text=s.current).get(lang)}")
    return out
