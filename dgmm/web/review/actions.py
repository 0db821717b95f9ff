"""Review operations: ask for corrections (with a comment), approve, reopen."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dgmm.web.actions import Action, ActionError, ActionPermissionError, ConflictError
from dgmm.web.cycles.actions import framework_of, set_status
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry, Participation, ParticipationStatus
from dgmm.web.notices import letters
from dgmm.web.review.models import ReviewComment
from dgmm.web.review.permissions import ReviewPolicy

MAX_COMMENT = 4000  # characters of one review comment


def version_token(p: Participation) -> str:
    """What the analyst saw: changes whenever the participation's status (or anything on it) changes."""
    return p.updated_at.isoformat() if p.updated_at else ""


class _ReviewAction(Action):
    kind = ReviewComment.Kind.NOTE
    target = ParticipationStatus.RETURNED
    needs_comment = True

    def __init__(
        self,
        participation: Participation,
        user: Any,
        comment: str = "",
        topic_id: str = "",
        *,
        topic_comments: Mapping[str, str] | None = None,
        seen: str = "",
    ) -> None:
        """`comment` on the whole submission (or on `topic_id`), `topic_comments` one per topic;
        `seen`: the participation's `version_token` when the analyst confirmed (refused if it changed
        since)."""
        self.participation = participation
        self.user = user
        self.comment = comment.strip()
        self.topic_id = topic_id.strip()
        self.topic_comments = {k.strip(): v.strip() for k, v in (topic_comments or {}).items() if v.strip()}
        self.seen = seen
        self.policy = ReviewPolicy(user)

    @property
    def comments(self) -> list[tuple[str, str]]:
        """(topic id or "", text) of every comment this decision sends, the whole submission's first."""
        out = [(self.topic_id, self.comment)] if self.comment else []
        return out + list(self.topic_comments.items())

    def allowed(self) -> bool:
        raise NotImplementedError

    def check(self) -> None:
        p = self.participation
        if not self.policy.can_review():
            raise ActionPermissionError(_("Only analysts review submissions."))
        if self.seen and self.seen != version_token(p):
            raise ConflictError(
                _("The submission changed after you opened the confirmation; look at it again."),
                code="changed",
            )
        if not self.allowed():
            raise ActionError(
                _("This cannot be done while the submission is “%(status)s”.")
                % {"status": p.get_status_display()},
                code="wrong_status",
            )
        if self.needs_comment and not self.comments:
            raise ActionError(
                _("Write a comment that tells the agency what to correct."), code="comment_required"
            )
        topics = {t.id for t in framework_of(p).iter_topics()}
        for topic_id, comment in self.comments:
            if topic_id and topic_id not in topics:
                raise ActionError(
                    _("“%(topic)s” is not a topic of this questionnaire.") % {"topic": topic_id[:60]},
                    code="unknown_topic",
                )
            if len(comment) > MAX_COMMENT:
                raise ActionError(
                    _("A comment can be at most %(max)d characters long (this one has %(n)d).")
                    % {"max": MAX_COMMENT, "n": len(comment)},
                    code="comment_too_long",
                )

    def _execute(self) -> ReviewComment | None:
        """Change the status and write the comments (each one audited); returns the first comment."""
        p = self.participation
        written: list[ReviewComment] = []
        with transaction.atomic():
            old = p.status
            note = "\n\n".join(f"{t}: {c}" if t else c for t, c in self.comments)
            set_status(p, self.target, self.user, note=note, expected=(old,))
            for topic_id, text in self.comments:
                written.append(
                    ReviewComment.objects.create(
                        participation=p, author=self.user, kind=self.kind, topic_id=topic_id, text=text
                    )
                )
                record(
                    AuditEntry.Kind.REVIEW,
                    topic_id or "submission",
                    actor=self.user,
                    cycle=p.cycle,
                    agency=p.agency,
                    new=text,
                    note=self.kind,
                )
            self.notify()
        return written[0] if written else None

    def notify(self) -> None:
        """E-mail the agency about the decision (sent once the decision is saved); none by default."""


class RequestCorrection(_ReviewAction):
    """Return a submission to the agency with a comment; the answers unlock."""

    kind = ReviewComment.Kind.CORRECTION
    target = ParticipationStatus.RETURNED

    def allowed(self) -> bool:
        return self.policy.can_request_correction(self.participation)

    def notify(self) -> None:
        letters.notify_correction(self.participation, self.comments)


class Reopen(RequestCorrection):
    """Unlock a submitted or approved submission (a comment says why)."""

    kind = ReviewComment.Kind.REOPEN


class Approve(_ReviewAction):
    """Accept a submission as it stands: its answers stay locked and count when the cycle is scored."""

    kind = ReviewComment.Kind.APPROVAL
    target = ParticipationStatus.APPROVED
    needs_comment = False

    def allowed(self) -> bool:
        return self.policy.can_approve(self.participation)

    def notify(self) -> None:
        letters.notify_approval(self.participation, "\n\n".join(text for _t, text in self.comments))
