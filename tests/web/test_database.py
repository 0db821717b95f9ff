"""The web tests run on the database the environment names (scripts/test.sh: SQLite, then PostgreSQL)."""

from __future__ import annotations

import os

import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def test_database_is_the_one_asked_for():
    url = os.environ.get("DGMM_TEST_DATABASE") or os.environ.get("DATABASE_URL") or "sqlite"
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
