"""Django admin: the deadline reminders sent, read-only (the `remind` command writes them)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from dgmm.web.notices.models import ReminderSent


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin[ReminderSent]):
    list_display = ("participation", "days_before", "recipients", "sent_at")
    list_filter = ("days_before", "participation__cycle")
    search_fields = ("participation__agency__code",)
    list_select_related = ("participation__cycle", "participation__agency")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
