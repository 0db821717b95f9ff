"""The plan as PDF and XLSX: the plan view's checks, the projection of the saved items (the core's), the
items by PMQA 4.0 category with owners and Buddhist-era due dates, inert spreadsheet cells, and a shipped
framework (dept-2566) whose categories come from the real crosswalk."""

from __future__ import annotations

import io
import subprocess
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from dgmm.pmqa import load_crosswalk
from dgmm.reports.context.plan import due_text
from dgmm.web.cycles.actions import CloseCycle, PublishCycle
from dgmm.web.cycles.models import AuditEntry, Cycle, CycleFramework, Participation
from dgmm.web.plans.downloads import plan_items, plan_source
from dgmm.web.plans.models import PlanItem
from dgmm.web.plans.planner import planner_for
from tests.reports.conftest import pdf_text, squash
from tests.reports.pdfglyphs import drawn_glyphs
from tests.reports.test_page_gallery import layout, outside, overlapping
from tests.web.cycles.test_submission import fill
from tests.web.plans.test_plans import core_projection, url
from tests.web.submitted import submit_everyone

pytestmark = [pytest.mark.django_db, pytest.mark.db]

OWNER_TH = "นางสาวสมศรี ตั้งใจดี"
UNIT_TH = "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร"
DUE = date(2027, 3, 31)


def _save_plan(world, client_for, owner=OWNER_TH, unit=UNIT_TH):
    r = client_for("resp_a1").post(
        url(),
        {
            "mode": "changes",
            "tick": ["N3"],
            "value-N3": "85",
            "save": "1",
            "owner": owner,
            "responsible_unit": unit,
            "due_date": DUE.isoformat(),
        },
    )
    assert r.status_code == 302
    return PlanItem.objects.get()


def _get(client, name, lang="th", **kw):
    return client.get(url(name, **kw) + f"?lang={lang}")


