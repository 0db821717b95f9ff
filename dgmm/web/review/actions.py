"""Review operations: ask for corrections (with a comment), approve, reopen."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dgmm.web.actions import Action, ActionError, ActionPermissionError
from dgmm.web.cycles.actions import set_status
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry, Participation, ParticipationStatus
from dgmm.web.notices import letters
from dgmm.web.review.models import ReviewComment
from dgmm.web.review.permissions import ReviewPolicy


class _ReviewAction(Action):
    kind = ReviewComment.Kind.NOTE
    target = ParticipationStatus.RETURNED
    needs_comment = True

    def __init__(
        self, participation: Participation, user: Any, comment: str = "", topic_id: str = ""
    ) -> None:
        self.participation = participation
        self.user = user
        self.comment = comment.strip()
        self.topic_id = topic_id
        self.policy = ReviewPolicy(user)

    def allowed(self) -> bool:
        raise NotImplementedError

    def check(self) -> None:
        if not self.policy.can_review():
            raise ActionPermissionError(_("Only analysts review submissions."))
        if not self.allowed():
            raise ActionError(
                _("This cannot be done while the submission is “%(status)s”.")
                % {"status": self.participation.get_status_display()},
                code="wrong_status",
            )
        if self.needs_comment and not self.comment:
            raise ActionError(
                _("Write a comment that tells the agency what to correct."), code="comment_required"
            )

    def _execute(self) -> ReviewComment | None:
        p = self.participation
        with transaction.atomic():
            old = p.status
            set_status(p, self.target, self.user, note=self.comment, expected=(old,))
            comment = None
            if self.comment:
                comment = ReviewComment.objects.create(
                    participation=p,
                    author=self.user,
                    kind=self.kind,
                    topic_id=self.topic_id,
                    text=self.comment,
                )
                record(
                    AuditEntry.Kind.REVIEW,
                    self.topic_id or "submission",
                    actor=self.user,
                    cycle=p.cycle,
                    agency=p.agency,
                    new=self.comment,
                    note=self.kind,
                )
            self.notify()
        return comment

    def notify(self) -> None:
        """E-mail the agency about the decision (sent once the decision is saved); none by default."""


class RequestCorrection(_ReviewAction):
    """Return a submission to the agency with a comment; the answers unlock."""

    kind = ReviewComment.Kind.CORRECTION
    target = ParticipationStatus.RETURNED

    def allowed(self) -> bool:
        return self.policy.can_request_correction(self.participation)

    def notify(self) -> None:
        letters.notify_correction(self.participation, self.comment, self.topic_id)


class Reopen(RequestCorrection):
    """Unlock a submitted or approved submission (a comment says why)."""

    kind = ReviewComment.Kind.REOPEN


class Approve(_ReviewAction):
    kind = ReviewComment.Kind.APPROVAL
    target = ParticipationStatus.APPROVED
    needs_comment = False

    def allowed(self) -> bool:
        return self.policy.can_approve(self.participation)

    def notify(self) -> None:
        letters.notify_approval(self.participation, self.comment)
