"""The public aggregates and open data of published cycles (docs/public-data.md), made by the core.

`publish_aggregates` makes a cycle's aggregates (``dgmm.aggregates.public_aggregates``) from its frozen
results, the answers frozen with it, the registry's names and the previous cycle's results, and stores
them (`PublishedAggregate`); `withdraw_aggregates` deletes them. Both run inside the publishing or
withdrawing action's transaction, and then make again the aggregates of the published cycles of later
years, whose changes may compare with this one. `aggregates_for` reads them, making them first for a
cycle published before they were kept. `package_for` gives a published cycle's open data package.

The previous cycle of a tier: the most recent published cycle of an earlier year that has results for
the same tier (of one year, the latest published).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections import OrderedDict
from dataclasses import asdict, dataclass
from pathlib import Path
from threading import Lock
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from dgmm.aggregates import VERSION, TierResults, public_aggregates
from dgmm.opendata import (
    ZIP_FILE,
    PackageInfo,
    Table,
    check_name,
    frameworks_of,
    package_files,
    tables,
    zip_bytes,
)
from dgmm.web.cycles.frameworks import get_framework
from dgmm.web.cycles.models import Cycle, CycleStatus
from dgmm.web.cycles.scoring import answer_set, framework_for_tier
from dgmm.web.dashboards.models import PublishedAggregate
from dgmm.web.registry.models import Agency, Ministry, Province


def published_cycle(code: str) -> Cycle:
    """The published cycle of that code; Http404 for any other (never scored, closed, withdrawn), as if
    it did not exist."""
    cycle = Cycle.objects.filter(code=code, status=CycleStatus.PUBLISHED).first()
    if cycle is None:
        raise Http404
    return cycle


def registry_names(model: type[Ministry] | type[Province]) -> dict[str, tuple[str, str]]:
    """Thai and English names of the registry's ministries or provinces by code, as the aggregates and
    the reports take them."""
    return {m.code: (m.name_th, m.name_en) for m in model.objects.only("code", "name_th", "name_en")}


def previous_cycle(cycle: Cycle, tier: str) -> Cycle | None:
    """The most recent published cycle of an earlier year with results for the tier."""
    return (
        Cycle.objects.filter(status=CycleStatus.PUBLISHED, year__lt=cycle.year, results__tier=tier)
        .order_by("-year", "-published_at", "-pk")
        .first()
    )


def build_aggregates(cycle: Cycle) -> dict[str, Any]:
    """The cycle's public aggregates, made now from its frozen results."""
    tiers = []
    previous: dict[str, str | None] = {}
    for res in cycle.results.order_by("tier"):
        fw = framework_for_tier(res.framework, res.tier)
        agencies = list(Agency.objects.filter(participations__cycle=cycle, tier=res.tier))
        answers, _skipped = answer_set(cycle, fw, agencies)
        prev = previous_cycle(cycle, res.tier)
        prev_doc = prev.results.get(tier=res.tier).document if prev else None
        previous[res.tier] = prev.code if prev else None
        tiers.append(TierResults(res.document, fw, answers, prev_doc))
    return public_aggregates(
        tiers,
        ministries=registry_names(Ministry),
        provinces=registry_names(Province),
        agency_results=cycle.publish_agency_results,
        cycle={
            "code": cycle.code,
            "year": cycle.year,
            "name_th": cycle.name_th,
            "name_en": cycle.name_en,
            "published_at": cycle.published_at.isoformat() if cycle.published_at else None,
            "previous": previous,
        },
    )


def _store(cycle: Cycle) -> PublishedAggregate:
    agg, _created = PublishedAggregate.objects.update_or_create(
        cycle=cycle,
        defaults={"document": build_aggregates(cycle), "version": VERSION, "made_at": timezone.now()},
    )
    return agg


def _later(cycle: Cycle) -> None:
    for later in Cycle.objects.filter(status=CycleStatus.PUBLISHED, year__gt=cycle.year):
        _store(later)


def publish_aggregates(cycle: Cycle) -> PublishedAggregate:
    """Make and store the aggregates of a cycle just published, and again those of later cycles."""
    with transaction.atomic():
        agg = _store(cycle)
        _later(cycle)
    return agg


def withdraw_aggregates(cycle: Cycle) -> None:
    """Delete the aggregates of a cycle whose publication is withdrawn; make those of later cycles again
    (they no longer compare with it)."""
    with transaction.atomic():
        PublishedAggregate.objects.filter(cycle=cycle).delete()
        _later(cycle)
    discard_package(cycle.code)


def rebuild_all() -> int:
    """Make the aggregates of every published cycle again, oldest first; the number made."""
    n = 0
    with transaction.atomic():
        for c in Cycle.objects.filter(status=CycleStatus.PUBLISHED).order_by("year", "published_at"):
            _store(c)
            n += 1
        PublishedAggregate.objects.exclude(cycle__status=CycleStatus.PUBLISHED).delete()
    return n


