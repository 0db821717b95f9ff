"""Answers files: checked in full by the core, saved in
one transaction, scoped, versioned, locked, audited."""

from __future__ import annotations

import pytest
from django.utils import translation

from dgmm import AnswerError
from dgmm.web.actions import ActionPermissionError
from dgmm.web.cycles.actions import SaveAnswer
from dgmm.web.cycles.models import Answer, AuditEntry, ParticipationStatus
from dgmm.web.exchange.actions import import_upload

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def state():
    return sorted(Answer.objects.values_list("agency__code", "code", "source", "value", "version"))


def problems_of(exc):
    return [(p.file, p.line, p.where, p.code) for p in exc.value.problems]


def test_an_analyst_imports_for_several_agencies(world, upload):
    rows = [
        ["pcio-a1", "C1", "a", ""],
        ["pcio-a1", "C2", "x| y", "agency"],
        ["dept-b", "N1", "12", ""],
        ["dept-b", "S1", "40", ""],
        ["pcio-b1", "A1", "yes", "analyst"],
        ["pcio-b1", "M1", "r1:k1|r2:k2", ""],
        ["pcio-b1", "N2", "", ""],
    ]
    report = import_upload(world.cycle, world.users["analyst"], upload("answers.csv", rows))
    assert (report.created, report.updated, report.unchanged, report.locked) == (6, 0, 0, [])
    assert state() == [
        ("dept-b", "N1", "agency", "12", 1),
        ("dept-b", "S1", "agency", "40", 1),
        ("pcio-a1", "C1", "agency", "a", 1),
        ("pcio-a1", "C2", "agency", "x|y", 1),
        ("pcio-b1", "A1", "analyst", "yes", 1),
        ("pcio-b1", "M1", "agency", "r1:k1|r2:k2", 1),
    ]
    entries = AuditEntry.objects.filter(kind="answer")
    assert entries.count() == 6 and all(
        "answers.csv" in e.note and e.actor == world.users["analyst"] for e in entries
    )
    assert world.participation(world.pcio_a1).status == ParticipationStatus.IN_PROGRESS


def test_a_file_with_problems_saves_nothing_and_names_row_and_column(world, upload):
    SaveAnswer(world.participation(world.pcio_a1), world.users["resp_a1"], "C1", "b", 0).execute()
    before = state()
    rows = [
        ["pcio-a1", "C1", "a", ""],  # row 2: fine
        ["pcio-a1", "N1", "many", ""],  # row 3: not a whole number
        ["nobody", "C1", "a", ""],  # row 4: not in the cycle
        ["pcio-a1", "ZZ", "1", ""],  # row 5: unknown input
        ["pcio-a1", "S1", "50", ""],  # row 6: inherited from the parent department
        ["pcio-a1", "C1", "b", ""],  # row 7: duplicate of row 2
        ["pcio-a1", "N3", "120", ""],  # row 8: percent above 100
        ["pcio-a1", "C2", "x", "boss"],
    ]  # row 9: unknown source
    with pytest.raises(AnswerError) as exc:
        import_upload(world.cycle, world.users["analyst"], upload("bad.csv", rows))
    assert problems_of(exc) == [
        ("bad.csv", 3, "value", "bad_value"),
        ("bad.csv", 4, "agency_id", "not_participant"),
        ("bad.csv", 5, "input", "unknown_input"),
        ("bad.csv", 6, "input", "inherited_input"),
        ("bad.csv", 7, "input", "duplicate_row"),
        ("bad.csv", 8, "value", "bad_value"),
        ("bad.csv", 9, "source", "bad_source"),
    ]
    messages = {p.line: p.message for p in exc.value.problems}
    assert "whole number" in messages[3] and "outside 0 – 100" in messages[8] and "dept-a" in messages[6]
    assert state() == before


def test_a_refused_value_reads_wholly_in_the_users_language(world, upload):
    rows = [["pcio-a1", "N1", "many", ""], ["pcio-a1", "N3", "120", ""]]
    with translation.override("th"), pytest.raises(AnswerError) as exc:
        import_upload(world.cycle, world.users["analyst"], upload("bad.csv", rows))
    messages = [p.message for p in exc.value.problems]
    assert messages == [
        "N1: กรุณากรอกจำนวนเต็ม (0 – 1000) (“many” ไม่ใช่จำนวนเต็ม)",
        "N3: กรุณากรอกร้อยละ (0 – 100) (120 อยู่นอกช่วง 0 – 100)",
    ]


def test_a_respondent_imports_only_for_their_agency(world, upload):
    rows = [["pcio-a1", "C1", "a", ""], ["pcio-b1", "C1", "a", ""], ["pcio-a1", "A1", "yes", "analyst"]]
    with pytest.raises(AnswerError) as exc:
        import_upload(world.cycle, world.users["resp_a1"], upload("mine.xlsx", rows))
    assert problems_of(exc) == [
        ("mine.xlsx", 3, "agency_id", "out_of_scope"),
        ("mine.xlsx", 4, "source", "analyst_only"),
    ]
    assert not Answer.objects.exists()
    report = import_upload(world.cycle, world.users["resp_a1"], upload("mine.xlsx", rows[:1]))
    assert report.created == 1 and state() == [("pcio-a1", "C1", "agency", "a", 1)]


def test_users_who_answer_for_no_agency_cannot_import(world, upload):
    with pytest.raises(ActionPermissionError):
        import_upload(world.cycle, world.users["parent_a"], upload("a.csv", [["pcio-a1", "C1", "a", ""]]))


