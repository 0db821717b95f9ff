"""`backup` and `restore` on the test database: the manifest, the checks made before anything is written,
and a round trip through a flushed instance (on whichever engine the suite runs)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

import dgmm
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import Answer, AuditEntry
from dgmm.web.operations.schema import kept_models
from tests.web.operations.conftest import rewrite
from tests.web.operations.instance import rows

pytestmark = [pytest.mark.django_db, pytest.mark.db]

PDF = b"%PDF-1.4\n" + bytes(range(256))


def backup(path: Path) -> dict:
    out = io.StringIO()
    call_command("backup", "-o", str(path), verbosity=0, stdout=out)
    with zipfile.ZipFile(path) as z:
        return json.loads(z.read("manifest.json"))


def restore(path: Path, *args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("restore", str(path), *args, verbosity=0, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def flush() -> None:
    """Empty the instance as a new one is: migrated, no rows, no files."""
    postgres = connection.vendor == "postgresql"
    if postgres:  # TRUNCATE inside the test's transaction: check the pending foreign keys first
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if postgres:
        connection.cursor().execute("SET CONSTRAINTS ALL DEFERRED")
    for root in (settings.EVIDENCE_ROOT, settings.RESULTS_DIR):
        for p in sorted(Path(root).rglob("*"), reverse=True):
            p.unlink() if p.is_file() else p.rmdir()


def test_manifest_records_every_member_the_schema_the_engine_and_only_a_key_fingerprint(
    world, evidence, results_file, tmp_path
):
    ev = evidence(PDF)
    manifest = backup(tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as z:
        for m in manifest["members"]:
            data = z.read(m["name"])
            assert (len(data), hashlib.sha256(data).hexdigest()) == (m["size"], m["sha256"]), m["name"]
        assert set(z.namelist()) == {m["name"] for m in manifest["members"]} | {"manifest.json"}
        assert z.read(f"files/evidence/{ev.file.name}") == PDF
        assert z.read("files/results/c2566/department.json") == results_file.read_bytes()
    tables = {m["model"]: m["rows"] for m in manifest["members"] if m["kind"] == "data"}
    assert set(tables) == {m._meta.label_lower for m in kept_models()}
    assert tables["accounts.user"] == 7 and tables["registry.agency"] == 5 and tables["cycles.evidence"] == 1
    assert manifest["product_version"] == dgmm.__version__
    recorded = MigrationRecorder.Migration.objects.filter(app="cycles").values_list("name", flat=True)
    assert manifest["migrations"]["cycles"] == sorted(recorded)
    assert manifest["database"]["vendor"] in ("sqlite", "postgresql")
    assert manifest["secret_key_fingerprint"] == hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest()[:12]


def test_backup_never_overwrites_an_existing_file(world, tmp_path):
    (tmp_path / "b.zip").write_bytes(b"yesterday's backup")
    with pytest.raises(CommandError, match="already exists"):
        backup(tmp_path / "b.zip")
    assert (tmp_path / "b.zip").read_bytes() == b"yesterday's backup"


def test_check_passes_a_whole_archive_and_names_every_changed_member(world, evidence, tmp_path):
    ev = evidence(PDF)
    backup(tmp_path / "b.zip")
    assert "every checksum matches" in restore(tmp_path / "b.zip", "--check")
    bad = rewrite(
        tmp_path / "b.zip",
        tmp_path / "bad.zip",
        {
            f"files/evidence/{ev.file.name}": PDF[:-1] + b"X",
            "data/accounts.user.jsonl": b"",
            "extra.txt": b"x",
        },
    )
    with pytest.raises(CommandError) as exc:
        restore(bad, "--check")
    for name in (f"files/evidence/{ev.file.name}", "data/accounts.user.jsonl", "extra.txt"):
        assert name in str(exc.value)


def test_restore_refuses_an_instance_that_holds_data_and_says_what_is_there(world, evidence, tmp_path):
    evidence(PDF)
    backup(tmp_path / "b.zip")
    before = rows()
    with pytest.raises(CommandError) as exc:
        restore(tmp_path / "b.zip", "--yes")
    message = str(exc.value)
    assert "empty instance" in message and "accounts.user: 7 rows" in message
    assert "registry.agency: 5 rows" in message and f"{settings.EVIDENCE_ROOT}: 1 files" in message
    assert rows() == before


def test_restore_refuses_an_archive_of_another_schema(world, tmp_path):
    backup(tmp_path / "b.zip")

    def newer(m):
        m["migrations"]["cycles"].append("0099_future")

    def older(m):
        m["migrations"]["cycles"].remove("0002_audit_actor_name_token")

    with pytest.raises(CommandError, match=r"newer schema .*cycles\.0099_future"):
        restore(rewrite(tmp_path / "b.zip", tmp_path / "new.zip", manifest=newer), "--yes")
    with pytest.raises(CommandError, match=r"older schema .*cycles\.0002_audit_actor_name_token"):
        restore(rewrite(tmp_path / "b.zip", tmp_path / "old.zip", manifest=older), "--yes")


def test_round_trip_through_an_empty_instance_keeps_everything(
    world, evidence, results_file, tmp_path, settings, monkeypatch
):
    evidence(PDF)
    evidence(b"%PDF-1.4\nremoved\n", removed=True, topic="P1.SP1.T1")
    user = world.users["resp_a1"]
    Answer.objects.create(
        cycle=world.cycle, agency=world.pcio_a1, code="C1", value="b", version=4, updated_by=user
    )
    record(
        AuditEntry.Kind.ANSWER, "C1", actor=user, cycle=world.cycle, agency=world.pcio_a1, old="a", new="b"
    )
    expected = rows()
    backup(tmp_path / "b.zip")
    flush()
    settings.SECRET_KEY = "a new machine's key"

    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))  # not a terminal: no one can confirm
    with pytest.raises(CommandError, match="--yes"):
        restore(tmp_path / "b.zip")
    terminal = io.StringIO("no\n")
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", terminal)
    with pytest.raises(CommandError, match="Not restored"):
        restore(tmp_path / "b.zip")
    assert not any(rows()[m._meta.label_lower] for m in kept_models())

    out = restore(tmp_path / "b.zip", "--yes")
    assert "secret key differs" in out
    assert rows() == expected
    new = record(AuditEntry.Kind.CYCLE, "after restore", actor=None)
    assert new.pk > max(e["id"] for e in expected["cycles.auditentry"])
