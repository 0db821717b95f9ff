"""PMQA 4.0 items and the topics that serve them: load the shipped data and answer, for a topic,
which PMQA items its improvement serves, and for an item, which topics serve it (docs/pmqa.md)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from dgmm.atomic import write_atomic
from dgmm.errors import DgmmError, NotFoundError, did_you_mean
from dgmm.framework import DATA_DIR
from dgmm.framework.pmqa import Crosswalk, Pmqa, PmqaLink, read_crosswalk, read_pmqa
from dgmm.framework.schema import Framework
from dgmm.loading import framework_path, load_framework

PMQA_DIR = DATA_DIR / "pmqa"
PMQA_PATH = PMQA_DIR / "pmqa-4.0.yaml"
CROSSWALK_PATH = PMQA_DIR / "crosswalk.yaml"

_PMQA_CACHE: dict[tuple[str, float], Pmqa] = {}
_CROSSWALK_CACHE: dict[tuple[str, float, str], Crosswalk] = {}


def _key(path: Path) -> tuple[str, float]:
    if not path.exists():
        raise NotFoundError(f"file {str(path)!r} does not exist")
    return os.path.abspath(path), path.stat().st_mtime  # an edited file is read again


def load_pmqa(path: str | Path = PMQA_PATH) -> Pmqa:
    """The PMQA 4.0 categories and items (the shipped file unless a path is given)."""
    p = Path(path)
    key = _key(p)
    hit = _PMQA_CACHE.get(key)
    if hit is None:
        hit = _PMQA_CACHE[key] = read_pmqa(p)
    return hit


def _shipped_framework(framework_id: str) -> Framework | None:
    try:
        framework_path(framework_id)
    except NotFoundError:
        return None
    return load_framework(framework_id)


def load_crosswalk(path: str | Path = CROSSWALK_PATH, pmqa: Pmqa | None = None) -> Crosswalk:
    """The crosswalk from topics to PMQA items, checked against the PMQA data and the shipped frameworks.

    Raises FrameworkError listing every problem (unknown topics or items, duplicate links, a topic
    left unmapped, an item served by no topic without a note saying why).
    """
    p = Path(path)
    data = pmqa or load_pmqa()
    key = (*_key(p), data.sha256)
    hit = _CROSSWALK_CACHE.get(key)
    if hit is None:
        hit = _CROSSWALK_CACHE[key] = read_crosswalk(p, data, _shipped_framework)
    return hit


def _topic_id(framework_id: str, topic_id: str, crosswalk: Crosswalk) -> str:
    """The topic id the crosswalk maps: a sub-topic's links are its topic's."""
    if framework_id not in crosswalk.frameworks:
        hint = did_you_mean(framework_id, crosswalk.frameworks)
        raise NotFoundError(
            f"framework {framework_id!r} is not in the PMQA crosswalk{hint}; crosswalked frameworks: "
            f"{', '.join(crosswalk.frameworks)}"
        )
    fw = load_framework(framework_id)
    if topic_id in fw.topics:
        return topic_id
    for t in fw.iter_topics():
        if any(s.id == topic_id for s in t.sub_topics):
            return t.id
    raise NotFoundError(f"unknown topic {topic_id!r} of {framework_id}{did_you_mean(topic_id, fw.topics)}")


def pmqa_items_for(framework_id: str, topic_id: str, crosswalk: Crosswalk | None = None) -> list[PmqaLink]:
    """The PMQA items a topic (or sub-topic) serves, each with the reason, in crosswalk order.

    Raises NotFoundError for a framework the crosswalk does not map or a topic it does not have.
    """
    cw = crosswalk or load_crosswalk()
    return list(cw.items_for(framework_id, _topic_id(framework_id, topic_id, cw)))


def pmqa_topics_for(
    item_id: str, framework_id: str | None = None, crosswalk: Crosswalk | None = None
) -> list[PmqaLink]:
    """The topics that serve a PMQA item (e.g. "PMQA4.4"), of every crosswalked framework or of one."""
    cw = crosswalk or load_crosswalk()
    if item_id not in cw.pmqa.items:
        raise NotFoundError(f"unknown PMQA item {item_id!r}{did_you_mean(item_id, cw.pmqa.items)}")
    if framework_id is not None and framework_id not in cw.frameworks:
        raise NotFoundError(f"framework {framework_id!r} is not in the PMQA crosswalk")
    return list(cw.topics_for(item_id, framework_id))


DOC_START = "<!-- pmqa-data:start (generated: python scripts/pmqa_doc.py) -->"
DOC_END = "<!-- pmqa-data:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def pmqa_markdown(crosswalk: Crosswalk) -> str:
    """The PMQA items, the crosswalk and the items no topic serves, as the Markdown of docs/pmqa.md."""
    pmqa = crosswalk.pmqa
    out = [DOC_START, "", "## From the old way of government to a digital organisation", ""]
    out += ["| the old way | a digital organisation | seed 004 line |", "|---|---|---|"]
    for r in pmqa.comparison:
        old = f"{_cell(r.old.th)}<br>*{_cell(r.old.en)}*"
        new = f"{_cell(r.digital.th)}<br>*{_cell(r.digital.en)}*"
        out.append(f"| {old} | {new} | {r.source.removeprefix('seed 004 line ')} |")
    out += ["", f"## The {len(pmqa.items)} items in {len(pmqa.categories)} categories", ""]
    for c in pmqa.categories:
        out += [
            f"### หมวด {c.number} {c.name.th} ({c.name.en})",
            "",
            "| item | name | digital guidance | seed 004 line |",
        ]
        out.append("|---|---|---|---|")
        for i in c.items:
            guidance = "<br>".join(f"• {_cell(g.text.th)}<br>  *{_cell(g.text.en)}*" for g in i.guidance)
            sources = (i.source, *(g.source for g in i.guidance))
            lines = ", ".join(dict.fromkeys(re.sub(r"^seed 004 lines? ", "", x) for x in sources if x))
            name = f"{_cell(i.name.th)}<br>*{_cell(i.name.en)}*"
            out.append(f"| {i.id} | {name} | {guidance} | {lines} |")
        out.append("")
    out += ["## Crosswalk: the PMQA items each topic serves", ""]
    for fw_id in crosswalk.frameworks:
        fw = load_framework(fw_id)
        out += [f"### {fw_id}", "", "| topic | PMQA item | why |", "|---|---|---|"]
        for link in crosswalk.links:
            if link.framework_id != fw_id:
                continue
            t = fw.topics[link.topic_id]
            via = f" (whole sub-pillar {link.sub_pillar})" if link.sub_pillar else ""
            topic = f"{t.id} {_cell(t.name.th)}{via}"
            item = f"{link.item.id} {_cell(link.item.name.th)}"
            out.append(f"| {topic} | {item} | {_cell(link.reason.get('en'))} |")
        out.append("")
    out += ["## Topics serving each item", "", "| item | " + " | ".join(crosswalk.frameworks) + " |"]
    out.append("|---|" + "---|" * len(crosswalk.frameworks))
    for i in pmqa.iter_items():
        cells = [
            ", ".join(x.topic_id for x in crosswalk.topics_for(i.id, f)) or "—" for f in crosswalk.frameworks
        ]
        out.append(f"| {i.id} {_cell(i.name.en)} | " + " | ".join(cells) + " |")
    out += ["", "## Items no topic serves", "", "| item | why |", "|---|---|"]
    out += [
        f"| {u.item.id} {_cell(u.item.name.th)} | {_cell(u.reason.get('en'))} |" for u in crosswalk.unreached
    ]
    out += ["", DOC_END]
    return "\n".join(out)


def write_doc(path: Path) -> None:
    """Replace the generated part of a Markdown file (between DOC_START and DOC_END) with the data.

    A file without both markers, in that order, is left as it is (DgmmError): nothing written by hand
    outside them is ever lost. The file is replaced whole or not at all."""
    text = path.read_text(encoding="utf-8")
    head, start, rest = text.partition(DOC_START)
    _, end, tail = rest.partition(DOC_END)
    if not (start and end):
        raise DgmmError(f"{path}: the lines {DOC_START!r} and {DOC_END!r} (in that order) are needed")
    write_atomic(path, (head + pmqa_markdown(load_crosswalk()) + tail).encode("utf-8"))
