"""Flags raised by the framework's consistency checks on a participation, and what the analyst decided.

A flag is stored when the agency submits and when an analyst opens the queue (answers changed since the
last check are checked again). It is keyed by participation and flag key (the check id, with the topic
for checks evaluated per topic). A resolved flag stays resolved while the values that raised it are the
same (``fingerprint``); when they change, it opens again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dgmm.web.cycles.models import Participation


class Severity(models.TextChoices):
    WARNING = "warning", _("Warning")
    DOUBTFUL = "doubtful", _("Doubtful")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


NOTE_MAX = 2000  # characters of a resolution note


class CheckFlag(models.Model):
    """One check that held on a participation's answers, and its resolution."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="check_flags")
    key = models.CharField(_("flag"), max_length=160)
    check_id = models.CharField(_("check"), max_length=80)
    topic_id = models.CharField(_("topic"), max_length=60, blank=True)  # the first topic it concerns
    topics = models.CharField(_("topics"), max_length=400, blank=True)  # every topic, separated by spaces
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    message_th = models.TextField(_("message (Thai)"))
    message_en = models.TextField(_("message (English)"))
    values = models.JSONField(_("values"), default=dict)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    is_current = models.BooleanField(_("raised by the current answers"), default=True)
    resolution_note = models.TextField(_("resolution note"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    first_seen_at = models.DateTimeField(_("first raised"), default=timezone.now)
    checked_at = models.DateTimeField(_("checked"), default=timezone.now)

    class Meta:
        verbose_name = _("check flag")
        verbose_name_plural = _("check flags")
        constraints = [models.UniqueConstraint(fields=["participation", "key"], name="one_flag_per_key")]
        indexes = [models.Index(fields=["is_current", "status", "severity"])]
        ordering = ["participation__agency__code", "key"]

    def __str__(self) -> str:
        return f"{self.participation} {self.key}"

    @property
    def message(self) -> str:
        if (get_language() or "th").startswith("en"):
            return self.message_en or self.message_th
        return self.message_th or self.message_en

    @property
    def topic_list(self) -> list[str]:
        return self.topics.split()


class CheckRun(models.Model):
    """When a participation's answers were last checked (a participation checked with no flags has one)."""

    participation = models.OneToOneField(Participation, on_delete=models.CASCADE, related_name="check_run")
    checked_at = models.DateTimeField(_("checked"), default=timezone.now)

    class Meta:
        verbose_name = _("check run")
        verbose_name_plural = _("check runs")
