"""Review comments on a submission: corrections asked for, and notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dgmm.web.cycles.models import AppendOnly, Participation
from dgmm.web.labels import label_fields


class ReviewComment(AppendOnly):
    """A comment written with a review decision; kept as written (never changed or deleted)."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction requested")
        APPROVAL = "approval", _("Approved")
        REOPEN = "reopen", _("Reopened")
        NOTE = "note", _("Note")

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NOTE)
    topic_id = models.CharField(_("topic"), max_length=60, blank=True)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.participation}: {self.get_kind_display()}"


label_fields(ReviewComment, participation=_("participation"), author=_("author"))
