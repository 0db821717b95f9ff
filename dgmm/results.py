"""The results file (docs/results-format.md): write it
atomically with its CSV, read it back, look things up."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import orjson

from dgmm.atomic import write_atomic
from dgmm.cells import inert, inert_row
from dgmm.cohort.counting import DEFAULT_POLICY, Counting, read_statuses
from dgmm.cohort.stats import recount, visible
from dgmm.cycle import FORMAT, FORMAT_VERSION
from dgmm.errors import NotFoundError, ResultsError, did_you_mean
from dgmm.framework.schema import Framework
from dgmm.rounding import compare_shown

Results = dict[str, Any]


def file_digest(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def source_entry(path: str | Path | None, relative_to: Path) -> dict[str, str] | None:
    """A {path, sha256} entry for the results' `sources`, the path relative to the results file."""
    if path is None:
        return None
    p = Path(path).resolve()
    try:
        shown = os.path.relpath(p, relative_to.resolve())
    except ValueError:  # another drive
        shown = str(p)
    return {"path": shown, "sha256": file_digest(p)}


def results_csv_header(framework: Framework) -> list[str]:
    """The columns of results.csv (docs/results-format.md)."""
    header = [
        "agency_id",
        "name_th",
        "name_en",
        "tier",
        "ministry",
        "province",
        "parent_id",
        "status",
        "submission",
        "overall_score",
        "overall_level",
        "group",
        "rank",
    ]
    for pid in [p.id for p in framework.pillars] + [sp.id for _, sp in framework.iter_sub_pillars()]:
        header += [f"{pid}_score", f"{pid}_level"]
    return header


def results_csv(doc: Results, framework: Framework) -> str:
    """One row per agency: ids, status, submission status, overall, group, rank, then every pillar and
    sub-pillar score/level.

    Text cells (ids, names, codes, group) go through `dgmm.cells.inert`; scores are numbers.
    """
    pillars = [p.id for p in framework.pillars]
    subs = [sp.id for _, sp in framework.iter_sub_pillars()]
    header = results_csv_header(framework)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    texts: dict[float, str] = {}  # the same scores recur across agencies: format each once

    def num(v: float | None) -> str:
        if type(v) is not float:
            return "" if v is None else repr(round(v, 6))
        text = texts.get(v)
        if text is None:
            text = repr(round(v, 6))
            if v:  # 0.0 and -0.0 are equal keys but print differently
                texts[v] = text
        return text

    def cells(block: Mapping[str, Any], ids: list[str]) -> list[Any]:
        out: list[Any] = []
        for e in map(block.get, ids):
            if e:
                out += (num(e.get("score")), e.get("level") or "")
            else:
                out += ("", "")
        return out

    rows = []
    for a in doc["agencies"]:
        ov = a.get("overall") or {}
        rows.append(
            [
                *inert_row(
                    (
                        a["id"],
                        a["name_th"],
                        a["name_en"],
                        a["tier"],
                        a.get("ministry") or "",
                        a.get("province") or "",
                        a.get("parent_id") or "",
                        a["status"],
                        a.get("submission") or "",
                    )
                ),
                num(ov.get("score")),
                ov.get("level") or "",
                inert(a.get("group") or ""),
                a.get("rank") or "",
                *cells(a.get("pillars") or {}, pillars),
                *cells(a.get("sub_pillars") or {}, subs),
            ]
        )
    w.writerows(rows)
    return buf.getvalue()


