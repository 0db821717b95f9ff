from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CyclesConfig(AppConfig):
    name = "dgmm.web.cycles"
    label = "cycles"
    verbose_name = _("Survey cycles")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from dgmm.web.cycles.models import CycleResult

        post_save.connect(_forget_result, sender=CycleResult, dispatch_uid="cycles.forget_frozen")
        post_delete.connect(_forget_result, sender=CycleResult, dispatch_uid="cycles.forget_frozen")


def _forget_result(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A results row saved or deleted in this process: its parsed document is no longer kept."""
    from dgmm.web.cycles.frozen import forget

    forget(instance.pk)
