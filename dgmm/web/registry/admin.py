from __future__ import annotations

from django.contrib import admin

from dgmm.web.registry.models import Agency, Ministry, Province


@admin.register(Ministry)
class MinistryAdmin(admin.ModelAdmin):
    list_display = ("code", "abbr_th", "name_th", "name_en")
    search_fields = ("code", "name_th", "name_en")


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name_th", "name_en", "region")
    search_fields = ("code", "name_th", "name_en")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name_th", "tier", "ministry", "province", "parent", "is_active")
    list_filter = ("tier", "ministry", "is_active")
    search_fields = ("code", "name_th", "name_en")
    raw_id_fields = ("parent",)
