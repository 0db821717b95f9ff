"""django-axes (sign-in lockouts) in Thai in the admin: its app under a translated name, and a title
for the lockout status column it leaves without one. Its messages are translated in the project's
catalogue (dgmm/web/admin_messages.py)."""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig  # django-axes ships no types
from django.utils.translation import gettext_lazy as _


class LockoutsConfig(AxesAppConfig):  # type: ignore[misc]
    verbose_name = _("Sign-in lockouts")

    def ready(self) -> None:
        super().ready()
        from axes.admin import AccessAttemptAdmin

        AccessAttemptAdmin.status.short_description = _("lockout status")
