"""What the deadline reminders sent: one row per participation and reminder step, so a step goes once."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dgmm.web.cycles.models import Participation


class ReminderSent(models.Model):
    """The reminder sent to an agency ``days_before`` days before its cycle's deadline (sent once)."""

    participation = models.ForeignKey(
        Participation, verbose_name=_("participation"), on_delete=models.CASCADE, related_name="reminders"
    )
    days_before = models.PositiveSmallIntegerField(_("days before the deadline"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["participation", "days_before"], name="one_reminder_per_step")
        ]
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.participation} −{self.days_before}d"