def _digests(
    paths: Mapping[str, str | Path | None], relative_to: Path
) -> Future[dict[str, dict[str, str] | None]]:
    """The sources' {path, sha256} entries, computed in a background thread (hashing releases the GIL)."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dgmm-sha256")
    try:
        return pool.submit(lambda: {k: source_entry(v, relative_to) for k, v in paths.items()})
    finally:
        pool.shutdown(wait=False)


def write_results(
    doc: Results,
    path: str | Path,
    framework: Framework,
    *,
    sources: Mapping[str, str | Path | None] | None = None,
) -> tuple[Path, Path]:
    """Write results JSON and a flat CSV beside it (same stem), each atomically. Returns both paths."""
    from dgmm import __version__

    out = Path(path)
    doc = dict(doc)
    doc["dgmm_version"] = __version__
    doc["generated_at"] = dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")
    try:
        table, text = _encode(doc, framework, sources or {}, out.parent)
    except ResultsError:
        raise
    except Exception:
        _encode_plainly(
            doc, framework, sources or {}, out.parent
        )  # raises the problem the plain order meets first
        raise
    csv_path = out.with_suffix(".csv")
    write_atomic(csv_path, table)
    write_atomic(out, text)
    return out, csv_path


_ORDER = (
    "format",
    "format_version",
    "dgmm_version",
    "generated_at",
    "framework",
    "sources",
    "cohort",
    "agencies",
    "grid",
)


def _encode(
    doc: Results, framework: Framework, sources: Mapping[str, str | Path | None], relative_to: Path
) -> tuple[bytes, list[bytes]]:
    """The CSV bytes and the JSON bytes in pieces (json.dumps
    of the document), the sources hashed meanwhile."""
    from dgmm.scoring.batch import paused_gc

    with paused_gc():
        digests = _digests(sources, relative_to)
        table = results_csv(doc, framework).encode("utf-8")
        agencies = _json_list(doc["agencies"]) if isinstance(doc.get("agencies"), list) else None
        doc["sources"] = digests.result()
        pieces = [b"{"]
        for key in (k for k in _ORDER if k in doc):
            if len(pieces) > 1:
                pieces.append(b",")
            pieces.append(_json(key) + b":")
            pieces.extend(agencies if key == "agencies" and agencies is not None else [_json(doc[key])])
        pieces.append(b"}")
        return table, pieces


def _encode_plainly(
    doc: Results, framework: Framework, sources: Mapping[str, str | Path | None], relative_to: Path
) -> None:
    """Encode as one plain sequence (sources, CSV, JSON), to fail with the error that order meets first."""
    doc = dict(doc)
    doc["sources"] = {k: source_entry(v, relative_to) for k, v in sources.items()}
    results_csv(doc, framework).encode("utf-8")
    _json({k: doc[k] for k in _ORDER if k in doc})


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_SCORED = ("overall", "pillars", "sub_pillars", "topics")


def _json(value: Any) -> bytes:
    """The JSON of a small part of the document; a number that is not finite is an error, never written."""
    try:
        return _ENCODER.encode(value).encode("utf-8")
    except ValueError as exc:
        raise ResultsError(f"cannot write results: {exc}") from None


def _json_list(items: list[Any]) -> list[bytes]:
    """The JSON of the agencies' records, by orjson (C; the records are most of a results file).

    orjson writes a NaN or an infinity as null, which would read back as "no score": the scores are
    checked to be finite first, so such a number stops the writing with the agency and the place.
    """
    for a in items:
        for block in map(a.get, _SCORED):
            if not block:
                continue
            for key, entry in block.items() if "score" not in block else (("", block),):
                v = entry.get("score") if isinstance(entry, dict) else None
                if type(v) is float and not math.isfinite(v):
                    raise ResultsError(
                        f"cannot write results: agency {a.get('id')}: score of "
                        f"{key or 'overall'} is {v!r}, not a number"
                    )
    return [orjson.dumps(items)]


def read_results(path: str | Path) -> Results:
    """Read a results file, checking its format and version."""
    p = Path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ResultsError(f"{p}: file not found") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ResultsError(f"{p}: not a JSON results file ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ResultsError(f'{p}: not a dgmm results file (expected "format": "{FORMAT}")')
    if doc.get("format_version") != FORMAT_VERSION:
        raise ResultsError(
            f"{p}: results format_version {doc.get('format_version')!r}; this dgmm reads {FORMAT_VERSION}"
        )
    doc["_path"] = str(p)
    return doc


def source_path(doc: Results, key: str) -> Path | None:
    """A file the results were scored from (`sources`), next to the results file and checked unchanged.

    None when the results name no such source; ResultsError when it is missing or has changed since
    the cycle was scored (explanations and advice would no longer match the scores).
    """
    entry = (doc.get("sources") or {}).get(key)
    if not entry:
        return None
    where = Path(str(doc.get("_path", ".")))
    path = Path(str(entry["path"]))
    if not path.is_absolute():
        path = where.parent / path
    if not path.exists():
        raise ResultsError(
            f"{where.name} was scored from {entry['path']}, which is missing; put it back or "
            "score the cycle again (dgmm score)",
            code="source_missing",
        )
    if entry.get("sha256") and file_digest(path) != entry["sha256"]:
        raise ResultsError(
            f"{path} has changed since it was scored; score the cycle again (dgmm score) so "
            "that explanations match the scores",
            code="source_changed",
        )
    return path


def counting_of(doc: Results) -> Counting:
    """Whose answers count in the cycle of a results file (DECISIONS §28): the statuses file it was scored
    with (`sources`, checked unchanged) under its policy; every agency when it was scored without one."""
    path = source_path(doc, "statuses")
    if path is None:
        return Counting(None)
    return Counting(read_statuses(path), (doc.get("cohort") or {}).get("policy") or DEFAULT_POLICY)


def agency(doc: Results, agency_id: str) -> dict[str, Any]:
    """One agency's record; NotFoundError naming the agency otherwise."""
    for a in doc["agencies"]:
        if a["id"] == agency_id:
            return dict(a)
    raise NotFoundError(
        f"agency {agency_id!r} is not in these results"
        f"{did_you_mean(agency_id, (a['id'] for a in doc['agencies']))}"
    )


