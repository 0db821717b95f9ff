"""pytest: DGMM_TEST_DATABASE (a URL, or 'sqlite'), else DATABASE_URL, else SQLite (a temporary file)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from dgmm.web.settings.base import *  # noqa: F403
from dgmm.web.settings.databases import database_from_url

SECRET_KEY = "test-only-not-secret"
_url = os.environ.get("DGMM_TEST_DATABASE") or os.environ.get("DATABASE_URL") or "sqlite"
_tmp = Path(tempfile.mkdtemp(prefix="dgmm-web-test-"))
# SQLite tests use files, never memory: the live server's request threads then open connections of
# their own (an in-memory database would be one connection shared between threads) and concurrent
# requests lock the database as they do in production.
DATABASES = {"default": database_from_url(_url, _tmp / "dgmm.sqlite3")}
DATABASES["default"]["TEST"] = {"NAME": str(_tmp / "test.sqlite3")} if _url == "sqlite" else {"NAME": None}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EVIDENCE_ROOT = _tmp / "evidence"
RESULTS_DIR = _tmp / "results"
ALLOWED_HOSTS = ["*"]
