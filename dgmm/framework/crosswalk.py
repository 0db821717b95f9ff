"""Crosswalks between framework versions: which pillars, sub-pillars and topics of an older framework
can be compared with which of a newer one (DECISIONS §17), declared as data in
``data/crosswalks/<from>_<to>.yaml`` (docs/crosswalks.md).

Results are compared only through a declared link; everything else is listed as not comparable,
never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from dgmm.errors import FrameworkError, Problem
from dgmm.framework.load import read_document
from dgmm.framework.schema import Framework, Text
from dgmm.framework.yamlsrc import Path, path_text

CROSSWALK_DIR = FsPath(__file__).parent / "data" / "crosswalks"
LEVELS = ("pillars", "sub_pillars", "topics")
_KEYS = {
    "format",
    "format_version",
    "from",
    "to",
    "notes",
    "pillars",
    "sub_pillars",
    "topics",
    "not_comparable",
}


@dataclass(frozen=True)
class Link:
    """One part of the older framework compared with one part of the newer, and why."""

    level: str  # pillars | sub_pillars | topics
    old: str
    new: str
    reason: Text  # in Thai and English


@dataclass(frozen=True)
class Unmapped:
    """A part of one framework that has no counterpart in the other."""

    side: str  # from | to
    code: str
    reason: Text  # in Thai and English


@dataclass(frozen=True)
class Crosswalk:
    old: str  # framework id
    new: str
    links: tuple[Link, ...]
    not_comparable: tuple[Unmapped, ...]
    path: str = ""

    def links_at(self, level: str) -> tuple[Link, ...]:
        return tuple(k for k in self.links if k.level == level)


def shipped_crosswalks() -> dict[tuple[str, str], FsPath]:
    """(older framework id, newer framework id) -> file, for every crosswalk shipped with dgmm."""
    out = {}
    for p in sorted(CROSSWALK_DIR.glob("*.yaml")):
        old, _, new = p.stem.partition("_")
        out[(old, new)] = p
    return out


def _codes(fw: Framework) -> dict[str, set[str]]:
    """The codes of a framework's parts at each level."""
    topics: set[str] = set()
    for _, sp in fw.iter_sub_pillars():
        for t in sp.topics:
            topics.add(t.id)
            topics.update(st.id for st in t.sub_topics)
    return {
        "pillars": {p.id for p in fw.pillars},
        "sub_pillars": {sp.id for _, sp in fw.iter_sub_pillars()},
        "topics": topics,
    }


REASONS = ("reason_th", "reason_en")


def _reason(entry: Mapping[str, Any]) -> tuple[Text, list[str]]:
    """The entry's reason in Thai and English, and the keys of it that are missing or blank."""
    missing = [k for k in REASONS if not isinstance(entry.get(k), str) or not entry[k].strip()]
    th, en = (entry.get(k) if k not in missing else "" for k in REASONS)
    return Text(str(th).strip(), str(en).strip()), missing


def _level_of(codes: dict[str, set[str]], code: str) -> str | None:
    return next((lv for lv in LEVELS if code in codes[lv]), None)


