from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    name = "dgmm.web.checks"
    label = "checks"
    verbose_name = _("Consistency checks")

    def ready(self) -> None:
        from dgmm.web.checks import signals

        signals.connect()
