"""PMQA 4.0 as data: its categories and items (`format: dgmm-pmqa`) and the crosswalk from maturity
topics to the items they serve (`format: dgmm-pmqa-crosswalk`), read as strictly as a framework.

Both files are in the framework family (docs/pmqa.md): YAML read by `load.read_document` (UTF-8, plain
YAML, duplicate keys refused) and every problem reported in one pass as file:line: path: message with
a stable code. The API that adapters call is `dgmm.pmqa`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path as FsPath
from typing import Any, TypeVar

from dgmm.errors import FrameworkError, did_you_mean
from dgmm.framework.load import _Reader, read_document
from dgmm.framework.schema import Framework, Named, Note, Text
from dgmm.framework.yamlsrc import Path

_T = TypeVar("_T")
PMQA_FORMAT = "dgmm-pmqa"
CROSSWALK_FORMAT = "dgmm-pmqa-crosswalk"
FORMAT_VERSION = 1
CATEGORY_RE = re.compile(r"^PMQA[1-9][0-9]?$")
ITEM_RE = re.compile(r"^(PMQA[1-9][0-9]?)\.[1-9][0-9]?$")
FILE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


@dataclass(frozen=True)
class PmqaPoint:
    """One point of an item's digital guidance (how digital technology should serve the item)."""

    text: Text
    source: str = ""  # "seed 004 line 39"


@dataclass(frozen=True)
class PmqaItem(Named):
    """One of the PMQA items (ประเด็น), e.g. PMQA4.4."""

    id: str
    name: Text
    category: str  # the id of its category
    guidance: tuple[PmqaPoint, ...]
    responsible_unit: Text = Text()  # empty where the source names none
    source: str = ""
    line: int = 0

    @property
    def number(self) -> str:
        """The item's number as printed in the source ("4.4")."""
        return self.id.removeprefix("PMQA")


@dataclass(frozen=True)
class PmqaCategory(Named):
    """One PMQA category (หมวด), e.g. PMQA4 measurement, analysis and knowledge management."""

    id: str
    name: Text
    items: tuple[PmqaItem, ...]
    source: str = ""
    line: int = 0

    @property
    def number(self) -> str:
        return self.id.removeprefix("PMQA")


@dataclass(frozen=True)
class Correction:
    """A typing error of the source corrected in the data: `seed` as printed, `text` as shown."""

    seed: str
    text: str
    source: str = ""


@dataclass(frozen=True)
class Shift:
    """One row of the comparison: how government works the old way and as a digital organisation."""

    old: Text
    digital: Text
    source: str = ""


@dataclass(frozen=True, eq=False)
class Pmqa(Named):
    """The PMQA 4.0 guidance: categories, items and their digital guidance."""

    id: str
    revision: int
    name: Text
    categories: tuple[PmqaCategory, ...]
    notes: tuple[Note, ...] = ()
    corrections: tuple[Correction, ...] = ()
    comparison: tuple[Shift, ...] = ()
    source: str = ""
    path: str = ""
    sha256: str = ""

    def iter_items(self) -> Iterator[PmqaItem]:
        for c in self.categories:
            yield from c.items

    @cached_property
    def items(self) -> dict[str, PmqaItem]:
        """Every item by id, in the source's order."""
        return {i.id: i for i in self.iter_items()}

    def category(self, category_id: str) -> PmqaCategory:
        for c in self.categories:
            if c.id == category_id:
                return c
        raise KeyError(category_id)


@dataclass(frozen=True)
class PmqaLink:
    """A topic of a framework serves a PMQA item, for the reason given."""

    framework_id: str
    topic_id: str
    item: PmqaItem
    reason: Text
    sub_pillar: str = ""  # set when the link is stated for the topic's whole sub-pillar
    line: int = 0


@dataclass(frozen=True)
class Unreached:
    """A PMQA item that no topic serves, and why."""

    item: PmqaItem
    reason: Text
    line: int = 0


@dataclass(frozen=True, eq=False)
class Crosswalk(Named):
    """Every topic of the crosswalked frameworks and the PMQA items it serves."""

    id: str
    revision: int
    name: Text
    pmqa: Pmqa
    links: tuple[PmqaLink, ...]
    unreached: tuple[Unreached, ...] = ()
    notes: tuple[Note, ...] = ()
    path: str = ""
    sha256: str = ""

    @cached_property
    def frameworks(self) -> tuple[str, ...]:
        """The ids of the frameworks the crosswalk maps, in file order."""
        return tuple(dict.fromkeys(link.framework_id for link in self.links))

    @cached_property
    def _by_topic(self) -> dict[tuple[str, str], tuple[PmqaLink, ...]]:
        out: dict[tuple[str, str], list[PmqaLink]] = {}
        for link in self.links:
            out.setdefault((link.framework_id, link.topic_id), []).append(link)
        return {k: tuple(v) for k, v in out.items()}

    def items_for(self, framework_id: str, topic_id: str) -> tuple[PmqaLink, ...]:
        """The links of one topic (empty when the crosswalk does not map it)."""
        return self._by_topic.get((framework_id, topic_id), ())

    def topics_for(self, item_id: str, framework_id: str | None = None) -> tuple[PmqaLink, ...]:
        """The links that serve one item, in crosswalk order, optionally of one framework only."""
        return tuple(
            link
            for link in self.links
            if link.item.id == item_id and (framework_id is None or link.framework_id == framework_id)
        )


