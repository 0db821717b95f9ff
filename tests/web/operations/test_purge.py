"""`purge`: removed evidence files go after the grace period (their records stay); expired sessions go."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from dgmm.web.cycles.actions import RemoveEvidence
from dgmm.web.cycles.models import AuditEntry, Evidence, Participation

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def purge(*args: str) -> str:
    out = io.StringIO()
    call_command("purge", *args, stdout=out)
    return out.getvalue()


def removed(ev: Evidence, days_ago: int) -> Evidence:
    """Removed ``days_ago`` days ago, through the action users have (uploaded a day before)."""
    p = Participation.objects.get(cycle=ev.cycle, agency=ev.agency)
    RemoveEvidence(ev, p, ev.uploaded_by).execute(skip_check=True)
    Evidence.objects.filter(pk=ev.pk).update(
        removed_at=timezone.now() - timedelta(days=days_ago),
        uploaded_at=timezone.now() - timedelta(days=days_ago + 1),
    )
    return Evidence.objects.get(pk=ev.pk)


def test_purge_deletes_old_removed_files_keeps_their_records_and_clears_expired_sessions(world, evidence):
    old = removed(evidence(b"%PDF-1.4\nold", topic="T1"), days_ago=40)
    recent = removed(evidence(b"%PDF-1.4\nrecent", topic="T2"), days_ago=5)
    kept = evidence(b"%PDF-1.4\nkept", topic="T3")
    Evidence.objects.filter(pk=kept.pk).update(uploaded_at=timezone.now() - timedelta(days=400))
    paths = {ev.pk: Path(ev.file.path) for ev in (old, recent, kept)}
    now = timezone.now()
    Session.objects.create(session_key="expired", session_data="x", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="live", session_data="x", expire_date=now + timedelta(days=1))

    out = purge("--dry-run")
    assert "would delete c2566/pcio-a1 แผน.pdf" in out and "1 evidence files and 1 expired sessions" in out
    assert all(p.exists() for p in paths.values()) and Session.objects.count() == 2

    # without --yes and no one at a terminal to answer, nothing is deleted and the refusal says why
    with pytest.raises(CommandError, match="Nothing deleted: confirm with --yes"):
        purge()
    assert all(p.exists() for p in paths.values()) and Session.objects.count() == 2

    out = purge("--yes")
    assert "Deleted 1 evidence files and 1 expired sessions" in out
    assert not paths[old.pk].exists() and paths[recent.pk].exists() and paths[kept.pk].exists()
    row = Evidence.objects.get(pk=old.pk)
    assert row.file.name == "" and row.sha256 == old.sha256 and row.original_name == "แผน.pdf"
    assert AuditEntry.objects.filter(kind="evidence", note__startswith="file deleted 30 days").count() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
    assert "Deleted 0 evidence files" in purge()  # nothing to delete: nothing to confirm

    assert "Deleted 1 evidence files" in purge("--days", "3", "--yes")
    assert not paths[recent.pk].exists() and paths[kept.pk].exists()


def test_purge_states_what_goes_and_asks_before_deleting(world, evidence, monkeypatch):
    old = removed(evidence(b"%PDF-1.4\nold", topic="T1"), days_ago=40)
    path = Path(old.file.path)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing deleted"):
        call_command("purge", stdout=out)
    assert (
        "1 evidence files removed more than 30 days ago will be deleted" in out.getvalue() and path.exists()
    )
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    assert "Deleted 1 evidence files" in purge() and not path.exists()


def test_purge_refuses_a_negative_grace_period(world):
    with pytest.raises(CommandError, match="--days"):
        purge("--days", "-1")
