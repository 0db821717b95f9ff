"""URL map: one namespace per app (``cycles:topic``, ``review:detail``, ...)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from dgmm.web.health import healthz

# The admin names the product, in the reader's language, instead of "Django administration".
admin.site.site_title = _("Digital Government Maturity Survey")
admin.site.site_header = _("Digital Government Maturity Survey: administration")
admin.site.index_title = _("Site administration")

urlpatterns = [
    path("", include("dgmm.web.dashboards.urls")),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("dgmm.web.accounts.urls")),
    path("registry/", include("dgmm.web.registry.urls")),
    path("cycles/", include("dgmm.web.cycles.urls")),
    path("review/", include("dgmm.web.review.urls")),
    path("checks/", include("dgmm.web.checks.urls")),
    path("audit/", include("dgmm.web.review.audit_urls")),
    path("exchange/", include("dgmm.web.exchange.urls")),
    path("plans/", include("dgmm.web.plans.urls")),
    path("api/", include("dgmm.web.api.urls")),
    path("open-data/", include("dgmm.web.dashboards.opendata_urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

handler400 = "dgmm.web.errors.bad_request"
handler403 = "dgmm.web.errors.permission_denied"
handler404 = "dgmm.web.errors.page_not_found"
handler500 = "dgmm.web.errors.server_error"
