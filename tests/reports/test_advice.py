"""Advice true to the agency's own answers (DECISIONS §16): never what the agency already does."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from dgmm.answers import read_answers
from dgmm.cycle import score_cycle
from dgmm.loading import load_framework
from dgmm.registry import Agency
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.render import render_agency
from dgmm.results import write_results
from tests.conftest import FIXTURES
from tests.reports.conftest import body_text, squash


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> ReportCycle:
    """Four agencies on the mini framework; d1 has chosen plans A and B (level 3 of A.1.T1)."""
    folder = tmp_path_factory.mktemp("advice")
    fw = load_framework(FIXTURES / "mini.yaml")
    agencies = folder / "agencies.csv"
    rows = [("d1", "department"), ("d2", "department"), ("d3", "department"), ("d4", "department")]
    with agencies.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name_th", "name_en", "tier"])
        for i, t in rows:
            w.writerow([i, f"หน่วยงาน {i}", f"Agency {i}", t])
    answers = folder / "answers.csv"
    values = {
        "d1": {"Q1": "a|b", "Q2": "yes", "Q3": "some", "Q4": "mid", "Q6": "s1"},
        "d2": {"Q1": "a", "Q2": "no", "Q4": "low", "Q6": "s0"},
        "d3": {"Q1": "a|b|c|d", "Q2": "yes", "Q3": "all", "Q4": "high", "Q6": "s3"},
        "d4": {"Q1": "c", "Q2": "yes", "Q3": "none", "Q4": "mid", "Q6": "s2"},
    }
    with answers.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["agency_id", "input", "value"])
        for a, vals in values.items():
            for k, v in vals.items():
                w.writerow([a, k, v])
    regs = [Agency(id=i, tier=t, name_th=f"หน่วยงาน {i}", name_en=f"Agency {i}") for i, t in rows]
    doc = score_cycle(fw, regs, read_answers(answers, fw, dict(rows)))
    out, _ = write_results(
        doc, folder / "results.json", fw, sources={"agencies": agencies, "answers": answers}
    )
    return ReportCycle.load(out, framework=FIXTURES / "mini.yaml")


def test_advice_lists_only_unmet_choices(cycle: ReportCycle) -> None:
    text = squash(body_text(render_agency(cycle, "d1", lang="en")))
    # level 3 (plans A and B); level 4 needs 3 plans: choose 1 more of C, D -- never A or B again
    assert "Plans(fromlevel3tolevel4):3plans" in text
    assert "Carryout1morein“Plansprepared”(now2),from:PlanC;PlanD" in text
    assert "from:PlanA" not in text and "PlanB;PlanC" not in text
    assert "Currentanswer:Plansprepared:PlanA;PlanB" in text
    # the executive topic: level 3 (some staff trained); level 5 needs all staff
    assert "Move“Trainingreach”to:Allstaff(now:Somestaff)" in text


def test_agency_at_the_top_gets_no_advice_for_that_topic(cycle: ReportCycle) -> None:
    text = squash(body_text(render_agency(cycle, "d3", lang="en")))
    assert "Carryout" not in text
    assert "Thisisthehighestlevelofthe" in text


def test_criteria_only_report_says_so(cycle: ReportCycle) -> None:
    text = squash(body_text(render_agency(cycle, "d1", lang="en", criteria_only=True)))
    assert "madewithouttheagency'sanswers" in text
    assert "Carryout" not in text


def test_changed_answers_file_is_refused(cycle: ReportCycle, tmp_path: Path) -> None:
    from dgmm.reports.errors import ReportError

    doc = json.loads(cycle.path.read_text(encoding="utf-8"))
    doc["sources"]["answers"]["sha256"] = hashlib.sha256(b"other").hexdigest()
    (tmp_path / "results.json").write_text(json.dumps(doc), encoding="utf-8")
    for f in ("agencies.csv", "answers.csv"):
        (tmp_path / f).write_bytes((cycle.path.parent / f).read_bytes())
    changed = ReportCycle.load(tmp_path / "results.json", framework=FIXTURES / "mini.yaml")
    with pytest.raises(ReportError, match="has changed"):
        render_agency(changed, "d1")
