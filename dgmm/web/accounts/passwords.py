"""Passwords: the rules' messages in Thai, and how often a password-reset e-mail may be asked for.

The rules are Django's validators (``AUTH_PASSWORD_VALIDATORS``: not like the user name, names or
e-mail address, at least 10 characters, not a common password, not only digits), applied wherever a
password is set: accepting an invitation, the password-reset form, Django admin, ``changepassword``.
Django ships their messages untranslated in Thai; the strings below are Django's own, so that
``makemessages`` puts them in this app's catalogue, where their Thai is found (they must stay
exactly Django's, curly apostrophes included).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_MESSAGES = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        10,
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
)


def _spend(key: str, limit: int, seconds: int) -> bool:
    """Count one use of ``key``; False once ``limit`` uses were counted within ``seconds``."""
    cache.add(key, 0, seconds)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        return True


def reset_allowed(request: HttpRequest, email: str) -> bool:
    """Whether another reset e-mail may go out for this address and from this client (per process cache).

    Beyond the limits the form answers exactly as usual, so it says nothing about the address; only
    no e-mail is sent.
    """
    limits = settings.DGMM_PASSWORD_RESET_LIMITS
    address = hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()
    client = request.META.get("REMOTE_ADDR", "")
    by_client = _spend(f"dgmm-reset-client:{client}", limits["client"], limits["seconds"])
    by_address = _spend(f"dgmm-reset-address:{address}", limits["address"], limits["seconds"])
    return by_client and by_address
