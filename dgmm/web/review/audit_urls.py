from __future__ import annotations

from django.urls import path

from dgmm.web.review.views import log

app_name = "audit"

urlpatterns = [
    path("", log.audit_log, name="log"),
]
