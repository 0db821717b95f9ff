"""The audit log in words: statuses, roles, questions and dates readable in Thai and English, never
raw codes; the stored entries keep their codes."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from dgmm.web.cycles.actions import SaveAnswer, set_status
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry, ParticipationStatus

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def _text(html: str) -> str:
    table = html[html.index('<table class="audit') : html.index("</table>")]
    table = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", table)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", table)))


@pytest.fixture
def logged(world):
    p = world.participation(world.pcio_a1)
    resp = world.users["resp_a1"]
    SaveAnswer(p, resp, "C1", "b", 0).execute()  # not started -> in progress, logged by the action
    p.refresh_from_db()
    set_status(p, ParticipationStatus.SUBMITTED, resp, expected=[ParticipationStatus.IN_PROGRESS])
    analyst = world.users["analyst"]
    record(AuditEntry.Kind.CYCLE, "status", actor=analyst, cycle=world.cycle, old="open", new="closed")
    record(AuditEntry.Kind.CYCLE, "name_en", actor=analyst, cycle=world.cycle, old="Survey", new=None)
    world.users["resp_b1"].role = "parent"
    world.users["resp_b1"].save()
    return world


def test_the_stored_entries_keep_their_codes(logged):
    statuses = AuditEntry.objects.filter(kind="status").order_by("id")
    assert [(e.old_value, e.new_value) for e in statuses] == [
        ("not_started", "in_progress"),
        ("in_progress", "submitted"),
    ]


def test_the_audit_log_reads_in_english(logged, client_for):
    text = _text(client_for("analyst").get(reverse("audit:log")).content.decode())
    assert "In progress → Submitted" in text and "Not started → In progress" in text
    assert "Open → Closed and scored" in text and "Cycle status" in text
    assert "name (English) Survey → (none)" in text
    assert "Account resp_b1: role Agency respondent → Parent department" in text
    assert "Account analyst role: Analyst; agency: –; active: yes account created" in text
    assert "in_progress" not in text and "∅" not in text and "role=" not in text
    assert "Choose one C1 b: Option B" in text  # input C1's label and option b's in data/all-types.yaml


def test_the_audit_log_reads_in_thai_with_buddhist_era_dates(logged, client_for):
    html = client_for("analyst").get(reverse("audit:log"), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    text = _text(html)
    assert "กำลังตอบ → ส่งแล้ว" in text and "ยังไม่เริ่ม → กำลังตอบ" in text
    assert "ชื่อ (ภาษาอังกฤษ) Survey → (ไม่มี)" in text and "เข้าสู่ระบบแล้ว" in text
    assert "บทบาท: ผู้ตอบแบบสำรวจของหน่วยงาน" in text and "สร้างบัญชีผู้ใช้" in text
    entry = AuditEntry.objects.order_by("at").first()
    assert str(entry.at.year + 543) in text and str(entry.at.year) not in text


def test_a_long_value_is_cut_with_the_full_text_at_hand(world, client_for):
    long = "ข้อความยาว " * 40
    record(AuditEntry.Kind.CYCLE, "name_th", actor=None, cycle=world.cycle, old="สั้น", new=long)
    html = unescape(client_for("analyst").get(reverse("audit:log")).content.decode())
    cut = r'<details class="value"><summary><span class="cut">([^<]*)</span>.*?</summary>([^<]*)</details>'
    details = re.search(cut, html)
    assert details and details.group(2) == long and len(details.group(1)) < len(long)
    assert "name (Thai)" in _text(html)


def test_the_agency_audit_page_reads_the_same(logged, client_for):
    url = reverse("review:audit", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    text = _text(client_for("analyst").get(url).content.decode())
    assert "In progress → Submitted" in text and "Answer status" in text


def test_dates_inside_notes_and_values_read_as_dates(world, client_for):
    record(
        AuditEntry.Kind.ACCOUNT,
        "invitation a@example.go.th",
        actor=None,
        note="invited, open until 2027-01-05",
    )
    record(
        AuditEntry.Kind.CYCLE,
        "closes_at",
        actor=None,
        cycle=world.cycle,
        old=None,
        new="2027-03-31T16:30+07:00",
    )
    th = _text(client_for("analyst").get(reverse("audit:log"), HTTP_ACCEPT_LANGUAGE="th").content.decode())
    assert "เชิญแล้ว ใช้ได้ถึง 5 ม.ค. 2570" in th and "คำเชิญถึง a@example.go.th" in th
    assert "31 มี.ค. 2570 16:30" in th
    en = _text(client_for("analyst").get(reverse("audit:log")).content.decode())
    assert "invited, open until 5 Jan 2027" in en and "31 Mar 2027 16:30" in en


def test_entries_of_closing_checks_reminders_and_invitation_files_read_in_words(world, client_for):
    """The scoring policy chosen at closing, a resolved consistency check, deadline reminders and an
    invitations file: each entry as written by its action, read in words."""
    analyst = world.users["analyst"]
    record(
        AuditEntry.Kind.CYCLE, "scoring_policy", actor=analyst, cycle=world.cycle, old=None, new="approved"
    )
    record(
        AuditEntry.Kind.REVIEW,
        "check systems-above-hundred",
        actor=analyst,
        cycle=world.cycle,
        agency=world.pcio_a1,
        old="open",
        new="resolved",
        note="ตรวจแล้ว",
    )
    record(
        AuditEntry.Kind.CYCLE,
        "deadline reminders 7 days before",
        actor=None,
        cycle=world.cycle,
        new="12 agencies e-mailed, 3 without a respondent's address",
    )
    record(AuditEntry.Kind.ACCOUNT, "invitations file", actor=analyst, new="25 invited")
    en = _text(client_for("analyst").get(reverse("audit:log")).content.decode())
    assert "Only approved answers count" in en
    assert "Consistency check systems-above-hundred Open → Resolved" in en
    assert "Deadline reminders 7 days before" in en
    assert "12 agencies e-mailed, 3 without a respondent's address" in en
    assert "Invitations from a file" in en and "25 people invited" in en
    th = _text(client_for("analyst").get(reverse("audit:log"), HTTP_ACCEPT_LANGUAGE="th").content.decode())
    for english in ("deadline reminders", "e-mailed", "invitations file", "invited", "Resolved"):
        assert english not in th
