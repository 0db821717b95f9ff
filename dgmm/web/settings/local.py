"""`make run`: DEBUG on, SQLite in var/ unless DATABASE_URL says otherwise."""

from __future__ import annotations

from dgmm.web.settings.base import *  # noqa: F403
from dgmm.web.settings.base import VAR_DIR, local_secret_key
from dgmm.web.settings.databases import env_database

DEBUG = True
SECRET_KEY = local_secret_key(VAR_DIR)
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": env_database(VAR_DIR / "dgmm.sqlite3")}
