"""Agency import from CSV/XLSX: every row checked (with the core's checks) before anything is saved."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dgmm.web.registry.models import Agency
from dgmm.web.registry.permissions import AgencyPolicy

pytestmark = [pytest.mark.django_db, pytest.mark.db]

HEADER = "id,name_th,name_en,tier,ministry,province,parent_id,agency_type\n"


def post(client, name, content):
    return client.post(reverse("registry:import"), {"file": SimpleUploadedFile(name, content)})


def test_csv_import_creates_updates_and_links_parents(world, client_for):
    csv = (
        HEADER + "dept-c,กรมซี,Department C,department,MOI,,,department\n"
        "pcio-c1,คณะกรรมการซีหนึ่ง,PCIO C1,pcio,MOI,TH-50,dept-c,pcio\n"
        "pcio-a1,ชื่อใหม่,PCIO A1 renamed,pcio,MOI,TH-50,dept-a,pcio\n"
    )
    response = post(client_for("analyst"), "agencies.csv", csv.encode())
    assert response.status_code == 302
    assert Agency.objects.get(code="pcio-c1").parent.code == "dept-c"
    assert Agency.objects.get(code="pcio-a1").name_en == "PCIO A1 renamed"


def test_xlsx_import(world, client_for):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    ws.append(["dept-x", "กรมเอ็กซ์", "Department X", "department", "MOF", "", "", "department"])
    buf = io.BytesIO()
    wb.save(buf)
    assert post(client_for("analyst"), "agencies.xlsx", buf.getvalue()).status_code == 302
    assert Agency.objects.filter(code="dept-x", ministry__code="MOF").exists()


def test_every_problem_is_listed_and_nothing_is_saved(world, client_for):
    csv = (
        HEADER + "dept-c,กรมซี,Department C,department,MOI,,,\n"
        "bad-1,,No Thai name,planet,XXX,TH-99,nowhere,\n"
        "dept-c,ซ้ำ,Duplicate,department,MOI,,,\n"
    )
    response = post(client_for("analyst"), "agencies.csv", csv.encode())
    assert response.status_code == 400
    html = response.content.decode()
    for text in ("unknown tier", "unknown ministry", "unknown province", "Thai name", "duplicate", "nowhere"):
        assert text in html, text
    assert not Agency.objects.filter(code__in=["dept-c", "bad-1"]).exists()


def test_policy_visible_sets(world):
    def codes(user):
        return set(AgencyPolicy(world.users[user]).visible().values_list("code", flat=True))

    everyone = {"dept-a", "dept-b", "pcio-a1", "pcio-a2", "pcio-b1"}
    assert codes("analyst") == everyone and codes("admin") == everyone
    assert codes("parent_a") == {"dept-a", "pcio-a1", "pcio-a2"}
    assert codes("resp_a1") == {"pcio-a1"}
    assert AgencyPolicy(world.users["resp_a1"]).can_answer(world.pcio_a1)
    assert not AgencyPolicy(world.users["parent_a"]).can_answer(world.pcio_a1)
