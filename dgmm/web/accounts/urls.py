from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from dgmm.web.accounts.views import people, signin

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("people/", people.people, name="people"),
    path("people/file/", people.people_file, name="people-file"),
    path("people/file/confirm/", people.people_file_confirm, name="people-file-confirm"),
    path("people/file/template.xlsx", people.people_template, name="people-template"),
    path("people/invitation/<int:pk>/resend/", people.resend, name="invitation-resend"),
    path("invitation/<str:token>/", people.accept, name="accept"),
    path("password-reset/", signin.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password-reset-complete",
    ),
]