def stored_aggregates(cycle: Cycle) -> PublishedAggregate | None:
    """The stored aggregates of a published cycle, made now when missing or of an older version;
    None for a cycle that is not published."""
    if cycle.status != CycleStatus.PUBLISHED:
        return None
    agg = PublishedAggregate.objects.filter(cycle=cycle).first()
    if agg is None or agg.version != VERSION:
        agg = _store(cycle)
    return agg


def aggregates_for(cycle: Cycle) -> dict[str, Any] | None:
    agg = stored_aggregates(cycle)
    return None if agg is None else agg.document


# -- open data ---------------------------------------------------------------------------------------------
# A published cycle's package is made once, when first asked for, and kept on disk beside the cycle's
# results (RESULTS_DIR/<cycle>/open-data/<aggregates made>-<site>/): every file, the zip of all of them,
# each table as the API's JSON and an index (INDEX) of names, formats, sizes and the DCAT dataset. Every
# process of the site serves the same files; a visitor's request never makes a package again. Aggregates
# made again (or another site address) give another folder; the older ones are removed.
INDEX = ".index.json"
KEEP_INDEXES = 32  # indexes (names and sizes, a few KB) kept in memory per process
_INDEXES: OrderedDict[Path, StoredPackage] = OrderedDict()
_LOCK = Lock()


@dataclass(frozen=True)
class StoredPackage:
    """A cycle's open data package on disk: its files by name, in the order they are listed."""

    folder: Path
    info: PackageInfo
    formats: dict[str, tuple[str, str, str]]  # name -> (format, title_en, title_th)
    sizes: dict[str, int]
    dataset: dict[str, Any]  # DCAT
    tables: dict[str, str]  # table name -> file of its JSON (the API's table route)

    def path(self, name: str) -> Path | None:
        """The file of a package member (a listed name only: never a path the caller made up)."""
        return self.folder / name if name in self.formats else None

    def read(self, name: str) -> bytes:
        return (self.folder / name).read_bytes()

    def table_json(self, name: str) -> dict[str, Any] | None:
        file = self.tables.get(name)
        return None if file is None else dict(json.loads((self.folder / file).read_bytes()))


def base_url(cycle: Cycle) -> str:
    """Where the cycle's open data files are downloaded from (absolute, ending in /)."""
    return settings.DGMM_SITE_URL.rstrip("/") + reverse("opendata:cycle", args=[cycle.code])


def package_info(cycle: Cycle, issued: str | None, modified: str | None) -> PackageInfo:
    return PackageInfo(
        name=check_name(f"dgmm-{cycle.code.lower()}"),  # a Frictionless name: lowercase
        title_th=f"ผลการสำรวจระดับความพร้อมรัฐบาลดิจิทัล: {cycle.name_th}",
        title_en=f"Digital government maturity survey results: {cycle.name_en or cycle.name_th}",
        description_th=f"ข้อมูลสรุปผลการสำรวจ {cycle.name_th} (ปี พ.ศ. {cycle.year})"
        + ("" if not cycle.publish_agency_results else " และผลรายหน่วยงาน"),
        description_en=f"Aggregate results of {cycle.name_en or cycle.name_th} ({cycle.year - 543})"
        + ("" if not cycle.publish_agency_results else " and the results of every agency"),
        issued=issued,
        modified=modified,
        license=dict(settings.DGMM_OPEN_DATA_LICENSE),
        publisher=settings.DGMM_OPEN_DATA_PUBLISHER,
        base_url=base_url(cycle),
        landing_page=settings.DGMM_SITE_URL.rstrip("/") + reverse("dashboards:results", args=[cycle.code]),
    )


def _folder(cycle: Cycle, agg: PublishedAggregate) -> Path:
    site = hashlib.sha256(base_url(cycle).encode("utf-8")).hexdigest()[:12]
    return Path(settings.RESULTS_DIR) / cycle.code / "open-data" / f"{agg.made_at:%Y%m%dT%H%M%S%f}-{site}"


def _table_json(table: Table) -> dict[str, Any]:
    names = [f.name for f in table.fields]
    return {
        "name": table.name,
        "title": table.title_en,
        "title_th": table.title_th,
        "fields": [f.descriptor() for f in table.fields],
        "primary_key": table.primary_key,
        "rows": [dict(zip(names, row, strict=True)) for row in table.rows],
    }


