"""`dgmm explain`: per topic, an agency's level, provenance, why, and what would reach the next level."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from dgmm.advice import explain_agency
from dgmm.answers import read_answers
from dgmm.errors import ResultsError
from dgmm.inheritance import answers_of
from dgmm.loading import load_framework
from dgmm.registry import read_agencies
from dgmm.results import agency, read_results, source_path

NO_ANSWERS = {"en": "no answers: the agency answered nothing itself in this cycle, so it is not scored",
              "th": "ไม่มีคำตอบ: หน่วยงานไม่ได้ตอบแบบสำรวจในรอบนี้ จึงไม่มีผลการประเมิน"}


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
def explain(results: Path, agency_id: str, lang: str, as_json: bool) -> None:
    """Explain an agency's result: per topic the level, provenance, why, and what would reach the next level.

    Re-reads the agencies and answers files named in RESULTS (and checks they are unchanged).
    """
    doc = read_results(results)
    rec = agency(doc, agency_id)
    fw = load_framework(_source(doc, "framework"))
    agencies = read_agencies(_source(doc, "agencies"))
    answers = read_answers(_source(doc, "answers"), fw, {a.id: a.tier for a in agencies})
    name = rec["name_th"] if lang == "th" else (rec["name_en"] or rec["name_th"])
    if rec["status"] != "scored":  # DECISIONS §26: not scored, nothing inherited is shown as its level
        if as_json:
            click.echo(json.dumps({"agency": agency_id, "status": rec["status"], "topics": []}, indent=2))
        else:
            click.echo(f"{agency_id} {name}\n  {NO_ANSWERS[lang]}")
        return
    a = answers_of(answers, agency_id, rec.get("parent_id"))
    ex = explain_agency(fw, a.own, a.parent, a.analyst, parent_id=a.parent_id, has_parent=a.has_parent,
                        parent_analyst=a.parent_analyst)
    if as_json:
        click.echo(json.dumps({"agency": agency_id, "status": rec["status"], "topics": [e.as_dict() for e in ex.values()]},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{agency_id} {name}")
    for e in ex.values():
        level = e.level if e.level is not None else ("—" if e.status == "no_level" else "?")
        click.secho(f"\n{e.topic_id}  {e.name.get(lang)}", bold=True)
        click.echo(f"  level {level} ({e.status}, {e.provenance})")
        if e.criterion.get(lang):
            click.echo(f"  why: {e.criterion.get(lang)}")
        for code, label in e.missing:
            click.echo(f"  missing answer: {code} {label.get(lang)}")
        if e.reason == "parent_missing":
            click.echo("  the parent department has not answered these items")
        if e.next_level:
            click.echo(f"  to reach level {e.next_level}: {e.next_criterion.get(lang)}")
            for u in e.unmet:
                click.echo(f"    - {u.text_th if lang == 'th' else u.text_en}")
                now = u.current_th if lang == "th" else u.current_en
                if now:
                    click.echo(f"      now: {now}")