# -- reading -----------------------------------------------------------------------------------------


class _PmqaReader(_Reader):
    """The framework reader's helpers (locations, types, unknown keys) applied to the PMQA files."""

    def header(self, root: dict[str, Any], fmt: str, keys: set[str]) -> tuple[str, int]:
        self.format_header(root, fmt, FORMAT_VERSION)
        self.check_keys(root, {"format", "format_version", "id", "revision", "name_th", "name_en", *keys}, ())
        fid = self.string(root, "id", ())
        if fid and not FILE_ID_RE.match(fid):
            self.problem(("id",), f"id {fid!r} must be lowercase letters, digits, '.' and '-'", "bad_id")
        return fid, self.revision(root)

    def pmqa(self, data: Any, name: str, digest: str) -> Pmqa:
        root = self.mapping(data, ())
        fid, revision = self.header(
            root, PMQA_FORMAT, {"source", "notes", "corrections", "comparison", "categories"}
        )
        source = root.get("source")
        source_text = (
            ", ".join(f"{k}: {v}" for k, v in source.items())
            if isinstance(source, dict)
            else str(source or "")
        )
        seen: set[str] = set()
        categories = tuple(
            self.category(c, ("categories", i), seen) for i, c in enumerate(self.seq(root, "categories", ()))
        )
        return Pmqa(
            id=fid,
            revision=revision,
            name=self.text(root, "name", (), True),
            categories=categories,
            notes=self.notes(root.get("notes"), ("notes",)),
            corrections=self.corrections(root.get("corrections")),
            comparison=self.comparison(root.get("comparison")),
            source=source_text,
            path=name,
            sha256=digest,
        )

    def records(
        self, value: Any, key: str, noun: str, keys: set[str], build: Callable[[dict[str, Any], Path], _T]
    ) -> tuple[_T, ...]:
        """The optional list `key` of mappings with the given keys, each made by `build(mapping, path)`."""
        path: Path = (key,)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(path, f"expected a list of {noun}, found {type(value).__name__}", "wrong_type")
            return ()
        out = []
        for i, item in enumerate(value):
            ip: Path = (*path, i)
            d = self.mapping(item, ip)
            self.check_keys(d, keys, ip)
            out.append(build(d, ip))
        return tuple(out)

    def corrections(self, value: Any) -> tuple[Correction, ...]:
        return self.records(
            value,
            "corrections",
            "corrections",
            {"seed", "text", "source"},
            lambda d, p: Correction(
                self.string(d, "seed", p), self.string(d, "text", p), self.string(d, "source", p, False)
            ),
        )

    def comparison(self, value: Any) -> tuple[Shift, ...]:
        return self.records(
            value,
            "comparison",
            "rows",
            {"old_th", "old_en", "digital_th", "digital_en", "source"},
            lambda d, p: Shift(
                self.text(d, "old", p, True),
                self.text(d, "digital", p, True),
                self.string(d, "source", p, False),
            ),
        )

    def unique(self, ident: str, path: Path, seen: set[str]) -> None:
        if ident in seen:
            self.problem((*path, "id"), f"id {ident!r} is used twice", "duplicate_id")
        seen.add(ident)

    def category(self, value: Any, path: Path, seen: set[str]) -> PmqaCategory:
        d = self.mapping(value, path)
        self.check_keys(d, {"id", "name_th", "name_en", "source", "items"}, path)
        cid = self.string(d, "id", path)
        if cid and not CATEGORY_RE.match(cid):
            self.problem((*path, "id"), f"category id {cid!r} must be PMQA and its number (PMQA4)", "bad_id")
        self.unique(cid, path, seen)
        items = tuple(
            self.item(x, (*path, "items", i), cid, seen) for i, x in enumerate(self.seq(d, "items", path))
        )
        if not items and isinstance(d.get("items"), list):
            self.problem((*path, "items"), f"category {cid!r} has no items", "missing")
        return PmqaCategory(
            id=cid,
            name=self.text(d, "name", path, True),
            items=items,
            source=self.string(d, "source", path, False),
            line=self.line(path),
        )

    def item(self, value: Any, path: Path, category: str, seen: set[str]) -> PmqaItem:
        d = self.mapping(value, path)
        self.check_keys(
            d,
            {"id", "name_th", "name_en", "source", "guidance", "responsible_unit_th", "responsible_unit_en"},
            path,
        )
        iid = self.string(d, "id", path)
        m = ITEM_RE.match(iid)
        if iid and (m is None or m.group(1) != category):
            self.problem(
                (*path, "id"),
                f"item id {iid!r} must be its category's id, a dot and its number ({category}.1)",
                "bad_id",
            )
        self.unique(iid, path, seen)
        name = self.text(d, "name", path, True)
        if not (name.th and name.en):
            missing = "name_en" if name.th else "name_th"
            self.problem((*path, missing), f"an item is named in Thai and English: '{missing}'", "missing")
        guidance = []
        for i, g in enumerate(self.seq(d, "guidance", path)):
            gp: Path = (*path, "guidance", i)
            gd = self.mapping(g, gp)
            self.check_keys(gd, {"text_th", "text_en", "source"}, gp)
            text = self.text(gd, "text", gp, True)
            if not (text.th and text.en):
                missing = "text_en" if text.th else "text_th"
                self.problem((*gp, missing), f"guidance is in Thai and English: '{missing}'", "missing")
            guidance.append(PmqaPoint(text, self.string(gd, "source", gp, False)))
        if not guidance and isinstance(d.get("guidance"), list):
            self.problem((*path, "guidance"), f"item {iid!r} has no guidance", "missing")
        return PmqaItem(
            id=iid,
            name=name,
            category=category,
            guidance=tuple(guidance),
            responsible_unit=self.text(d, "responsible_unit", path),
            source=self.string(d, "source", path, False),
            line=self.line(path),
        )


