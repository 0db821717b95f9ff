"""No missing glyphs: every character printed is in the report font, the font is embedded, and every
page rasterises (pdftoppm) to a page with ink on it."""

from __future__ import annotations

import re
import subprocess

import pytest

from dgmm.reports.context import Letter
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.errors import ReportError
from dgmm.reports.fonts import charset, report_font, uncovered
from dgmm.reports.render import check_coverage, render_agency, render_national, render_province
from tests.reports.builders import SEED000_AGENCY, SEED003_PROVINCE
from tests.reports.conftest import need_poppler, pdf_text


@pytest.fixture(scope="module")
def pdfs(seed000: ReportCycle, seed003: ReportCycle, seed001: list[ReportCycle]) -> dict[str, bytes]:
    return {
        "agency-th": render_agency(seed000, SEED000_AGENCY, lang="th"),
        "agency-en": render_agency(seed000, SEED000_AGENCY, lang="en"),
        "letter-thai-digits": render_province(seed003, SEED003_PROVINCE, Letter(), thai_digits=True),
        "deck": render_national(seed001, lang="th"),
    }


def test_every_printed_character_is_in_the_font(pdfs: dict[str, bytes]) -> None:
    have = charset()
    for name, pdf in pdfs.items():
        text = pdf_text(pdf)
        missing = sorted({c for c in text if ord(c) not in have and not c.isspace()})
        assert not missing, (name, missing)


def test_only_the_report_font_is_used_and_it_is_embedded(pdfs: dict[str, bytes]) -> None:
    need_poppler()
    family = report_font().family
    for name, pdf in pdfs.items():
        out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
        assert rows, name
        for row in rows:
            assert family in row[0], (name, row)  # e.g. ABCDEF+Laksaman-Bold, or Laksaman in a chart
            assert "yes" in row[-5:-2], (name, row)  # embedded


def test_every_page_rasterises_with_ink(pdfs: dict[str, bytes], tmp_path: pytest.TempPathFactory) -> None:
    need_poppler()
    for name, pdf in pdfs.items():
        src = tmp_path / f"{name}.pdf"  # type: ignore[operator]
        src.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "40", "-gray", str(src), str(tmp_path / name)],
            check=True,  # type: ignore[operator]
            capture_output=True,
        )
        images = sorted(tmp_path.glob(f"{name}-*.pgm"))  # type: ignore[attr-defined]
        n_pages = int(re.search(rb"/Count (\d+)", pdf).group(1))  # type: ignore[union-attr]
        assert len(images) == n_pages
        for img in images:
            data = img.read_bytes()
            pixels = data[data.index(b"255\n") + 4 :]
            assert min(pixels) < 200, (name, img.name)  # something is drawn on every page


def test_text_the_font_cannot_draw_is_refused_not_printed_as_tofu() -> None:
    assert uncovered("ทดสอบ → 中 ✓ ●") == ["→", "中", "✓", "●"]
    with pytest.raises(ReportError) as exc:
        check_coverage({"labels": {"x": "ระดับ 3 → 4"}})
    assert "U+2192" in str(exc.value) and exc.value.code == "glyph_missing"


def test_thai_digit_reports_print_no_arabic_digit(seed000: ReportCycle, seed001: list[ReportCycle]) -> None:
    """With --thai-digits every number is Thai: sentences, tables, page and list numbers, chart axes."""
    for pdf in (
        render_agency(seed000, SEED000_AGENCY, thai_digits=True),
        render_national(seed001, thai_digits=True),
    ):
        text = pdf_text(pdf)
        assert re.findall(r"[0-9]", text) == []
        assert "๕๗.๐๙" in text or "๘๙.๓%" in text
