"""Restoring an archive into an empty instance: check everything first, then load it in one transaction.

``plan_restore`` checks the archive (every member's sha256), the schema (the same migrations applied
here as where the archive was made) and the instance (migrated, no rows in any kept table, no
evidence or results files); it raises BackupError naming each problem and writes nothing.
``restore`` then writes the files, loads every row with its own id and resets PostgreSQL's sequences;
if anything fails, the transaction is rolled back and the files written are removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from dgmm.web.operations.archive import ArchiveReader, BackupError
from dgmm.web.operations.backup import FILE_ROOTS
from dgmm.web.operations.progress import Start, Tick
from dgmm.web.operations.schema import (
    kept_models,
    migration_state,
    secret_key_fingerprint,
    unapplied_migrations,
)

ROWS_PER_INSERT = 1000


@dataclass
class RestorePlan:
    reader: ArchiveReader
    data: list[tuple[dict[str, Any], type[Model]]]
    files: list[tuple[dict[str, Any], Path]]
    warnings: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(m["rows"] for m, _model in self.data)


def _schema_problems(archived: dict[str, list[str]], version: str) -> list[str]:
    here = {(app, name) for app, names in migration_state().items() for name in names}
    there = {(app, name) for app, names in archived.items() for name in names}
    problems = []
    if there - here:
        problems.append(
            _(
                "The archive comes from a newer schema (product %(version)s): these migrations are not "
                "applied here: %(migrations)s. Install that product version, run migrate, then restore."
            )
            % {"version": version, "migrations": ", ".join(sorted(f"{a}.{n}" for a, n in there - here))}
        )
    if here - there:
        problems.append(
            _(
                "The archive comes from an older schema (product %(version)s): these migrations are "
                "applied here but not in the archive: %(migrations)s. Restore into product version "
                "%(version)s, then upgrade it."
            )
            % {"version": version, "migrations": ", ".join(sorted(f"{a}.{n}" for a, n in here - there))}
        )
    return problems


def occupied() -> list[str]:
    """What the instance already holds: tables with rows, evidence and results directories with files."""
    found = [
        _("%(table)s: %(count)d rows") % {"table": m._meta.label_lower, "count": m._base_manager.count()}
        for m in kept_models()
        if m._base_manager.exists()
    ]
    for setting in FILE_ROOTS.values():
        root = Path(getattr(settings, setting))
        if root.is_dir() and (count := sum(1 for p in root.rglob("*") if p.is_file())):
            found.append(_("%(directory)s: %(count)d files") % {"directory": root, "count": count})
    return found


def _file_target(member: dict[str, Any]) -> Path | None:
    """Where a file member goes; None when its path could leave its directory."""
    rel = PurePosixPath(member.get("path", ""))
    if member["kind"] not in FILE_ROOTS or rel.is_absolute() or not rel.parts or ".." in rel.parts:
        return None
    return Path(getattr(settings, FILE_ROOTS[member["kind"]])).joinpath(*rel.parts)


def _members(
    reader: ArchiveReader,
) -> tuple[list[tuple[dict[str, Any], type[Model]]], list[tuple[dict[str, Any], Path]]]:
    kept = {m._meta.label_lower: m for m in kept_models()}
    data, files, problems = [], [], []
    for member in reader.members:
        if member["kind"] == "data":
            if member["model"] in kept:
                data.append((member, kept[member["model"]]))
            else:
                problems.append(
                    _("%(member)s: table %(table)s is not part of this product")
                    % {"member": member["name"], "table": member["model"]}
                )
        elif (target := _file_target(member)) is not None:
            files.append((member, target))
        else:
            problems.append(
                _("%(member)s: not a file path inside the evidence or results directory")
                % {"member": member["name"]}
            )
    if problems:
        raise BackupError("\n".join(problems))
    return data, files


def plan_restore(path: Path, start: Start | None = None) -> RestorePlan:
    """Check the archive and this instance; raise BackupError naming every problem, write nothing."""
    reader = ArchiveReader(path)
    try:
        reader.verify(start(_("checking"), reader.total_bytes()) if start else None)
        data, files = _members(reader)
        if pending := unapplied_migrations():
            raise BackupError(
                _(
                    "This instance's database is not migrated (%(count)d migrations to apply). "
                    "Run `python -m dgmm.web migrate` first."
                )
                % {"count": len(pending)}
            )
        manifest = reader.manifest
        if problems := _schema_problems(manifest["migrations"], manifest["product_version"]):
            raise BackupError("\n".join(problems))
        if found := occupied():
            raise BackupError(
                _(
                    "A backup is restored only into an empty instance, and this one holds data:\n"
                    "%(found)s\nRestore into a new database with empty evidence and results "
                    "directories."
                )
                % {"found": "\n".join("  " + f for f in found)}
            )
    except BaseException:
        reader.close()
        raise
    plan = RestorePlan(reader, data, files)
    if manifest["secret_key_fingerprint"] != secret_key_fingerprint():
        plan.warnings.append(
            _(
                "The secret key differs from the one the archive was made with (fingerprint %(archived)s, "
                "here "
                "%(here)s): password-reset links sent before are not valid here. Nothing else depends on it; "
                "set "
                "DGMM_SECRET_KEY to the kept key to keep them valid."
            )
            % {"archived": manifest["secret_key_fingerprint"], "here": secret_key_fingerprint()}
        )
    return plan


def _lines(stream: Any, position: list[int]) -> Iterator[str]:
    for line in stream:
        position[0] += 1
        yield line


def _load_member(plan: RestorePlan, member: dict[str, Any], model: type[Model], tick: Tick) -> None:
    fields = model._meta.local_concrete_fields
    per_insert = max(
        1, min(ROWS_PER_INSERT, connection.ops.bulk_batch_size(fields, [None] * ROWS_PER_INSERT))
    )
    batch: list[Model] = []
    related: list[Any] = []

    def insert() -> None:
        # raw=True, as loaddata saves: every value is kept as archived (auto_now fields included).
        model._base_manager._insert(batch, fields=fields, raw=True)  # type: ignore[attr-defined]  # private
        tick(len(batch))
        batch.clear()

    position = [0]
    with plan.reader.open_text(member["name"]) as stream:
        try:
            for obj in serializers.deserialize("jsonl", _lines(stream, position)):
                if type(obj.object) is not model:
                    raise DeserializationError(
                        _("a row of %(table)s") % {"table": obj.object._meta.label_lower}
                    )
                batch.append(obj.object)
                if obj.m2m_data and any(obj.m2m_data.values()):
                    related.append(obj)
                if len(batch) >= per_insert:
                    insert()
        except DeserializationError as exc:
            raise BackupError(
                _("%(member)s line %(line)d: %(error)s (expected a row of %(table)s)")
                % {"member": member["name"], "line": position[0], "error": exc, "table": member["model"]}
            ) from exc
    if batch:
        insert()
    for obj in related:
        for name, values in obj.m2m_data.items():
            getattr(obj.object, name).set(values)


def _reset_sequences(models: list[type[Model]]) -> None:
    """New rows get ids after the restored ones (PostgreSQL's sequences; SQLite needs nothing)."""
    through = [
        t
        for m in models
        for f in m._meta.many_to_many
        if (t := f.remote_field.through) is not None and t._meta.auto_created
    ]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [*models, *through]):
            cursor.execute(sql)


def restore(plan: RestorePlan, start: Start) -> None:
    """Write the files, then load every row in one transaction; undo both if anything fails."""
    written: list[Path] = []
    try:
        tick = start("files", len(plan.files))
        for member, target in plan.files:
            plan.reader.copy_to(member, target)
            written.append(target)
            tick(1)
        with transaction.atomic():
            if taken := [m._meta.label_lower for m in kept_models() if m._base_manager.exists()]:
                raise BackupError(
                    _(
                        "Rows were written into %(tables)s while the archive was being restored; "
                        "nothing was restored."
                    )
                    % {"tables": ", ".join(taken)}
                )
            for member, model in plan.data:
                _load_member(plan, member, model, start(member["model"], member["rows"]))
            _reset_sequences([model for _member, model in plan.data])
    except DatabaseError as exc:
        _remove(written)
        raise BackupError(
            _("The database refused the archive's rows; nothing was restored: %(error)s") % {"error": exc}
        ) from exc
    except BaseException:
        _remove(written)
        raise
    finally:
        plan.reader.close()


def _remove(paths: list[Path]) -> None:
    for p in paths:
        p.unlink(missing_ok=True)
