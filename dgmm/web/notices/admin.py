"""Django admin: the deadline reminders sent, read-only (the `remind` command writes them)."""

from __future__ import annotations

from django.contrib import admin

from dgmm.web.cycles.admin import ReadOnlyAdmin
from dgmm.web.notices.models import ReminderSent


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ("participation", "days_before", "recipients", "sent_at")
    list_filter = ("days_before", "participation__cycle")
    search_fields = ("participation__agency__code",)
    list_select_related = ("participation__cycle", "participation__agency")
