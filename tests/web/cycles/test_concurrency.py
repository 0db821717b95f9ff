"""Concurrent saves of one answer through separate database connections: exactly one wins.

Runs on PostgreSQL and on SQLite (a file, with IMMEDIATE transactions: writers wait for each other).
"""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from dgmm.web.actions import ConflictError
from dgmm.web.cycles.actions import SaveAnswer
from dgmm.web.cycles.models import Answer, AuditEntry
from tests.web.conftest import make_world

pytestmark = [pytest.mark.db, pytest.mark.django_db(transaction=True)]

WRITERS = 8


def race(world, expected_version: int) -> list[str]:
    p = world.participation(world.pcio_a1)
    user = world.users["resp_a1"]
    barrier = threading.Barrier(WRITERS)
    outcomes: list[str] = []

    def write(i: int) -> None:
        try:
            barrier.wait()
            SaveAnswer(p, user, "N1", str(100 * (expected_version + 1) + i), expected_version).execute()
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_concurrent_writers_one_wins_the_others_conflict():
    world = make_world()
    for expected in (0, 1):  # first creation, then an update
        outcomes = race(world, expected)
        assert sorted(outcomes) == ["conflict"] * (WRITERS - 1) + ["saved"]
        answer = Answer.objects.get(code="N1")
        assert answer.version == expected + 1
    assert AuditEntry.objects.filter(kind="answer", target="N1").count() == 2


class _SomeoneSavesMeanwhile(SaveAnswer):
    """Reads the current answer, then another tab's save commits before this one writes."""

    def __init__(self, *args, other: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.other = other
        self.interleaved = False

    def _current(self):
        seen = super()._current()
        if not self.interleaved:
            self.interleaved = True
            SaveAnswer(self.participation, self.user, self.code, self.other, self.expected_version).execute()
        return seen


@pytest.mark.parametrize("first_version", [0, 1])
def test_a_save_committed_between_reading_and_writing_is_a_conflict_not_an_overwrite(first_version):
    world = make_world()
    p = world.participation(world.pcio_a1)
    user = world.users["resp_a1"]
    if first_version:
        SaveAnswer(p, user, "N1", "1", 0).execute()
    action = _SomeoneSavesMeanwhile(p, user, "N1", "7", first_version, other="9")
    with pytest.raises(ConflictError) as caught:
        action.execute()
    answer = Answer.objects.get(code="N1")
    assert (answer.value, answer.version) == ("9", first_version + 1)
    assert (caught.value.context["current_value"], caught.value.context["current_version"]) == (
        "9",
        first_version + 1,
    )
    # only the changes that happened are in the audit log
    assert [e.new_value for e in AuditEntry.objects.filter(kind="answer", target="N1").order_by("id")] == [
        "1",
        "9",
    ][1 - first_version :]