def test_the_pdf_prints_the_items_owner_and_buddhist_era_due_date(published, client_for, tmp_path):
    item = _save_plan(published, client_for)
    r = _get(client_for("resp_a1"), "pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf", r.content[:800]
    assert 'filename="plan-c2566-pcio-a1-th.pdf"' in r["Content-Disposition"]
    pdf = r.content
    assert pdf.startswith(b"%PDF")
    text = squash(pdf_text(pdf))
    assert squash(OWNER_TH) in text and squash(UNIT_TH) in text
    assert squash("31 มีนาคม 2570") in text and "2027" not in text  # Buddhist era in Thai
    # the actions in Thai words (the font has no arrow: the change is printed with »)
    assert squash(item.actions_th.splitlines()[0].replace("→", "»")) in text
    assert "P1.SP1.T2" in text and squash("รายการในแผน") in text
    assert drawn_glyphs(pdf).notdef() == 0  # no empty boxes
    for page in layout(pdf):
        assert outside(page) == [] and overlapping(page) == [], page.number
    # page 1 drawn to an image: the cover is not blank
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", "-singlefile", "-", str(tmp_path / "p1")],
        input=pdf,
        check=True,
    )
    png = (tmp_path / "p1.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 2000
    assert AuditEntry.objects.filter(target__contains="plan-c2566-pcio-a1-th.pdf").exists()


def test_the_english_pdf_prints_the_common_era(published, client_for):
    _save_plan(published, client_for, owner="Ms Somsri", unit="ICT centre")
    text = squash(pdf_text(_get(client_for("resp_a1"), "pdf", lang="en").content))
    assert "31March2027" in text and "MsSomsri" in text and "ImprovementPlan" in text


def test_the_plans_projection_is_the_cores(published, client_for):
    """The PDF's radar and figures come from the projection of the saved items' changes, made by the
    core's WhatIf.project: the same as projecting those changes from scratch."""
    item = _save_plan(published, client_for)
    p = planner_for(published.users["resp_a1"], "c2566", "pcio-a1")
    src = plan_source(p, plan_items(p))
    core = core_projection(published, {"N3": "85"})
    assert src.projection is not None and src.projection.as_dict() == core.as_dict()
    assert src.projection.level_of("P1.SP1.T2") == item.target_level
    text = pdf_text(_get(client_for("resp_a1"), "pdf", lang="en").content)
    from dgmm.reports.fmt import score

    assert score(core.overall.projected_score) in text and score(core.overall.score) in text
    item.status = "dropped"
    item.save()
    src = plan_source(p, plan_items(p))
    assert src.projection is None  # a dropped item's changes are not projected


def test_a_stale_change_is_said_not_projected(published, client_for):
    item = _save_plan(published, client_for)
    item.changes = {"S1": 90}  # answered by the parent department: not the agency's to change
    item.save()
    text = squash(pdf_text(_get(client_for("resp_a1"), "pdf", lang="en").content))
    assert squash("no longer apply") in text and "S1" in text


def test_the_xlsx_holds_the_items_and_its_cells_are_inert(published, client_for):
    evil = '=HYPERLINK("http://evil.example","click")'
    _save_plan(published, client_for, owner=evil, unit="@SUM(1+1)")
    r = _get(client_for("resp_a1"), "xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    row = {h: c for h, c in zip(header, ws[2], strict=True)}
    assert row["ผู้รับผิดชอบ"].value == "'" + evil and row["ผู้รับผิดชอบ"].data_type == "s"
    assert row["หน่วยงานที่รับผิดชอบ"].value == "'@SUM(1+1)"
    assert row["รหัสประเด็น"].value == "P1.SP1.T2"
    assert row["กำหนดเสร็จ"].value.date() == DUE
    assert row["ระดับเป้าหมาย"].value.startswith("5")
    for cells in ws.iter_rows():
        for c in cells:
            assert c.data_type != "f", c.coordinate  # no formula anywhere
    proj = wb.worksheets[1]
    assert proj.max_row > 2 and proj["A1"].value == "ตัวชี้วัดหลัก"


def test_who_may_download(published, client_for, client):
    _save_plan(published, client_for)
    for name in ("resp_a1", "parent_a", "analyst"):
        c = client_for(name)
        assert _get(c, "pdf").status_code == 200, name
        assert _get(c, "xlsx").status_code == 200, name
    for name in ("resp_b1", "parent_b"):
        c = client_for(name)
        assert _get(c, "pdf").status_code == 404, name
        assert _get(c, "xlsx").status_code == 404, name
    assert _get(client, "pdf").status_code in (302, 404)
    assert _get(client, "xlsx").status_code in (302, 404)


def test_the_plan_page_links_to_the_downloads(published, client_for):
    _save_plan(published, client_for)
    html = client_for("resp_a1").get(url()).content.decode()
    assert url("pdf") in html and url("xlsx") in html


@pytest.fixture
def dept_published(world):
    """dept-a answering the shipped dept-2566 questionnaire (part of it), closed and published."""
    now = timezone.now()
    cycle = Cycle.objects.create(
        code="c-dept",
        year=2566,
        name_th="กรม 2566",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
        status="open",
    )
    CycleFramework.objects.create(cycle=cycle, tier="department", framework="dept-2566")
    for a in (world.dept_a, world.dept_b):
        Participation.objects.create(cycle=cycle, agency=a)
    world.cycle = cycle
    fill(world, world.dept_a, "resp_dept_a", {"P1.1.mission": "service", "P1.1": "1"})
    world.users["resp_dept_b"] = world.users["parent_b"]
    submit_everyone(cycle)
    CloseCycle(cycle, world.users["analyst"]).execute()
    PublishCycle(cycle, world.users["analyst"]).execute()
    cycle.refresh_from_db()
    return world


def test_a_shipped_framework_prints_the_crosswalks_categories(dept_published, client_for):
    c = client_for("resp_dept_a")
    plan_url = reverse("plans:plan", kwargs={"cycle": "c-dept", "agency": "dept-a"})
    everything = "|".join(str(n) for n in range(1, 13))
    r = c.post(
        plan_url,
        {"mode": "changes", "tick": ["P1.1"], "value-P1.1": everything, "save": "1", "owner": OWNER_TH},
    )
    assert r.status_code == 302, r.content.decode()[:500]
    item = PlanItem.objects.get(topic="P1.SP1.T1")
    assert item.pmqa_items  # from the crosswalk
    assert item.changes == {"P1.1": sorted(everything.split("|"))}  # a multiple choice, stored as a list
    cw = load_crosswalk()
    wanted = {i.id: c for c in cw.pmqa.categories for i in c.items}
    categories = {wanted[x] for x in item.pmqa_items}
    text = squash(pdf_text(c.get(url("pdf", cycle="c-dept", agency="dept-a") + "?lang=th").content))
    for cat in categories:
        assert squash(f"หมวด {cat.id.removeprefix('PMQA')} {cat.name.th}") in text
    for x in item.pmqa_items:
        assert squash(next(i.name.th for i in wanted[x].items if i.id == x)) in text
    assert squash(due_text(None, "th")) in text and squash(OWNER_TH) in text
    wb = load_workbook(io.BytesIO(c.get(url("xlsx", cycle="c-dept", agency="dept-a") + "?lang=en").content))
    ws = wb.worksheets[0]
    header = [cell.value for cell in ws[1]]
    row = dict(zip(header, [cell.value for cell in ws[2]], strict=True))
    assert row["PMQA 4.0 category"].split("\n") == [
        f"Category {cat.id.removeprefix('PMQA')}: {cat.name.en}"
        for cat in cw.pmqa.categories
        if cat in categories
    ]
    assert row["PMQA 4.0 item"].split("\n")[0].startswith(item.pmqa_items[0])
