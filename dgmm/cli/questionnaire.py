"""`dgmm questionnaire`: the questionnaire of a framework as JSON or XLSX, Thai and English."""

from __future__ import annotations

import json
from pathlib import Path

import click

from dgmm.atomic import write_atomic
from dgmm.framework.schema import Framework
from dgmm.loading import load_framework
from dgmm.questionnaire import questionnaire as build_questionnaire
from dgmm.questionnaire import questionnaire_workbook


def _write_xlsx(fw: Framework, out: Path) -> None:
    """The questionnaire workbook, written whole or not at all."""
    write_atomic(out, questionnaire_workbook(fw))


@click.command("questionnaire")
@click.argument("framework")
@click.option("--format", "fmt", type=click.Choice(["json", "xlsx"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def questionnaire_cmd(framework: str, fmt: str, output: Path) -> None:
    """Write the questionnaire respondents fill for FRAMEWORK (Thai and English).

    The XLSX workbook's answers sheet is the form: the agency id in cell B1, an answer per input in
    the value column. `dgmm score` reads the filled workbook as the answers file.
    """
    fw = load_framework(framework)
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        output.write_text(json.dumps(build_questionnaire(fw), ensure_ascii=False, indent=2), encoding="utf-8")
    else:
        _write_xlsx(fw, output)
    click.echo(f"wrote {output} ({len(fw.inputs)} inputs)")
