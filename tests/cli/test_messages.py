"""What `dgmm` prints on bad input: the message as `file:row: column: what was expected`, never a class name,
a "did you mean" for a mistyped framework id, agency id or input code, and the exit codes 1 and 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dgmm.cli.main import cli
from tests.cli.test_score_cli import AGENCIES, ANSWERS, MINI

CLASS_NAME = re.compile(r"\b\w+Error:")


def score(tmp_path: Path, answers: str, framework: str = MINI) -> tuple[int, str]:
    (tmp_path / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    (tmp_path / "answers.csv").write_text(answers, encoding="utf-8")
    res = CliRunner().invoke(
        cli,
        [
            "score",
            framework,
            "--agencies",
            str(tmp_path / "agencies.csv"),
            "--answers",
            str(tmp_path / "answers.csv"),
            "-o",
            str(tmp_path / "out" / "r.json"),
            "--quiet",
        ],
    )
    return res.exit_code, res.output


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            ANSWERS + "D44,Q1,a\n",
            "answers.csv:27: agency_id: unknown agency 'D44': not in the agencies file (did you mean 'D4'?)",
        ),
        (
            ANSWERS + "D4,Q42,a\n",
            "answers.csv:27: input: unknown input code 'Q42' (did you mean 'Q4'?); framework",
        ),
        (
            ANSWERS + "D4,ZZZZZ,a\n",
            "answers.csv:27: input: unknown input code 'ZZZZZ'; framework",
        ),  # nothing close
    ],
)
def test_bad_rows_say_where_and_suggest_the_closest_id(tmp_path: Path, answers: str, expected: str) -> None:
    code, out = score(tmp_path, answers)
    assert code == 1
    assert expected in out
    assert out.startswith("Error: ") and not CLASS_NAME.search(out)


def test_a_mistyped_framework_id_is_suggested(tmp_path: Path) -> None:
    code, out = score(tmp_path, ANSWERS, framework="dept-2565")
    assert code == 1
    assert out == (
        "Error: unknown framework 'dept-2565' (did you mean 'dept-2566'?); shipped frameworks: "
        "dept-2566, pcio-2566, province-2560, province-2563 (or give a .yaml path)\n"
    )


def test_a_mistyped_agency_in_explain_is_suggested(tmp_path: Path) -> None:
    assert score(tmp_path, ANSWERS)[0] == 0
    res = CliRunner().invoke(cli, ["explain", str(tmp_path / "out" / "r.json"), "D11"])
    assert res.exit_code == 1
    assert res.output == "Error: agency 'D11' is not in these results (did you mean 'D1'?)\n"


def test_debug_still_shows_the_exception_and_usage_errors_keep_exit_code_2(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["--debug", "frameworks", "--json"])
    assert res.exit_code == 0
    bad = CliRunner().invoke(
        cli, ["score", "dept-2565", "--agencies", "a.csv", "--answers", "b.csv", "-o", "r.json"]
    )
    assert bad.exit_code == 1
    debug = CliRunner().invoke(
        cli, ["--debug", "score", "dept-2565", "--agencies", "a.csv", "--answers", "b.csv", "-o", "r.json"]
    )
    assert debug.exit_code == 1 and type(debug.exception).__name__ == "NotFoundError"
    assert CliRunner().invoke(cli, ["score", "dept-2566"]).exit_code == 2
