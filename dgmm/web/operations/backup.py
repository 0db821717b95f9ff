"""Writing a backup archive: every kept table read in one transaction, then the evidence and results files."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import serializers
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

import dgmm
from dgmm.web.cycles.models import Evidence
from dgmm.web.operations.archive import ArchiveWriter, BackupError
from dgmm.web.operations.progress import Start
from dgmm.web.operations.schema import (
    ExactJSONEncoder,
    engine,
    kept_models,
    migration_state,
    secret_key_fingerprint,
    uses_natural_keys,
)

ROWS_PER_FETCH = 2000
FILE_ROOTS = {"evidence": "EVIDENCE_ROOT", "results": "RESULTS_DIR"}


@dataclass
class BackupSummary:
    manifest: dict[str, Any]
    warnings: list[str] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for m in self.manifest["members"] if m["kind"] == kind)

    @property
    def rows(self) -> int:
        return sum(m.get("rows", 0) for m in self.manifest["members"])


@contextmanager
def read_snapshot() -> Iterator[None]:
    """Every read inside sees the database at one moment, without holding up anyone who writes."""
    if connection.in_atomic_block:  # already inside one transaction: it is the moment
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        # A deferred transaction reads one snapshot of the write-ahead log and takes no write lock
        # (the configured IMMEDIATE mode would block every save for the length of the backup).
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
    else:
        with transaction.atomic():
            yield


def _dump_model(writer: ArchiveWriter, model: type[Model], start: Start) -> None:
    label = model._meta.label_lower
    qs = model._base_manager.order_by("pk")
    many = [f.name for f in model._meta.many_to_many]
    if many:
        qs = qs.prefetch_related(*many)
    tick = start(label, qs.count())
    written = 0

    def rows() -> Iterator[Model]:
        nonlocal written
        for obj in qs.iterator(chunk_size=ROWS_PER_FETCH):
            yield obj
            written += 1
            if written % 1000 == 0:
                tick(1000)
        tick(written % 1000)

    with writer.text_member(f"data/{label}.jsonl", kind="data", model=label) as out:
        serializers.serialize(
            "jsonl",
            rows(),
            stream=out,
            cls=ExactJSONEncoder,
            use_natural_foreign_keys=uses_natural_keys(model),
        )
    writer.members[-1]["rows"] = written


def _files(kind: str) -> tuple[Path, list[Path]]:
    root = Path(getattr(settings, FILE_ROOTS[kind]))
    return root, sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def write_backup(path: Path, start: Start) -> BackupSummary:
    """Write the archive at ``path`` (which must not exist yet)."""
    try:
        writer = ArchiveWriter(path)
    except FileExistsError as exc:
        raise BackupError(_("%(path)s already exists; give a new file name.") % {"path": path}) from exc
    except OSError as exc:
        raise BackupError(_("%(path)s cannot be written: %(error)s") % {"path": path, "error": exc}) from exc
    try:
        with read_snapshot():
            started = timezone.now()
            for model in kept_models():
                _dump_model(writer, model, start)
            migrations = migration_state()
            evidence_names = set(Evidence.objects.exclude(file="").values_list("file", flat=True))
        summary = BackupSummary({})
        for kind in FILE_ROOTS:
            root, files = _files(kind)
            tick = start(kind, len(files))
            for f in files:
                rel = f.relative_to(root).as_posix()
                writer.add_file(f"files/{kind}/{rel}", f, kind=kind, path=rel)
                if kind == "evidence":
                    evidence_names.discard(rel)
                tick(1)
        summary.manifest = writer.close(
            {
                "product_version": dgmm.__version__,
                "created_at": started.isoformat(),
                "database": engine(),
                "migrations": migrations,
                "secret_key_fingerprint": secret_key_fingerprint(),
            }
        )
    except BaseException:
        writer.abort()
        raise
    summary.warnings = [
        _("evidence file %(name)s is missing from %(root)s; its record was kept without it")
        % {"name": name, "root": settings.EVIDENCE_ROOT}
        for name in sorted(evidence_names)
    ]
    return summary
