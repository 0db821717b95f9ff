"""The error reports raise: a DgmmError, so the command line prints it as a message and exits 1."""

from __future__ import annotations

from dgmm.errors import DgmmError


class ReportError(DgmmError):
    """A report cannot be made: a font, answers file or template is missing, or the data is unusable."""

    code = "report_error"

    def __init__(self, message: str, code: str = "report_error") -> None:
        super().__init__(message)
        self.code = code
