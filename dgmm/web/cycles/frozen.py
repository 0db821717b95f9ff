"""Parsed frozen results documents, kept in memory per process.

A closed cycle's `CycleResult.document` (the core's results document) is large — about 10 MB of JSON
for 2,000 agencies answering dept-2566, some 170 ms to parse — and the plan view, the agency result
page and report, the results page and the plans overview read it on every request. A results document
is never changed once written: closing a cycle writes its rows afresh, reopening deletes them, and
any save of a row gives it a new `generated_at` (`CycleResult.save`). So the parsed document is kept
under (row id, generated_at): a row written again has a new key and can never be answered with the
older document, in this process or another.

Load the row without its document (`.defer("document")`, see `results_rows`) and ask
`results_document(row)`: the document is fetched and parsed only when it is not kept. At most
`settings.DGMM_FROZEN_RESULTS_CACHE` documents are kept (the least recently used goes first; 0 keeps
none).

**The document returned is shared between requests: never change it** (nor any list or mapping in it);
copy what you need to change.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from dgmm.web.cycles.models import CycleResult

DEFAULT_SIZE = 4

_lock = threading.Lock()
_kept: OrderedDict[tuple[int, datetime], dict[str, Any]] = OrderedDict()


def _size() -> int:
    return max(0, int(getattr(settings, "DGMM_FROZEN_RESULTS_CACHE", DEFAULT_SIZE)))


def results_rows(qs: QuerySet[CycleResult]) -> QuerySet[CycleResult]:
    """The rows of `qs` without their documents (ask `results_document` for one)."""
    return qs.defer("document")


def results_document(result: CycleResult) -> dict[str, Any]:
    """The parsed results document of `result`, shared (never change it): kept, or fetched and kept."""
    key = (result.pk, result.generated_at)
    size = _size()
    if size:
        with _lock:
            hit = _kept.get(key)
            if hit is not None:
                _kept.move_to_end(key)
                return hit
    if "document" not in result.get_deferred_fields():
        own: dict[str, Any] = result.document  # loaded with the row: the instance's own, not shared
        return own
    found = list(
        CycleResult.objects.filter(pk=result.pk, generated_at=result.generated_at).values_list(
            "document", flat=True
        )[:1]
    )
    if not found:  # written again (or deleted) since the row was read: the row as it is now, not kept
        result.refresh_from_db(fields=["generated_at", "document"])
        now: dict[str, Any] = result.document
        return now
    doc: dict[str, Any] = found[0]
    if size:
        with _lock:
            _kept[key] = doc
            _kept.move_to_end(key)
            while len(_kept) > size:
                _kept.popitem(last=False)
    return doc


def forget(pk: int | None = None) -> None:
    """Drop the kept documents of row `pk` (of every row when None); rows saved or deleted in this
    process are dropped at once (signals), other processes see the new `generated_at`."""
    with _lock:
        if pk is None:
            _kept.clear()
            return
        for key in [k for k in _kept if k[0] == pk]:
            del _kept[key]


def kept() -> int:
    """How many documents this process keeps."""
    with _lock:
        return len(_kept)
