"""Visual review of the reports page by page: every page of an agency report, a province letter and the
national deck is drawn to PNG (test-output/report-gallery/, for people to look at), and the text boxes
poppler reads from each page (pdftotext -bbox-layout) are checked: no word outside the page's content
box, no word of one text block lying over a word of another, no page between the first and the last
holding only a line or two.

Layout defects found here in a report owned by another template are listed in KNOWN with the reason;
they are expectations to remove once that template is fixed, and the test fails when one no longer holds
(so a fixed defect cannot stay listed).
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from dgmm.reports.context import Letter
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.render import render_agency, render_national, render_province
from tests.reports.builders import SEED000_AGENCY, SEED003_PROVINCE
from tests.reports.conftest import need_poppler

GALLERY = Path(__file__).resolve().parents[2] / "test-output" / "report-gallery"
CM = 72 / 2.54
# The page margins of common.typ (x, top, bottom) in points: portrait reports and the landscape deck.
# The footer is set in the bottom margin, so text may reach down to FOOTER_FLOOR above the paper's edge.
MARGINS = {"portrait": (2 * CM, 1.8 * CM, 1.8 * CM), "landscape": (1.6 * CM, 1.4 * CM, 1.5 * CM)}
FOOTER_FLOOR = 0.5 * CM
# Likewise a running header (the fact-finding pages' title) sits in the top margin, from HEADER_CEILING.
HEADER_CEILING = 0.5 * CM
SLACK = 1.0  # points: rounding of glyph boxes
NS = "{http://www.w3.org/1999/xhtml}"

# Named, temporary expectations: (report, page, kind) -> why. Remove an entry once its template is fixed.
KNOWN: dict[tuple[str, int, str], str] = {}


@dataclass(frozen=True)
class Word:
    text: str
    block: int
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in points from the top left
    line: int = 0  # the line of the page (numbered in poppler's order) the word is on


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]


def layout(pdf: bytes) -> list[Page]:
    """The words of every page with the text block poppler puts them in."""
    need_poppler()
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout
    root = ET.fromstring(out)
    pages = []
    for n, page in enumerate(root.iter(f"{NS}page"), start=1):
        words = []
        line_no = 0
        for b, block in enumerate(page.iter(f"{NS}block")):
            for line in block.iter(f"{NS}line"):
                line_no += 1
                for w in line.iter(f"{NS}word"):
                    box = tuple(float(w.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax"))
                    words.append(Word(w.text or "", b, box, line_no))  # type: ignore[arg-type]
        pages.append(Page(n, float(page.attrib["width"]), float(page.attrib["height"]), tuple(words)))
    return pages


def outside(page: Page) -> list[str]:
    """Words reaching past the side margins or into the paper's top or bottom edge (the margins above
    and below the content hold the running header and the footer)."""
    x, _top, _ = MARGINS["landscape" if page.width > page.height else "portrait"]
    bad = []
    for w in page.words:
        x0, y0, x1, y1 = w.box
        above = y0 < HEADER_CEILING
        if x0 < x - SLACK or x1 > page.width - x + SLACK or above or y1 > page.height - FOOTER_FLOOR:
            bad.append(w.text)
    return bad


def overlapping(page: Page) -> list[tuple[str, str]]:
    """Pairs of words of different blocks whose ink areas overlap. A glyph box spans the font's whole
    ascent and descent, so boxes are narrowed to their middle half vertically before comparing."""

    def core(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        h = b[3] - b[1]
        return b[0] + 0.5, b[1] + h / 4, b[2] - 0.5, b[3] - h / 4

    cores = [(w, core(w.box)) for w in page.words]
    pairs = []
    for i, (a, ba) in enumerate(cores):
        for b, bb in cores[i + 1 :]:
            if a.block != b.block and ba[0] < bb[2] and bb[0] < ba[2] and ba[1] < bb[3] and bb[1] < ba[3]:
                pairs.append((a.text, b.text))
    return pairs


def near_empty(page: Page, last: int) -> list[str]:
    """A page between the first and the last holding fewer than three lines of text above the footer:
    an orphan, e.g. the end of a list or glossary pushed alone onto a page."""
    if page.number in (1, last):
        return []
    floor = page.height - MARGINS["landscape" if page.width > page.height else "portrait"][2]
    body = [w for w in page.words if w.box[3] <= floor + SLACK]
    rows = {round(w.box[1] / 4) for w in body}  # words of one printed line share (about) their top
    return [w.text for w in body] if len(rows) < 3 else []


@pytest.fixture(scope="module")
def reports(seed000: ReportCycle, seed003: ReportCycle, seed001: list[ReportCycle]) -> dict[str, bytes]:
    return {
        "agency": render_agency(seed000, SEED000_AGENCY, lang="th"),
        "letter": render_province(seed003, SEED003_PROVINCE, Letter()),
        "deck": render_national(seed001, lang="th"),
    }


@pytest.fixture(scope="module")
def pages(reports: dict[str, bytes]) -> dict[str, list[Page]]:
    return {name: layout(pdf) for name, pdf in reports.items()}


def test_every_page_is_drawn_into_the_gallery(
    reports: dict[str, bytes], pages: dict[str, list[Page]]
) -> None:
    need_poppler()
    GALLERY.mkdir(parents=True, exist_ok=True)
    for name, pdf in reports.items():
        for old in GALLERY.glob(f"{name}-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-r", "36", "-png", "-", str(GALLERY / name)],
            input=pdf,
            check=True,
            capture_output=True,
        )
        drawn = sorted(GALLERY.glob(f"{name}-*.png"))
        assert len(drawn) == len(pages[name]) >= 1, name
        assert all(p.stat().st_size > 500 for p in drawn), name


def _check(pages: dict[str, list[Page]], kind: str, find: object) -> None:
    found: dict[tuple[str, int, str], object] = {}
    for name, report in pages.items():
        for page in report:
            hits = find(page, len(report)) if kind == "near-empty" else find(page)  # type: ignore[operator]
            if hits:
                found[(name, page.number, kind)] = hits[:5]
    unexpected = {k: v for k, v in found.items() if k not in KNOWN}
    assert not unexpected, unexpected
    stale = [k for k in KNOWN if k[2] == kind and k not in found]
    assert not stale, f"fixed, remove from KNOWN: {stale}"


def test_no_text_outside_the_content_box(pages: dict[str, list[Page]]) -> None:
    assert sum(len(p.words) for r in pages.values() for p in r) > 1000  # the layout is read
    _check(pages, "outside", outside)


def test_no_text_over_other_text(pages: dict[str, list[Page]]) -> None:
    _check(pages, "overlap", overlapping)


def test_no_page_holds_only_a_line_or_two(pages: dict[str, list[Page]]) -> None:
    _check(pages, "near-empty", near_empty)


def test_the_checks_see_a_word_out_of_place() -> None:
    """The checks can fail: a word past the right margin, and two blocks' words on the same spot."""
    w, h = 595.0, 842.0
    inside = Word("ใน", 0, (100, 100, 150, 115))
    page = Page(1, w, h, (inside, Word("นอก", 1, (560, 300, 600, 315)), Word("ทับ", 2, (110, 102, 140, 117))))
    assert outside(page) == ["นอก"]
    top_edge = Word("บน", 1, (100, 5, 150, 20))  # into the paper's top edge, above any running header
    assert outside(Page(1, w, h, (inside, top_edge))) == ["บน"]
    assert overlapping(page) == [("ใน", "ทับ")]
    assert outside(Page(1, w, h, (inside,))) == [] and overlapping(Page(1, w, h, (inside,))) == []
    assert near_empty(Page(2, w, h, (inside,)), 3) == ["ใน"] and near_empty(Page(3, w, h, (inside,)), 3) == []
    full = tuple(Word("x", 0, (100, y, 150, y + 15), y) for y in (100, 120, 140))
    assert near_empty(Page(2, w, h, full), 3) == []
