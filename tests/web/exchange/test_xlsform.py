"""The XLSForm: converts with pyxform, maps every input type, translates applies_if, and its submissions
come back through the same checks as an answers file."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from dgmm import load_framework
from dgmm.web.cycles.models import Answer
from dgmm.web.exchange.relevant import RelevantTranslator, Untranslatable
from dgmm.web.exchange.xlsform import build_xlsform
from tests.web.conftest import ALL_TYPES
from tests.web.exchange.conftest import csv_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.db]
XF = "{http://www.w3.org/2002/xforms}"


def sheet(content: bytes, name: str) -> list[dict[str, str]]:
    ws = load_workbook(io.BytesIO(content))[name]
    rows = list(ws.iter_rows(values_only=True))
    return [{h: ("" if v is None else str(v)) for h, v in zip(rows[0], r, strict=False)} for r in rows[1:]]


def xform_of(content: bytes) -> str:
    warnings: list[str] = []
    xml = convert(content, warnings=warnings, file_type=".xlsx").xform
    assert not warnings, warnings
    return xml


def instance_paths(xml: str) -> list[str]:
    """'group/name' of every leaf of the form's main instance: the columns of a KoboToolbox export."""
    root = ET.fromstring(xml)
    data = next(iter(root.iter(f"{XF}instance")))[0]
    out = []

    def walk(el, prefix):
        for child in el:
            name = child.tag.split("}")[-1]
            if len(child):
                walk(child, [*prefix, name])
            elif name not in ("instanceID",):
                out.append("/".join([*prefix, name]))

    walk(data, [])
    return out


def test_the_form_converts_and_maps_every_input_type(world, client_for):
    response = client_for("resp_a1").get(f"/exchange/{world.cycle.code}/xlsform/pcio.xlsx")
    assert response.status_code == 200
    xml = xform_of(response.content)
    survey = {r["name"]: r for r in sheet(response.content, "survey")}
    types = {
        code: survey[code]["type"] for code in ("C1", "C2", "C3", "N1", "N2", "N3", "N4", "U1", "F1", "X1")
    }
    assert types == {
        "C1": "select_one ch_C1",
        "C2": "select_multiple ch_C2",
        "C3": "select_one ch_C3",
        "N1": "integer",
        "N2": "decimal",
        "N3": "decimal",
        "N4": "integer",
        "U1": "text",
        "F1": "file",
        "X1": "text",
    }
    rows = sheet(response.content, "survey")
    assert [r["type"] for r in rows if r["name"] in ("m_M1", "M1__r1", "M1__r2")] == [
        "begin group",
        "select_multiple cols_M1",
        "select_multiple cols_M1",
        "end group",
    ]
    assert survey["M1__r1"]["type"] == survey["M1__r2"]["type"] == "select_multiple cols_M1"
    assert (
        survey["N1"]["constraint"] == ". >= 0 and . <= 1000"
        and survey["N3"]["constraint"] == ". >= 0 and . <= 100"
    )
    assert "regex(" in survey["U1"]["constraint"]
    assert "A1" not in survey  # the analyst's check
    assert "S1" not in survey  # pcio-a1 takes S1 from its parent department
    assert (
        survey["C1"]["label::Thai (th)"] == "เลือกหนึ่งข้อ"
        and survey["C1"]["label::English (en)"] == "Choose one"
    )
    assert survey["agency_id"]["default"] == "pcio-a1"
    choices = sheet(response.content, "choices")
    assert [c["name"] for c in choices if c["list_name"] == "agencies"] == ["pcio-a1"]
    assert {c["name"] for c in choices if c["list_name"] == "ch_C2"} == {"x", "y", "z", "_none"}
    assert [c["name"] for c in choices if c["list_name"] == "ch_C3"] == ["yes", "no"]
    assert 'lang="Thai (th)"' in xml and 'lang="English (en)"' in xml
    assert set(sheet(response.content, "settings")[0]) >= {"form_id", "version", "default_language"}


def test_the_department_form_asks_the_inherited_input_and_an_analyst_lists_every_agency(world, client_for):
    content = client_for("analyst").get(f"/exchange/{world.cycle.code}/xlsform/department.xlsx").content
    xform_of(content)
    assert "S1" in {r["name"] for r in sheet(content, "survey")}
    assert [c["name"] for c in sheet(content, "choices") if c["list_name"] == "agencies"] == [
        "dept-a",
        "dept-b",
    ]
    assert client_for("resp_a1").get(f"/exchange/{world.cycle.code}/xlsform/local.xlsx").status_code == 404


