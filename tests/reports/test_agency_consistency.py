"""Every generated sentence of the agency report comes from the numbers of the table beside it.

Read from the rendered PDF of simulated agencies (province-2563, scored by the core against a
previous cycle): the comparison sentences of each pillar page against that page's table, the summary
against the overview tiles and pillar table, and the change since last year against its table.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from dgmm.reports.cycle import ReportCycle
from dgmm.reports.render import render_agency
from tests.reports.conftest import body_text, squash

VAL = r"(\d+\.\d\d%|–)"
NOTE = r"(?:ไม่รวมอยู่ในMaturitymodel|ไม่สามารถระบุได้)?"
WHO = {
    "group": "คะแนนเฉลี่ยหน่วยงานระดับจังหวัดในกลุ่มเดียวกัน",
    "parent": "คะแนนเฉลี่ยหน่วยงานระดับจังหวัดภายใต้กรมต้นสังกัด",
    "no1": "คะแนนหน่วยงานระดับจังหวัดอันดับ1",
}


def num(v: str) -> Decimal | None:
    return None if v == "–" else Decimal(v.rstrip("%"))


@pytest.fixture(scope="module")
def cycle(simulated: Path) -> ReportCycle:
    return ReportCycle.load(simulated)


@pytest.fixture(scope="module")
def reports(cycle: ReportCycle) -> dict[str, str]:
    picked = [a["id"] for a in cycle.scored if a.get("growth")][:3]
    assert picked
    return {a: squash(body_text(render_agency(cycle, a, lang="th"))) for a in picked}


def test_pillar_comparison_sentences_match_the_pillar_table(
    cycle: ReportCycle, reports: dict[str, str]
) -> None:
    fw = cycle.framework
    checked = 0
    for text in reports.values():
        for n, p in enumerate(fw.pillars, start=1):
            page = text[text.index(squash(f"Pillar {n}: {p.name_th} ({p.name_en})")) :]
            page = page[: page.index(f"ความพร้อมของหน่วยงานจากPillar{n}") + 4000]
            rows = {}
            for sp in p.sub_pillars:
                m = re.search(re.escape(squash(sp.name_th)) + NOTE + VAL * 4, page)
                assert m, (p.id, sp.name_th)
                rows[squash(sp.name_th)] = [num(g) for g in m.groups()]
            total = re.search(f"รวมPillar{n}" + VAL * 4, page)
            assert total
            for col, which in ((1, "group"), (2, "parent"), (3, "no1")):
                m = re.search(
                    re.escape(WHO[which])
                    + r"\((\d+\.\d\d%)\)ตัวชี้วัดย่อยที่มีคะแนนสูงกว่าได้แก่(.*?)(?=เมื่อเปรียบเทียบ|ข้อเสนอแนะ|$)",
                    page,
                )
                if m is None:
                    continue  # comparator not disclosed: the sentence says so instead
                assert m.group(1) == total.group(col + 1)  # the sentence's comparator value is the table's
                items = m.group(2).removeprefix("ตัวชี้วัดย่อย")
                listed = dict(re.findall(r"([^(),]+?)\((\d+\.\d\d)%\)", items))
                for name, cells in rows.items():
                    own, other = cells[0], cells[col]
                    if name in listed:
                        assert (
                            Decimal(listed[name]) == own
                            and own is not None
                            and other is not None
                            and own > other
                        )
                    elif own is not None and other is not None:
                        assert own <= other, (name, own, other)
                    checked += 1
    assert checked > 50


def test_summary_matches_tiles_and_pillar_table(cycle: ReportCycle, reports: dict[str, str]) -> None:
    for agency_id, text in reports.items():
        rec = cycle.agency(agency_id)
        score = re.search(r"มีคะแนนรวม(\d+\.\d\d)คะแนน", text)
        assert score and score.group(1) in text[: text.index("มีคะแนนรวม")]  # the overall-score tile
        group = re.search(r"คะแนนเฉลี่ยของหน่วยงานระดับจังหวัดในกลุ่มเดียวกัน\((\d+\.\d\d)\)", text)
        if group:
            # the same-group tile, printed as the overall score is: a plain score, no % sign
            assert re.search(f"ในกลุ่มเดียวกัน{re.escape(group.group(1))}(?![%0-9])", text)
        for m in re.finditer(r"(?:โดดเด่นที่สุดคือ|ลำดับถัดมาคือ|ต่ำที่สุดคือ)Pillar(\d):[^()]*\((\d+\.\d\d)\)", text):
            pid = f"P{m.group(1)}"
            assert f"{rec['pillars'][pid]['score']:.2f}" == m.group(2) or abs(
                Decimal(m.group(2)) - Decimal(str(rec["pillars"][pid]["score"]))
            ) < Decimal("0.006")
            assert re.search(f"Pillar{m.group(1)}:[^%]*?{re.escape(m.group(2))}%", text)  # the pillar table


def test_change_since_last_year_matches_its_table(reports: dict[str, str]) -> None:
    for text in reports.values():
        m = re.search(r"(เพิ่มขึ้น|ลดลง)(\d+\.\d\d)คะแนนจาก(\d+\.\d\d)ในรอบก่อนเป็น(\d+\.\d\d)ในรอบนี้", text)
        assert m, "change sentence"
        row = re.search(r"คะแนนรวม(\d+\.\d\d)(\d+\.\d\d)([+-]\d+\.\d\d)", text)
        assert row and row.group(1) == m.group(3) and row.group(2) == m.group(4)
        assert row.group(3) == ("+" if m.group(1) == "เพิ่มขึ้น" else "-") + m.group(2)


def test_radar_chart_is_embedded(cycle: ReportCycle) -> None:
    pdf = render_agency(cycle, cycle.scored[0]["id"], lang="th")
    assert b"/Subtype /Form" in pdf or b"/Subtype/Form" in pdf  # the matplotlib chart, embedded as a form
    text = squash(body_text(pdf))
    assert "หน่วยงานของท่าน" in text  # the chart legend, shaped Thai text inside the chart