def read_crosswalk(path: str | FsPath, old: Framework, new: Framework) -> Crosswalk:
    """Read and check a crosswalk file against the two frameworks it joins.

    Every code must exist in its framework at the level given, no part is linked twice, every
    pillar and sub-pillar of both frameworks is either linked or listed as not comparable, and every
    entry has its reason in Thai and English (``reason_th``, ``reason_en``). Raises FrameworkError
    listing every problem with file, line and entry.
    """
    name = str(path)
    data, lines, _raw = read_document(path)
    problems: list[Problem] = []

    def problem(where: Path, message: str, code: str = "invalid") -> None:
        p = where
        while p and p not in lines:
            p = p[:-1]
        problems.append(Problem(name, lines.get(p, 0), path_text(where), message, code))

    if not isinstance(data, dict):
        raise FrameworkError(
            [Problem(name, 0, "", "expected a mapping at the top of the file", "wrong_type")]
        )
    for key in sorted(set(data) - _KEYS):
        problem((key,), f"unknown key {key!r}; expected one of {', '.join(sorted(_KEYS))}", "unknown_key")
    if data.get("format") != "dgmm-crosswalk":
        problem(("format",), "expected format: dgmm-crosswalk", "wrong_format")
    if data.get("format_version") != 1:
        problem(("format_version",), "expected format_version: 1", "wrong_format")
    for side, fw in (("from", old), ("to", new)):
        if data.get(side) != fw.id:
            problem((side,), f"expected {side}: {fw.id}, found {data.get(side)!r}", "wrong_framework")
    codes = {"from": _codes(old), "to": _codes(new)}
    seen: dict[str, set[str]] = {"from": set(), "to": set()}
    links: list[Link] = []
    for level in LEVELS:
        entries = data.get(level) or []
        if not isinstance(entries, list):
            problem((level,), "expected a list of links", "wrong_type")
            continue
        for i, e in enumerate(entries):
            where: Path = (level, i)
            if not isinstance(e, dict):
                problem(where, "expected a mapping with from, to, reason_th and reason_en", "wrong_type")
                continue
            for key in sorted(set(e) - {"from", "to", *REASONS}):
                problem(
                    (*where, key),
                    f"unknown key {key!r}; expected from, to, reason_th, reason_en",
                    "unknown_key",
                )
            ok = True
            for side, fw in (("from", old), ("to", new)):
                code = e.get(side)
                if not isinstance(code, str) or code not in codes[side][level]:
                    found = _level_of(codes[side], code) if isinstance(code, str) else None
                    hint = f" (it is one of the {found.replace('_', '-')})" if found else ""
                    problem(
                        (*where, side),
                        f"{code!r} is not one of the {level.replace('_', '-')} of {fw.id}{hint}",
                        "unknown_code",
                    )
                    ok = False
                elif code in seen[side]:
                    problem((*where, side), f"{code!r} of {fw.id} is linked or listed twice", "duplicate")
                    ok = False
            reason, missing = _reason(e)
            for key in missing:
                problem((*where, key), f"every link says why in Thai and English ({key})", "missing")
                ok = False
            if ok:
                seen["from"].add(e["from"])
                seen["to"].add(e["to"])
                links.append(Link(level, e["from"], e["to"], reason))
    unmapped: list[Unmapped] = []
    nc = data.get("not_comparable") or {}
    if not isinstance(nc, dict):
        problem(("not_comparable",), "expected a mapping with from and to lists", "wrong_type")
        nc = {}
    for side, fw in (("from", old), ("to", new)):
        for i, e in enumerate(nc.get(side) or []):
            where = ("not_comparable", side, i)
            if not isinstance(e, dict):
                problem(where, "expected a mapping with code, reason_th and reason_en", "wrong_type")
                continue
            for key in sorted(set(e) - {"code", *REASONS}):
                problem(
                    (*where, key), f"unknown key {key!r}; expected code, reason_th, reason_en", "unknown_key"
                )
            code = e.get("code")
            reason, missing = _reason(e)
            if not isinstance(code, str) or _level_of(codes[side], code) is None:
                problem(
                    (*where, "code"),
                    f"{code!r} is not a pillar, sub-pillar or topic of {fw.id}",
                    "unknown_code",
                )
            elif code in seen[side]:
                problem(
                    (*where, "code"),
                    f"{code!r} of {fw.id} is linked and listed as not comparable",
                    "duplicate",
                )
            elif missing:
                for key in missing:
                    problem(
                        (*where, key),
                        f"every part listed says why in Thai and English ({key})",
                        "missing",
                    )
            else:
                seen[side].add(code)
                unmapped.append(Unmapped(side, code, reason))
        for code in sorted(codes[side]["topics"] - seen[side]):
            other = new.id if side == "from" else old.id
            reason = Text(
                f"ไม่มีหัวข้อใดของ {other} ที่ระบุว่ามีเกณฑ์การประเมินเดียวกัน",
                f"no topic of {other} is declared to have the same criteria",
            )
            unmapped.append(Unmapped(side, code, reason))
        for level in ("pillars", "sub_pillars"):
            for code in sorted(codes[side][level] - seen[side]):
                problem(
                    ("not_comparable", side),
                    f"{level[:-1].replace('_', '-')} {code} of {fw.id} is neither linked nor listed as "
                    "not comparable",
                    "incomplete",
                )
    if problems:
        raise FrameworkError(problems, f"{name}: {len(problems)} problem(s) in the crosswalk")
    return Crosswalk(old.id, new.id, tuple(links), tuple(unmapped), name)


def _text(t: Text) -> dict[str, str]:
    return {"th": t.th, "en": t.en}


def compare(crosswalk: Crosswalk, old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """Compare one agency's results records under the older and newer framework through the crosswalk.

    ``old`` and ``new`` are agency records of two results documents (`dgmm.results.agency`). Returns
    ``{"comparable": {level: [{old, new, reason, old_score, old_level, new_score, new_level, change,
    level_change}]}, "not_comparable": [{side, code, reason}]}``, levels being pillars, sub_pillars and
    topics, every reason ``{"th": ..., "en": ...}`` (as names are in the trends and aggregates). A
    change is None when either side has no score (or level): never zero. Topics are compared
    only where both records carry topic results.
    """
    comparable: dict[str, list[dict[str, Any]]] = {lv: [] for lv in LEVELS}
    for link in crosswalk.links:
        a = (old.get(link.level) or {}).get(link.old) or {}
        b = (new.get(link.level) or {}).get(link.new) or {}
        sa, sb, la, lb = a.get("score"), b.get("score"), a.get("level"), b.get("level")
        comparable[link.level].append(
            {
                "old": link.old,
                "new": link.new,
                "reason": _text(link.reason),
                "old_score": sa,
                "old_level": la,
                "new_score": sb,
                "new_level": lb,
                "change": None if sa is None or sb is None else sb - sa,
                "level_change": None if la is None or lb is None else lb - la,
            }
        )
    unmapped = [{"side": u.side, "code": u.code, "reason": _text(u.reason)} for u in crosswalk.not_comparable]
    return {"from": crosswalk.old, "to": crosswalk.new, "comparable": comparable, "not_comparable": unmapped}