def test_applies_if_becomes_relevant(world):
    fw = load_framework("dept-2566")
    form = build_xlsform(fw, "c2566", "department", [("d1", "กรม", "Dept")], has_parent=False)
    survey = {r["name"]: r for r in form.survey}
    assert survey["G3"]["relevant"] == "${G2} = 'yes'"
    assert survey["P2.8.2"]["relevant"] == (
        "(${P2.8.1} != '' and (${P2.8.1} = 'realtime' or ${P2.8.1} = 'daily' or "
        "${P2.8.1} = 'monthly' or ${P2.8.1} = 'quarterly' or ${P2.8.1} = 'yearly'))"
    )
    assert survey["P2.8.5"]["type"] == "select_multiple ch_P2_8_5"
    assert (
        survey["P5.3.1.other"]["relevant"]
        == "(${P5.3} = 'yes' and (${P5.3.1} != '' and selected(${P5.3.1}, '5')))"
    )
    translated = [c for c, i in fw.inputs.items() if i.applies_if and c in survey]
    assert translated and all(survey[c]["relevant"] for c in translated) and form.untranslated == []
    xml = xform_of(form.to_xlsx())
    bind = re.search(r'<bind nodeset="/data/t_P3_SP1_T1/G3"[^>]*>', xml)
    assert bind and "relevant=\" /data/t_P3_SP1_T1/G2  = 'yes'\"" in bind.group(0)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("C3", "${C3} = 'yes'"),
        ("not C3", "not(${C3} = 'yes')"),
        ("C1 == 'a' or N1 > 3", "((${C1} != '' and ${C1} = 'a') or (${N1} != '' and ${N1} > 3))"),
        ("C1 in {'a', 'b'}", "(${C1} != '' and (${C1} = 'a' or ${C1} = 'b'))"),
        ("'x' not in C2", "(${C2} != '' and not(selected(${C2}, 'x')))"),
        ("count(C2) >= 2", "(count-selected(${C2}) - if(selected(${C2}, '_none'), 1, 0)) >= 2"),
        (
            "count(C2, {'x', 'y'}) == 1",
            "(if(selected(${C2}, 'x'), 1, 0) + if(selected(${C2}, 'y'), 1, 0)) = 1",
        ),
        (
            "answered(U1) and N1 + N2 >= 10",
            "(${U1} != '' and (${N1} != '' and ${N2} != '' and (${N1} + ${N2}) >= 10))",
        ),
        ("all(C2)", "(selected(${C2}, 'x') and selected(${C2}, 'y') and selected(${C2}, 'z'))"),
    ],
)
def test_conditions_that_translate(rule, expected):
    fw = load_framework(ALL_TYPES)
    tr = RelevantTranslator({c: (c, i) for c, i in fw.inputs.items()})
    assert tr.translate(rule) == expected


@pytest.mark.parametrize(
    "rule",
    [
        "rank(C1) >= 2",
        "points(C2) > 1",
        "full_rows(M1) >= 1",
        "share(N1, N2) > 5",
        "N1 / N2 > 1",
        "A1",
        "max(N1, N2) > 3",
    ],
)
def test_conditions_that_do_not_translate(rule):
    fw = load_framework(ALL_TYPES)
    tr = RelevantTranslator({c: (c, i) for c, i in fw.inputs.items() if c != "A1" and i.type != "matrix"})
    with pytest.raises(Untranslatable):
        tr.translate(rule)


def test_the_form_notes_say_which_conditions_it_does_not_apply(world, tmp_path):
    text = (
        Path(ALL_TYPES)
        .read_text(encoding="utf-8")
        .replace(
            "{code: X1, type: text, required: false,",
            '{code: X1, type: text, required: false, applies_if: "rank(C1) == 2",',
        )
    )
    path = tmp_path / "conditions.yaml"
    path.write_text(text.replace("id: all-types", "id: all-types-conditions"), encoding="utf-8")
    form = build_xlsform(load_framework(path), "c2566", "pcio", [], has_parent=True)
    survey = {r["name"]: r for r in form.survey}
    assert form.untranslated == [("X1", "rank(C1) == 2", "rank()")]
    assert "X1: rank(C1) == 2" in survey["dgmm_notes"]["label::English (en)"]
    assert (
        survey["X1"]["relevant"] == ""
        and "answer only if: rank(C1) == 2" in survey["X1"]["hint::English (en)"]
    )
    xform_of(form.to_xlsx())


