"""Uploaded answers and agencies files: the limits from settings, and saving an upload to read it.

The limits (``DGMM_IMPORT_*`` in settings, docs/web.md) become the core's `FileLimits`: the upload's
size is checked before it is written to disk, the rest by the core's readers before and while a
file is expanded. Problems of those limits are told in the user's language (`localized`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from dgmm import InputFileError, Problem
from dgmm.tables import FileLimits
from dgmm.web.actions import ActionError

SUFFIXES = (".csv", ".xlsx", ".xlsm")


def import_limits() -> FileLimits:
    """The limits of an imported file, from settings."""
    return FileLimits(
        max_bytes=settings.DGMM_IMPORT_MAX_BYTES,
        max_xlsx_bytes=settings.DGMM_IMPORT_MAX_XLSX_BYTES,
        max_rows=settings.DGMM_IMPORT_MAX_ROWS,
        max_cell_chars=settings.DGMM_IMPORT_MAX_CELL_CHARS,
        max_problems=settings.DGMM_IMPORT_MAX_PROBLEMS,
    )


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f}"


def save_upload(upload: Any, tmp: str | Path, default: str) -> tuple[Path, str]:
    """Write an upload into the temporary directory `tmp` (the core's readers open paths); keep its suffix.

    Refuses, before writing anything, a file of another type or larger than the limit.
    """
    name = Path(upload.name or default).name
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ActionError(_("Upload a CSV (UTF-8) or XLSX file."), code="bad_file_type")
    limit = settings.DGMM_IMPORT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ActionError(
            _(
                "%(name)s is %(size)s MB; files of at most %(limit)s MB are accepted. Split it into "
                "several files."
            )
            % {"name": name, "size": _mb(upload.size), "limit": _mb(limit)},
            code="file_too_large",
        )
    path = Path(tmp) / f"upload{suffix}"
    with path.open("wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    return path, name


def _message(pr: Problem, limits: FileLimits) -> str:
    """The translated message of a problem of the limits, else the core's own."""
    if pr.code == "file_too_large":
        return _("the file is larger than %(limit)s MB") % {"limit": _mb(limits.max_bytes)}
    if pr.code == "xlsx_too_large":
        return _("the workbook expands to more than %(limit)s MB once uncompressed") % {
            "limit": _mb(limits.max_xlsx_bytes)
        }
    if pr.code == "cell_too_large":
        return _(
            "a cell holds more than %(limit)s characters (a quote left open makes the rest of a CSV file "
            "one cell)"
        ) % {"limit": f"{limits.max_cell_chars:,}"}
    if pr.code == "too_many_rows":
        return _("more than %(limit)s rows: split the file into several") % {"limit": f"{limits.max_rows:,}"}
    return pr.message


def localized(
    exc: InputFileError, name: str, summary: str, limits: FileLimits | None = None
) -> InputFileError:
    """The same error about the file the user knows as `name`, problems of the limits translated.

    `limits`: the ones the file was read within, when not the import limits.
    """
    limits = limits or import_limits()
    problems = [replace(pr, file=name, message=_message(pr, limits)) for pr in exc.problems]
    return type(exc)(problems, summary, more=exc.more)
