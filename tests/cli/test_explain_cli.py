"""`dgmm explain` agrees with the results file, the agency report and the web page (DECISIONS §26).

P2 is a PCIO under D1 that answered nothing itself: its only row answers an input it inherits from
D1, which is never its own answer. P3 has only an analyst check.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dgmm import read_results
from dgmm.cli.main import cli
from dgmm.cohort.counting import WHY_NOT_SCORED
from tests.cli.test_score_cli import AGENCIES, ANSWERS, MINI

SILENT = (
    AGENCIES
    + "P2,คณะกรรมการ ๒,PCIO Two,pcio,,Bueng Kan,D1,\nP3,คณะกรรมการ ๓,PCIO Three,pcio,,Bueng Kan,D1,\n"
)


@pytest.fixture()
def results(tmp_path: Path) -> Path:
    (tmp_path / "agencies.csv").write_text(SILENT, encoding="utf-8")
    (tmp_path / "answers.csv").write_text(
        ANSWERS.replace("agency_id,input,value", "agency_id,input,value,source")
        .replace("\n", ",\n")
        .replace("value,source,", "value,source")
        + "P2,Q5,50,agency\nP3,Q6,s3,analyst\n",
        encoding="utf-8",
    )
    out = tmp_path / "out" / "results.json"
    res = CliRunner().invoke(
        cli,
        [
            "score",
            MINI,
            "--agencies",
            str(tmp_path / "agencies.csv"),
            "--answers",
            str(tmp_path / "answers.csv"),
            "-o",
            str(out),
            "--quiet",
        ],
    )
    assert res.exit_code == 0, res.output
    return out


@pytest.mark.parametrize("agency_id", ["P2", "P3"])
def test_an_agency_that_answered_nothing_itself_has_no_answers_everywhere(
    results: Path, tmp_path: Path, agency_id: str
) -> None:
    rec = next(a for a in read_results(results)["agencies"] if a["id"] == agency_id)
    assert (rec["status"], rec["overall"], rec["topics"]) == ("no_answers", None, {})
    text = CliRunner().invoke(cli, ["explain", str(results), agency_id])
    assert text.exit_code == 0 and "no answers" in text.output and "level" not in text.output
    data = json.loads(CliRunner().invoke(cli, ["explain", str(results), agency_id, "--json"]).output)
    assert (data["status"], data["topics"]) == ("no_answers", [])
    pdf = CliRunner().invoke(
        cli, ["report", "agency", str(results), "--agency", agency_id, "-o", str(tmp_path / "r.pdf")]
    )
    why = WHY_NOT_SCORED["no_answers"]["en"]
    assert pdf.exit_code == 1 and why in pdf.output and why in text.output  # the same words in both
    assert not (tmp_path / "r.pdf").exists()


def test_the_child_that_answered_is_explained_with_its_parents_answers(results: Path) -> None:
    data = json.loads(CliRunner().invoke(cli, ["explain", str(results), "P1", "--json"]).output)
    t = next(t for t in data["topics"] if t["topic"] == "B.1.T1")
    assert (t["level"], t["provenance"]) == (5, "parent:D1")  # D1's Q5 = 90


@pytest.mark.parametrize(
    ("lang", "says"),
    [("en", "the level will be known once these are answered:"), ("th", "ระดับจะระบุได้เมื่อตอบข้อ:")],
)
def test_an_undetermined_topic_names_the_questions_that_decide_it_in_words(lang: str, says: str) -> None:
    from dgmm import explain_agency, load_framework, parse_answers
    from dgmm.cli.explain import explanation_lines

    fw = load_framework("dept-2566")
    # regular daily updating: levels 3 to 5 hang on the update time (P2.8.2), which is unanswered
    e = explain_agency(fw, parse_answers(fw, {"P2.8.1": "daily"}))["P2.SP4.T1"]
    assert e.status == "undetermined" and [c for c, _ in e.decided_by] == ["P2.8.2"]
    line = next(x for x in explanation_lines(e, lang) if says in x)
    assert fw.inputs["P2.8.2"].label.get(lang) in line and "P2.8.2" not in line
