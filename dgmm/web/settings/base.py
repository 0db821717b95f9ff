"""Settings shared by every environment. Databases and secrets come from the environment."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import django_stubs_ext
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from dgmm.web.settings.environment import env_days, env_flag, env_int, env_url

# Generic classes (ModelAdmin[Agency], ModelForm[Cycle]) subscriptable at run time, as the types say.
django_stubs_ext.monkeypatch()

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
    "ninja",  # the API's interactive docs from static files, not a CDN with inline script
    "dgmm.web.accounts",
    "dgmm.web.registry",
    "dgmm.web.cycles",
    "dgmm.web.review",
    "dgmm.web.checks",
    "dgmm.web.dashboards",
    "dgmm.web.exchange",
    "dgmm.web.api",
    "dgmm.web.operations",
    "dgmm.web.notices",
    "dgmm.web.plans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "dgmm.web.errors.DatabaseUnavailableMiddleware",
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
# What one agency may attach in one cycle (files not removed): a bound on the disk a respondent can fill.
EVIDENCE_MAX_FILES_PER_AGENCY = 200
EVIDENCE_MAX_BYTES_PER_AGENCY = 500 * 1024 * 1024
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
DGMM_IMPORT_MAX_XLSX_BYTES = int(
    os.environ.get("DGMM_IMPORT_MAX_XLSX_BYTES", 200 * 1024 * 1024)
)  # uncompressed
DGMM_IMPORT_MAX_ROWS = int(os.environ.get("DGMM_IMPORT_MAX_ROWS", 500_000))
DGMM_IMPORT_MAX_CELL_CHARS = int(os.environ.get("DGMM_IMPORT_MAX_CELL_CHARS", 10_000))
DGMM_IMPORT_MAX_PROBLEMS = int(os.environ.get("DGMM_IMPORT_MAX_PROBLEMS", 100))  # listed; the rest counted
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Frameworks a cycle may use besides the shipped ones (paths to framework files).
DGMM_FRAMEWORK_PATHS: list[str] = [
    p for p in os.environ.get("DGMM_FRAMEWORK_PATHS", "").split(os.pathsep) if p
]
RESULTS_DIR = VAR_DIR / "results"
# Who issues the agency reports (their cover): a YAML file with name_th, name_en, logo, address, contact
# (dgmm/reports/issuer.py). Empty: the survey office's name, text only (the product ships no emblem).
DGMM_REPORT_ISSUER_FILE = os.environ.get("DGMM_REPORT_ISSUER_FILE", "").strip()

# Parsed frozen results documents kept in memory per process (dgmm/web/cycles/frozen.py; docs/web.md
# "Frozen results in memory"): about 10 MB of JSON each for 2,000 agencies. 0 keeps none.
DGMM_FROZEN_RESULTS_CACHE = int(os.environ.get("DGMM_FROZEN_RESULTS_CACHE", 4))

# ---- E-mail (docs/operations.md "E-mail and reminders") -----------------------------------------------
EMAIL_BACKEND = os.environ.get("DGMM_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DGMM_FROM_EMAIL", "dgmm@localhost")
# The SMTP server of the smtp backend (django.core.mail.backends.smtp.EmailBackend).
EMAIL_HOST = os.environ.get("DGMM_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DGMM_EMAIL_PORT", 25, unit="")
EMAIL_HOST_USER = os.environ.get("DGMM_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DGMM_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_flag("DGMM_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30  # seconds: a mail server that hangs never holds a page or the reminders for long
# The address people open the site at: links in e-mails point there (production: https://<first host>).
DGMM_SITE_URL = env_url("DGMM_SITE_URL", "http://localhost:8000")
# The licence of the open data of published cycles (docs/public-data.md): its id, title and URL, written
# into every data package and DCAT record.
DGMM_OPEN_DATA_LICENSE = {
    "name": os.environ.get("DGMM_OPEN_DATA_LICENSE", "CC-BY-4.0"),
    "title": os.environ.get("DGMM_OPEN_DATA_LICENSE_TITLE", "Creative Commons Attribution 4.0 International"),
    "path": os.environ.get("DGMM_OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/"),
}
# Who publishes the open data (DCAT dct:publisher).
DGMM_OPEN_DATA_PUBLISHER = os.environ.get(
    "DGMM_OPEN_DATA_PUBLISHER", "Digital Government Development Agency (DGA) / สำนักงานพัฒนารัฐบาลดิจิทัล"
)
# Days before a cycle's deadline on which `remind` e-mails agencies that have not submitted.
DGMM_REMINDER_DAYS = env_days("DGMM_REMINDER_DAYS", (14, 7, 1))
# Most people one invitations file may invite (a larger file is refused; split it).
DGMM_INVITE_MAX_ROWS = int(os.environ.get("DGMM_INVITE_MAX_ROWS", 1000))

SESSION_COOKIE_HTTPONLY = True
# A session lasts a working day, then the user signs in again (the autosave keeps unsaved input on the
# device and says so); closing the browser does not end it, so a respondent can come back after lunch.
SESSION_COOKIE_AGE = 12 * 60 * 60
CSRF_COOKIE_HTTPONLY = False  # the autosave script reads the token from the form instead
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "dgmm.web.errors.csrf_failure"
# Content-Security-Policy: scripts, styles and everything else only from this site's own files; no
# inline script, style or event handler anywhere (tests/web/browser checks no page reports a violation).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"dgmm.web": {"handlers": ["console"], "level": "INFO"}},
}

# ---- Accounts: sign-in throttling, password rules, password reset (docs/web.md "Accounts") ----------
# django-axes counts failed sign-ins on every login form (the site's and Django admin's) per user name
# AND client address together: after 5 failures that pair is locked for 15 minutes, even with the right
# password, and the lock is not extended by further tries; a success resets the count. Locking the
# pair (not the user name alone) means nobody can lock another person out from elsewhere. The client
# address is REMOTE_ADDR (a reverse proxy's own address when one is in front: see docs/web.md).
INSTALLED_APPS += ["dgmm.web.accounts.lockouts.LockoutsConfig"]  # django-axes, named in Thai
MIDDLEWARE += ["dgmm.web.accounts.audit.RequestActorMiddleware", "axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 15 / 60  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "dgmm.web.accounts.views.signin.locked_out"
AXES_VERBOSE = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 24 * 3600  # a reset link works for one day, once
DGMM_PASSWORD_RESET_LIMITS = {"address": 3, "client": 10, "seconds": 3600}  # e-mails per hour
# ---- end of accounts ----------------------------------------------------------------------------------
