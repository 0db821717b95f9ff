"""Settings shared by every environment. Databases and secrets come from the environment."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.utils.translation import gettext_lazy as _

WEB_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = WEB_DIR.parent.parent
VAR_DIR = Path(os.environ.get("DGMM_VAR_DIR", REPO_DIR / "var"))


def local_secret_key(var_dir: Path) -> str:
    """DGMM_SECRET_KEY, else a key generated once into the git-ignored var/ directory."""
    key = os.environ.get("DGMM_SECRET_KEY")
    if key:
        return key
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


DEBUG = False
ALLOWED_HOSTS: list[str] = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "dgmm.web.accounts",
    "dgmm.web.registry",
    "dgmm.web.cycles",
    "dgmm.web.review",
    "dgmm.web.dashboards",
    "dgmm.web.exchange",
    "dgmm.web.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "dgmm.web.urls"
WSGI_APPLICATION = "dgmm.web.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "dashboards:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dgmm.web.accounts.context.navigation",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Thai first, English second.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [WEB_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Bangkok"

STATIC_URL = "/static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"

# Evidence files live outside the web root and are served only through a permission-checking view.
EVIDENCE_ROOT = VAR_DIR / "evidence"
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = {  # extension -> accepted content types
    ".pdf": ("application/pdf",),
    ".png": ("image/png",),
    ".jpg": ("image/jpeg",),
    ".jpeg": ("image/jpeg",),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"),
    ".csv": ("text/csv", "text/plain", "application/vnd.ms-excel"),
    ".txt": ("text/plain",),
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Answers and agencies files (imports), checked before a file is expanded in memory (docs/web.md).
DGMM_IMPORT_MAX_BYTES = int(os.environ.get("DGMM_IMPORT_MAX_BYTES", 50 * 1024 * 1024))  # the uploaded file
DGMM_IMPORT_MAX_XLSX_BYTES = int(os.environ.get("DGMM_IMPORT_MAX_XLSX_BYTES", 200 * 1024 * 1024))  # uncompressed
DGMM_IMPORT_MAX_ROWS = int(os.environ.get("DGMM_IMPORT_MAX_ROWS", 500_000))
DGMM_IMPORT_MAX_CELL_CHARS = int(os.environ.get("DGMM_IMPORT_MAX_CELL_CHARS", 10_000))
DGMM_IMPORT_MAX_PROBLEMS = int(os.environ.get("DGMM_IMPORT_MAX_PROBLEMS", 100))  # listed; the rest counted
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Frameworks a cycle may use besides the shipped ones (paths to framework files).
DGMM_FRAMEWORK_PATHS: list[str] = [p for p in os.environ.get("DGMM_FRAMEWORK_PATHS", "").split(os.pathsep) if p]
RESULTS_DIR = VAR_DIR / "results"

EMAIL_BACKEND = os.environ.get("DGMM_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DGMM_FROM_EMAIL", "dgmm@localhost")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the autosave script reads the token from the form instead
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"dgmm.web": {"handlers": ["console"], "level": "INFO"}},
}
