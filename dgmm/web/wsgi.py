"""WSGI entry point: `gunicorn dgmm.web.wsgi` (settings from DJANGO_SETTINGS_MODULE)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dgmm.web.settings.production")
application = get_wsgi_application()
