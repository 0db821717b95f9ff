"""Improvement plans: per agency and cycle, the topics an agency means to raise, to which level, by
which answer changes (in words), serving which PMQA 4.0 items, by whom and by when.

An item is kept with the cycle whose results it was planned from; the next cycle with results shows the
level the topic reached (planned versus achieved), found by the agency's registry code.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dgmm.web.cycles.models import Cycle
from dgmm.web.registry.models import Agency

TOPIC_MAX = 40
TEXT_MAX = 4000  # the actions in words, each language
NAME_MAX = 200  # responsible unit, owner
NOTE_MAX = 200


class PlanStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("plan status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("plan status", "In progress")
    DONE = "done", pgettext_lazy("plan status", "Done")
    DROPPED = "dropped", pgettext_lazy("plan status", "Dropped")


class PlanItem(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="plan_items")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="plan_items")
    topic = models.CharField(_("topic"), max_length=TOPIC_MAX)
    level_now = models.PositiveSmallIntegerField(
        _("level now"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    target_level = models.PositiveSmallIntegerField(
        _("target level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    actions_th = models.TextField(_("actions (Thai)"), max_length=TEXT_MAX, blank=True)
    actions_en = models.TextField(_("actions (English)"), max_length=TEXT_MAX, blank=True)
    changes = models.JSONField(_("planned answer changes"), default=dict, blank=True)
    pmqa_items = models.JSONField(_("PMQA 4.0 items served"), default=list, blank=True)
    source = models.CharField(_("planned from"), max_length=NOTE_MAX, blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=NAME_MAX, blank=True)
    owner = models.CharField(_("owner"), max_length=NAME_MAX, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle_id", "agency_id", "topic", "pk"]
        indexes = [models.Index(fields=["cycle", "agency"])]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")

    def __str__(self) -> str:
        return f"{self.agency_id} {self.topic} → {self.target_level}"

    def actions(self, lang: str) -> str:
        return (self.actions_en or self.actions_th) if lang == "en" else (self.actions_th or self.actions_en)
