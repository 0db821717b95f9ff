from __future__ import annotations

from django.urls import path

from dgmm.web.review.views import submissions

app_name = "review"

urlpatterns = [
    path("<slug:cycle>/", submissions.queue, name="queue"),
    path("<slug:cycle>/a/<str:agency>/", submissions.detail, name="detail"),
    path("<slug:cycle>/a/<str:agency>/analyst/", submissions.analyst_answer, name="analyst-answer"),
    path("<slug:cycle>/a/<str:agency>/decide/<str:decision>/", submissions.decide, name="decide"),
    path("<slug:cycle>/a/<str:agency>/audit/", submissions.audit, name="audit"),
]
