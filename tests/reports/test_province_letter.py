"""The province letter (seed 003): the Chachoengsao letter reproduced from its own numbers.

Seed 003 prints 33.0 in its text and 31.0 in its table for the same figure; here every number of
a sentence is checked against the table printed next to it, by reading the PDF.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dgmm.cli.main import cli
from dgmm.reports.context import Letter
from dgmm.reports.context.province import LETTER_FILE_ENV, load_letter, province_scores
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.errors import ReportError
from dgmm.reports.render import render_province
from tests.reports.builders import SEED003_PROVINCE, SURVEY
from tests.reports.conftest import body_text, gallery, pages, pdf_text, squash

S003 = SURVEY["S003_2560"]
RESULT, NATIONAL = S003["province_result"], S003["national_provincial_overview"]
LETTER = Letter(
    number="สพร 0001/2561",
    date=dt.date(2018, 3, 7),
    sender="สำนักงานรัฐบาลอิเล็กทรอนิกส์ (องค์การมหาชน)",
    address=("ถนนแจ้งวัฒนะ", "กรุงเทพฯ 10210"),
    signatory="นายทดสอบ รายงาน",
    position=("ผู้อำนวยการ",),
    contact=("ส่วนนโยบายรัฐบาลอิเล็กทรอนิกส์", "โทร 0 2612 6000"),
)
NUM = r"([0-9]+\.[0-9])"


@pytest.fixture(scope="module")
def th(seed003: ReportCycle) -> bytes:
    return render_province(seed003, SEED003_PROVINCE, LETTER, lang="th")


def value_after(text: str, label: str) -> str:
    """The number (or dash) printed right after `label` in squashed content-order text."""
    m = re.search(re.escape(squash(label)) + r"([0-9]+\.[0-9]|–)", text)
    assert m, label
    return m.group(1)


def test_letter_states_the_province_score_and_be_date(th: bytes) -> None:
    letter = squash(pages(th)[0])
    assert f"จังหวัดฉะเชิงเทราได้คะแนน{RESULT['overall_score']}คะแนน" in letter
    assert "7มีนาคม2561" in letter  # Buddhist-era date
    assert f"จำนวน{S003['population']['questionnaires_sent']:,}หน่วยงาน" in letter
    assert f"กลับมา{S003['population']['questionnaires_returned']:,}หน่วยงาน(คิดเป็นร้อยละ81.6)" in letter
    assert "ขอแสดงความนับถือ" in letter and "(นายทดสอบรายงาน)" in letter


def test_result_sheet_table(seed003: ReportCycle, th: bytes) -> None:
    sheet = squash(body_text(th))
    sheet = sheet[sheet.index("จังหวัดฉะเชิงเทรา") : sheet.index("มีคะแนนสูงสุดในเรื่อง")]
    fw = seed003.framework
    assert value_after(sheet, "คะแนนรวม") == f"{RESULT['overall_score']:.1f}"
    for p, printed in zip(fw.pillars, RESULT["pillars"], strict=True):
        shown = "–" if printed["score"] is None else f"{printed['score']:.1f}"
        assert value_after(sheet, p.name_th) == shown
        for sp, si in zip(p.sub_pillars, printed["sub_indicators"], strict=True):
            assert value_after(sheet, sp.name_th) == ("–" if si["score"] is None else f"{si['score']:.1f}")
    # Pillar 6 was not surveyed in 2560: printed as a dash, never as 0
    assert value_after(sheet, fw.pillars[5].name_th) == "–"


def thai_names(cycle: ReportCycle) -> dict[str, str]:
    """The seed prints sub-indicators by their English names; the Thai letter by their Thai ones."""
    return {sp.name_en: sp.name_th for _, sp in cycle.framework.iter_sub_pillars()}


def test_highest_lowest_and_five_to_improve(seed003: ReportCycle, th: bytes) -> None:
    text = squash(body_text(th))
    thai = thai_names(seed003)
    assert "มีคะแนนสูงสุดในเรื่องด้านระบบบริหารจัดการภายในรูปแบบอิเล็กทรอนิกส์(43.2)" in text
    assert "มีคะแนนต่ำสุดในเรื่องด้านบริการภาครัฐที่สะดวกเข้าถึงง่าย(28.2)" in text
    items = [
        squash(f"{i + 1}. {thai[it['name']]} ({it['score']:.1f})")
        for i, it in enumerate(RESULT["top5_to_improve"]["items"])
    ]
    joined = text[text.index("ควรเร่งปรับปรุง5อันดับ") :]
    positions = [joined.index(it) for it in items]
    assert positions == sorted(positions)


def test_national_overview_sentences_match_its_tables(seed003: ReportCycle, th: bytes) -> None:
    """The seed's Public Services paragraph says 33.0 while its table says 31.0: never here."""
    text = squash(body_text(th))
    text = text[text.rindex("จากการสำรวจหน่วยงานภาครัฐระดับจังหวัดทั้ง") :]
    head = "ตัวชี้วัดภาพรวมหน่วยงานภาครัฐระดับจังหวัด"
    fw = seed003.framework
    start = text.index(head)
    end = text.index(squash(fw.pillars[-1].name_th), start) + len(squash(fw.pillars[-1].name_th)) + 1
    table, prose = text[start:end], text[:start] + text[end:]
    assert value_after(table, "คะแนนรวม") == f"{NATIONAL['overall_score']:.1f}"
    assert f"มีค่าเท่ากับ{NATIONAL['overall_score']:.1f}คะแนน" in prose
    checked = 0
    for p in fw.pillars:
        shown = value_after(table, p.name_th)
        label = re.escape(squash(p.name_th))
        for m in re.finditer(label + r"(?:มีระดับความพร้อมมากที่สุด|ได้|มีคะแนนน้อยที่สุด)?([0-9]+\.[0-9])", prose):
            assert m.group(1) == shown, (p.name_th, m.group(0), shown)
            checked += 1
    assert checked == 10  # five surveyed pillars, each in the ranking paragraph and in its own paragraph
    public = next(p for p in fw.pillars if "บริการภาครัฐ" in p.name_th)
    assert value_after(table, public.name_th) == "31.0"
    literacy = squash(thai_names(seed003)["Digital Literacy"])
    assert "33.0" not in prose.replace(f"{literacy}33.0", "")


