"""Every error dgmm raises on purpose.

    DgmmError                  base class: catch this one
    ├── FrameworkError         a framework file is invalid (carries every problem found, sorted)
    ├── RuleError              a rule expression cannot be parsed or type-checked
    ├── InputFileError         an agencies / answers / results file is invalid (every problem found)
    │   └── AnswerError        an answer value does not fit its input
    ├── ResultsError           a results file has the wrong format or version, or its sources changed
    ├── ReportError            a report cannot be made (dgmm.reports.errors)
    └── NotFoundError          an unknown framework, agency or topic was asked for

Each error has a stable ``code`` (e.g. ``unknown_input``) so that the web application and reports
can translate it, and each problem names where it is: file, line or row, column, field. An error
about a file lists its first problems in full (`ProblemList`, ``limit``) and counts the rest
(``more``), so that a file of junk gives a short answer; messages quote cells through `shown`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a file: where it is and what is wrong."""

    file: str
    line: int  # line (framework) or row (CSV/XLSX); 0 when unknown
    where: str = ""  # YAML path or column name
    message: str = field(default="", compare=False)
    code: str = field(default="invalid", compare=False)
    topic: str = field(default="", compare=False)
    # the named values of the message ((name, value), ...), so that an adapter can say it in another language
    params: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        loc = f"{self.file}:{self.line}" if self.line else self.file
        parts = [loc]
        if self.topic:
            parts.append(f"topic {self.topic}")
        if self.where:
            parts.append(self.where)
        return ": ".join(parts) + f": {self.message}"


def clip(value: str, limit: int = 60) -> str:
    """A value cut to `limit` characters (marked with …): a message never repeats a huge cell."""
    return value if len(value) <= limit else value[:limit] + "…"


def shown(value: str, limit: int = 60) -> str:
    """A value quoted in a message: the repr of `clip`."""
    return repr(clip(value, limit))


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice most like `value` (a mistyped id or code), or None when none is close enough."""
    if not value:
        return None
    found = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    if not found and value.strip() != value:
        found = difflib.get_close_matches(value.strip(), choices, n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """``" (did you mean 'X'?)"`` for the choice closest to
    `value`, or ``""``: to follow the value in a message."""
    hit = closest(value, choices)
    return f" (did you mean {hit!r}?)" if hit is not None else ""


class ProblemList:
    """Problems found while reading a file: the first `limit` kept, in the order found, the rest counted."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.kept: list[Problem] = []
        self.more = 0

    def append(self, problem: Problem) -> None:
        if len(self.kept) < self.limit:
            self.kept.append(problem)
        else:
            self.more += 1

    def __len__(self) -> int:
        return len(self.kept) + self.more

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.kept)


class DgmmError(Exception):
    """Base class of every error dgmm raises on purpose."""

    code = "dgmm_error"


class _ProblemsError(DgmmError):
    """An error that carries every problem found in one pass, sorted by location."""

    max_shown = 50

    def __init__(
        self, problems: Iterable[Problem], summary: str = "", *, more: int = 0, limit: int | None = None
    ) -> None:
        ordered = sorted(problems)
        if limit is not None and len(ordered) > limit:
            more += len(ordered) - limit
            ordered = ordered[:limit]
        self.problems: Sequence[Problem] = ordered
        self.more = more  # problems found but not listed
        self.summary = summary
        super().__init__(self._text())

    @property
    def count(self) -> int:
        """Every problem found, listed or not."""
        return len(self.problems) + self.more

    def _text(self) -> str:
        n = self.count
        head = self.summary or f"{n} problem{'s' if n != 1 else ''} found"
        lines = [str(p) for p in self.problems[: self.max_shown]]
        if n > len(lines):
            lines.append(f"... and {n - len(lines):,} more")
        return head + ("\n  " + "\n  ".join(lines) if lines else "")


class FrameworkError(_ProblemsError):
    """A framework file is invalid. ``problems`` lists each with file, line, YAML path and topic."""

    code = "invalid_framework"


class RuleError(DgmmError):
    """A rule expression cannot be parsed or does not fit the framework's inputs."""

    code = "invalid_rule"

    def __init__(
        self, message: str, source: str = "", position: int | None = None, code: str = "invalid_rule"
    ) -> None:
        self.source = source
        self.position = position
        self.code = code
        text = message
        if source:
            text += f" in rule {source!r}"
            if position is not None:
                text += f" at character {position + 1}"
        super().__init__(text)
        self.message = message


class InputFileError(_ProblemsError):
    """An agencies, answers or results file is invalid; nothing was written."""

    code = "invalid_input_file"


class AnswerError(InputFileError):
    """Answer values do not fit their inputs (unknown option, malformed number, ...)."""

    code = "invalid_answer"


class ResultsError(DgmmError):
    """A results file has the wrong format or version, or a file it was scored from is missing or changed."""

    code = "invalid_results"

    def __init__(self, message: str, code: str = "invalid_results") -> None:
        super().__init__(message)
        self.code = code


class NotFoundError(DgmmError):
    """An unknown framework, agency or topic was asked for."""

    code = "not_found"
