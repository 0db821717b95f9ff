"""Business operations as classes: ``check()`` decides whether the user may act, ``execute()`` acts.

Views, management commands and the API call the same action, so permission checks, validation and
the audit log behave the same everywhere::

    action = SubmitParticipation(participation, user)
    action.check()        # raises ActionPermissionError (-> 404/403) or ActionError (-> message)
    action.execute()

Errors:

    ActionError                 the operation cannot be done now (wrong status, deadline passed, ...)
    ├── ActionPermissionError   the user may not do this at all
    └── ConflictError           someone changed the object since the user last saw it
"""

from __future__ import annotations

from typing import Any


class ActionError(Exception):
    """The operation cannot be done; ``code`` is stable, ``message`` is translated for the user."""

    code = "action_refused"
    status = 400

    def __init__(self, message: str, code: str | None = None, **context: Any) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.context = context


class ActionPermissionError(ActionError):
    """The user may not perform this operation."""

    code = "permission_denied"
    status = 403


class ConflictError(ActionError):
    """The object changed since the user loaded it (version check failed)."""

    code = "conflict"
    status = 409


class Action:
    """Base class: subclasses implement ``check()`` and ``_execute()``."""

    def check(self) -> None:
        raise NotImplementedError

    def _execute(self) -> Any:
        raise NotImplementedError

    def execute(self, skip_check: bool = False) -> Any:
        if not skip_check:
            self.check()
        return self._execute()
