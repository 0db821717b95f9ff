"""Settings of the instances the round-trip tests start: `make run`'s, with a fast password hasher."""

from __future__ import annotations

from dgmm.web.settings.local import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