def submission_values(paths: list[str]) -> dict[str, str]:
    """A filled-in submission as ODK/Kobo export it (several choices separated by spaces)."""
    by_name = {
        "agency_id": "pcio-a1",
        "C1": "b",
        "C2": "x y",
        "C3": "yes",
        "N1": "12",
        "N2": "3.5",
        "N3": "55",
        "N4": "2560",
        "U1": "https://example.go.th",
        "F1": "plan.pdf",
        "X1": "ข้อความ",
        "M1__r1": "k1 k2",
        "M1__r2": "",
        "dgmm_cycle": "c2566",
    }
    return {p: by_name.get(p.split("/")[-1], "") for p in paths}


def test_a_submission_round_trips(world, client_for):
    xml = xform_of(client_for("resp_a1").get(f"/exchange/{world.cycle.code}/xlsform/pcio.xlsx").content)
    paths = instance_paths(xml)
    assert "t_P1_SP1_T1/C1" in paths and "t_P1_SP1_T3/m_M1/M1__r1" in paths
    values = submission_values(paths)
    headers = ["start", *paths, "_id", "_uuid", "_submission_time"]
    row = ["2024-01-01", *[values[p] for p in paths], "17", "uuid:1", "2024-01-02"]
    data = csv_bytes([row], header=tuple(headers))
    response = client_for("resp_a1").post(
        f"/exchange/{world.cycle.code}/submissions/?format=json",
        {"sub-file": SimpleUploadedFile("kobo.csv", data)},
    )
    assert response.status_code == 200, response.content
    assert response.json()["report"]["created"] == 11
    stored = dict(Answer.objects.filter(agency=world.pcio_a1).values_list("code", "value"))
    assert stored == {
        "C1": "b",
        "C2": "x|y",
        "C3": "yes",
        "N1": "12",
        "N2": "3.5",
        "N3": "55",
        "N4": "2560",
        "U1": "https://example.go.th",
        "F1": "plan.pdf",
        "X1": "ข้อความ",
        "M1": "r1:k1|r1:k2",
    }


def test_odk_central_headers_and_none_of_these(world):
    from dgmm.web.exchange.actions import ImportAnswers, import_scope
    from dgmm.web.exchange.xlsform import forms_for_cycle, submission_reader

    scope = import_scope(world.cycle, world.users["analyst"])
    rows_of = submission_reader(*forms_for_cycle(scope))
    headers = ("agency_id", "t_P1_SP1_T1-C1", "t_P1_SP1_T1-C2", "meta-instanceID")
    path = Path(__import__("tempfile").mkdtemp()) / "central.csv"
    path.write_bytes(
        csv_bytes([["pcio-b1", "a", "_none", "uuid:1"], ["pcio-a2", "b", "y z", "uuid:2"]], header=headers)
    )
    ImportAnswers(world.cycle, world.users["analyst"], path, "central.csv", rows_of=rows_of).execute()
    assert sorted(Answer.objects.values_list("agency__code", "code", "value")) == [
        ("pcio-a2", "C1", "b"),
        ("pcio-a2", "C2", "y|z"),
        ("pcio-b1", "C1", "a"),
        ("pcio-b1", "C2", ""),
    ]


def test_bad_submissions_are_reported_at_their_row_and_column(world, client_for):
    headers = ("agency_id", "t_P1_SP1_T1/C1", "t_P1_SP1_T2/N1", "t_P1_SP1_T4/S1", "dgmm_cycle")
    rows = [
        ["pcio-a1", "q", "7", "", "c2566"],  # row 2: unknown option
        ["pcio-a1", "a", "1", "", "c2566"],  # row 3: second submission of the agency
        ["pcio-b1", "a", "1", "", "c2566"],  # row 4: not the respondent's agency
        ["pcio-a1", "a", "1", "", "c2565"],  # row 5: another cycle's form
    ]
    response = client_for("resp_a1").post(
        f"/exchange/{world.cycle.code}/submissions/?format=json",
        {"sub-file": SimpleUploadedFile("sub.csv", csv_bytes(rows, header=headers))},
    )
    assert response.status_code == 400
    got = [(e["row"], e["column"], e["code"]) for e in response.json()["errors"]]
    assert got == [
        (2, "t_P1_SP1_T1/C1", "bad_value"),
        (3, "agency_id", "duplicate_submission"),
        (4, "agency_id", "out_of_scope"),
        (5, "dgmm_cycle", "wrong_cycle"),
    ]
    assert not Answer.objects.exists()
