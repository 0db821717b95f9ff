"""Settings read from environment variables, with an error that names the variable and the fix."""

from __future__ import annotations

import os

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}
NEW_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"


def env_flag(name: str, default: bool) -> bool:
    """A yes/no variable: 1/true/yes/on or 0/false/no/off; unset means ``default``."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in TRUE | FALSE:
        return raw in TRUE
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value: set {name}=1 or {name}=0")


def env_int(name: str, default: int, unit: str = "seconds") -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        of = f" of {unit}" if unit else ""
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number{of}: e.g. {name}={default}")
    return int(raw)


def env_list(name: str, example: str) -> list[str]:
    """A required comma-separated list."""
    items = [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(
            f"{name} is not set: set it to a comma-separated list, e.g. {name}={example}"
        )
    return items


def env_url(name: str, default: str) -> str:
    """A site address such as https://survey.example.go.th (http or https, no trailing slash)."""
    raw = os.environ.get(name, "").strip() or default
    if not raw.startswith(("http://", "https://")) or len(raw) > 200 or any(c.isspace() for c in raw):
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a site address: set it to the address people open, "
            f"e.g. {name}=https://survey.example.go.th"
        )
    return raw.rstrip("/")


def env_days(name: str, default: tuple[int, ...]) -> tuple[int, ...]:
    """Comma-separated whole numbers of days (0 to 365), largest first; unset means ``default``."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items or not all(item.isdigit() and int(item) <= 365 for item in items):
        raise ImproperlyConfigured(f"{name}={raw!r} is not a list of days from 0 to 365: e.g. {name}=14,7,1")
    return tuple(sorted({int(item) for item in items}, reverse=True))


def production_secret_key() -> str:
    """DGMM_SECRET_KEY, refused when missing or weak (Django's own criteria: length, variety, prefix)."""
    key = os.environ.get("DGMM_SECRET_KEY", "")
    if not key:
        raise ImproperlyConfigured(f'DGMM_SECRET_KEY is not set: export DGMM_SECRET_KEY="$({NEW_KEY})"')
    if (
        len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or key.startswith(SECRET_KEY_INSECURE_PREFIX)
    ):
        raise ImproperlyConfigured(
            f"DGMM_SECRET_KEY is too weak (at least {SECRET_KEY_MIN_LENGTH} characters, "
            f'{SECRET_KEY_MIN_UNIQUE_CHARACTERS} different): export DGMM_SECRET_KEY="$({NEW_KEY})"'
        )
    return key
