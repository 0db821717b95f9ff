"""`dgmm score --statuses`: only answers that count are scored; `dgmm explain` agrees (DECISIONS §28)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from dgmm.cli.main import cli
from tests.cli.test_score_cli import AGENCIES, ANSWERS, MINI, _score, cycle  # noqa: F401  (the fixture)

STATUSES = """agency_id,status
M1,submitted
D1,in_progress
D2,submitted
D3,returned
D4,not_started
P1,approved
"""


def test_score_with_statuses_lists_the_agencies_whose_answers_do_not_count(cycle: Path) -> None:  # noqa: F811
    (cycle / "statuses.csv").write_text(STATUSES, encoding="utf-8")
    res = _score(cycle, extra=("--statuses", str(cycle / "statuses.csv")))
    assert res.exit_code == 0, res.output
    doc = json.loads((cycle / "out" / "results.json").read_text(encoding="utf-8"))
    by_id = {a["id"]: a for a in doc["agencies"]}
    assert {k: (a["status"], a["submission"]) for k, a in by_id.items()} == {
        "M1": ("scored", "submitted"),
        "D1": ("not_submitted", "in_progress"),
        "D2": ("scored", "submitted"),
        "D3": ("returned", "returned"),
        "D4": ("not_submitted", "not_started"),
        "P1": ("scored", "approved"),
    }
    assert doc["cohort"]["scored"] == 3 and doc["cohort"]["policy"] == "submitted"
    assert by_id["D1"]["rank"] is None and sorted(a["rank"] for a in by_id.values() if a["rank"]) == [1, 2, 3]
    # P1 inherits B.1.T1 from D1, which has not submitted: never read
    assert by_id["P1"]["topics"]["B.1.T1"]["reason"] == "parent_not_counted"
    assert by_id["P1"]["topics"]["B.1.T1"]["level"] is None
    assert by_id["D2"]["topics"]["B.1.T1"]["level"] == 1  # its parent M1 submitted
    assert doc["sources"]["statuses"]["path"] == "../statuses.csv"
    rows = {r["agency_id"]: r for r in csv.DictReader((cycle / "out" / "results.csv").open(encoding="utf-8"))}
    assert (rows["D3"]["status"], rows["D3"]["submission"], rows["D3"]["rank"]) == (
        "returned",
        "returned",
        "",
    )

    approved = _score(cycle, extra=("--statuses", str(cycle / "statuses.csv"), "--policy", "approved"))
    assert approved.exit_code == 0, approved.output
    doc = json.loads((cycle / "out" / "results.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in doc["agencies"] if a["status"] == "scored"] == ["P1"]
    assert {a["id"]: a["status"] for a in doc["agencies"]}["M1"] == "not_approved"


def test_explain_agrees_with_the_statuses(cycle: Path) -> None:  # noqa: F811
    (cycle / "statuses.csv").write_text(STATUSES, encoding="utf-8")
    assert _score(cycle, extra=("--statuses", str(cycle / "statuses.csv"))).exit_code == 0
    results = str(cycle / "out" / "results.json")
    res = CliRunner().invoke(cli, ["explain", results, "D1"])
    assert res.exit_code == 0 and "not submitted: the agency did not submit its answers" in res.output
    res = CliRunner().invoke(cli, ["explain", results, "P1", "--json"])
    t1 = next(t for t in json.loads(res.output)["topics"] if t["topic"] == "B.1.T1")
    assert t1["level"] is None  # D1's answers (Q5 = 90, level 5) are not read
    without = CliRunner().invoke(cli, ["explain", results, "D2", "--json"])
    assert next(t for t in json.loads(without.output)["topics"] if t["topic"] == "B.1.T1")["level"] == 1


def test_a_bad_statuses_file_is_refused_naming_the_row(cycle: Path) -> None:  # noqa: F811
    (cycle / "statuses.csv").write_text("agency_id,status\nD1,submited\nD1,approved\n,submitted\n", "utf-8")
    res = _score(cycle, extra=("--statuses", str(cycle / "statuses.csv")))
    assert res.exit_code != 0
    assert "statuses.csv:2: status: expected one of not_started" in res.output
    assert "(did you mean 'submitted'?)" in res.output
    assert "statuses.csv:3: agency_id: agency 'D1' is listed twice" in res.output
    assert "statuses.csv:4: agency_id: agency_id is empty" in res.output
    assert not (cycle / "out" / "results.json").exists()


def test_the_summary_line_names_the_policy(cycle: Path) -> None:  # noqa: F811
    (cycle / "statuses.csv").write_text(STATUSES, encoding="utf-8")
    res = CliRunner().invoke(
        cli,
        [
            "score",
            MINI,
            "--agencies",
            str(cycle / "agencies.csv"),
            "--answers",
            str(cycle / "answers.csv"),
            "--statuses",
            str(cycle / "statuses.csv"),
            "-o",
            str(cycle / "out" / "results.json"),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "policy submitted: 2 not submitted, 1 returned" in res.output


def test_whatif_never_reads_a_parent_whose_answers_do_not_count(tmp_path: Path) -> None:
    """The parent department is outside the results (a framework of the PCIO tier only): whether its
    answers count comes from the statuses the cycle was scored with, as the score and explain read it."""
    fw = tmp_path / "mini-pcio.yaml"
    text = Path(MINI).read_text(encoding="utf-8")
    fw.write_text(text.replace("tiers: [department, pcio]", "tiers: [pcio]"), encoding="utf-8")
    (tmp_path / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    (tmp_path / "answers.csv").write_text(ANSWERS, encoding="utf-8")
    (tmp_path / "statuses.csv").write_text(STATUSES, encoding="utf-8")  # D1 in progress: does not count
    out = tmp_path / "out" / "results.json"
    files = ("--agencies", str(tmp_path / "agencies.csv"), "--answers", str(tmp_path / "answers.csv"))
    statuses = ("--statuses", str(tmp_path / "statuses.csv"))
    res = CliRunner().invoke(cli, ["score", str(fw), *files, *statuses, "-o", str(out), "--quiet"])
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    (stored,) = doc["agencies"]
    assert stored["id"] == "P1" and stored["topics"]["B.1.T1"]["reason"] == "parent_not_counted"
    for args in (("whatif", str(out), "P1", "--set", "Q6=s3"), ("explain", str(out), "P1")):
        res = CliRunner().invoke(cli, [*args, "--json"])
        assert res.exit_code == 0, res.output
        data = json.loads(res.output)
        if args[0] == "whatif":
            (t1,) = [n for n in data["nodes"] if n["id"] == "B.1.T1"]
            assert (t1["score"], t1["level"]) == (None, None)  # D1's Q5 = 90 (level 5) is not read
            assert data["overall"]["score"] == stored["overall"]["score"]
        else:
            (t1,) = [t for t in data["topics"] if t["topic"] == "B.1.T1"]
            assert t1["level"] is None
