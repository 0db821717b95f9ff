"""Thai copied or searched in a report PDF is the Thai it shows: words with marks above and below their
letters come back from pdftotext (in every mode) exactly, with no space inside a word.

The layout engine alone leaves a gap after a mark it shifts left over a tall letter (ป ฝ ฟ), which
extractors read as a space ("ปั จจุบัน"); the renderer closes those gaps (dgmm.reports.textlayer)
without moving anything drawn."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from dgmm.reports import render
from dgmm.reports.context import Style, agency_context
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.render import Renderer, render_agency
from dgmm.reports.textlayer import close_mark_gaps
from tests.reports.builders import SEED000_AGENCY
from tests.reports.conftest import need_poppler

# Words with every mark above or below a letter (ั ิ ี ึ ื ุ ู ่ ้ ๊ ๋ ็ ์ ำ), on short and tall letters,
# stacked marks, and words of the reports.
WORDS_LINE = (
    "ปัจจุบัน เป็น ที่ มี ได้ ให้ ความ สำนัก จังหวัด พาณิชย์ ดิจิทัล ข้อมูล บริการ ประชาชน นี้ ก็ ผู้ ชื่อ ถึง "
    "ปรึกษา กระทรวง สื่อ ครั้ง ทั้งหมด ต้อง ค่า คุ้มค่า ป้องกัน บุคลากร ศักยภาพ กิ๊ฟ จ๋า ก๋วยเตี๋ยว ฝึกอบรม "
    "ปฏิบัติ ฐาน ญี่ปุ่น ปรับปรุง ยั่งยืน ธุรกิจ สิ่งที่ รู้ ดู ปู่ ตู้ ป่า ฝ้าย ปั้น ปั๊ม ฟื้นฟู กำหนด น้ำ ทำ ค้ำ "
    "ประเมิน ระดับ เทคโนโลยี สารสนเทศ อิเล็กทรอนิกส์ ศึกษา ฤดู ฎีกา เรื่อง ขั้นตอน ยุทธศาสตร์ วิสัยทัศน์ "
    "การพัฒนา ปิ่นโต ปี้ ฝืน ฝื่น ฟ้อง ฟื้น ฟั่น ปื้น ปั่น ป๋า ฝั่ง ฟั๊ก ปิ๊บ ฝ้ำ ปุ่ม ปู่ย่า ฟุ้ง ฝุ่น"
)
WORDS = tuple(WORDS_LINE.split())

# The words as paragraphs, as a run of words on wrapping lines, in a table and in a nested list, laid out
# by the reports' own page setup.
PROBE = """#import "common.typ": *
#show: setup.with(data)
#for w in data.words [#w #parbreak()]
#data.words.join(" ")
#data-table(columns: (1fr, 1fr, 1fr), header: ("ก", "ข", "ค"),
  rows: data.words.chunks(3).filter(r => r.len() == 3))
