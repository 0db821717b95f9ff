"""Evidence and results files on disk for the world, and rewriting archives to test what restore refuses."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.base import ContentFile


def make_evidence(world: Any, content: bytes, removed: bool = False, topic: str = "P1.SP1.T3") -> Any:
    """An Evidence row of pcio-a1 with its file on disk."""
    from dgmm.web.cycles.models import Evidence

    ev = Evidence(
        cycle=world.cycle,
        agency=world.pcio_a1,
        topic_id=topic,
        original_name="แผน.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=world.users["resp_a1"],
        is_removed=removed,
    )
    ev.file.save(ev.sha256[:16] + ".pdf", ContentFile(content), save=False)
    ev.save()
    return ev


@pytest.fixture
def evidence(world: Any) -> Callable[..., Any]:
    """evidence(content, removed=False, topic=...) -> make_evidence for the world."""
    return lambda *args, **kwargs: make_evidence(world, *args, **kwargs)


@pytest.fixture
def results_file() -> Path:
    path = Path(settings.RESULTS_DIR) / "c2566" / "department.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"cohort": {"scored": 2}}', encoding="utf-8")
    return path


def rewrite(
    src: Path,
    dst: Path,
    members: dict[str, bytes] | None = None,
    manifest: Callable[[dict[str, Any]], None] | None = None,
) -> Path:
    """A copy of archive ``src`` with some members' bytes replaced (or added) and its manifest edited."""
    members = dict(members or {})
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            data = members.pop(name) if name in members else zin.read(name)
            if name == "manifest.json" and manifest:
                doc = json.loads(data)
                manifest(doc)
                data = json.dumps(doc).encode()
            zout.writestr(name, data)
        for name, data in members.items():
            zout.writestr(name, data)
    return dst
