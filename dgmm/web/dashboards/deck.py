"""The national results deck of a cycle, as the web serves it: the reports package's deck over the cycle's
frozen results, with names from the registry tables and the counted agencies' answers from the database.

A deck is rendered once per cycle, language and audience and kept beside the cycle's results files
(``RESULTS_DIR/<cycle>/deck-<lang>-<audience>-<scored>.pdf``); its name carries the moment the cycle
was scored, so results scored again never serve an older deck. Reopening a cycle removes the files
with its results (``discard_decks``, on the results' deletion).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

from dgmm.atomic import atomic_open
from dgmm.web.cycles.frameworks import get_framework
from dgmm.web.cycles.models import Cycle
from dgmm.web.dashboards.public import registry_names
from dgmm.web.registry.models import Agency, Ministry, Province

if TYPE_CHECKING:
    from dgmm.reports.cycle import Names, ReportCycle

# The deck lists each tier's top agencies only to those who may see agency results.
TOP_AGENCIES = 10
AUDIENCES = ("aggregates", "agencies")
_NAME_FIELDS = ("code", "name_th", "name_en")


def _names() -> Names:
    from dgmm.reports.cycle import Names

    return Names(
        registry_names(Ministry),
        registry_names(Province),
        {
            a.code: (a.name_th, a.name_en)
            for a in Agency.objects.filter(children__isnull=False).distinct().only(*_NAME_FIELDS)
        },
    )


def _cycles(cycle: Cycle) -> list[ReportCycle]:
    """One report cycle per tier: the frozen results, and the answers of the agencies the results count
    (nothing from an agency whose answers were not counted enters the fact-finding pages)."""
    from dgmm.reports import ReportCycle
    from dgmm.web.cycles.scoring import answer_set

    names = _names()
    out = []
    for res in cycle.results.order_by("tier"):
        fw = get_framework(res.framework)
        counted = {a["id"] for a in res.document["agencies"] if a.get("status") == "scored"}
        agencies = list(Agency.objects.filter(code__in=counted))
        answers = answer_set(cycle, fw, agencies)[0]
        out.append(ReportCycle(res.document, fw, answers=answers, names=names))
    return out


def deck_path(cycle: Cycle, lang: str, audience: str) -> Path:
    stamp = cycle.scored_at.strftime("%Y%m%dT%H%M%S%f") if cycle.scored_at else "unscored"
    return Path(settings.RESULTS_DIR) / cycle.code / f"deck-{lang}-{audience}-{stamp}.pdf"


def deck_pdf(cycle: Cycle, lang: str, audience: str) -> Path:
    """The deck's file, rendered on first request. Raises ReportError when it cannot be made."""
    from dgmm.reports import render_national

    if lang not in ("th", "en") or audience not in AUDIENCES:
        raise ValueError(f"no deck for {lang!r}/{audience!r}")
    path = deck_path(cycle, lang, audience)
    if path.exists():
        return path
    pdf = render_national(
        _cycles(cycle),
        lang=lang,
        top=TOP_AGENCIES if audience == "agencies" else 0,
    )
    with atomic_open(path, "wb") as fh:
        fh.write(pdf)
    return path


def discard_decks(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Remove every deck of a cycle whose results are deleted (reopened: they were discarded); connected
    to CycleResult's post_delete."""
    code = Cycle.objects.filter(pk=instance.cycle_id).values_list("code", flat=True).first()
    if code is None:
        return
    folder = Path(settings.RESULTS_DIR) / code
    for path in folder.glob("deck-*.pdf"):
        with contextlib.suppress(OSError):
            path.unlink()
