"""Open data of published cycles (docs/public-data.md): stable URLs under /open-data/, for anyone.

Every view answers 404 for a cycle that is not published (never scored, closed, or withdrawn); the
files are those of ``dgmm.opendata`` made from the stored public aggregates (`public.package_for`).
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from dgmm.opendata import DCAT_CONTEXT, MEDIA_TYPES, PACKAGE_FILE, ZIP_FILE, dcat_catalog
from dgmm.web.cycles.models import Cycle, CycleStatus
from dgmm.web.dashboards.public import StoredPackage, package_for, published_cycle

JSONLD = "application/ld+json"


def _published(code: str) -> tuple[Cycle, StoredPackage]:
    cycle = published_cycle(code)
    package = package_for(cycle)
    if package is None:
        raise Http404
    return cycle, package


R = TypeVar("R", bound=HttpResponseBase)


def _open(response: R) -> R:
    response["Access-Control-Allow-Origin"] = "*"  # public data: any site may read it
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _json(data: Any, content_type: str = "application/json") -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    return _open(HttpResponse(body, content_type=f"{content_type}; charset=utf-8"))


@require_safe
def catalog(request: HttpRequest) -> HttpResponse:
    """The DCAT catalogue (JSON-LD) of every published cycle's dataset, for portals to harvest."""
    datasets = []
    for cycle in Cycle.objects.filter(status=CycleStatus.PUBLISHED).order_by("-year", "code"):
        package = package_for(cycle)
        if package is not None:
            datasets.append(package.dataset)
    site = settings.DGMM_SITE_URL.rstrip("/")
    return _json(
        dcat_catalog(
            site + reverse("opendata:catalog"),
            "ข้อมูลเปิดผลการสำรวจระดับความพร้อมรัฐบาลดิจิทัล",
            "Open data of the digital government maturity survey",
            datasets,
            publisher=settings.DGMM_OPEN_DATA_PUBLISHER,
        ),
        JSONLD,
    )


@require_safe
def cycle_page(request: HttpRequest, cycle: str) -> HttpResponse:
    """The cycle's open data: every file with its title, format and size, and the licence."""
    c, package = _published(cycle)
    lang = "en" if (get_language() or "th").startswith("en") else "th"
    files = [
        {
            "name": name,
            "title": th if lang == "th" else en,
            "format": fmt.upper(),
            "size": size,
            "url": package.info.base_url + name,
        }
        for name, size in package.sizes.items()
        for fmt, en, th in [package.formats[name]]
    ]
    return render(
        request,
        "dashboards/open_data.html",
        {
            "cycle": c,
            "files": files,
            "license": package.info.license,
            "zip_url": reverse("opendata:zip", args=[c.code]),
            "dataset_url": reverse("opendata:dataset", args=[c.code]),
            "title": package.info.title_th if lang == "th" else package.info.title_en,
        },
    )


@require_safe
def dataset(request: HttpRequest, cycle: str) -> HttpResponse:
    """The cycle's DCAT dataset (JSON-LD)."""
    _c, package = _published(cycle)
    return _json({"@context": DCAT_CONTEXT, **package.dataset}, JSONLD)


@require_safe
def package_zip(request: HttpRequest, cycle: str) -> HttpResponse:
    _c, package = _published(cycle)
    response = HttpResponse((package.folder / ZIP_FILE).read_bytes(), content_type=MEDIA_TYPES["zip"])
    response["Content-Disposition"] = f'attachment; filename="{package.info.name}.zip"'
    return _open(response)


@require_safe
def package_file(request: HttpRequest, cycle: str, name: str) -> HttpResponse:
    """One file of the package: a CSV table, the workbook, the aggregates, a framework file or the
    datapackage.json descriptor."""
    _c, package = _published(cycle)
    path = package.path(name)
    if path is None:
        raise Http404
    fmt = package.formats[name][0]
    content_type = MEDIA_TYPES[fmt]
    if fmt in ("csv", "json", "yaml"):
        content_type += "; charset=utf-8"
    response = HttpResponse(path.read_bytes(), content_type=content_type)
    if name != PACKAGE_FILE and fmt != "json":
        response["Content-Disposition"] = f'attachment; filename="{package.info.name}-{name}"'
    return _open(response)
