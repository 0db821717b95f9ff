"""No missing glyphs: every glyph drawn is one the report font has (read from the PDF's content streams,
so list markers and numbering the layout adds are covered, not only the text of the content), every
character printed is in the font, the font is embedded, and every page rasterises (pdftoppm) to a page
with ink on it."""

from __future__ import annotations

import re
import subprocess

import pytest

from dgmm.reports.context import Letter
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.errors import ReportError
from dgmm.reports.fonts import charset, report_font, uncovered
from dgmm.reports.render import (
    Renderer,
    check_coverage,
    render_agency,
    render_national,
    render_province,
    template_dir,
)
from tests.reports.builders import SEED000_AGENCY, SEED003_PROVINCE
from tests.reports.conftest import need_poppler, pdf_text
from tests.reports.pdfglyphs import drawn_glyphs

# Lists nested five deep, bulleted and numbered, laid out by the reports' own page setup (common.typ).
NESTED_LISTS = """#import "common.typ": *
#show: setup.with(data)
- หนึ่ง
  - สอง
    - สาม
      - สี่
        - ห้า
+ หนึ่ง
  + สอง
    + สาม
      + สี่
#list(..data.items.map(t => [#t #list(t, list(t))]))
"""
PROBE_CTX = {"title": "", "lang": "th", "footer": "", "labels": {"page": "หน้า"}, "items": ["ข้อ", "ย่อย"]}


@pytest.fixture(scope="module")
def pdfs(seed000: ReportCycle, seed003: ReportCycle, seed001: list[ReportCycle]) -> dict[str, bytes]:
    return {
        "agency-th": render_agency(seed000, SEED000_AGENCY, lang="th"),
        "agency-en": render_agency(seed000, SEED000_AGENCY, lang="en"),
        "letter-thai-digits": render_province(seed003, SEED003_PROVINCE, Letter(), thai_digits=True),
        "deck": render_national(seed001, lang="th"),
    }


def test_every_glyph_drawn_is_in_the_font(pdfs: dict[str, bytes]) -> None:
    """No glyph 0 (.notdef, an empty box) is drawn anywhere: text, list markers, numbers, charts."""
    for name, pdf in pdfs.items():
        drawn = drawn_glyphs(pdf)
        assert len(drawn.glyphs) > 50, name  # the glyphs of the report are read
        assert drawn.notdef() == 0, name


@pytest.mark.parametrize("thai_digits", [False, True])
def test_list_markers_and_numbers_of_every_depth_are_in_the_font(thai_digits: bool) -> None:
    """Typst's own markers below the first level (U+2023, ...) are not in the Thai font: the reports set
    their own, and a list nested five deep draws no empty box."""
    with Renderer() as r:
        (r.workdir / "nested.typ").write_text(NESTED_LISTS, encoding="utf-8")
        digits = list("๐๑๒๓๔๕๖๗๘๙") if thai_digits else list("0123456789")
        pdf = r.render("nested.typ", {**PROBE_CTX, "digits": digits})
    drawn = drawn_glyphs(pdf)
    assert drawn.glyphs and drawn.notdef() == 0
    text = pdf_text(pdf)
    assert text.count("•") >= 4 and text.count("–") >= 4  # bullets at depths 1, 3, 5 and dashes at 2, 4
    assert text.count("๑." if thai_digits else "1.") == 4 and "ห้า" in text  # each level numbered


def test_the_glyph_check_sees_an_empty_box_the_text_layer_does_not_show() -> None:
    """The check reads the drawn glyphs: a marker the font lacks (Typst's default second-level one) is
    drawn as glyph 0 and is absent from pdftotext's text, yet the check counts it."""
    probe = NESTED_LISTS.replace("#show: setup.with(data)", "#show: setup.with(data)\n#set list(marker: [‣])")
    with Renderer() as r:
        (r.workdir / "tofu.typ").write_text(probe, encoding="utf-8")
        pdf = r.render("tofu.typ", PROBE_CTX)
    assert drawn_glyphs(pdf).notdef() >= 5
    assert "‣" not in pdf_text(pdf)


def test_every_character_written_in_the_templates_is_in_the_font() -> None:
    """Literal text of the templates (labels, separators, markers) is drawable; code is ASCII and skipped."""
    have = charset()
    for path in sorted(template_dir().glob("*.typ")):
        src = "\n".join(line.split("//")[0] for line in path.read_text(encoding="utf-8").splitlines())
        missing = sorted({c for c in src if ord(c) > 127 and ord(c) not in have})
        assert not missing, (path.name, missing)


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
