from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CyclesConfig(AppConfig):
    name = "dgmm.web.cycles"
    label = "cycles"
    verbose_name = _("Survey cycles")
