"""The improvement plan's context and PDF, from a plan given as data: items grouped by the crosswalk's PMQA
4.0 categories (an item under each category it serves, the unlinked under their own heading), typed
text the font lacks still printed, the cover and every page laid out inside the page."""

from __future__ import annotations

import datetime as dt

from dgmm.framework.schema import Text
from dgmm.loading import load_framework
from dgmm.pmqa import load_crosswalk
from dgmm.reports import PlanLine, PlanSource, render_plan
from dgmm.reports.context import Style
from dgmm.reports.context.plan import plan_context
from tests.reports.conftest import pdf_text, squash
from tests.reports.pdfglyphs import drawn_glyphs
from tests.reports.test_page_gallery import layout, outside, overlapping


def source() -> PlanSource:
    fw = load_framework("dept-2566")
    return PlanSource(
        framework=fw,
        agency_id="dept-x",
        agency_name=Text("กรมตัวอย่าง", "Example Department"),
        tier="department",
        year=2567,
        lines=[
            PlanLine(
                "P1.SP1.T1",
                2,
                4,
                Text("“ข้อ 1”: ไม่มี → มี\nจัดอบรม 🙂", "“Item 1”: none → some\nTraining 🙂"),
                ("PMQA2.1", "PMQA4.4"),
                "กองยุทธศาสตร์",
                "นายสมชาย",
                dt.date(2025, 9, 30),
                "in_progress",
            ),
            PlanLine("P1.SP2.T1", None, 3, Text("ตั้งทีม", "Set up a team"), (), "", "", None, "planned"),
        ],
    )


def test_items_are_grouped_by_the_crosswalks_categories() -> None:
    ctx = plan_context(source(), Style(lang="en"))
    cats = {c.id: c for c in load_crosswalk().pmqa.categories}
    titles = [g["title"] for g in ctx["groups"]]
    assert titles == [
        f"Category 2: {cats['PMQA2'].name.en}",
        f"Category 4: {cats['PMQA4'].name.en}",
        "Not linked to a PMQA 4.0 item",
    ]
    first, second, unlinked = ctx["groups"]
    assert [r["topic"].split()[0] for r in first["rows"]] == ["P1.SP1.T1"]
    assert first["rows"][0]["pmqa"] == [
        f"PMQA2.1 {next(i for i in cats['PMQA2'].items if i.id == 'PMQA2.1').name.en}"
    ]
    assert second["rows"][0]["pmqa"][0].startswith("PMQA4.4 ")
    assert unlinked["rows"][0]["owner"] == "–" and unlinked["rows"][0]["due"] == "–"
    row = first["rows"][0]
    assert row["due"] == "30 September 2025" and row["status"] == "In progress"
    assert row["actions"] == ["“Item 1”: none » some", "Training ?"]  # what the font cannot draw
    assert ctx["projection"]["shown"] is False and "no answer changes" in ctx["projection"]["note"]


def test_the_thai_plan_prints_and_lays_out() -> None:
    pdf = render_plan(source(), lang="th")
    text = squash(pdf_text(pdf))
    for words in ("กรมตัวอย่าง", "30 กันยายน 2568", "นายสมชาย", "กองยุทธศาสตร์", "กำลังดำเนินการ", "ตั้งทีม"):
        assert squash(words) in text, words
    assert squash("จากผลการสำรวจประจำปี 2567") in text
    assert drawn_glyphs(pdf).notdef() == 0
    for page in layout(pdf):
        assert outside(page) == [] and overlapping(page) == [], page.number
