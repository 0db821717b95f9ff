"""`dgmm score` and `dgmm explain` end to end on the small framework, and every bad-input case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dgmm.cli.main import cli
from tests.conftest import FIXTURES

MINI = str(FIXTURES / "mini.yaml")

AGENCIES = """id,name_th,name_en,tier,ministry,province,parent_id,agency_type
M1,กระทรวงหนึ่ง,Ministry One,department,MIN1,,,
D1,กรมหนึ่ง,Dept One,department,MIN1,,M1,
D2,กรมสอง,Dept Two,department,MIN1,,M1,
D3,กรมสาม,Dept Three,department,MIN1,,M1,
D4,กรมสี่,Dept Four,department,MIN2,,,
P1,คณะกรรมการ ๑,PCIO One,pcio,,Bueng Kan,D1,
"""

ANSWERS = """agency_id,input,value
M1,Q1,a
M1,Q2,no
M1,Q4,low
M1,Q5,10
M1,Q6,s0
D1,Q1,a|b|c
D1,Q2,yes
D1,Q3,some
D1,Q4,high
D1,Q5,90
D1,Q6,s3
D2,Q1,a|b
D2,Q2,yes
D2,Q3,all
D2,Q4,mid
D2,Q6,s1
D3,Q1,a
D3,Q2,no
D3,Q4,low
D3,Q6,s2
P1,Q1,a|b|c|d
P1,Q2,yes
P1,Q3,all
P1,Q4,high
P1,Q6,s3
"""


@pytest.fixture()
def cycle(tmp_path: Path) -> Path:
    (tmp_path / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    (tmp_path / "answers.csv").write_text(ANSWERS, encoding="utf-8")
    return tmp_path


def _score(
    d: Path, answers: str = "answers.csv", agencies: str = "agencies.csv", extra: tuple[str, ...] = ()
):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        cli,
        [
            "score",
            MINI,
            "--agencies",
            str(d / agencies),
            "--answers",
            str(d / answers),
            "-o",
            str(d / "out" / "results.json"),
            "--quiet",
            *extra,
        ],
    )


def test_score_writes_results_and_csv(cycle: Path) -> None:
    res = _score(cycle)
    assert res.exit_code == 0, res.output
    doc = json.loads((cycle / "out" / "results.json").read_text(encoding="utf-8"))
    assert (doc["format"], doc["format_version"], doc["framework"]["id"]) == ("dgmm-results", 1, "mini")
    by_id = {a["id"]: a for a in doc["agencies"]}
    # department and pcio are both tiers of the mini framework; D4 did not answer
    assert by_id["D4"]["status"] == "no_answers"
    assert doc["cohort"]["invited"] == 6 and doc["cohort"]["scored"] == 5
    # P1 inherits B.1.T1 from D1 (Q5 = 90 -> level 5)
    assert by_id["P1"]["topics"]["B.1.T1"] == {
        "score": 100.0,
        "level": 5,
        "status": "determined",
        "provenance": "parent:D1",
    }
    # D2's parent M1 did not answer Q5? it did (10 -> level 1): inherited from M1
    assert by_id["D2"]["topics"]["B.1.T1"]["level"] == 1
    # D4 has no parent: inherited topic undetermined
    ranks = sorted((a["rank"], a["id"]) for a in doc["agencies"] if a["rank"])
    assert ranks[0] == (1, "P1")
    assert doc["cohort"]["no1"] == "P1"
    assert doc["sources"]["answers"]["path"] == "../answers.csv"
    csv_text = (cycle / "out" / "results.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[0].startswith("agency_id,name_th,name_en,tier")
    assert len(csv_text.splitlines()) == 7


def test_explain_names_the_unmet_conditions(cycle: Path) -> None:
    assert _score(cycle).exit_code == 0
    res = CliRunner().invoke(cli, ["explain", str(cycle / "out" / "results.json"), "D2"])
    assert res.exit_code == 0, res.output
    assert "\nPlans\n" in res.output
    assert "to reach level 4: 3 plans" in res.output
    assert "Carry out 1 more in “Plans prepared” (now 2), from: Plan C; Plan D" in res.output
    th = CliRunner().invoke(
        cli, ["explain", str(cycle / "out" / "results.json"), "D2", "--lang", "th", "--json"]
    )
    data = json.loads(th.output)
    t1 = next(t for t in data["topics"] if t["topic"] == "A.1.T1")
    assert t1["steps"][0]["text_th"].startswith("ดำเนินการเพิ่มอีก 1 ข้อ")
    assert t1["steps"][0]["changes"] == [
        {"input": "Q1", "kind": "add", "from": ["a", "b"], "to": None, "items": ["c", "d"], "need": 1}
    ]


def test_explain_refuses_changed_answers(cycle: Path) -> None:
    assert _score(cycle).exit_code == 0
    (cycle / "answers.csv").write_text(ANSWERS + "D4,Q1,a\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["explain", str(cycle / "out" / "results.json"), "D2"])
    assert res.exit_code == 1
    assert "has changed since it was scored" in res.output


def test_unknown_agency_in_explain(cycle: Path) -> None:
    assert _score(cycle).exit_code == 0
    res = CliRunner().invoke(cli, ["explain", str(cycle / "out" / "results.json"), "NOPE"])
    assert res.exit_code == 1 and "agency 'NOPE' is not in these results" in res.output


@pytest.mark.parametrize(
    ("file", "content", "fragments"),
    [
        ("answers.csv", ANSWERS + "X9,Q1,a\n", ["answers.csv:27", "agency_id", "unknown agency 'X9'"]),
        ("answers.csv", ANSWERS + "D4,Q42,a\n", ["answers.csv:27", "input", "unknown input code 'Q42'"]),
        ("answers.csv", ANSWERS + "D4,Q1,a|zz\n", ["answers.csv:27", "value", "'zz' not among the options"]),
        ("answers.csv", ANSWERS + "D4,Q5,12,5\n", ["answers.csv:27", "the row has 4 cells", "double quotes"]),
        (
            "answers.csv",
            ANSWERS + "D4,Q5,abc\n",
            ["answers.csv:27", "value", "expected a number, found 'abc'"],
        ),
        (
            "answers.csv",
            ANSWERS + "D1,Q1,a\n",
            ["answers.csv:27", "duplicate answer of D1 to Q1 (first on row 7)"],
        ),
        ("answers.csv", "agency,input,value\n", ["missing column(s) agency_id"]),
        (
            "agencies.csv",
            AGENCIES.replace(
                "D2,กรมสอง,Dept Two,department,MIN1,,M1,", "D2,กรมสอง,Dept Two,department,MIN1,,D3,"
            ).replace(
                "D3,กรมสาม,Dept Three,department,MIN1,,M1,", "D3,กรมสาม,Dept Three,department,MIN1,,D2,"
            ),
            ["cycle in parent links", "D2 → D3 → D2"],
        ),
        (
            "agencies.csv",
            AGENCIES + "D1,ซ้ำ,Dup,department,,,,\n",
            ["agencies.csv:8", "duplicate agency id 'D1'"],
        ),
        ("agencies.csv", AGENCIES + "D9,ก,G,department,,,ZZ,\n", ["agencies.csv:8", "parent_id", "'ZZ'"]),
        (
            "agencies.csv",
            AGENCIES + "D9,ก,G,ministry,,,,\n",
            ["agencies.csv:8", "tier", "unknown tier 'ministry'"],
        ),
    ],
)
def test_bad_input_names_file_row_column_and_writes_nothing(
    cycle: Path, file: str, content: str, fragments: list[str]
) -> None:
    (cycle / file).write_text(content, encoding="utf-8")
    res = _score(cycle)
    assert res.exit_code == 1, res.output
    for fragment in fragments:
        assert fragment in res.output
    assert "Traceback" not in res.output
    assert not (cycle / "out").exists() or not any((cycle / "out").iterdir())


def test_existing_results_survive_a_failed_run(cycle: Path) -> None:
    assert _score(cycle).exit_code == 0
    before = (cycle / "out" / "results.json").read_bytes()
    (cycle / "answers.csv").write_text(ANSWERS + "D4,Q5,abc\n", encoding="utf-8")
    assert _score(cycle).exit_code == 1
    assert (cycle / "out" / "results.json").read_bytes() == before


def test_xlsx_input(cycle: Path) -> None:
    from openpyxl import Workbook

    for name, text in (("agencies", AGENCIES), ("answers", ANSWERS)):
        wb = Workbook()
        ws = wb.active
        for line in text.strip().splitlines():
            ws.append(line.split(","))
        wb.save(cycle / f"{name}.xlsx")
    res = _score(cycle, "answers.xlsx", "agencies.xlsx")
    assert res.exit_code == 0, res.output
    doc = json.loads((cycle / "out" / "results.json").read_text(encoding="utf-8"))
    assert doc["cohort"]["scored"] == 5


def test_growth_against_a_previous_cycle(cycle: Path) -> None:
    assert _score(cycle).exit_code == 0
    (cycle / "out" / "results.json").rename(cycle / "prev.json")
    better = ANSWERS.replace("D3,Q1,a\n", "D3,Q1,a|b|c|d\n")
    (cycle / "answers.csv").write_text(better, encoding="utf-8")
    res = _score(cycle, extra=("--previous", str(cycle / "prev.json")))
    assert res.exit_code == 0, res.output
    doc = json.loads((cycle / "out" / "results.json").read_text(encoding="utf-8"))
    d3 = next(a for a in doc["agencies"] if a["id"] == "D3")
    assert d3["growth"]["change"] > 0
    assert sum(doc["grid"]["agencies"]["counts"].values()) == 5
    assert {m["ministry"] for m in doc["grid"]["ministries"]} == {"MIN1"}


def test_unknown_framework_is_a_clear_error(cycle: Path) -> None:
    res = CliRunner().invoke(
        cli,
        [
            "score",
            "no-such-model",
            "--agencies",
            str(cycle / "agencies.csv"),
            "--answers",
            str(cycle / "answers.csv"),
            "-o",
            str(cycle / "r.json"),
        ],
    )
    assert res.exit_code == 1
    assert "unknown framework 'no-such-model'" in res.output


def test_usage_error_exit_code_2() -> None:
    assert CliRunner().invoke(cli, ["score"]).exit_code == 2


def test_questionnaire_json_and_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    res = CliRunner().invoke(cli, ["questionnaire", MINI, "--format", "json", "-o", str(tmp_path / "q.json")])
    assert res.exit_code == 0, res.output
    q = json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))
    codes = [
        i["code"] for p in q["pillars"] for sp in p["sub_pillars"] for t in sp["topics"] for i in t["inputs"]
    ]
    assert codes == ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7"]
    res = CliRunner().invoke(cli, ["questionnaire", MINI, "--format", "xlsx", "-o", str(tmp_path / "q.xlsx")])
    assert res.exit_code == 0, res.output
    ws = load_workbook(tmp_path / "q.xlsx").worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][5] == "code" and [r[5] for r in rows[1:]] == codes
    assert rows[3][11] == "ระดับการฝึกอบรม" and rows[3][10] == "Q2"
