from __future__ import annotations

from django.urls import path

from dgmm.web.plans import downloads, views

app_name = "plans"

urlpatterns = [
    path("<slug:cycle>/", views.overview, name="overview"),
    path("<slug:cycle>/<str:agency>/", views.plan, name="plan"),
    path("<slug:cycle>/<str:agency>/plan.pdf", downloads.plan_pdf, name="pdf"),
    path("<slug:cycle>/<str:agency>/plan.xlsx", downloads.plan_xlsx, name="xlsx"),
    path("<slug:cycle>/<str:agency>/items/<int:pk>/", views.edit_item, name="edit"),
    path("<slug:cycle>/<str:agency>/items/<int:pk>/delete/", views.delete_item, name="delete"),
]
