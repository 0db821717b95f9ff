"""E-mail settings: links point to the site's address (production: https and the first allowed host by
default); a wrong address or list of reminder days stops the command with one line that says the fix."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dgmm.web.settings.environment import env_days, env_url
from tests.web.security.test_production import manage, production_env


def test_production_links_point_to_the_first_allowed_host_unless_told(tmp_path):
    code = "import django; django.setup(); from django.conf import settings as s; print(s.DGMM_SITE_URL)"
    env = production_env(tmp_path, DGMM_ALLOWED_HOSTS="survey.example.go.th,other.example.go.th")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "https://survey.example.go.th"
    env["DGMM_SITE_URL"] = "https://dgmm.dga.or.th/"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "https://dgmm.dga.or.th"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"DGMM_SITE_URL": "survey.example.go.th"},
            "DGMM_SITE_URL='survey.example.go.th' is not a site address",
        ),
        (
            {"DGMM_REMINDER_DAYS": "14,seven"},
            "DGMM_REMINDER_DAYS='14,seven' is not a list of days from 0 to 365",
        ),
        (
            {"DGMM_EMAIL_PORT": "smtp"},
            "DGMM_EMAIL_PORT='smtp' is not a whole number: e.g. DGMM_EMAIL_PORT=25",
        ),
    ],
)
def test_a_wrong_e_mail_setting_is_one_clear_line(tmp_path, change, message):
    result = manage(production_env(tmp_path, **change), "check")
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_reminder_days_are_read_largest_first_without_repeats(monkeypatch):
    monkeypatch.setenv("DGMM_REMINDER_DAYS", " 1, 14,7,7 ")
    assert env_days("DGMM_REMINDER_DAYS", (3,)) == (14, 7, 1)
    monkeypatch.delenv("DGMM_REMINDER_DAYS")
    assert env_days("DGMM_REMINDER_DAYS", (3,)) == (3,)
    monkeypatch.setenv("DGMM_SITE_URL", "http://127.0.0.1:8000/")
    assert env_url("DGMM_SITE_URL", "x") == "http://127.0.0.1:8000"
