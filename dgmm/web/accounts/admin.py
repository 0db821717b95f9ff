from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from dgmm.web.accounts.models import Invitation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "role", "agency", "is_active")
    list_filter = ("role", "is_active")
    raw_id_fields = ("agency",)
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Survey role"), {"fields": ("role", "agency")}))


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "role", "agency", "created_at", "expires_at", "accepted_at")
    raw_id_fields = ("agency",)
