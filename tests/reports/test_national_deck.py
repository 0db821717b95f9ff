"""The national results deck (seed 001): the 2562 figures reproduced from the deck's own numbers."""

from __future__ import annotations

import pytest

from dgmm.reports.context.national import FACT_TYPES
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.render import render_national
from tests.reports.builders import SURVEY, simulated_cycle
from tests.reports.conftest import body_text, gallery, pages, pdf_text, squash, word_boxes

S001 = SURVEY["S001_2562"]


@pytest.fixture(scope="module")
def deck(seed001: list[ReportCycle]) -> bytes:
    return render_national(seed001, lang="th")


def test_landscape_pages(deck: bytes) -> None:
    import subprocess

    info = subprocess.run(["pdfinfo", "-"], input=deck, capture_output=True, check=True).stdout.decode()
    w, h = (float(x) for x in info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert w > h


def test_response_rates_by_tier(deck: bytes) -> None:
    text = squash(body_text(deck))
    for row in S001["survey_targets"]["rows"][:3]:
        line = (
            f"จากที่สำรวจทั้งหมด{row['surveyed']:,}หน่วยงานมีตอบกลับทั้งสิ้น{row['responded']:,}หน่วยงาน"
            f"({row['response_rate_pct']:.1f}%)"
        )
        assert line in text, line


def test_scores_by_tier_and_their_change(deck: bytes) -> None:
    text = squash(body_text(deck))
    assert "หน่วยงานระดับกรมปี2562คะแนนรวม64.60ปี2561คะแนนรวม59.90(เปลี่ยนแปลง+4.70)" in text
    assert "หน่วยงานระดับจังหวัดปี2562คะแนนรวม51.09ปี2561คะแนนรวม42.30(เปลี่ยนแปลง+8.79)" in text
    table = [
        line.split()
        for line in pdf_text(deck, layout=True).splitlines()
        if line.strip().startswith("หน่วยงานระดับกรม")
    ]
    assert ["หน่วยงานระดับกรม", "64.60", "59.90", "+4.70"] in table


def test_fact_finding_with_respondents(deck: bytes) -> None:
    text = squash(body_text(deck))
    finding = next(f for f in S001["fact_findings"] if f["id"] == "1.1a")["results"]["dept"]
    assert f"หน่วยงานระดับกรม(จำนวนผู้ตอบ{finding['respondents']})" in text
    for c in finding["counts"]:
        share = c["count"] / finding["respondents"] * 100
        assert f"{c['option']['th']}{c['count']}หน่วยงาน({share:.1f}%)" in text
    assert "หมายเหตุ:ไม่ถามหน่วยงานระดับจังหวัด" in text  # the deck's own wording for a question not asked


def test_ministries_grid(deck: bytes) -> None:
    text = squash(body_text(deck))
    deps = S001["bcg_grouping"]["departments"]
    assert (
        f"มีจำนวนทั้งสิ้น{deps['included']}หน่วยงานคิดเป็นร้อยละ{deps['pct_included']:.2f}"
        f"จากจำนวนหน่วยงานที่ตอบแบบสำรวจทั้งสิ้น{deps['respondents']}หน่วยงาน" in text
    )
    bcg = S001["bcg_grouping"]["ministries"]
    assert (
        f"ค่าเฉลี่ยคะแนน{bcg['thresholds']['performance_mean']:.2f}ค่าเฉลี่ยการเติบโต+{bcg['thresholds']['growth_mean']:.2f}"
        in text
    )
    for q in bcg["quadrants"]:
        assert f"{squash(q['name'])}{q['count']}กระทรวง" in text
        for m in q["members"]:
            assert squash(m["th"]) in text


def test_top_agencies(deck: bytes) -> None:
    text = squash(body_text(deck))
    assert "หน่วยงานที่มีคะแนนสูงสุด:หน่วยงานระดับกรม" in text
    assert text.count("หน่วยงานที่มีคะแนนสูงสุด:") == 3


def test_english_deck(seed001: list[ReportCycle]) -> None:
    text = squash(body_text(render_national(seed001, lang="en")))
    assert "Of323agenciessurveyed,301answered(93.2%)" in text
    assert "Of1,858agenciessurveyed,1,659answered(89.3%)" in text


FACTS = "Fact Finding"
TITLE_PT = 20  # the size of the deck's page titles (national.typ), against which word heights are measured


@pytest.fixture(scope="module")
def tiers(tmp_path_factory: pytest.TempPathFactory) -> list[ReportCycle]:
    """A simulated cycle of three tiers with their answers (departments, provincial agencies, provincial CIO
    committees), each scored against a previous cycle."""
    root = tmp_path_factory.mktemp("tiers")
    return [
        ReportCycle.load(simulated_cycle(root / f, f, 80))
        for f in ("dept-2566", "province-2563", "pcio-2566")
    ]


@pytest.fixture(scope="module")
def big_deck(tiers: list[ReportCycle]) -> bytes:
    return render_national(tiers, lang="th")


def fact_pages(pdf: bytes) -> list[int]:
    return [n for n, text in enumerate(pages(pdf), start=1) if FACTS in text]


def test_every_fact_finding_question_is_printed(tiers: list[ReportCycle], big_deck: bytes) -> None:
    text = squash(body_text(big_deck))
    asked: dict[str, str] = {}
    for c in tiers:
        assert c.answers is not None
        answered = {code for own in c.answers.own.values() for code in own}
        for code, inp in c.framework.inputs.items():
            if inp.type in FACT_TYPES and inp.answered_by != "analyst" and code in answered:
                asked.setdefault(code, inp.label_th)
    assert len(asked) > 50
    missing = [label for label in asked.values() if squash(label) not in text]
    assert missing == []


def test_fact_finding_pages_are_legible_and_full(big_deck: bytes) -> None:
    numbers = fact_pages(big_deck)
    assert len(numbers) > 5 and numbers == list(range(numbers[0], numbers[-1] + 1))
    boxes = word_boxes(big_deck, numbers[0], numbers[-1])
    # the page title, 20 pt, gives the height of a word box per point of font size
    title = [b for b in boxes[numbers[0]] if b[4] == "Fact"]
    assert title
    per_pt = (title[0][3] - title[0][1]) / TITLE_PT
    # the body's words: the page footer (its own line at the foot, set smaller to fit one line) apart
    footer_tops = {n: max(b[1] for b in words if b[4] == "หน้า") for n, words in boxes.items()}
    sizes = {
        round((b[3] - b[1]) / per_pt, 1) for n, words in boxes.items() for b in words if b[1] < footer_tops[n]
    }
    assert min(sizes) >= 10, sorted(sizes)
    lines = {n: len([x for x in pages(big_deck)[n - 1].splitlines() if x.strip()]) for n in numbers}
    fullest = max(lines.values())
    assert all(count >= fullest / 3 for count in lines.values()), lines  # no page nearly empty
    # nothing runs into the footer: the footer is the page's lowest line, alone below every other word
    for n, words in boxes.items():
        footer_top = min(b[1] for b in words if b[4] == "หน้า")
        above = [b for b in words if b[3] > footer_top and b[1] < footer_top]
        assert above == [], (n, above[:3])
    gallery(big_deck, "national-fact-finding", first=numbers[0], last=numbers[0] + 2)
    gallery(big_deck, "national-fact-finding-end", first=numbers[-1], last=numbers[-1])


def test_fact_finding_counts_only_the_answers_the_results_count(tiers: list[ReportCycle]) -> None:
    """An agency whose answers were not counted (a draft, DECISIONS §28) is no respondent of the deck."""
    from dgmm.reports.context import Style
    from dgmm.reports.context.national import national_context

    c = tiers[0]
    assert c.answers is not None

    def respondents(cycle: ReportCycle) -> list[int]:
        items = national_context([cycle], Style(lang="en"))["facts"]["items"]
        return [
            int(r["text"].rsplit(": ", 1)[1].rstrip(")").replace(",", ""))
            for it in items
            for r in it["question"]["respondents"]
        ]

    before = respondents(c)
    doc = {**c.doc, "agencies": [dict(a) for a in c.doc["agencies"]]}
    drafted = next(a for a in doc["agencies"] if a.get("status") == "scored" and a["id"] in c.answers.own)
    drafted["status"] = "not_submitted"
    after = respondents(ReportCycle(doc, c.framework, answers=c.answers, names=c.names))
    n = len(c.scored)
    assert max(before) == n  # a question every counted agency answered
    assert max(after) == n - 1 and len(after) == len(before)
