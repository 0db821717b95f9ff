"""One count of days left to a deadline: calendar days in local time (Asia/Bangkok), shared by the
start page, the cycle pages, the confirmation pages and the reminder e-mails."""

from __future__ import annotations

from datetime import UTC, datetime

from dgmm.web.cycles.models import days_to


def test_days_are_counted_by_the_local_calendar() -> None:
    deadline = datetime(2027, 3, 31, 16, 30, tzinfo=UTC)  # 23:30 on 31 March in Bangkok
    assert days_to(deadline, datetime(2027, 3, 31, 1, 0, tzinfo=UTC)) == 0  # the deadline's day
    assert days_to(deadline, datetime(2027, 3, 30, 17, 30, tzinfo=UTC)) == 0  # 00:30 on 31 March
    assert days_to(deadline, datetime(2027, 3, 30, 16, 30, tzinfo=UTC)) == 1  # 23:30 on 30 March
    assert days_to(deadline, datetime(2027, 3, 1, 16, 30, tzinfo=UTC)) == 30
    assert days_to(deadline, datetime(2027, 4, 1, 1, 0, tzinfo=UTC)) == -1
