"""`remind`: deadline reminders to agencies that have not submitted, each step once (idempotent), a dry run
that sends nothing, and a failed sending tried again on the next run."""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from dgmm.web.accounts.models import Role, User
from dgmm.web.cycles.models import AuditEntry, Cycle, CycleStatus, ParticipationStatus
from dgmm.web.notices.models import ReminderSent
from dgmm.web.notices.reminders import step_due

pytestmark = [pytest.mark.django_db, pytest.mark.db]


@pytest.fixture
def reminding(world, settings):
    """Every agency of the world has a respondent with an address but pcio-a2; the deadline is in 7 days."""
    settings.DGMM_REMINDER_DAYS = (14, 7, 1)
    for username, email in (
        ("resp_a1", "a1@x.go.th"),
        ("resp_b1", "b1@x.go.th"),
        ("resp_dept_a", "dept.a@x.go.th"),
    ):
        User.objects.filter(username=username).update(email=email)
    User.objects.create_user("resp_dept_b", "dept.b@x.go.th", role=Role.RESPONDENT, agency=world.dept_b)
    User.objects.filter(username="parent_a").update(email="parent@x.go.th")  # not a respondent: no reminder
    statuses = {
        world.pcio_a1: ParticipationStatus.SUBMITTED,
        world.pcio_b1: ParticipationStatus.APPROVED,
        world.dept_a: ParticipationStatus.RETURNED,
        world.dept_b: ParticipationStatus.IN_PROGRESS,
    }
    for agency, status in statuses.items():
        world.cycle.participations.filter(agency=agency).update(status=status)
    deadline_in(world, 7)
    return world


def deadline_in(world, days: int) -> None:
    """The deadline at noon (local time), `days` days from today (at least 1)."""
    day = timezone.localdate() + timedelta(days=days)
    noon = timezone.make_aware(datetime.combine(day, time(12)))
    Cycle.objects.filter(pk=world.cycle.pk).update(closes_at=noon)


def remind(*args: str) -> str:
    """The command as a scheduled job runs it (--yes), or a dry run."""
    out = io.StringIO()
    call_command("remind", *args, *(() if "--dry-run" in args else ("--yes",)), stdout=out)
    return out.getvalue()


def recipients() -> list[str]:
    return sorted(address for m in mail.outbox for address in m.to)


@pytest.mark.parametrize(
    ("left", "step"), [(20, None), (15, None), (14, 14), (10, 14), (7, 7), (3, 7), (1, 1), (0, 1)]
)
def test_the_step_due_is_the_nearest_not_below_the_days_left(left, step):
    assert step_due(left, (14, 7, 1)) == step


def test_a_dry_run_lists_the_reminders_and_sends_nothing(reminding):
    out = remind("--dry-run")
    assert "would send c2566/dept-a: 7 days before the deadline, to dept.a@x.go.th" in out
    assert "would send c2566/dept-b" in out and "c2566/pcio-a2" in out and "nobody" in out
    assert "pcio-a1" not in out and "pcio-b1" not in out  # submitted, approved
    assert "3 reminders due" in out
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_agencies_not_submitted_are_reminded_once_and_a_second_run_sends_nothing(reminding):
    out = remind()
    assert recipients() == ["dept.a@x.go.th", "dept.b@x.go.th"]  # returned and in progress
    assert "2 reminders sent, 1 agencies without a respondent's address" in out
    assert sorted(ReminderSent.objects.values_list("participation__agency__code", "days_before")) == [
        ("dept-a", 7),
        ("dept-b", 7),
        ("pcio-a2", 7),
    ]
    entry = AuditEntry.objects.get(target="deadline reminders 7 days before")
    assert entry.cycle == reminding.cycle and entry.new_value.startswith("2 agencies e-mailed")
    second = remind()
    assert len(mail.outbox) == 2 and ReminderSent.objects.count() == 3
    assert "0 reminders sent" in second
    assert remind("--dry-run").count("would send") == 0


