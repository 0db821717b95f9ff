from __future__ import annotations

from django.urls import path

from dgmm.web.registry.views import agencies

app_name = "registry"

urlpatterns = [
    path("", agencies.agency_list, name="list"),
    path("import/", agencies.agency_import, name="import"),
    path("<str:agency>/", agencies.agency_detail, name="detail"),
]
