"""Asking before an operation that cannot be undone (restore, purge): the consequences are printed by
the caller, then someone at a terminal types yes, or the command was given --yes."""

from __future__ import annotations

import sys

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def ask(question: str, refused: str) -> None:
    """Return when the person at the terminal types yes; otherwise CommandError(`refused`), which
    also names --yes when no one can answer (no terminal, e.g. a scheduled job)."""
    if not sys.stdin.isatty():
        raise CommandError(
            _("%(refused)s: confirm with --yes when no one can answer the question.") % {"refused": refused}
        )
    if input(question).strip().lower() not in ("yes", _("yes")):
        raise CommandError(refused)