class _CrosswalkReader(_PmqaReader):
    def __init__(
        self,
        file: str,
        lines: dict[Path, int],
        pmqa: Pmqa,
        framework: Callable[[str], Framework | None],
    ) -> None:
        super().__init__(file, lines)
        self.pmqa_data = pmqa
        self.lookup = framework

    def crosswalk(self, data: Any, name: str, digest: str) -> Crosswalk:
        root = self.mapping(data, ())
        fid, revision = self.header(root, CROSSWALK_FORMAT, {"pmqa", "notes", "frameworks", "unreached"})
        pmqa_id = self.string(root, "pmqa", ())
        if pmqa_id and pmqa_id != self.pmqa_data.id:
            self.problem(
                ("pmqa",), f"the crosswalk is for {pmqa_id!r}, read with {self.pmqa_data.id!r}", "wrong_pmqa"
            )
        links: list[PmqaLink] = []
        frameworks = root.get("frameworks")
        if not isinstance(frameworks, dict) or not frameworks:
            self.problem(("frameworks",), "'frameworks' is required: framework id -> its topics", "missing")
            frameworks = {}
        for fw_id, entries in frameworks.items():
            links += self.framework_links(str(fw_id), entries, ("frameworks", fw_id))
        unreached = self.unreached(root.get("unreached"), {link.item.id for link in links})
        return Crosswalk(
            id=fid,
            revision=revision,
            name=self.text(root, "name", ()),
            pmqa=self.pmqa_data,
            links=tuple(links),
            unreached=unreached,
            notes=self.notes(root.get("notes"), ("notes",)),
            path=name,
            sha256=digest,
        )

    def framework_links(self, fw_id: str, entries: Any, path: Path) -> list[PmqaLink]:
        fw = self.lookup(fw_id)
        if fw is None:
            self.problem(path, f"unknown framework {fw_id!r}", "unknown_framework")
            return []
        if not isinstance(entries, list):
            self.problem(path, "expected a list of topics and sub-pillars", "wrong_type")
            return []
        mapped: dict[str, Path] = {}  # topic id -> the entry that maps it
        links: list[PmqaLink] = []
        for i, entry in enumerate(entries):
            ep: Path = (*path, i)
            d = self.mapping(entry, ep)
            self.check_keys(d, {"topic", "sub_pillar", "serves"}, ep)
            topics, sub_pillar = self.entry_topics(fw, d, ep)
            served = self.served(d, ep)
            for tid in topics:
                if tid in mapped:
                    self.problem(
                        ep,
                        f"topic {tid!r} is mapped twice (also at line {self.line(mapped[tid])})",
                        "duplicate_topic",
                    )
                    continue
                mapped[tid] = ep
                links += [
                    PmqaLink(fw_id, tid, item, reason, sub_pillar, self.line(lp))
                    for item, reason, lp in served
                ]
        for t in fw.iter_topics():
            if t.id not in mapped:
                self.problem(
                    path, f"topic {t.id!r} of {fw_id} is not mapped to any PMQA item", "unmapped_topic"
                )
        return links

    def entry_topics(self, fw: Framework, d: dict[str, Any], ep: Path) -> tuple[list[str], str]:
        tid = self.string(d, "topic", ep, required=False)
        spid = self.string(d, "sub_pillar", ep, required=False)
        if bool(tid) == bool(spid):
            self.problem(ep, "an entry names exactly one 'topic' or one 'sub_pillar'", "bad_entry")
            return [], ""
        if tid:
            if tid not in fw.topics:
                self.problem(
                    (*ep, "topic"),
                    f"unknown topic {tid!r} of {fw.id}{did_you_mean(tid, fw.topics)}",
                    "unknown_topic",
                )
                return [], ""
            return [tid], ""
        if spid not in fw.sub_pillars:
            self.problem(
                (*ep, "sub_pillar"),
                f"unknown sub-pillar {spid!r} of {fw.id}{did_you_mean(spid, fw.sub_pillars)}",
                "unknown_sub_pillar",
            )
            return [], ""
        return [t.id for t in fw.sub_pillars[spid].topics], spid

    def served(self, d: dict[str, Any], ep: Path) -> list[tuple[PmqaItem, Text, Path]]:
        out: list[tuple[PmqaItem, Text, Path]] = []
        seen: set[str] = set()
        items = self.pmqa_data.items
        serves = self.seq(d, "serves", ep)
        if not serves and isinstance(d.get("serves"), list):
            self.problem((*ep, "serves"), "an entry serves at least one PMQA item", "missing")
        for j, link in enumerate(serves):
            lp: Path = (*ep, "serves", j)
            ld = self.mapping(link, lp)
            self.check_keys(ld, {"item", "reason_th", "reason_en"}, lp)
            iid = self.string(ld, "item", lp)
            reason = self.text(ld, "reason", lp, True)
            if not iid:
                continue
            if iid not in items:
                self.problem(
                    (*lp, "item"), f"unknown PMQA item {iid!r}{did_you_mean(iid, items)}", "unknown_item"
                )
                continue
            if iid in seen:
                self.problem((*lp, "item"), f"PMQA item {iid!r} is linked twice", "duplicate_link")
                continue
            seen.add(iid)
            out.append((items[iid], reason, lp))
        return out

    def unreached(self, value: Any, reached: set[str]) -> tuple[Unreached, ...]:
        path: Path = ("unreached",)
        items = self.pmqa_data.items
        noted: dict[str, Unreached] = {}
        if value is not None and not isinstance(value, list):
            self.problem(path, "expected a list of {item, reason_en}", "wrong_type")
            value = None
        for i, entry in enumerate(value or []):
            ep: Path = (*path, i)
            d = self.mapping(entry, ep)
            self.check_keys(d, {"item", "reason_th", "reason_en"}, ep)
            iid = self.string(d, "item", ep)
            reason = self.text(d, "reason", ep, True)
            if not iid:
                continue
            if iid not in items:
                self.problem(
                    (*ep, "item"), f"unknown PMQA item {iid!r}{did_you_mean(iid, items)}", "unknown_item"
                )
            elif iid in noted:
                self.problem((*ep, "item"), f"PMQA item {iid!r} is noted twice", "duplicate_link")
            elif iid in reached:
                self.problem(
                    (*ep, "item"),
                    f"PMQA item {iid!r} is noted as unreached but a topic serves it",
                    "reached_item",
                )
            else:
                noted[iid] = Unreached(items[iid], reason, self.line(ep))
        for iid in items:
            if iid not in reached and iid not in noted:
                self.problem(
                    path if value else (),
                    f"PMQA item {iid!r} is served by no topic: map a topic to it or say why in 'unreached'",
                    "unreached_item",
                )
        return tuple(noted.values())


def read_pmqa(path: str | FsPath) -> Pmqa:
    """Read and validate a PMQA file (`format: dgmm-pmqa`). Raises FrameworkError with every problem."""
    name = str(path)
    data, lines, raw = read_document(path)
    reader = _PmqaReader(name, lines)
    pmqa = reader.pmqa(data, name, hashlib.sha256(raw).hexdigest())
    if reader.problems:
        raise FrameworkError(reader.problems, f"{name}: {len(reader.problems)} problem(s) in the PMQA file")
    return pmqa


def read_crosswalk(path: str | FsPath, pmqa: Pmqa, framework: Callable[[str], Framework | None]) -> Crosswalk:
    """Read and validate a crosswalk against `pmqa` and the frameworks `framework(id)` returns (None:
    unknown). Every topic of each framework must be mapped once, every item reached or noted."""
    name = str(path)
    data, lines, raw = read_document(path)
    reader = _CrosswalkReader(name, lines, pmqa, framework)
    crosswalk = reader.crosswalk(data, name, hashlib.sha256(raw).hexdigest())
    if reader.problems:
        raise FrameworkError(reader.problems, f"{name}: {len(reader.problems)} problem(s) in the crosswalk")
    return crosswalk
