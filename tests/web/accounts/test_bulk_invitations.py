"""Inviting a file of people: every row checked first (nothing saved when one is wrong), then all invited
in one transaction, audited, each person e-mailed their own link."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from dgmm.web.accounts.actions import InvitePeople
from dgmm.web.accounts.models import Invitation, Role, User
from dgmm.web.actions import ActionPermissionError
from dgmm.web.cycles.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.db]

THAI_CSV = (
    "อีเมล,ชื่อ-นามสกุล,บทบาท,รหัสหน่วยงาน\n"
    "somchai@a2.go.th,สมชาย ใจดี,respondent,pcio-a2\n"
    "Malee@Dept-B.go.th,มาลี ดีงาม,หน่วยงานแม่,dept-b\n"
    "\n"
    "analyst2@dga.or.th,Analyst Two,Analyst,\n"
)


def upload(client, name: str, content: bytes | str):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(reverse("accounts:people-file"), {"file": SimpleUploadedFile(name, data)})


def upload_and_confirm(client, name: str, content: bytes | str):
    """Upload a file of people, check the confirmation page invites nobody yet, then confirm."""
    page = upload(client, name, content)
    assert page.status_code == 200 and "accounts/people_confirm.html" in [t.name for t in page.templates]
    assert not Invitation.objects.exists() and mail.outbox == []
    return client.post(reverse("accounts:people-file-confirm"))


def csv_of(*rows: str, header: str = "email,name,role,agency") -> str:
    return "\n".join([header, *rows]) + "\n"


def nothing_saved() -> None:
    assert not Invitation.objects.exists()
    assert not AuditEntry.objects.filter(target__startswith="invitation").exists()
    assert mail.outbox == []


def test_a_file_with_thai_headers_invites_everyone_once_each_with_their_own_link(
    world, client_for, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_and_confirm(client_for("analyst"), "people.csv", THAI_CSV)
    assert response.status_code == 302
    invs = {i.email: i for i in Invitation.objects.select_related("agency")}
    assert set(invs) == {"somchai@a2.go.th", "Malee@Dept-B.go.th", "analyst2@dga.or.th"}
    assert (invs["somchai@a2.go.th"].role, invs["somchai@a2.go.th"].agency.code) == (
        Role.RESPONDENT,
        "pcio-a2",
    )
    assert (invs["Malee@Dept-B.go.th"].role, invs["Malee@Dept-B.go.th"].agency.code) == (
        Role.PARENT,
        "dept-b",
    )
    assert invs["analyst2@dga.or.th"].role == Role.ANALYST and invs["analyst2@dga.or.th"].agency is None
    assert invs["somchai@a2.go.th"].name == "สมชาย ใจดี"
    entries = AuditEntry.objects.filter(kind=AuditEntry.Kind.ACCOUNT)
    assert entries.filter(target__startswith="invitation ").count() == 3
    assert entries.get(target="invitations file").new_value == "3 invited"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(invs)
    links = set()
    for message in mail.outbox:
        found = re.findall(r"https?://\S+(/accounts/invitation/\S+/)", message.body)
        assert found, message.body
        links.add(found[0])
        assert client.get(found[0]).status_code == 200
    assert len(links) == 3


def test_an_xlsx_made_from_the_downloaded_template_is_accepted(
    world, client_for, django_capture_on_commit_callbacks
):
    analyst = client_for("analyst")
    response = analyst.get(reverse("accounts:people-template"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb.worksheets[0][1]] == ["email", "name", "role", "agency"]  # English page
    assert len(wb.worksheets) == 2 and not any(
        c.data_type == "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row
    )
    wb.worksheets[0].append(["new1@a1.go.th", "One", "respondent", "pcio-a1"])
    wb.worksheets[0].append(["new2@b1.go.th", "Two", "Agency respondent", "pcio-b1"])
    out = io.BytesIO()
    wb.save(out)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_and_confirm(analyst, "people.xlsx", out.getvalue())
    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("agency__code", flat=True)) == ["pcio-a1", "pcio-b1"]
    assert len(mail.outbox) == 2


def test_the_template_has_thai_headers_on_a_thai_page(world, client_for, settings):
    settings.LANGUAGE_CODE = "th"
    response = client_for("analyst").get(reverse("accounts:people-template"))
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb.worksheets[0][1]] == ["อีเมล", "ชื่อ-นามสกุล", "บทบาท", "รหัสหน่วยงาน"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            csv_of("a@x.go.th,A,respondent,pcio-a1", header="mail,who,position,office"),
            ["row 1", "the first row must name the columns", "found: mail, who, position, office"],
            id="wrong-header",
        ),
        pytest.param(
            csv_of("a@x.go.th,A,respondent,pcio-a1", "not-an-address,B,respondent,pcio-a1"),
            ["row 3", "column email", "'not-an-address' is not an e-mail address"],
            id="bad-email",
        ),
        pytest.param(
            csv_of("a@x.go.th,A,respondent,pcio-zz"),
            ["row 2", "column agency", "no agency has the id 'pcio-zz'"],
            id="unknown-agency",
        ),
        pytest.param(
            csv_of("a@x.go.th,A,boss,pcio-a1"),
            ["row 2", "column role", "'boss' is not a role; expected one of: respondent, parent"],
            id="wrong-role",
        ),
        pytest.param(
            csv_of("a@x.go.th,A,admin,"),
            ["row 2", "column role", "only administrators invite administrators"],
            id="analyst-invites-admin",
        ),
        pytest.param(
            csv_of(
                "a@x.go.th,A,respondent,pcio-a1",
                "b@x.go.th,B,respondent,pcio-a1",
                "A@X.go.th,C,parent,dept-a",
            ),
            ["row 4", "column email", "is already on row 2"],
            id="duplicate-rows",
        ),
        pytest.param(
            csv_of(*(f"p{i}@x.go.th,P,respondent,pcio-a1" for i in range(4))),
            ["more than 3 rows"],
            id="too-many-rows",
        ),
        pytest.param(
            csv_of('a@x.go.th,"=HYPERLINK(""http://evil.example"")",respondent,pcio-a1'),
            ["row 2", "column name", "looks like a spreadsheet formula"],
            id="formula-cell",
        ),
        pytest.param(
            csv_of("a@x.go.th,A,respondent,"),
            ["row 2", "column agency", "need the id of their agency"],
            id="agency-missing",
        ),
        pytest.param(csv_of(), ["the file lists nobody"], id="empty"),
    ],
)
def test_a_wrong_row_is_named_with_file_row_and_column_and_nobody_is_invited(
    world, client_for, settings, django_capture_on_commit_callbacks, content, expected
):
    settings.DGMM_INVITE_MAX_ROWS = 3
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client_for("analyst"), "people-2567.csv", content)
    assert response.status_code == 400
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert summary, html
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", summary.group(0))).replace("&#x27;", "'")
    assert "people-2567.csv" in text and "nobody was invited" in text
    for part in expected:
        assert part in text, (part, text)
    nothing_saved()


def test_one_wrong_row_among_good_ones_saves_nothing_and_every_problem_is_listed(world, client_for):
    content = csv_of(
        "ok@x.go.th,OK,respondent,pcio-a1",
        "bad,B,respondent,pcio-a1",
        "c@x.go.th,C,respondent,nowhere",
        "d@x.go.th,D,chief,pcio-a1",
    )
    response = upload(client_for("analyst"), "people.csv", content)
    assert response.status_code == 400
    assert response.context["count"] == 3
    assert [(p.line, p.where, p.code) for p in response.context["problems"]] == [
        (3, "email", "bad_email"),
        (4, "agency", "unknown_agency"),
        (5, "role", "wrong_role"),
    ]
    nothing_saved()


def test_people_with_an_account_or_an_open_invitation_are_refused(world, client_for):
    User.objects.filter(username="resp_a1").update(email="resp.a1@x.go.th")
    Invitation.objects.create(email="waiting@x.go.th", role=Role.RESPONDENT, agency=world.pcio_a1)
    content = csv_of("RESP.A1@x.go.th,A,respondent,pcio-a1", "waiting@x.go.th,W,respondent,pcio-a1")
    response = upload(client_for("analyst"), "people.csv", content)
    assert response.status_code == 400
    assert [p.code for p in response.context["problems"]] == ["has_account", "already_invited"]
    assert Invitation.objects.count() == 1


def test_problems_are_told_in_thai_on_a_thai_page(world, client_for, settings):
    settings.LANGUAGE_CODE = "th"
    response = upload(client_for("analyst"), "people.csv", csv_of("a@x.go.th,A,respondent,pcio-zz"))
    html = response.content.decode()
    assert "ไม่มีหน่วยงานรหัส" in html and "ยังไม่ได้เชิญผู้ใด" in html
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["resp_a1", "parent_a"])
def test_respondents_and_parent_departments_cannot_invite_from_a_file(world, client_for, who):
    c = client_for(who)
    assert upload(c, "people.csv", csv_of("a@x.go.th,A,respondent,pcio-a1")).status_code == 404
    assert c.get(reverse("accounts:people-template")).status_code == 404
    with pytest.raises(ActionPermissionError):
        InvitePeople(world.users[who], "people.csv").check()
    nothing_saved()


def test_a_file_of_another_type_is_refused_before_reading(world, client_for):
    response = upload(client_for("analyst"), "people.pdf", b"%PDF-1.4")
    assert response.status_code == 400 and "CSV" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_wrong_xlsx_cell_is_named_by_its_sheet_row(world, client_for):
    wb = Workbook()
    ws = wb.active
    ws.append(["E-mail", "Name", "Role", "Agency ID"])
    ws.append(["ok@x.go.th", "OK", "respondent", "pcio-a1"])
    ws.append(["ok2@x.go.th", "X" * 151, "respondent", "pcio-a1"])
    out = io.BytesIO()
    wb.save(out)
    response = upload(client_for("analyst"), "people.xlsx", out.getvalue())
    assert response.status_code == 400
    assert [(p.file, p.line, p.where, p.code) for p in response.context["problems"]] == [
        ("people.xlsx", 3, "Name", "too_long")
    ]
    assert not Invitation.objects.exists()


def test_the_confirmation_states_who_is_invited_and_sends_nothing_until_confirmed(world, client_for):
    analyst = client_for("analyst")
    page = upload(analyst, "people.csv", THAI_CSV)
    html = page.content.decode()
    assert page.status_code == 200 and page.context["count"] == 3
    assert "somchai@a2.go.th" in html and "e-mailed now" in html and "14 days" in html
    nothing_saved()
    cancelled = analyst.get(reverse("accounts:people"))  # going back sends nothing either
    assert cancelled.status_code == 200
    nothing_saved()


def test_rows_are_checked_again_when_confirmed(world, client_for, django_capture_on_commit_callbacks):
    analyst = client_for("analyst")
    assert upload(analyst, "people.csv", csv_of("late@x.go.th,L,respondent,pcio-a1")).status_code == 200
    Invitation.objects.create(email="late@x.go.th", role=Role.RESPONDENT, agency=world.pcio_a1)
    with django_capture_on_commit_callbacks(execute=True):
        response = analyst.post(reverse("accounts:people-file-confirm"))
    assert response.status_code == 400
    assert [p.code for p in response.context["problems"]] == ["already_invited"]
    assert Invitation.objects.count() == 1 and mail.outbox == []


def test_a_confirmation_with_no_checked_file_invites_nobody(world, client_for):
    response = client_for("analyst").post(reverse("accounts:people-file-confirm"), follow=True)
    assert response.status_code == 200
    assert "No checked file is waiting to be sent" in response.content.decode()
    nothing_saved()
    assert client_for("resp_a1").post(reverse("accounts:people-file-confirm")).status_code == 404