def test_the_reminder_is_thai_first_with_the_deadline_in_the_buddhist_era(reminding):
    remind()
    message = next(m for m in mail.outbox if m.to == ["dept.a@x.go.th"])
    assert message.subject.startswith("แจ้งเตือน: เหลืออีก 7 วันในการส่งคำตอบของ กรมเอ")
    assert "Reminder: 7 days left to submit the answers of Department A" in message.subject
    deadline = timezone.localtime(Cycle.objects.get(pk=reminding.cycle.pk).closes_at)
    body = message.body
    assert body.index(f"{deadline.day} ") < body.index(f"{deadline.year + 543} เวลา {deadline:%H:%M}")
    assert body.index(f"{deadline.year + 543}") < body.index(f"{deadline.year} at {deadline:%H:%M}")
    assert body.index("สถานะปัจจุบัน: ส่งกลับให้แก้ไข") < body.index("Status now: Returned for correction")
    assert "http://localhost:8000/cycles/c2566/a/dept-a/" in body


def test_the_next_step_goes_when_it_is_reached_and_not_before(reminding):
    deadline_in(reminding, 10)
    remind()
    assert recipients() == ["dept.a@x.go.th", "dept.b@x.go.th"]  # step 14 (caught up at 10 days)
    deadline_in(reminding, 9)
    remind()
    assert len(mail.outbox) == 2
    deadline_in(reminding, 6)
    remind()
    assert len(mail.outbox) == 4
    assert sorted(set(ReminderSent.objects.values_list("days_before", flat=True))) == [7, 14]


def test_agencies_that_submit_meanwhile_are_no_longer_reminded(reminding):
    deadline_in(reminding, 12)
    remind()
    reminding.cycle.participations.filter(agency=reminding.dept_a).update(
        status=ParticipationStatus.SUBMITTED
    )
    deadline_in(reminding, 1)
    remind()
    assert [m.to for m in mail.outbox[2:]] == [["dept.b@x.go.th"]]


def test_no_reminder_for_a_cycle_past_its_deadline_or_not_open(reminding):
    Cycle.objects.filter(pk=reminding.cycle.pk).update(closes_at=timezone.now() - timedelta(hours=1))
    remind()
    deadline_in(reminding, 7)
    Cycle.objects.filter(pk=reminding.cycle.pk).update(status=CycleStatus.CLOSED)
    remind()
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_a_refused_sending_is_not_recorded_and_the_next_run_sends_it(reminding, settings):
    settings.EMAIL_BACKEND = "tests.web.notices.test_mail.RefusingBackend"
    with pytest.raises(CommandError):
        remind()
    assert list(ReminderSent.objects.values_list("participation__agency__code", flat=True)) == ["pcio-a2"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    remind()
    assert recipients() == ["dept.a@x.go.th", "dept.b@x.go.th"]


def test_django_admin_lists_the_reminders_sent_read_only(reminding, client_for):
    remind()
    admin = client_for("admin")
    page = admin.get("/admin/notices/remindersent/")
    assert page.status_code == 200 and "dept-a" in page.content.decode()
    first = ReminderSent.objects.first()
    assert admin.get("/admin/notices/remindersent/add/").status_code == 403
    assert admin.post(f"/admin/notices/remindersent/{first.pk}/delete/").status_code == 403
    assert ReminderSent.objects.count() == 3


def test_without_yes_and_no_one_to_answer_nothing_is_sent(reminding):
    out = io.StringIO()
    with pytest.raises(CommandError, match="--yes"):
        call_command("remind", stdout=out)
    said = out.getvalue()
    assert "3 reminders are due: the respondents of 2 agencies will be e-mailed at 2 addresses" in said
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_at_a_terminal_the_reminders_go_only_when_yes_is_typed(reminding, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: "no")
    with pytest.raises(CommandError, match="Nothing sent"):
        call_command("remind", stdout=io.StringIO())
    assert mail.outbox == [] and not ReminderSent.objects.exists()
    monkeypatch.setattr("builtins.input", lambda question: "yes")
    call_command("remind", stdout=io.StringIO())
    assert recipients() == ["dept.a@x.go.th", "dept.b@x.go.th"]
    assert ReminderSent.objects.count() == 3


def test_nothing_due_asks_nothing(reminding):
    deadline_in(reminding, 20)
    out = io.StringIO()
    call_command("remind", stdout=out)
    assert "0 reminders sent" in out.getvalue()
