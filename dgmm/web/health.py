"""``/healthz``: is the service able to work? The database answers, evidence and results can be written.

For load balancers and monitoring: 200 ``{"ok": true, "checks": {...}}`` when every check passes,
503 when one fails. Public and without sign-in, so it names the checks and their outcome only;
what failed and where is logged for the operators.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

log = logging.getLogger("dgmm.web")


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_writable(directory: Path) -> None:
    """Creates the directory when missing, then writes and removes a small file in it."""
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=directory, prefix=".healthz-") as probe:
        probe.write(b"ok")
        probe.flush()


# name -> (check, the errors that mean "failed"; anything else is a bug and answers 500)
CHECKS: dict[str, tuple[Callable[[], None], type[Exception]]] = {
    "database": (check_database, DatabaseError),
    "evidence_storage": (lambda: check_writable(Path(settings.EVIDENCE_ROOT)), OSError),
    "results_storage": (lambda: check_writable(Path(settings.RESULTS_DIR)), OSError),
}


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    results: dict[str, str] = {}
    for name, (check, failure) in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except failure:
            log.exception("health check %s failed", name)
            results[name] = "failed"
    ok = all(v == "ok" for v in results.values())
    return JsonResponse({"ok": ok, "checks": results}, status=200 if ok else 503)
