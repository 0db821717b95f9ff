"""The national results deck (seed 001): the 2562 figures reproduced from the deck's own numbers."""

from __future__ import annotations

import pytest

from dgmm.reports.cycle import ReportCycle
from dgmm.reports.render import render_national
from tests.reports.builders import SURVEY
from tests.reports.conftest import body_text, pdf_text, squash

S001 = SURVEY["S001_2562"]


@pytest.fixture(scope="module")
def deck(seed001: list[ReportCycle]) -> bytes:
    return render_national(seed001, lang="th")


def test_landscape_pages(deck: bytes) -> None:
    import subprocess

    info = subprocess.run(["pdfinfo", "-"], input=deck, capture_output=True, check=True).stdout.decode()
    w, h = (float(x) for x in info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert w > h


def test_response_rates_by_tier(deck: bytes) -> None:
    text = squash(body_text(deck))
    for row in S001["survey_targets"]["rows"][:3]:
        line = (
            f"จากที่สำรวจทั้งหมด{row['surveyed']:,}หน่วยงานมีตอบกลับทั้งสิ้น{row['responded']:,}หน่วยงาน"
            f"({row['response_rate_pct']:.1f}%)"
        )
        assert line in text, line


def test_scores_by_tier_and_their_change(deck: bytes) -> None:
    text = squash(body_text(deck))
    assert "หน่วยงานระดับกรมปี2562คะแนนรวม64.60ปี2561คะแนนรวม59.90(เปลี่ยนแปลง+4.70)" in text
    assert "หน่วยงานระดับจังหวัดปี2562คะแนนรวม51.09ปี2561คะแนนรวม42.30(เปลี่ยนแปลง+8.79)" in text
    table = [
        line.split()
        for line in pdf_text(deck, layout=True).splitlines()
        if line.strip().startswith("หน่วยงานระดับกรม")
    ]
    assert ["หน่วยงานระดับกรม", "64.60", "59.90", "+4.70"] in table


def test_fact_finding_with_respondents(deck: bytes) -> None:
    text = squash(body_text(deck))
    finding = next(f for f in S001["fact_findings"] if f["id"] == "1.1a")["results"]["dept"]
    assert f"หน่วยงานระดับกรม(จำนวนผู้ตอบ{finding['respondents']})" in text
    for c in finding["counts"]:
        share = c["count"] / finding["respondents"] * 100
        assert f"{c['option']['th']}{c['count']}หน่วยงาน({share:.1f}%)" in text
    assert "หมายเหตุ:ไม่ถามหน่วยงานระดับจังหวัด" in text  # the deck's own wording for a question not asked


def test_ministries_grid(deck: bytes) -> None:
    text = squash(body_text(deck))
    deps = S001["bcg_grouping"]["departments"]
    assert (
        f"มีจำนวนทั้งสิ้น{deps['included']}หน่วยงานคิดเป็นร้อยละ{deps['pct_included']:.2f}"
        f"จากจำนวนหน่วยงานที่ตอบแบบสำรวจทั้งสิ้น{deps['respondents']}หน่วยงาน" in text
    )
    bcg = S001["bcg_grouping"]["ministries"]
    assert (
        f"ค่าเฉลี่ยคะแนน{bcg['thresholds']['performance_mean']:.2f}ค่าเฉลี่ยการเติบโต+{bcg['thresholds']['growth_mean']:.2f}"
        in text
    )
    for q in bcg["quadrants"]:
        assert f"{squash(q['name'])}{q['count']}กระทรวง" in text
        for m in q["members"]:
            assert squash(m["th"]) in text


def test_top_agencies(deck: bytes) -> None:
    text = squash(body_text(deck))
    assert "หน่วยงานที่มีคะแนนสูงสุด:หน่วยงานระดับกรม" in text
    assert text.count("หน่วยงานที่มีคะแนนสูงสุด:") == 3


def test_english_deck(seed001: list[ReportCycle]) -> None:
    text = squash(body_text(render_national(seed001, lang="en")))
    assert "Of323agenciessurveyed,301answered(93.2%)" in text
    assert "Of1,858agenciessurveyed,1,659answered(89.3%)" in text
