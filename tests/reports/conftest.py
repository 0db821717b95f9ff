"""Report tests render real PDFs and read them back with poppler (pdftotext, pdftoppm, pdffonts).

poppler-utils is a system dependency (scripts/system-deps.sh); when it is missing these tests fail
with a message saying so, they never skip.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from dgmm.reports.cycle import ReportCycle
from tests.reports import builders

POPPLER = ("pdftotext", "pdftoppm", "pdffonts")


def need_poppler() -> None:
    missing = [t for t in POPPLER if shutil.which(t) is None]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not found: install poppler-utils (`make system-deps` or "
            "`sudo apt-get install poppler-utils`); report tests read the PDFs they render",
            pytrace=False,
        )


def pdf_text(
    pdf: bytes | Path, *, layout: bool = False, first: int | None = None, last: int | None = None
) -> str:
    """The text of a PDF as pdftotext extracts it: in content order (-raw), or in layout mode, which keeps
    each table row on one line."""
    need_poppler()
    args = ["pdftotext", "-enc", "UTF-8", "-layout" if layout else "-raw"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    out = subprocess.run([*args, "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


FOOTER = re.compile(r"[^\n]*·[^\n]*\n(?:[^\n]*\n){0,2}?(?:หน้า|Page) [0-9๐-๙]+\n?")


def body_text(pdf: bytes) -> str:
    """The text in content order without page footers, so a sentence running over a page break reads whole."""
    return FOOTER.sub("", pdf_text(pdf))


def squash(text: str) -> str:
    """Text without any white space: Thai has no word spaces and pdftotext adds some around marks."""
    return re.sub(r"\s+", "", text)


def pages(pdf: bytes) -> list[str]:
    """The text of each page (pdftotext separates pages with form feeds)."""
    return pdf_text(pdf, layout=True).split("\f")


@pytest.fixture(scope="session")
def seed000(tmp_path_factory: pytest.TempPathFactory) -> ReportCycle:
    return ReportCycle.load(builders.seed000_results(tmp_path_factory.mktemp("seed000")))


@pytest.fixture(scope="session")
def seed003(tmp_path_factory: pytest.TempPathFactory) -> ReportCycle:
    return ReportCycle.load(builders.seed003_results(tmp_path_factory.mktemp("seed003")))


@pytest.fixture(scope="session")
def seed001(tmp_path_factory: pytest.TempPathFactory) -> list[ReportCycle]:
    paths = builders.seed001_results(tmp_path_factory.mktemp("seed001"))
    return [ReportCycle.load(p, framework=builders.SEED001_FRAMEWORK) for p in paths]


@pytest.fixture(scope="session")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A simulated provincial cycle (province-2563, 60 agencies) scored against a previous one."""
    yield builders.simulated_cycle(tmp_path_factory.mktemp("simulated"), "province-2563", 60)


GALLERY = Path(__file__).resolve().parents[2] / "test-output" / "report-gallery"


def gallery(pdf: bytes, name: str, *, first: int = 1, last: int | None = None) -> list[Path]:
    """Pages of a PDF rendered to PNG at low resolution into test-output/report-gallery/, for people to
    look at; the images written, each with ink on it."""
    need_poppler()
    GALLERY.mkdir(parents=True, exist_ok=True)
    for old in GALLERY.glob(f"{name}-*.png"):
        old.unlink()
    args = ["pdftoppm", "-r", "45", "-png", "-f", str(first)] + (["-l", str(last)] if last else [])
    subprocess.run([*args, "-", str(GALLERY / name)], input=pdf, capture_output=True, check=True)
    return sorted(GALLERY.glob(f"{name}-*.png"))


def word_boxes(pdf: bytes, first: int, last: int) -> dict[int, list[tuple[float, float, float, float, str]]]:
    """The words of pages first..last as pdftotext -bbox gives them: {page: [(xMin, yMin, xMax, yMax, word)]}.
    A word box's height is the font size times the font's ascent plus descent."""
    need_poppler()
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(first), "-l", str(last), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    pages: dict[int, list[tuple[float, float, float, float, str]]] = {}
    for n, page in enumerate(out.split("<page ")[1:], start=first):
        pages[n] = [
            (float(a), float(b), float(c), float(e), w)
            for a, b, c, e, w in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
            )
        ]
    return pages
