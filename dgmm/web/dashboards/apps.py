from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dgmm.web.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards and results")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from dgmm.web.cycles.models import CycleResult
        from dgmm.web.dashboards.deck import discard_decks

        post_delete.connect(discard_decks, sender=CycleResult, dispatch_uid="dashboards.discard_decks")
