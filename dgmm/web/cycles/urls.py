from __future__ import annotations

from django.urls import path

from dgmm.web.cycles.views import evidence, manage, questionnaire, transitions

app_name = "cycles"

urlpatterns = [
    path("", manage.cycle_list, name="list"),
    path("new/", manage.cycle_create, name="create"),
    path("<slug:cycle>/", manage.cycle_detail, name="detail"),
    path("<slug:cycle>/edit/", manage.cycle_edit, name="edit"),
    path("<slug:cycle>/participants/", manage.participants, name="participants"),
    path("<slug:cycle>/participants/remove/", manage.remove_participants, name="remove-participants"),
    path("<slug:cycle>/do/<str:action>/", transitions.transition, name="transition"),
    path("<slug:cycle>/a/<str:agency>/", questionnaire.participation, name="participation"),
    path("<slug:cycle>/a/<str:agency>/t/<str:topic_id>/", questionnaire.topic, name="topic"),
    path("<slug:cycle>/a/<str:agency>/answer/", questionnaire.autosave, name="autosave"),
    path("<slug:cycle>/a/<str:agency>/submit/", questionnaire.submit, name="submit"),
    path("<slug:cycle>/a/<str:agency>/evidence/", evidence.upload, name="evidence-upload"),
    path("<slug:cycle>/a/<str:agency>/evidence/<int:pk>/", evidence.download, name="evidence-download"),
    path("<slug:cycle>/a/<str:agency>/evidence/<int:pk>/remove/", evidence.remove, name="evidence-remove"),
]
