"""Deployments: DGMM_SECRET_KEY and DGMM_ALLOWED_HOSTS are required; HTTPS only (HSTS, secure cookies).

The database is DATABASE_URL, else SQLite in DGMM_VAR_DIR. Behind a reverse proxy that terminates
TLS, set DGMM_TRUST_X_FORWARDED_PROTO=1 (the proxy must set X-Forwarded-Proto itself and drop the
client's), or the redirect to HTTPS never ends.
"""

from __future__ import annotations

from dgmm.web.settings.base import *  # noqa: F403
from dgmm.web.settings.base import VAR_DIR
from dgmm.web.settings.databases import env_database
from dgmm.web.settings.environment import env_flag, env_int, env_list, env_url, production_secret_key

SECRET_KEY = production_secret_key()
DATABASES = {"default": env_database(VAR_DIR / "dgmm.sqlite3")}
ALLOWED_HOSTS = env_list("DGMM_ALLOWED_HOSTS", "survey.example.go.th")
DGMM_SITE_URL = env_url("DGMM_SITE_URL", "https://" + ALLOWED_HOSTS[0].lstrip("."))

SECURE_SSL_REDIRECT = env_flag("DGMM_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP inside the network
if env_flag("DGMM_TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DGMM_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DGMM_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("DGMM_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
