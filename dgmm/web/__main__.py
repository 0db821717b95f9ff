"""`python -m dgmm.web <command>`: Django's manage.py for the survey platform."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dgmm.web.settings.local")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line([sys.argv[0] if sys.argv[0] != "-m" else "dgmm.web", *sys.argv[1:]])
    except ImproperlyConfigured as exc:  # a setting missing or wrong: its message says the fix
        sys.exit(f"error: {exc}")


if __name__ == "__main__":
    main()