#list(..data.words.slice(0, 10).map(w => [#w #list(w, list(w))]))
"""
MODES = ("-raw", "-layout", None)


def extract(pdf: bytes, mode: str | None) -> str:
    need_poppler()
    args = ["pdftotext", "-enc", "UTF-8", *([mode] if mode else []), "-", "-"]
    return subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode("utf-8")


@pytest.fixture(scope="module")
def probe() -> tuple[bytes, bytes]:
    """The probe as the engine writes it and as the renderer delivers it."""
    ctx = {"title": "", "lang": "th", "footer": "", "labels": {"page": "หน้า"}, "words": list(WORDS)}
    with Renderer() as r:
        (r.workdir / "words.typ").write_text(PROBE, encoding="utf-8")
        delivered = r.render("words.typ", ctx)
        engine = r.compile("words.typ", ctx)
    return engine, delivered


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m or "reading-order")
def test_thai_words_round_trip_through_pdftotext(probe: tuple[bytes, bytes], mode: str | None) -> None:
    tokens = extract(probe[1], mode).split()
    words = set(WORDS)
    # every word shown is extracted whole, and nothing extracted is a piece of a word
    assert not [
        t for t in tokens if re.search("[\u0e00-\u0e7f]", t) and t not in words | {"ก", "ข", "ค", "หน้า"}
    ]
    in_table = len(WORDS) // 3 * 3
    for i, w in enumerate(WORDS):  # as a paragraph, in running text, in a table cell, in a list three deep
        assert tokens.count(w) == 2 + (i < in_table) + 3 * (i < 10), w


def test_the_engine_alone_splits_words_after_shifted_marks(probe: tuple[bytes, bytes]) -> None:
    """What the mending is for: without it the same words come back split (if the engine stops doing
    this, this test says so and textlayer can go)."""
    tokens = extract(probe[0], None).split()
    assert "ปั" in tokens and "จจุบัน" in tokens and "ปัจจุบัน" not in tokens


def test_mending_moves_no_ink(probe: tuple[bytes, bytes], tmp_path: pytest.TempPathFactory) -> None:
    """The rewritten PDF draws exactly the same pixels as the engine's."""
    need_poppler()
    images = []
    for name, pdf in zip(("engine", "delivered"), probe, strict=True):
        src = tmp_path / f"{name}.pdf"  # type: ignore[operator]
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "100", "-gray", str(src), str(tmp_path / name)], check=True)  # type: ignore[operator]
        images.append(sorted(tmp_path.glob(f"{name}-*.pgm")))  # type: ignore[attr-defined]
    assert len(images[0]) == len(images[1]) >= 2
    for a, b in zip(*images, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert probe[0] != probe[1]


def test_a_pdf_not_written_by_the_engine_is_left_as_it_is() -> None:
    assert close_mark_gaps(b"%PDF-1.4\nnot a report\n") == b"%PDF-1.4\nnot a report\n"


def test_the_agency_reports_thai_copies_as_shown(seed000: ReportCycle) -> None:
    """Every Thai word of the report with a mark over ป ฝ ฟ is found whole in the text pdftotext reads."""
    ctx = agency_context(seed000, SEED000_AGENCY, Style(lang="th"))

    def strings(v: object) -> list[str]:
        if isinstance(v, str):
            return [v]
        if isinstance(v, dict):
            return [s for x in v.values() for s in strings(x)]
        if isinstance(v, list):
            return [s for x in v for s in strings(x)]
        return []

    runs = {r for s in strings(ctx) for r in re.findall(r"[\u0e01-\u0e4e]+", s)}
    shifted = sorted(r for r in runs if re.search("[ปฝฟ][\u0e31\u0e34-\u0e37\u0e47-\u0e4e]", r))
    assert len(shifted) >= 5
    text = extract(render_agency(seed000, SEED000_AGENCY, lang="th"), None).replace("\n", "")
    missing = [r for r in shifted if r not in text]
    assert not missing


def test_mending_moves_no_ink_in_the_reports(
    seed000: ReportCycle, seed001: list[ReportCycle], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The agency report and the national deck (Thai text, tables, charts with their own fonts) draw the
    same pixels mended or not, and mending changed them."""
    need_poppler()

    def both(make: Callable[[], bytes]) -> tuple[bytes, bytes]:
        delivered = make()
        with monkeypatch.context() as m:
            m.setattr(render, "close_mark_gaps", lambda pdf: pdf)
            engine = make()
        return engine, delivered

    for name, make in (
        ("agency", lambda: render_agency(seed000, SEED000_AGENCY, lang="th")),
        ("deck", lambda: render.render_national(seed001, lang="th")),
    ):
        engine, delivered = both(make)
        assert engine != delivered, name
        shots = []
        for kind, pdf in (("engine", engine), ("delivered", delivered)):
            subprocess.run(
                ["pdftoppm", "-r", "50", "-gray", "-", str(tmp_path / f"{name}-{kind}")],
                input=pdf,
                check=True,
            )
            shots.append(sorted(tmp_path.glob(f"{name}-{kind}-*.pgm")))
        assert len(shots[0]) == len(shots[1]) > 5, name
        for a, b in zip(*shots, strict=True):
            assert a.read_bytes() == b.read_bytes(), a.name