def _write(cycle: Cycle, agg: PublishedAggregate, folder: Path) -> None:
    """Make the package and write it whole into `folder` (a sibling temporary folder renamed at the end,
    so a reader never sees half a package; of two processes making it at once, the first rename wins)."""
    results = list(cycle.results.order_by("tier"))
    docs = [r.document for r in results]
    refs = {r.document["framework"]["id"]: r.framework for r in results}
    frameworks = frameworks_of(docs, lambda fid: Path(get_framework(refs[fid]).path).read_bytes())
    issued = cycle.published_at.isoformat() if cycle.published_at else None
    agency_docs = docs if cycle.publish_agency_results else None
    package = package_files(
        package_info(cycle, issued, agg.made_at.isoformat()), agg.document, agency_docs, frameworks
    )
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".making-"))
    try:
        for name, data in package.files.items():
            (tmp / name).write_bytes(data)
        (tmp / ZIP_FILE).write_bytes(zip_bytes(package))
        table_files = {}
        for t in tables(agg.document, agency_docs):
            table_files[t.name] = f".table-{t.name}.json"
            (tmp / table_files[t.name]).write_bytes(json.dumps(_table_json(t), ensure_ascii=False).encode())
        index = {
            "info": asdict(package.info),
            "formats": package.formats,
            "sizes": {name: len(data) for name, data in package.files.items()},
            "dataset": package.dataset(),
            "tables": table_files,
        }
        (tmp / INDEX).write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
        try:
            tmp.rename(folder)
        except OSError:
            if not (folder / INDEX).exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for old in folder.parent.iterdir():  # packages of earlier aggregates of the cycle
        if old != folder and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)


def _load(folder: Path) -> StoredPackage:
    index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    info = index["info"]
    return StoredPackage(
        folder,
        PackageInfo(**{**info, "keywords": tuple(info["keywords"])}),
        {k: (v[0], v[1], v[2]) for k, v in index["formats"].items()},
        index["sizes"],
        index["dataset"],
        index["tables"],
    )


def package_for(cycle: Cycle) -> StoredPackage | None:
    """The open data package of a published cycle (None otherwise), made on first request and kept on
    disk until its aggregates are made again. The agency table only when the cycle publishes agency
    results."""
    agg = stored_aggregates(cycle)
    if agg is None:
        return None
    folder = _folder(cycle, agg)
    with _LOCK:
        if folder in _INDEXES and (folder / INDEX).exists():
            _INDEXES.move_to_end(folder)
            return _INDEXES[folder]
    if not (folder / INDEX).exists():
        _write(cycle, agg, folder)
    stored = _load(folder)
    with _LOCK:
        _INDEXES[folder] = stored
        while len(_INDEXES) > KEEP_INDEXES:
            _INDEXES.popitem(last=False)
    return stored


def discard_package(cycle_code: str) -> None:
    """Remove a cycle's packages from disk (its publication was withdrawn or its results discarded)."""
    shutil.rmtree(Path(settings.RESULTS_DIR) / cycle_code / "open-data", ignore_errors=True)


# -- comparing with any earlier published cycle -------------------------------------------------------------
def earlier_cycles(cycle: Cycle) -> list[Cycle]:
    """The published cycles of an earlier year, newest first: those a dashboard may compare with."""
    return list(
        Cycle.objects.filter(status=CycleStatus.PUBLISHED, year__lt=cycle.year).order_by(
            "-year", "-published_at", "-pk"
        )
    )


def compare_with(cycle: Cycle, other: Cycle) -> dict[str, dict[str, Any]]:
    """The performance/growth grid of each tier of `cycle` against the results of the same tier in
    `other` (an earlier published cycle), made by the core (`public_aggregates`, so `apply_growth`) and
    kept in the cache until either cycle's results or publication change: {tier: {"grid", "previous"}}
    for the tiers `other` has results for. `previous` says which framework the other results used and
    whether the pillars compare (the same framework id)."""
    made = PublishedAggregate.objects.filter(cycle=cycle).values_list("made_at", flat=True).first()
    stamps = [made.timestamp() if made else 0, other.published_at.timestamp() if other.published_at else 0]
    key = f"dgmm-compare-{cycle.pk}-{stamps[0]}-{other.pk}-{stamps[1]}-{VERSION}"
    cached = cache.get(key)
    if cached is not None:
        return dict(cached)
    others = {r.tier: r.document for r in other.results.all()}
    tiers = [
        TierResults(res.document, framework_for_tier(res.framework, res.tier), None, others[res.tier])
        for res in cycle.results.order_by("tier")
        if res.tier in others
    ]
    doc = public_aggregates(
        tiers, ministries=registry_names(Ministry), agency_results=cycle.publish_agency_results
    )
    out = {t["tier"]: {"grid": t["grid"], "previous": t["previous"]} for t in doc["tiers"]}
    cache.set(key, out, COMPARE_SECONDS)
    return out


COMPARE_SECONDS = 24 * 3600
