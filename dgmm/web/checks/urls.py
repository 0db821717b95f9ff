from __future__ import annotations

from django.urls import path

from dgmm.web.checks import views

app_name = "checks"

urlpatterns = [
    path("<slug:cycle>/", views.queue, name="queue"),
    path("<slug:cycle>/f/<int:pk>/resolve/", views.resolve, name="resolve"),
]
