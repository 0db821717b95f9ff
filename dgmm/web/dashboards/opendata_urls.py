"""Stable open data URLs of published cycles (docs/public-data.md)."""

from __future__ import annotations

from django.urls import path

from dgmm.web.dashboards.views import opendata

app_name = "opendata"

urlpatterns = [
    path("catalog.jsonld", opendata.catalog, name="catalog"),
    path("<slug:cycle>/", opendata.cycle_page, name="cycle"),
    path("<slug:cycle>/dataset.jsonld", opendata.dataset, name="dataset"),
    path("<slug:cycle>/package.zip", opendata.package_zip, name="zip"),
    path("<slug:cycle>/<str:name>", opendata.package_file, name="file"),
]