def comparators(doc: Results, agency_id: str) -> dict[str, Any]:
    """Same-group, parent-department and No.1 values for one agency (DECISIONS §11, §15).

    Each is {count, overall, pillars, sub_pillars, counts} or None: None when the agency has no group
    or parent, or when the set has fewer than `small_group_min` agencies; inside it, an average that
    fewer than `small_group_min` agencies have a value for is None (`dgmm.cohort.stats.visible`).
    """
    rec = agency(doc, agency_id)
    cohort = doc["cohort"]
    small = int(cohort.get("small_group_min", 3))
    same = visible(_counted(doc, "groups", "group", rec.get("group")), small)
    parent = visible(_counted(doc, "parents", "parent_id", rec.get("parent_id")), small)
    no1_rec = agency(doc, cohort["no1"]) if cohort.get("no1") else None
    no1 = None
    if no1_rec is not None:
        no1 = {
            "id": no1_rec["id"],
            "count": 1,
            "overall": no1_rec["overall"]["score"],
            "pillars": {k: v["score"] for k, v in no1_rec["pillars"].items()},
            "sub_pillars": {k: v["score"] for k, v in no1_rec["sub_pillars"].items()},
        }
    return {"same_group": same, "parent": parent, "no1": no1}


def _counted(doc: Results, kind: str, field: str, key: str | None) -> Mapping[str, Any] | None:
    """The cohort summary of one group or parent department, with the number of agencies behind each
    average (recounted from the records for results written before summaries kept them)."""
    summary = doc["cohort"][kind].get(key or "")
    if summary is None or "counts" in summary:
        return summary
    return recount(
        a
        for a in doc["agencies"]
        if a.get("status") == "scored"
        and a.get(field) == key
        and (a.get("overall") or {}).get("score") is not None
    )


def higher_than(
    own: Mapping[str, float | None],
    comparator: Mapping[str, float | None] | None,
    order: list[str],
    digits: int = 2,
) -> list[str]:
    """Ids (in framework order) where the agency's score is strictly above the comparator's (§11).

    The scores are compared as printed with `digits` decimals (`compare_shown`), so an item never
    counts as higher than a value that prints the same: a sub-pillar taken wholly from the parent
    department, equal to the parent's average but for floating-point noise, is not listed.
    """
    if comparator is None:
        return []
    return [k for k in order if compare_shown(own.get(k), comparator.get(k), digits) == 1]
