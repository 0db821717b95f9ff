"""Production: the product's own error pages (Thai first), 503 when the database is down, /healthz,
deployment settings that `check --deploy` finds nothing to warn about, and clear configuration errors."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

REPO = Path(__file__).parents[3]
KEYS = {"ok", "error", "errors", "status", "code"}


@pytest.fixture
def thai(settings):
    settings.LANGUAGE_CODE = "th"
    settings.DEBUG = False


def unreachable_database(execute, sql, params, many, context):
    raise OperationalError('connection to server at "127.0.0.1", port 1 failed: Connection refused')


# -- error pages --------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.db
def test_not_found_is_the_products_page_thai_by_default_english_on_request(thai, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "ไม่พบหน้าที่ต้องการ" in html and '<html lang="th">' in html and "Not Found" not in html
    assert 'class="skip-link"' in html  # the product's layout, not Django's bare page
    english = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Page not found" in english and '<html lang="en">' in english


@pytest.mark.django_db
@pytest.mark.db
def test_not_found_answers_json_callers_with_the_envelope(thai, client):
    response = client.get("/no-such-page/", HTTP_ACCEPT="application/json")
    body = response.json()
    assert response.status_code == 404 and set(body) >= KEYS and body["code"] == "not_found"


@pytest.mark.django_db
@pytest.mark.db
def test_permission_denied_is_the_products_page(thai, world, monkeypatch):
    from django.core.exceptions import PermissionDenied

    from dgmm.web.cycles.permissions import CyclePolicy

    def refuse(self):
        raise PermissionDenied

    monkeypatch.setattr(CyclePolicy, "visible_cycles", refuse)
    client = Client()
    client.force_login(world.users["analyst"])
    response = client.get(reverse("cycles:list"))
    assert response.status_code == 403
    assert "ไม่มีสิทธิ์เข้าถึง" in response.content.decode()
    english = client.get(reverse("cycles:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Access denied" in english and "403 Forbidden" not in english


@pytest.mark.django_db
@pytest.mark.db
def test_a_form_without_its_token_gets_the_products_403_page(thai):
    response = Client(enforce_csrf_checks=True).post(
        reverse("accounts:login"), {"username": "x", "password": "y"}
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "แบบฟอร์มหมดอายุแล้ว" in html and "CSRF verification failed" not in html


@pytest.mark.django_db
@pytest.mark.db
def test_server_error_is_the_products_page_without_internals(thai, world, monkeypatch):
    from dgmm.web.cycles.permissions import CyclePolicy

    def broken(self):
        raise RuntimeError("disk full at /srv/secret")

    monkeypatch.setattr(CyclePolicy, "visible_cycles", broken)
    client = Client(raise_request_exception=False)
    client.force_login(world.users["analyst"])
    response = client.get(reverse("cycles:list"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "เกิดข้อผิดพลาด" in html and "Server Error (500)" not in html and "/srv/secret" not in html
    english = client.get(reverse("cycles:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Something went wrong" in english


@pytest.mark.django_db
@pytest.mark.db
def test_a_request_for_another_host_gets_the_products_400_page(thai, settings, client):
    settings.ALLOWED_HOSTS = ["survey.example.go.th"]
    response = client.get("/public/", HTTP_HOST="attacker.example")
    assert response.status_code == 400 and "คำขอไม่ถูกต้อง" in response.content.decode()


# -- database unreachable -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.db
def test_an_unreachable_database_answers_503_with_retry_after_in_thai(thai, world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["analyst"])
    with connection.execute_wrapper(unreachable_database):
        response = client.get(reverse("cycles:list"))
        english = client.get(reverse("cycles:list"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "ระบบไม่พร้อมให้บริการชั่วคราว" in html and "port 1" not in html
    assert english.status_code == 503 and "Service unavailable for a moment" in english.content.decode()


@pytest.mark.django_db
@pytest.mark.db
def test_an_unreachable_database_answers_api_and_autosave_calls_with_the_envelope(world, client_for):
    from dgmm.web.api.tokens import CreateToken

    token = CreateToken(None, world.users["resp_a1"], "tests").execute()[1]
    autosave = client_for("resp_a1")
    with connection.execute_wrapper(unreachable_database):
        calls = [
            Client().get("/api/v1/cycles", HTTP_AUTHORIZATION=f"Bearer {token}"),
            autosave.post(
                reverse("cycles:autosave", kwargs={"cycle": "c2566", "agency": "pcio-a1"}),
                {"code": "N1", "in-N1": "5", "v-N1": "0"},
                HTTP_ACCEPT="application/json",
            ),
        ]
    for response in calls:
        body = response.json()
        assert response.status_code == 503 and response["Retry-After"] == "60", response.content
        assert set(body) >= KEYS and body["code"] == "database_unavailable" and "port 1" not in body["error"]


# -- /healthz -----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.db
def test_healthz_answers_ok_without_sign_in(settings, client):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "django.contrib.auth.middleware.LoginRequiredMiddleware"]
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "checks": {"database": "ok", "evidence_storage": "ok", "results_storage": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.db
def test_healthz_answers_503_when_the_database_is_unreachable(client):
    with connection.execute_wrapper(unreachable_database):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "ok": False,
        "checks": {"database": "failed", "evidence_storage": "ok", "results_storage": "ok"},
    }


@pytest.mark.django_db
@pytest.mark.db
def test_healthz_answers_503_when_evidence_cannot_be_written_and_names_no_path(settings, client, tmp_path):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the evidence directory should be")
    settings.EVIDENCE_ROOT = blocked
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "evidence_storage": "failed",
        "results_storage": "ok",
    }
    assert str(tmp_path) not in response.content.decode()


# -- content security policy --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.db
def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get(reverse("accounts:login"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_has_inline_script_style_or_event_handler():
    import re

    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I)
    found = [
        f"{path.relative_to(REPO)}: {m.group(0)}"
        for path in (REPO / "dgmm" / "web").rglob("templates/**/*.html")
        for m in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


# -- production settings ------------------------------------------------------------------------------


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DGMM_", "DATABASE_URL", "DJANGO_"))}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "dgmm.web.settings.production",
        "DGMM_VAR_DIR": str(tmp_path),
        "DGMM_SECRET_KEY": secrets.token_urlsafe(50),
        "DGMM_ALLOWED_HOSTS": "survey.example.go.th",
        **extra,
    }


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dgmm.web", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_settings(env: dict[str, str]) -> dict[str, object]:
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ('SECURE_HSTS_SECONDS', "
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS', "
        "'SECURE_SSL_REDIRECT', 'SECURE_PROXY_SSL_HEADER', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE')}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_check_deploy_finds_nothing_to_warn_about(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout and "WARNING" not in result.stderr


def test_production_is_https_only_and_trusts_a_proxy_only_when_told(tmp_path):
    default = production_settings(production_env(tmp_path))
    assert default == {
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": None,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }
    proxied = production_settings(
        production_env(tmp_path, DGMM_TRUST_X_FORWARDED_PROTO="1", DGMM_HSTS_SECONDS="600")
    )
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert proxied["SECURE_HSTS_SECONDS"] == 600


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"DGMM_SECRET_KEY": ""}, "DGMM_SECRET_KEY is not set: export DGMM_SECRET_KEY="),
        ({"DGMM_SECRET_KEY": "changeme"}, "DGMM_SECRET_KEY is too weak"),
        ({"DGMM_ALLOWED_HOSTS": ""}, "DGMM_ALLOWED_HOSTS is not set"),
        ({"DGMM_SSL_REDIRECT": "maybe"}, "DGMM_SSL_REDIRECT='maybe' is not a yes/no value"),
    ],
)
def test_a_missing_or_weak_setting_is_one_clear_line_not_a_traceback(tmp_path, change, message):
    result = manage(production_env(tmp_path, **change), "check")
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr, result.stderr
    if "SECRET_KEY" in message:
        assert "secrets.token_urlsafe" in result.stderr  # the exact fix
