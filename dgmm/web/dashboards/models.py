"""Dashboards read cycles, participations and frozen results; the one table they own is the public
aggregates of a published cycle, made when it is published (docs/public-data.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dgmm.web.cycles.models import Cycle


class PublishedAggregate(models.Model):
    """The public aggregates of a published cycle (``dgmm.aggregates.public_aggregates``), made when the
    cycle is published (`dgmm.web.dashboards.public.publish_aggregates`), deleted when the publication is
    withdrawn. `version` is the document's ``format_version``: an older one is made again when read."""

    cycle = models.OneToOneField(Cycle, on_delete=models.CASCADE, related_name="published_aggregate")
    document = models.JSONField(_("aggregates document"))
    version = models.PositiveIntegerField(_("format version"))
    made_at = models.DateTimeField(_("made"))

    class Meta:
        verbose_name = _("published aggregates")
        verbose_name_plural = _("published aggregates")

    def __str__(self) -> str:
        return f"{self.cycle.code} (v{self.version})"
