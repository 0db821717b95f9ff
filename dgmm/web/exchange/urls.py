from __future__ import annotations

from django.urls import path

from dgmm.web.exchange.views import files

app_name = "exchange"

urlpatterns = [
    path("<slug:cycle>/", files.index, name="index"),
    path("<slug:cycle>/answers.<str:fmt>", files.export, name="export"),
    path("<slug:cycle>/import/", files.import_answers, name="import"),
    path("<slug:cycle>/xlsform/<str:tier>.xlsx", files.xlsform, name="xlsform"),
    path("<slug:cycle>/questionnaire/<str:tier>.xlsx", files.questionnaire, name="questionnaire"),
    path("<slug:cycle>/submissions/", files.import_submissions, name="submissions"),
]
