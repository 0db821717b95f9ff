from __future__ import annotations

from django.urls import path

from dgmm.web.dashboards.views import pages, trends

app_name = "dashboards"

urlpatterns = [
    path("", pages.home, name="home"),
    path("public/", pages.public, name="public"),
    path("public/ministries/", trends.ministry_index, name="ministry-index"),
    path("public/ministries/<str:code>/", trends.ministry_trend, name="ministry-trend"),
    path("public/provinces/", trends.province_index, name="province-index"),
    path("public/provinces/<str:code>/", trends.province_trend, name="province-trend"),
    path("public/agencies/", trends.agency_index, name="agency-index"),
    path("public/agencies/<str:code>/", trends.agency_trend, name="agency-trend"),
    path("public/<slug:cycle>/", pages.dashboard, name="dashboard"),
    path("cycles/<slug:cycle>/rates/", pages.rates, name="rates"),
    path("cycles/<slug:cycle>/results/", pages.results, name="results"),
    path("cycles/<slug:cycle>/deck.pdf", pages.deck, name="deck"),
    path("cycles/<slug:cycle>/results/<slug:tier>.csv", pages.results_csv, name="results-csv"),
    path("cycles/<slug:cycle>/results/<str:agency>/", pages.agency_result, name="agency-result"),
    path("cycles/<slug:cycle>/results/<str:agency>/report.pdf", pages.agency_report, name="agency-report"),
]
