"""The registry in Django admin: every save and delete is written to the audit log (old → new per field),
like an import, since an agency's parent department decides who sees its answers."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet

from dgmm.web.cycles.audit import record_all
from dgmm.web.registry.audit import deleted, entries, state
from dgmm.web.registry.models import Agency, Ministry, Province

NOTE = "admin"


class AuditedAdmin(admin.ModelAdmin[Any]):
    """Saves and deletes leave audit entries (the admin runs each in one transaction with them)."""

    def save_model(self, request: Any, obj: Model, form: Any, change: bool) -> None:
        before = state(type(obj)._default_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        obj.refresh_from_db()
        record_all(entries(obj, before, request.user, NOTE))

    def delete_model(self, request: Any, obj: Model) -> None:
        gone = deleted(obj, request.user, NOTE)
        super().delete_model(request, obj)
        record_all([gone])

    def delete_queryset(self, request: Any, queryset: QuerySet[Any]) -> None:
        gone = [deleted(obj, request.user, NOTE) for obj in queryset]
        super().delete_queryset(request, queryset)
        record_all(gone)


@admin.register(Ministry)
class MinistryAdmin(AuditedAdmin):
    list_display = ("code", "abbr_th", "name_th", "name_en")
    search_fields = ("code", "name_th", "name_en")


@admin.register(Province)
class ProvinceAdmin(AuditedAdmin):
    list_display = ("code", "name_th", "name_en", "region")
    search_fields = ("code", "name_th", "name_en")


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ("code", "name_th", "tier", "ministry", "province", "parent", "is_active")
    list_filter = ("tier", "ministry", "is_active")
    search_fields = ("code", "name_th", "name_en")
    raw_id_fields = ("parent",)
