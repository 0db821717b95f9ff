"""The results file (docs/results-format.md): write it atomically with its CSV, read it back, look things up."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from dgmm.cells import inert, inert_row
from dgmm.cohort.stats import visible
from dgmm.cycle import FORMAT, FORMAT_VERSION
from dgmm.errors import NotFoundError, ResultsError, did_you_mean
from dgmm.framework.schema import Framework

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


def _atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, bytes):
                fh.write(data)
            else:
                fh.writelines(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def results_csv_header(framework: Framework) -> list[str]:
    """The columns of results.csv (docs/results-format.md)."""
    header = ["agency_id", "name_th", "name_en", "tier", "ministry", "province", "parent_id", "status",
              "overall_score", "overall_level", "group", "rank"]
    for pid in [p.id for p in framework.pillars] + [sp.id for _, sp in framework.iter_sub_pillars()]:
        header += [f"{pid}_score", f"{pid}_level"]
    return header


def results_csv(doc: Results, framework: Framework) -> str:
    """One row per agency: ids, status, overall, group, rank, then every pillar and sub-pillar score/level.

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
        rows.append([*inert_row((a["id"], a["name_th"], a["name_en"], a["tier"], a.get("ministry") or "",
                                 a.get("province") or "", a.get("parent_id") or "", a["status"])),
                     num(ov.get("score")), ov.get("level") or "", inert(a.get("group") or ""), a.get("rank") or "", *cells(a.get("pillars") or {}, pillars),
                     *cells(a.get("sub_pillars") or {}, subs)])
    w.writerows(rows)
    return buf.getvalue()


def _digests(paths: Mapping[str, str | Path | None], relative_to: Path) -> Future[dict[str, dict[str, str] | None]]:
    """The sources' {path, sha256} entries, computed in a background thread (hashing releases the GIL)."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dgmm-sha256")
    try:
        return pool.submit(lambda: {k: source_entry(v, relative_to) for k, v in paths.items()})
    finally:
        pool.shutdown(wait=False)


def write_results(doc: Results, path: str | Path, framework: Framework, *,
                  sources: Mapping[str, str | Path | None] | None = None) -> tuple[Path, Path]:
    """Write results JSON and a flat CSV beside it (same stem), each atomically. Returns both paths."""
    from dgmm import __version__

    out = Path(path)
    doc = dict(doc)
    doc["dgmm_version"] = __version__
    doc["generated_at"] = dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")
    try:
        table, text = _encode(doc, framework, sources or {}, out.parent)
    except Exception:
        _encode_plainly(doc, framework, sources or {}, out.parent)  # raises the problem the plain order meets first
        raise
    csv_path = out.with_suffix(".csv")
    _atomic_write(csv_path, table)
    _atomic_write(out, text)
    return out, csv_path


_ORDER = ("format", "format_version", "dgmm_version", "generated_at", "framework", "sources", "cohort", "agencies",
          "grid")


def _encode(doc: Results, framework: Framework, sources: Mapping[str, str | Path | None],
            relative_to: Path) -> tuple[bytes, list[bytes]]:
    """The CSV bytes and the JSON bytes in pieces (json.dumps of the document), the sources hashed meanwhile."""
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


def _encode_plainly(doc: Results, framework: Framework, sources: Mapping[str, str | Path | None],
                    relative_to: Path) -> None:
    """Encode as one plain sequence (sources, CSV, JSON), to fail with the error that order meets first."""
    doc = dict(doc)
    doc["sources"] = {k: source_entry(v, relative_to) for k, v in sources.items()}
    results_csv(doc, framework).encode("utf-8")
    _json({k: doc[k] for k in _ORDER if k in doc})


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_BATCH = 8  # list items per encoder call: many small strings encode faster than one huge one


def _json(value: Any) -> bytes:
    return _ENCODER.encode(value).encode("utf-8")


def _json_list(items: list[Any]) -> list[bytes]:
    """json.dumps of a list, in pieces: its items' encodings, a few at a time, between brackets."""
    pieces = [b"["]
    for i in range(0, len(items), _BATCH):
        if i:
            pieces.append(b",")
        pieces.append(_json(items[i:i + _BATCH])[1:-1])
    pieces.append(b"]")
    return pieces


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
        raise ResultsError(f"{p}: not a dgmm results file (expected \"format\": \"{FORMAT}\")")
    if doc.get("format_version") != FORMAT_VERSION:
        raise ResultsError(f"{p}: results format_version {doc.get('format_version')!r}; this dgmm reads "
                           f"{FORMAT_VERSION}")
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
        raise ResultsError(f"{where.name} was scored from {entry['path']}, which is missing; put it back or "
                           "score the cycle again (dgmm score)", code="source_missing")
    if entry.get("sha256") and file_digest(path) != entry["sha256"]:
        raise ResultsError(f"{path} has changed since it was scored; score the cycle again (dgmm score) so "
                           "that explanations match the scores", code="source_changed")
    return path


def agency(doc: Results, agency_id: str) -> dict[str, Any]:
    """One agency's record; NotFoundError naming the agency otherwise."""
    for a in doc["agencies"]:
        if a["id"] == agency_id:
            return dict(a)
    raise NotFoundError(f"agency {agency_id!r} is not in these results"
                        f"{did_you_mean(agency_id, (a['id'] for a in doc['agencies']))}")


def comparators(doc: Results, agency_id: str) -> dict[str, Any]:
    """Same-group, parent-department and No.1 values for one agency (DECISIONS §11, §15).

    Each is {count, overall, pillars, sub_pillars} or None: None when the agency has no group or
    parent, or when the average covers fewer than `small_group_min` agencies.
    """
    rec = agency(doc, agency_id)
    cohort = doc["cohort"]
    small = int(cohort.get("small_group_min", 3))
    same = visible(cohort["groups"].get(rec.get("group") or ""), small)
    parent = visible(cohort["parents"].get(rec.get("parent_id") or ""), small)
    no1_rec = agency(doc, cohort["no1"]) if cohort.get("no1") else None
    no1 = None
    if no1_rec is not None:
        no1 = {"id": no1_rec["id"], "count": 1, "overall": no1_rec["overall"]["score"],
               "pillars": {k: v["score"] for k, v in no1_rec["pillars"].items()},
               "sub_pillars": {k: v["score"] for k, v in no1_rec["sub_pillars"].items()}}
    return {"same_group": same, "parent": parent, "no1": no1}


def higher_than(own: Mapping[str, float | None], comparator: Mapping[str, float | None] | None,
                order: list[str]) -> list[str]:
    """Ids (in framework order) where the agency's score is strictly above the comparator's (§11)."""
    if comparator is None:
        return []
    out = []
    for k in order:
        mine, theirs = own.get(k), comparator.get(k)
        if mine is not None and theirs is not None and mine > theirs:
            out.append(k)
    return out
