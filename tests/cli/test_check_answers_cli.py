"""`dgmm check-answers`: doubtful answers listed per agency, as text and JSON, with previous results."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dgmm.cli.main import cli

AGENCIES = """id,name_th,name_en,tier,ministry,province,parent_id,agency_type
D1,กรมหนึ่ง,Dept One,department,MIN1,,,
D2,กรมสอง,Dept Two,department,MIN1,,,
"""

# D1 claims an Agency Data Catalog while saying its Data Catalog is not prepared, and links a system
# to others that it says it has no digital system for; D2's answers agree with each other.
ANSWERS = """agency_id,input,value
D1,P2.3.catalog,yes
D1,P2.1.1.catalog,none
D1,P5.2.agency,receive|send
D1,P5.2.central,receive|send
D2,P2.3.catalog,yes
D2,P2.1.1.catalog,published
D2,P5.2.agency,receive
"""

PREVIOUS = """agency_id,input,value
D1,P5.2.agency,receive
D1,P5.2.central,
D2,P5.2.agency,receive
"""


def _files(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    answers = tmp_path / "answers.csv"
    answers.write_text(ANSWERS, encoding="utf-8")
    return tmp_path / "agencies.csv", answers


def test_lists_flags_per_agency_and_exits_0(tmp_path: Path) -> None:
    _, answers = _files(tmp_path)
    result = CliRunner().invoke(cli, ["check-answers", "dept-2566", "--answers", str(answers)])
    assert result.exit_code == 0, result.output
    assert "D1" in result.output
    assert "open-data-catalog-without-data-catalog" in result.output
    assert "P2.1.1.catalog = none; P2.3.catalog = yes" in result.output  # framework order
    assert "D2\n" not in result.output
    assert "dept-2566: 1 flag(s) on 1 of 2 agencies checked" in result.output


def test_strict_exits_1_when_flagged(tmp_path: Path) -> None:
    _, answers = _files(tmp_path)
    result = CliRunner().invoke(cli, ["check-answers", "dept-2566", "--answers", str(answers), "--strict"])
    assert result.exit_code == 1
    quiet = tmp_path / "quiet.csv"
    quiet.write_text("\n".join(ANSWERS.splitlines()[:1] + ANSWERS.splitlines()[5:]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check-answers", "dept-2566", "--answers", str(quiet), "--strict"])
    assert result.exit_code == 0, result.output
    assert "0 flag(s) on 0 of 1 agencies checked" in result.output


def test_previous_results_flag_a_jump_of_two_levels(tmp_path: Path) -> None:
    agencies, answers = _files(tmp_path)
    prev_answers = tmp_path / "prev-answers.csv"
    prev_answers.write_text(PREVIOUS, encoding="utf-8")
    prev = tmp_path / "prev.json"
    scored = CliRunner().invoke(
        cli,
        [
            "score",
            "dept-2566",
            "--agencies",
            str(agencies),
            "--answers",
            str(prev_answers),
            "-o",
            str(prev),
            "--quiet",
        ],
    )
    assert scored.exit_code == 0, scored.output
    result = CliRunner().invoke(
        cli,
        [
            "check-answers",
            "dept-2566",
            "--answers",
            str(answers),
            "--agencies",
            str(agencies),
            "--previous",
            str(prev),
            "--json",
            "--lang",
            "th",
        ],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["agencies_checked"] == 2
    [d1] = doc["agencies"]
    assert d1["id"] == "D1"
    rose = [f for f in d1["flags"] if f["check"] == "level-rose-two-or-more"]
    assert [(f["topic"], f["values"]) for f in rose] == [
        ("P5.SP1.T3", {"level(P5.SP1.T3)": 5, "previous_level(P5.SP1.T3)": 2})
    ]
    assert rose[0]["message_th"].startswith("ระดับของหัวข้อนี้")


def test_bad_answers_file_is_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("agency_id,input,value\nD1,P2.3.catalog,perhaps\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check-answers", "dept-2566", "--answers", str(bad)])
    assert result.exit_code == 1
    assert "Error:" in result.output
    assert "P2.3.catalog" in result.output
