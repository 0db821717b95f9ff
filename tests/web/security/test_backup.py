"""Backups: the archive carries no secret key and no sessions; a changed or hostile archive writes nothing."""

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

from tests.web.operations.conftest import make_evidence, rewrite

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def test_archive_holds_no_secret_key_and_no_sessions(world, client_for, tmp_path):
    client = client_for("analyst")
    client.get("/")
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    call_command("backup", "-o", str(tmp_path / "b.zip"), verbosity=0, stdout=io.StringIO())
    with zipfile.ZipFile(tmp_path / "b.zip") as z:
        names = z.namelist()
        content = b"".join(z.read(n) for n in names)
    assert "data/sessions.session.jsonl" not in names
    assert settings.SECRET_KEY.encode() not in content and session_key.encode() not in content
    assert (
        hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest()[:12].encode() in content
    )  # a fingerprint only


def test_a_changed_or_escaping_member_is_refused_before_anything_is_written(world, tmp_path):
    ev = make_evidence(world, b"%PDF-1.4\noriginal")
    call_command("backup", "-o", str(tmp_path / "b.zip"), verbosity=0, stdout=io.StringIO())
    before = sorted(p for p in Path(settings.EVIDENCE_ROOT).rglob("*"))

    changed = rewrite(
        tmp_path / "b.zip", tmp_path / "changed.zip", {f"files/evidence/{ev.file.name}": b"%PDF-evil"}
    )
    with pytest.raises(CommandError, match="failed its check; nothing was restored"):
        call_command("restore", str(changed), "--yes", verbosity=0)

    payload = b"escaped"
    escape = {
        "name": "files/evidence/../../escaped.txt",
        "kind": "evidence",
        "path": "../../escaped.txt",
        "size": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    hostile = rewrite(
        tmp_path / "b.zip",
        tmp_path / "hostile.zip",
        {escape["name"]: payload},
        manifest=lambda m: m["members"].append(escape),
    )
    with pytest.raises(CommandError, match="not a file path inside the evidence or results directory"):
        call_command("restore", str(hostile), "--yes", verbosity=0)
    assert not (Path(settings.EVIDENCE_ROOT).parent.parent / "escaped.txt").exists()
    assert sorted(p for p in Path(settings.EVIDENCE_ROOT).rglob("*")) == before
    assert (
        json.loads(zipfile.ZipFile(hostile).read("manifest.json"))["members"][-1]["path"]
        == "../../escaped.txt"
    )