def test_versions_bump_and_same_values_are_unchanged(world, upload):
    p = world.participation(world.pcio_a1)
    SaveAnswer(p, world.users["resp_a1"], "C1", "a", 0).execute()
    SaveAnswer(p, world.users["resp_a1"], "N1", "5", 0).execute()
    report = import_upload(
        world.cycle,
        world.users["resp_a1"],
        upload("a.csv", [["pcio-a1", "C1", "b", ""], ["pcio-a1", "N1", " 5 ", ""]]),
    )
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert state() == [("pcio-a1", "C1", "agency", "b", 2), ("pcio-a1", "N1", "agency", "5", 1)]
    audit = AuditEntry.objects.filter(kind="answer", note__contains="a.csv").get()
    assert (audit.old_value, audit.new_value) == ("a", "b")


def test_submitted_answers_are_reported_not_overwritten(world, upload):
    pa1, _pb1 = world.participation(world.pcio_a1), world.participation(world.pcio_b1)
    SaveAnswer(pa1, world.users["resp_a1"], "C1", "a", 0).execute()
    pa1.status = ParticipationStatus.SUBMITTED
    pa1.save()
    rows = [
        ["pcio-a1", "C1", "b", ""],
        ["pcio-a1", "N1", "3", ""],
        ["pcio-a1", "A1", "no", "analyst"],
        ["pcio-b1", "C1", "b", ""],
    ]
    report = import_upload(world.cycle, world.users["analyst"], upload("a.csv", rows))
    assert [(r.row, r.agency_id, r.code, r.status) for r in report.locked] == [
        (2, "pcio-a1", "C1", "submitted"),
        (3, "pcio-a1", "N1", "submitted"),
    ]
    assert state() == [
        ("pcio-a1", "A1", "analyst", "no", 1),
        ("pcio-a1", "C1", "agency", "a", 1),
        ("pcio-b1", "C1", "agency", "b", 1),
    ]


def test_export_then_import_changes_nothing(world, client_for, upload):
    p = world.participation(world.pcio_a1)
    for code, raw in [
        ("C1", "b"),
        ("C2", "x|y"),
        ("M1", "r1:k1"),
        ("X1", "หมายเหตุ, with a comma"),
        ("C3", "ใช่"),
    ]:
        SaveAnswer(p, world.users["resp_a1"], code, raw, 0).execute()
    SaveAnswer(p, world.users["analyst"], "A1", "yes", 0, source="analyst").execute()
    before = state()
    for fmt in ("csv", "xlsx"):
        response = client_for("analyst").get(f"/exchange/{world.cycle.code}/answers.{fmt}")
        assert response.status_code == 200
        from django.core.files.uploadedfile import SimpleUploadedFile

        report = import_upload(
            world.cycle, world.users["analyst"], SimpleUploadedFile(f"back.{fmt}", response.content)
        )
        assert (report.created, report.updated, report.unchanged) == (0, 0, 6)
    assert state() == before


def test_export_is_scoped(world, client_for):
    SaveAnswer(world.participation(world.pcio_a1), world.users["resp_a1"], "C1", "a", 0).execute()
    SaveAnswer(world.participation(world.pcio_b1), world.users["resp_b1"], "C1", "b", 0).execute()
    text = client_for("resp_b1").get(f"/exchange/{world.cycle.code}/answers.csv").content.decode("utf-8-sig")
    assert text.splitlines() == ["agency_id,input,value,source", "pcio-b1,C1,b,agency"]
    assert (
        client_for("resp_b1").get(f"/exchange/{world.cycle.code}/answers.csv?agency=pcio-a1").status_code
        == 404
    )


def test_the_import_page_answers_json_with_the_envelope(world, client_for, upload):
    url = f"/exchange/{world.cycle.code}/import/?format=json"
    ok = client_for("resp_a1").post(url, {"file": upload("a.csv", [["pcio-a1", "C1", "a", ""]])})
    assert ok.status_code == 200 and ok.json()["ok"] is True and ok.json()["report"]["created"] == 1
    bad = client_for("resp_a1").post(url, {"file": upload("b.csv", [["pcio-a1", "C1", "q", ""]])})
    body = bad.json()
    assert bad.status_code == 400 and set(body) >= {"ok", "error", "errors", "status", "code"}
    assert body["errors"] == [
        {
            "file": "b.csv",
            "row": 2,
            "column": "value",
            "field": "value",
            "message": body["errors"][0]["message"],
            "code": "bad_value",
        }
    ]
    missing = client_for("resp_a1").post(
        url, {"file": upload("c.csv", [["pcio-a1", "a"]], header=("agency_id", "x"))}
    )
    assert missing.status_code == 400 and missing.json()["errors"][0]["code"] == "missing_column"
    other = client_for("resp_a1").post(f"/exchange/{world.cycle.code}/import/", {"file": upload("a.csv", [])})
    assert other.status_code == 200  # the page, with the report


def test_the_page_is_404_outside_the_users_cycles(world, client_for):
    from dgmm.web.cycles.models import CycleStatus

    assert client_for("resp_a1").get(f"/exchange/{world.cycle.code}/").status_code == 200
    world.cycle.status = CycleStatus.DRAFT
    world.cycle.save()
    assert client_for("resp_a1").get(f"/exchange/{world.cycle.code}/").status_code == 404