def test_overview_extremes_per_pillar(seed003: ReportCycle, th: bytes) -> None:
    text = squash(body_text(th))
    thai = thai_names(seed003)
    for e in NATIONAL["sub_indicator_extremes"]:
        low = e.get("lowest") or e["other"]
        high = squash(thai[e["highest"]["name"]])
        assert f"มากที่สุดคือ{high}ซึ่งได้คะแนน{e['highest']['score']:.1f}" in text
        assert f"ต่ำที่สุดคือ{squash(thai[low['name']])}ได้คะแนน{low['score']:.1f}" in text


def test_thai_digits(seed003: ReportCycle) -> None:
    pdf = render_province(seed003, SEED003_PROVINCE, LETTER, lang="th", thai_digits=True)
    text = pdf_text(pdf)
    assert "๓๒.๙" in text and "๗ มีนาคม ๒๕๖๑" in text
    assert not re.search(r"[0-9]", text)


def test_english_letter(seed003: ReportCycle) -> None:
    text = squash(body_text(render_province(seed003, SEED003_PROVINCE, LETTER, lang="en")))
    assert "Chachoengsaoscored32.9points" in text and "7March2018" in text
    assert "PublicServicesscores31.0points" in text or "31.0" in text


# Latin words a Thai letter may print: codes and acronyms with no Thai form. None today; a name added
# here must be one the Thai civil service writes in Latin letters.
ALLOWED_LATIN: frozenset[str] = frozenset()


@pytest.fixture(scope="module")
def simulated_letter(simulated: Path) -> bytes:
    """The Thai letter of a province of a simulated province-2563 cycle, without any letter particulars."""
    cycle = ReportCycle.load(simulated)
    return render_province(cycle, sorted(province_scores(cycle))[0], Letter(), lang="th")


