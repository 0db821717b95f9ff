from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from dgmm.web.cycles.models import (
    Answer,
    AuditEntry,
    Cycle,
    CycleFramework,
    CycleResult,
    Evidence,
    Participation,
)


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """Survey data changes through the application's actions
    (version checks, audit log), never by editing rows here."""

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class CycleFrameworkInline(admin.TabularInline[CycleFramework, Cycle]):
    model = CycleFramework
    extra = 0

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Cycle)
class CycleAdmin(ReadOnlyAdmin):
    list_display = ("code", "year", "name_th", "status", "scoring_policy", "opens_at", "closes_at")
    list_filter = ("status", "year")
    inlines = [CycleFrameworkInline]


@admin.register(Participation)
class ParticipationAdmin(ReadOnlyAdmin):
    list_display = ("cycle", "agency", "status", "submitted_at")
    list_filter = ("cycle", "status")
    raw_id_fields = ("agency",)
    search_fields = ("agency__code", "agency__name_th")


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ("cycle", "agency", "code", "source", "value", "version", "updated_at", "updated_by")
    list_filter = ("cycle", "source")
    search_fields = ("agency__code", "code")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "who", "via_token", "kind", "cycle", "agency", "target", "old_value", "new_value")
    list_filter = ("kind", "cycle")
    list_select_related = ("actor", "token__created_by")

    @admin.display(description=_("who"))
    def who(self, entry: AuditEntry) -> str:
        return entry.who

    @admin.display(description=_("API token"))
    def via_token(self, entry: AuditEntry) -> str:
        return entry.token_label


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    """The stored file has no public URL: the page links to the download view, which checks who asks."""

    list_display = ("cycle", "agency", "topic_id", "original_name", "size", "uploaded_by", "uploaded_at")
    exclude = ("file",)
    readonly_fields = ("download",)

    @admin.display(description=_("file"))
    def download(self, evidence: Evidence) -> str:
        url = reverse(
            "cycles:evidence-download",
            kwargs={"cycle": evidence.cycle.code, "agency": evidence.agency.code, "pk": evidence.pk},
        )
        return format_html('<a href="{}">{}</a>', url, evidence.original_name)


@admin.register(CycleResult)
class CycleResultAdmin(ReadOnlyAdmin):
    list_display = ("cycle", "tier", "framework", "generated_at")
    exclude = ("document",)
