"""pytest: DGMM_TEST_DATABASE (a URL, or 'sqlite'), else DATABASE_URL, else SQLite in memory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from dgmm.web.settings.base import *  # noqa: F403
from dgmm.web.settings.databases import database_from_url

SECRET_KEY = "test-only-not-secret"
_url = os.environ.get("DGMM_TEST_DATABASE") or os.environ.get("DATABASE_URL") or "sqlite"
DATABASES = {"default": database_from_url(_url, None)}
DATABASES["default"]["TEST"] = {"NAME": None}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_tmp = Path(tempfile.mkdtemp(prefix="dgmm-web-test-"))
EVIDENCE_ROOT = _tmp / "evidence"
RESULTS_DIR = _tmp / "results"
ALLOWED_HOSTS = ["*"]