def test_thai_letter_is_thai_throughout(simulated: Path, simulated_letter: bytes) -> None:
    text = pdf_text(simulated_letter)
    latin = sorted(set(re.findall(r"[A-Za-z][A-Za-z&.\-]*", text)) - ALLOWED_LATIN)
    assert latin == [], latin
    # the sub-indicators are named in Thai: every one of the framework's Thai names is on the result sheet
    fw = ReportCycle.load(simulated).framework
    sheet = squash(body_text(simulated_letter))
    for _, sp in fw.iter_sub_pillars():
        assert re.search(r"[\u0e00-\u0e7f]", sp.name_th), sp.id
        assert squash(sp.name_th) in sheet, sp.name_th
    gallery(simulated_letter, "province-letter")


def test_letter_without_particulars_has_blanks_to_fill_by_hand(simulated_letter: bytes) -> None:
    first = pages(simulated_letter)[0]
    lines = [line.strip() for line in first.splitlines() if line.strip()]
    assert re.match(r"ที่ \.{10,}", lines[0]), lines[0]  # the letter number
    assert any(re.fullmatch(r"\(\.{20,}\)", line) for line in lines)  # the signatory's name
    assert any(re.fullmatch(r"ตำแหน่ง \.{10,}", line) for line in lines)
    contact = lines[-3:]
    assert [c.split(" ")[0] for c in contact] == ["ส่วนราชการเจ้าของเรื่อง", "โทร", "ไปรษณีย์อิเล็กทรอนิกส์"]
    assert all(c.endswith("....") for c in contact)


def test_letter_particulars_from_the_settings_file_and_letter_file(
    simulated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    defaults = tmp_path / "organisation.yaml"
    defaults.write_text(
        "number: สพร 0001/2563\nsignatory: นางสาวค่าตั้งต้น ทดสอบ\nposition: [ผู้อำนวยการ]\n"
        "contact: [ฝ่ายสำรวจ, โทร 0 2612 6000]\n",
        encoding="utf-8",
    )
    override = tmp_path / "letter.yaml"
    override.write_text("signatory: นายผู้ลงนาม แทน\n", encoding="utf-8")
    monkeypatch.setenv(LETTER_FILE_ENV, str(defaults))
    out = tmp_path / "letter.pdf"
    args = ["report", "province", str(simulated), "--province", "TH-11", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    text = squash(pages(out.read_bytes())[0])
    assert "ที่สพร0001/2563" in text and "(นางสาวค่าตั้งต้นทดสอบ)" in text
    assert "ผู้อำนวยการ" in text and "ฝ่ายสำรวจ" in text and "โทร026126000" in text
    assert "...." not in text  # nothing left blank
    result = CliRunner().invoke(cli, [*args, "--letter", str(override)])
    assert result.exit_code == 0, result.output
    text = squash(pages(out.read_bytes())[0])
    assert "(นายผู้ลงนามแทน)" in text and "ค่าตั้งต้น" not in text  # --letter wins field by field
    assert "ที่สพร0001/2563" in text  # the other fields keep the organisation's defaults
    monkeypatch.setenv(LETTER_FILE_ENV, str(tmp_path / "missing.yaml"))
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and "missing.yaml: cannot read the letter file" in result.output


def test_letter_fields_are_bounded(tmp_path: Path) -> None:
    path = tmp_path / "letter.yaml"
    path.write_text("signatory: " + "ก" * 301 + "\n", encoding="utf-8")
    with pytest.raises(ReportError, match="signatory: expected at most 10 lines of at most 300 characters"):
        load_letter(path)
    path.write_text("contact: [" + ", ".join(["โทร"] * 11) + "]\n", encoding="utf-8")
    with pytest.raises(ReportError, match="contact: expected at most 10 lines"):
        load_letter(path)
    path.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(ReportError, match="must be a mapping"):
        load_letter(path)


def test_the_2560_letter_is_thai_throughout(th: bytes) -> None:
    """Seed 003 prints sub-indicators in English inside the Thai letter; this letter names them in Thai."""
    latin = sorted(set(re.findall(r"[A-Za-z][A-Za-z&.\-]*", pdf_text(th))) - ALLOWED_LATIN)
    assert latin == [], latin
