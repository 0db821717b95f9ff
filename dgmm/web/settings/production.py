"""Deployments: DATABASE_URL and DGMM_SECRET_KEY are required; DGMM_ALLOWED_HOSTS is a comma list."""

from __future__ import annotations

import os

from dgmm.web.settings.base import *  # noqa: F403
from dgmm.web.settings.base import VAR_DIR
from dgmm.web.settings.databases import env_database

SECRET_KEY = os.environ["DGMM_SECRET_KEY"]
DATABASES = {"default": env_database(VAR_DIR / "dgmm.sqlite3")}
ALLOWED_HOSTS = [h for h in os.environ.get("DGMM_ALLOWED_HOSTS", "").split(",") if h]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 3600
