"""Entry point of the `dgmm` command: the click group, and the one place errors become exit codes.

Exit codes: 0 success; 1 bad input (message on stderr, no traceback); 2 bad command line.
A message starts with ``Error:``, as click's own, never with an exception's class name.
`--debug` shows the traceback of a DgmmError; any other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from dgmm.errors import DgmmError

# One module per command family; each exposes a click command or group named in the tuple.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("dgmm.cli.frameworks", "frameworks"),
    ("dgmm.cli.frameworks", "check_framework"),
    ("dgmm.cli.questionnaire", "questionnaire_cmd"),
    ("dgmm.cli.simulate", "simulate"),
    ("dgmm.cli.score", "score"),
    ("dgmm.cli.score", "summary"),
    ("dgmm.cli.explain", "explain"),
    ("dgmm.cli.checks", "check_answers_cmd"),
    ("dgmm.cli.report", "report"),
    ("dgmm.cli.opendata", "aggregates"),
    ("dgmm.cli.opendata", "open_data"),
    ("dgmm.cli.whatif", "whatif"),
    ("dgmm.cli.whatif", "plan"),
)


class DgmmGroup(click.Group):
    """A click group that turns core errors into their message
    (``Error: file:row: column: ...``) and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DgmmError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"Error: {exc}", err=True)  # the message says what and where; the class name is ours
            ctx.exit(1)


@click.group(cls=DgmmGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
@click.version_option(package_name="dgmm")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """dgmm: digital-government maturity assessment.

    Frameworks as data, scoring, cohort statistics, explanations and reports.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _register() -> None:
    for module_name, attr in COMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # command family not installed in this build
            raise
        cli.add_command(getattr(module, attr))


_register()


def main() -> None:
    cli(prog_name="dgmm")


if __name__ == "__main__":  # pragma: no cover
    main()
