"""Django admin for accounts. Users are deactivated,
never deleted: their audit entries keep pointing at them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dgmm.web.accounts.models import Invitation, User


class PasswordChangeForm(AdminPasswordChangeForm):  # type: ignore[type-arg]  # not generic at run time
    """Django's form warns what disabling a password does in English whatever the language (its
    warning is joined to the translated help text when Django starts); this one in the reader's."""

    usable_password_help_text = format_lazy(  # type: ignore[assignment]  # lazy: read in the reader's language
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    change_password_form = PasswordChangeForm
    list_display = ("username", "email", "role", "agency", "is_active")
    list_filter = ("role", "is_active")
    raw_id_fields = ("agency",)
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), (_("Survey role"), {"fields": ("role", "agency")}))
    actions = ["deactivate"]

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Deactivate the selected users"), permissions=["change"])
    def deactivate(self, request: Any, queryset: Any) -> None:
        """One save per user, so each deactivation is in the audit log; your own account is left alone."""
        users = list(queryset.filter(is_active=True).exclude(pk=request.user.pk))
        for user in users:
            user.is_active = False
            user.save(update_fields=["is_active"])
        self.message_user(
            request,
            ngettext("%(count)d user deactivated.", "%(count)d users deactivated.", len(users))
            % {"count": len(users)},
            messages.SUCCESS,
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    """Read-only: invitations are made on the People page (the Invite action checks and audits them)."""

    list_display = ("email", "role", "agency", "created_at", "expires_at", "accepted_at")
    raw_id_fields = ("agency",)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
