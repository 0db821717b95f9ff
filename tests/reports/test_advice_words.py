"""The agency report and `dgmm explain` give advice in words: no rule syntax, no input codes, Thai in Thai.

A department whose main service is already fully digital is advised to raise its overall digital
share (both years' figures), never to bring its main-service share under a band's upper bound; a
provincial CIO committee is told its parent department must act on the topics it inherits.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dgmm.answers import read_answers
from dgmm.cli.main import cli
from dgmm.cycle import score_cycle
from dgmm.loading import framework_path, load_framework
from dgmm.registry import Agency
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.render import render_agency
from dgmm.results import write_results
from tests.advice_words import leaks
from tests.reports.conftest import body_text, squash

# the main service is fully digital; the agency's digital share of all transactions fell (45 % -> 40 %)
DIGITAL = {
    "P4.4.main_service": "Licences",
    "P4.4.total_current": "1000",
    "P4.4.digital_current": "400",
    "P4.4.total_previous": "1000",
    "P4.4.digital_previous": "450",
    "P4.4.main_total_current": "50",
    "P4.4.main_digital_current": "50",
}
PLANS = {"P1.1.mission": "service", "P1.1": "1|2", "P1.3.ops": "1.1", "P1.5": "1"}


def _cycle(
    folder: Path, fw_id: str, rows: list[tuple[str, str, str]], answers: dict[str, dict[str, str]]
) -> Path:
    fw = load_framework(fw_id)
    agencies = folder / "agencies.csv"
    with agencies.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name_th", "name_en", "tier", "parent_id"])
        for i, tier, parent in rows:
            w.writerow([i, f"หน่วยงาน {i}", f"Agency {i}", tier, parent])
    path = folder / "answers.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["agency_id", "input", "value"])
        for a, vals in answers.items():
            for k, v in vals.items():
                w.writerow([a, k, v])
    regs = [
        Agency(id=i, tier=t, name_th=f"หน่วยงาน {i}", name_en=f"Agency {i}", parent_id=p) for i, t, p in rows
    ]
    doc = score_cycle(fw, regs, read_answers(path, fw, {i: t for i, t, _ in rows}))
    out, _ = write_results(
        doc,
        folder / "results.json",
        fw,
        sources={"framework": framework_path(fw_id), "agencies": agencies, "answers": path},
    )
    return out


@pytest.fixture(scope="module")
def dept(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _cycle(
        tmp_path_factory.mktemp("dept"),
        "dept-2566",
        [("d1", "department", ""), ("d2", "department", "")],
        {"d1": {**DIGITAL, **PLANS}, "d2": PLANS},
    )


@pytest.fixture(scope="module")
def pcio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    parent = {"P1.3.ops": "1.1|1.2", "P1.3.readiness": "1", "P2.7.1": "pd", "P2.7.2": "1|2"}
    return _cycle(
        tmp_path_factory.mktemp("pcio"),
        "pcio-2566",
        [("moi", "department", ""), ("p1", "pcio", "moi")],
        {"moi": parent, "p1": {"P1.1": "1"}},
    )


def _explain(results: Path, agency: str, lang: str) -> str:
    res = CliRunner().invoke(cli, ["explain", str(results), agency, "--lang", lang])
    assert res.exit_code == 0, res.output
    return res.output


def test_the_report_has_no_rule_text_nor_input_codes(dept: Path) -> None:
    fw = load_framework("dept-2566")
    for lang in ("th", "en"):
        text = body_text(render_agency(ReportCycle.load(dept), "d1", lang=lang))
        assert leaks(text, fw) == []
    en = squash(body_text(render_agency(ReportCycle.load(dept), "d1", lang="en")))
    assert "mustbebelow" not in en and "lessthan30" not in en and "mustnotincrease" not in en
    assert squash("higher than the share of “Digital transactions of the agency, previous year”") in en
    assert squash("now 40 % against 45 %") in en


def test_explain_has_no_rule_text_nor_input_codes_in_either_language(dept: Path) -> None:
    fw = load_framework("dept-2566")
    for lang in ("th", "en"):
        assert leaks(_explain(dept, "d1", lang), fw) == []
        assert leaks(_explain(dept, "d2", lang), fw) == []


def test_explain_in_thai_is_in_thai(dept: Path) -> None:
    th = _explain(dept, "d1", "th")
    assert "ระดับ" in th and "สู่ระดับ" in th and "ปัจจุบัน:" in th
    english = {w for w in re.findall(r"\b(?:level|why|to reach|now|determined|own|missing answer)\b", th)}
    assert english == set()


def test_a_fully_digital_main_service_is_advised_forward(dept: Path) -> None:
    en = _explain(dept, "d1", "en")
    block = (
        en[en.index("Promotion for Digital Service Usage") :].split("\n\n")[0]
        if "Promotion for Digital Service Usage" in en
        else en
    )
    assert "Make the share of “Digital transactions of the agency, current year”" in block
    assert "now 40 % against 45 %" in block
    assert "below" not in block and "must not" not in block


def test_inherited_topics_say_the_parent_department_must_act(pcio: Path) -> None:
    fw = load_framework("pcio-2566")
    en, th = _explain(pcio, "p1", "en"), _explain(pcio, "p1", "th")
    assert "the parent department must act" in en
    assert "หน่วยงานระดับกรมต้นสังกัดต้องเป็นผู้ดำเนินการ" in th
    assert leaks(en, fw) == [] and leaks(th, fw) == []
    pdf = squash(body_text(render_agency(ReportCycle.load(pcio), "p1", lang="en")))
    assert (
        squash("comes entirely from the parent department: the parent department must act to raise it") in pdf
    )
