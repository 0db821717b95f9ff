"""PMQA 4.0 as data (seed 004) and the crosswalk from maturity topics to the items they serve."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from dgmm import (
    FrameworkError,
    NotFoundError,
    load_crosswalk,
    load_framework,
    load_pmqa,
    pmqa_items_for,
    pmqa_topics_for,
)
from dgmm.errors import DgmmError, Problem
from dgmm.pmqa import CROSSWALK_PATH, DOC_END, DOC_START, PMQA_PATH, pmqa_markdown, write_doc
from tests.conftest import ROOT, SPEC

SEED = (SPEC / "seeds" / "004_d0081d8b92eebd96.txt").read_text(encoding="utf-8").split("\n")
PMQA_TEXT = PMQA_PATH.read_text(encoding="utf-8")
CROSSWALK_TEXT = CROSSWALK_PATH.read_text(encoding="utf-8")
CROSSWALKED = ("dept-2566", "pcio-2566", "province-2563")


def _seed_lines(source: str) -> list[int]:
    """[39] for "seed 004 line 39", [65, 66] for "seed 004 lines 65, 66"."""
    m = re.fullmatch(r"seed 004 lines? ([0-9, ]+)", source)
    assert m, source
    return [int(n) for n in m.group(1).split(",")]


def _letters(text: str) -> str:
    """The text without markup, spaces, punctuation or symbols: what must match the seed exactly."""
    text = re.sub(r"<[^>]+>", "", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PZSC")


def _corrected(text: str) -> str:
    """Seed text with the data's recorded corrections of its typing errors applied."""
    for c in load_pmqa().corrections:
        text = text.replace(c.seed, c.text)
    return text


def _seed_text(source: str) -> str:
    """The seed's lines named by `source`, corrected, as letters only."""
    return _letters(_corrected(" ".join(SEED[n - 1] for n in _seed_lines(source))))


def _line_of(text: str, needle: str) -> int:
    """The line where `needle` starts (a needle may begin with the line break before it)."""
    assert text.count(needle) == 1, needle
    return text[: text.index(needle.removeprefix("\n"), text.index(needle))].count("\n") + 1


# -- the PMQA data ------------------------------------------------------------------------------------


def test_six_categories_and_twenty_four_items_as_the_seed_counts_them() -> None:
    pmqa = load_pmqa()
    assert "๒๔ ประเด็น" in SEED[34]  # "จำนวน ๒๔ ประเด็น ตามคู่มือฯ"
    assert [c.id for c in pmqa.categories] == [f"PMQA{n}" for n in range(1, 7)]
    assert [c.name_en for c in pmqa.categories] == [
        "Leadership",
        "Strategic planning",
        "Customer focus",
        "Measurement, analysis and knowledge management",
        "Workforce focus",
        "Operations focus",
    ]
    assert len(pmqa.items) == 24
    numbers = re.findall(r"^(?:<p>)?([1-6]\.[1-9]) ", "\n".join(SEED), flags=re.MULTILINE)
    assert [i.number for i in pmqa.iter_items()] == numbers  # every numbered row of the seed, in order
    for c in pmqa.categories:
        assert all(i.category == c.id for i in c.items)


def test_category_and_item_names_are_the_seed_text_on_the_noted_line() -> None:
    pmqa = load_pmqa()
    for c in pmqa.categories:
        (n,) = _seed_lines(c.source)
        assert re.sub(r"<[^>]+>", "", SEED[n - 1]).startswith(f"หมวด {c.number} "), c.id
        assert _letters(c.name_th) in _seed_text(c.source), c.id
    for i in pmqa.iter_items():
        (n,) = _seed_lines(i.source)
        name_cell = re.sub(r"<[^>]+>", "", SEED[n - 1].split("\t")[0])
        assert name_cell.startswith(f"{i.number} "), i.id
        assert _letters(i.name_th) == _letters(_corrected(name_cell.removeprefix(f"{i.number} "))), i.id
        assert i.name_en and i.name_th


def test_every_guidance_point_is_the_seed_text_on_its_line() -> None:
    pmqa = load_pmqa()
    for i in pmqa.iter_items():
        assert i.guidance, i.id
        for g in i.guidance:
            assert g.text.en, i.id
            assert _letters(g.text.th) in _seed_text(g.source), (i.id, g.text.th[:40])


def test_continuation_rows_belong_to_the_item_above_them() -> None:
    # rows with an empty first column continue the guidance of the item above the page break
    pmqa = load_pmqa()
    continued = {n + 1 for n, line in enumerate(SEED) if line.startswith("\t") and len(line.strip()) > 0}
    assert continued == {45, 57, 72, 79, 86}
    owners = {
        n: i.id
        for i in pmqa.iter_items()
        for g in i.guidance
        for n in _seed_lines(g.source)
        if n in continued
    }
    assert owners == {45: "PMQA1.4", 57: "PMQA3.1", 72: "PMQA4.4", 79: "PMQA5.3", 86: "PMQA6.2"}


def test_the_comparison_is_every_row_of_the_seed_table() -> None:
    pmqa = load_pmqa()
    rows = [n + 1 for n in range(14, 28) if SEED[n].count("\t") == 1 and "ระบบราชการแบบเดิม" not in SEED[n]]
    assert [_seed_lines(r.source)[0] for r in pmqa.comparison] == rows == [*range(16, 25), 27]
    for r in pmqa.comparison:
        old, digital = SEED[_seed_lines(r.source)[0] - 1].split("\t")
        assert _letters(r.old.th) == _letters(old)
        assert _letters(r.digital.th) == _letters(digital)
        assert r.old.en and r.digital.en


def test_corrections_fix_real_typos_of_the_seed() -> None:
    for c in load_pmqa().corrections:
        for n in _seed_lines(c.source):
            assert c.seed in SEED[n - 1], (c.seed, n)
        assert c.text != c.seed


def test_the_seed_names_no_responsible_unit_and_neither_does_the_data() -> None:
    pmqa = load_pmqa()
    assert SEED[36].split("\t")[2] == "หน่วยรับผิดชอบ"
    for i in pmqa.iter_items():
        (n,) = _seed_lines(i.source)
        assert SEED[n - 1].split("\t")[2].strip() == "", i.id
        assert not (i.responsible_unit.th or i.responsible_unit.en)


def _pmqa_problems(tmp_path: Path, old: str, new: str) -> list[Problem]:
    assert old in PMQA_TEXT, old
    path = tmp_path / "pmqa.yaml"
    path.write_text(PMQA_TEXT.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FrameworkError) as info:
        load_pmqa(path)
    return list(info.value.problems)


@pytest.mark.parametrize(
    ("old", "new", "code", "line_needle"),
    [
        (
            "      - id: PMQA2.2\n",
            "      - id: PMQA1.2\n",
            "bad_id",
            '      - id: PMQA1.2\n        name_th: "การกำหนด',
        ),
        (
            "      - id: PMQA3.2\n",
            "      - id: PMQA3.1\n",
            "duplicate_id",
            '      - id: PMQA3.1\n        name_th: "การประเมิน',
        ),
        ("  - id: PMQA5\n", "  - id: P5\n", "bad_id", "  - id: P5\n"),
        (
            '        name_en: "Preventing corruption and building transparency"\n',
            '        name_en: "Preventing corruption and building transparency"\n        owner: x\n',
            "unknown_key",
            "        owner: x",
        ),
        (
            '        name_en: "Preventing corruption and building transparency"\n',
            "",
            "missing",
            '      - id: PMQA1.2\n        name_th: "การป้องกัน',
        ),
        ("format: dgmm-pmqa\n", "format: dgmm-framework\n", "wrong_format", "format: dgmm-framework"),
        ("revision: 1\n", "revision: 1\nid: again\n", "duplicate_key", "id: again"),
        ("format_version: 1\n", "format_version: 2\n", "wrong_version", "format_version: 2"),
        ("revision: 1\n", "revision: 0\n", "wrong_type", "revision: 0"),
        (
            '  - {seed: "ควมมี", text: "ความมี", source: "seed 004 line 87"}\n',
            '  - {seed: "ควมมี", text: "ความมี", source: "seed 004 line 87", page: 3}\n',
            "unknown_key",
            '  - {seed: "ควมมี"',
        ),
        ("comparison:", "comparison: {}\nold_comparison:", "wrong_type", "comparison: {}"),
    ],
)
def test_a_bad_pmqa_file_is_refused_with_line_and_code(
    tmp_path: Path, old: str, new: str, code: str, line_needle: str
) -> None:
    problems = _pmqa_problems(tmp_path, old, new)
    text = PMQA_TEXT.replace(old, new, 1)
    hit = [p for p in problems if p.code == code]
    assert hit, problems
    assert hit[0].line == _line_of(text, line_needle)
    assert str(hit[0]).startswith(f"{tmp_path / 'pmqa.yaml'}:{hit[0].line}: ")


def test_every_problem_of_a_pmqa_file_is_reported_in_one_pass(tmp_path: Path) -> None:
    text = PMQA_TEXT.replace("      - id: PMQA2.2\n", "      - id: PMQA1.2\n", 1).replace(
        "      - id: PMQA6.4\n", "      - id: PMQA6.x\n", 1
    )
    path = tmp_path / "pmqa.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError) as info:
        load_pmqa(path)
    codes = sorted(p.code for p in info.value.problems)
    assert codes == ["bad_id", "bad_id", "duplicate_id"]


# -- the crosswalk ------------------------------------------------------------------------------------


def test_the_crosswalk_maps_every_topic_of_the_three_frameworks() -> None:
    cw = load_crosswalk()
    assert cw.frameworks == CROSSWALKED
    for fid in CROSSWALKED:
        fw = load_framework(fid)
        for t in fw.iter_topics():
            links = pmqa_items_for(fid, t.id)
            assert links, (fid, t.id)
            assert all(link.reason.en for link in links), (fid, t.id)
            for sub in t.sub_topics:
                assert pmqa_items_for(fid, sub.id) == links


def test_every_pmqa_item_is_served_or_has_a_note_saying_why_not() -> None:
    cw = load_crosswalk()
    reached = {link.item.id for link in cw.links}
    noted = {u.item.id for u in cw.unreached}
    assert reached | noted == set(cw.pmqa.items)
    assert reached & noted == set()
    assert all(u.reason.en for u in cw.unreached)
    assert len(reached) >= 20  # the crosswalk is not a list of excuses


def test_items_for_and_topics_for_are_the_same_links_read_both_ways() -> None:
    cw = load_crosswalk()
    forward = {
        (fid, t.id, link.item.id)
        for fid in CROSSWALKED
        for t in load_framework(fid).iter_topics()
        for link in pmqa_items_for(fid, t.id)
    }
    backward = {(x.framework_id, x.topic_id, x.item.id) for i in cw.pmqa.items for x in pmqa_topics_for(i)}
    assert forward == backward
    assert {x.framework_id for x in pmqa_topics_for("PMQA4.4", "pcio-2566")} == {"pcio-2566"}


def test_a_sub_pillar_entry_maps_each_of_its_topics() -> None:
    fw = load_framework("province-2563")
    topics = [t.id for t in fw.sub_pillars["P2.SP2"].topics]
    assert len(topics) == 4
    for tid in topics:
        links = pmqa_items_for("province-2563", tid)
        assert [x.item.id for x in links] == ["PMQA5.4", "PMQA5.1"]
        assert {x.sub_pillar for x in links} == {"P2.SP2"}
    assert {x.sub_pillar for x in pmqa_items_for("dept-2566", "P1.SP1.T1")} == {""}


def test_unknown_framework_topic_or_item_is_not_found() -> None:
    with pytest.raises(NotFoundError, match="province-2560"):
        pmqa_items_for("province-2560", "P1.SP1.T1")
    with pytest.raises(NotFoundError, match=re.escape("did you mean 'P2.SP1.T1'")):
        pmqa_items_for("dept-2566", "P2.SP1.T9")
    with pytest.raises(NotFoundError, match=re.escape("PMQA7.1")):
        pmqa_topics_for("PMQA7.1")


def _crosswalk_problems(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "crosswalk.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError) as info:
        load_crosswalk(path)
    return list(info.value.problems)


_FIRST_DEPT = "    - topic: P1.SP1.T1\n      serves:\n        - {item: PMQA2.1,"


@pytest.mark.parametrize(
    ("old", "new", "code", "line_needle"),
    [
        (_FIRST_DEPT, _FIRST_DEPT.replace("P1.SP1.T1", "P1.SP1.T7"), "unknown_topic", "topic: P1.SP1.T7"),
        (_FIRST_DEPT, _FIRST_DEPT.replace("PMQA2.1", "PMQA2.9"), "unknown_item", "{item: PMQA2.9,"),
        (
            _FIRST_DEPT,
            _FIRST_DEPT.replace("- topic: P1.SP1.T1\n", "- topic: P1.SP1.T1\n      sub_pillar: P1.SP1\n"),
            "bad_entry",
            "    - topic: P1.SP1.T1\n      sub_pillar",
        ),
        (
            '{item: PMQA2.1, reason_en: "A plan aligned with the Digital Government Development Plan is the'
            " agency's strategy for becoming a digital organisation.\"}",
            "{item: PMQA2.1}",
            "missing",
            "{item: PMQA2.1}",
        ),
        (
            "        - {item: PMQA2.2, reason_en: \"The 12 issues of the national plan tie the agency's",
            "        - {item: PMQA2.1, reason_en: \"The 12 issues of the national plan tie the agency's",
            "duplicate_link",
            "        - {item: PMQA2.1, reason_en: \"The 12 issues of the national plan tie the agency's",
        ),
        (
            "    - topic: P1.SP2.T2\n",
            "    - topic: P1.SP2.T1\n",
            "duplicate_topic",
            '    - topic: P1.SP2.T1\n      serves:\n        - {item: PMQA4.4, reason_en: "Readiness',
        ),
        (
            "    - sub_pillar: P1.SP3\n",
            "    - sub_pillar: P1.SP9\n",
            "unknown_sub_pillar",
            "sub_pillar: P1.SP9",
        ),
        ("pmqa: pmqa-4.0\n", "pmqa: pmqa-5.0\n", "wrong_pmqa", "pmqa: pmqa-5.0"),
        (
            "  - {item: PMQA6.4, reason_en:",
            "  - {item: PMQA6.3, reason_en:",
            "reached_item",
            "\n  - {item: PMQA6.3, reason_en:",
        ),
    ],
)
def test_a_bad_crosswalk_is_refused_with_line_and_code(
    tmp_path: Path, old: str, new: str, code: str, line_needle: str
) -> None:
    assert old in CROSSWALK_TEXT, old
    text = CROSSWALK_TEXT.replace(old, new, 1)
    problems = _crosswalk_problems(tmp_path, text)
    hit = [p for p in problems if p.code == code]
    assert hit, problems
    assert hit[0].line == _line_of(text, line_needle)


def test_an_unknown_framework_is_an_error_where_its_topics_start(tmp_path: Path) -> None:
    text = CROSSWALK_TEXT.replace("  pcio-2566:\n", "  pcio-2599:\n", 1)
    problems = _crosswalk_problems(tmp_path, text)
    assert [(p.code, p.where, p.line) for p in problems] == [
        ("unknown_framework", "frameworks.pcio-2599", _line_of(text, "  pcio-2599:\n") + 1)
    ]


def test_a_topic_left_out_of_the_crosswalk_is_an_error(tmp_path: Path) -> None:
    entry = (
        '    - topic: P6.SP1.T2\n      serves:\n        - {item: PMQA4.4, reason_en: "Backups and system'
        ' availability are the preparation for disasters and emergencies that item 4.4 asks for."}\n'
    )
    assert entry in CROSSWALK_TEXT
    problems = _crosswalk_problems(tmp_path, CROSSWALK_TEXT.replace(entry, "", 1))
    assert [(p.code, p.line) for p in problems] == [
        ("unmapped_topic", _line_of(CROSSWALK_TEXT, "  dept-2566:\n") + 1)
    ]
    assert "'P6.SP1.T2' of dept-2566" in problems[0].message


def test_an_item_served_by_no_topic_needs_a_note(tmp_path: Path) -> None:
    note = next(line for line in CROSSWALK_TEXT.splitlines() if line.startswith("  - {item: PMQA6.4,"))
    problems = _crosswalk_problems(tmp_path, CROSSWALK_TEXT.replace(note + "\n", "", 1))
    assert [p.code for p in problems] == ["unreached_item"]
    assert "'PMQA6.4'" in problems[0].message


# -- the docs -----------------------------------------------------------------------------------------


def test_docs_show_the_data_as_it_is() -> None:
    doc = (ROOT / "docs" / "pmqa.md").read_text(encoding="utf-8")
    start, end = doc.index(DOC_START), doc.index(DOC_END) + len(DOC_END)
    assert doc[start:end] == pmqa_markdown(load_crosswalk()), "run .venv/bin/python scripts/pmqa_doc.py"


def test_docs_list_every_item_and_every_link() -> None:
    doc = (ROOT / "docs" / "pmqa.md").read_text(encoding="utf-8")
    cw = load_crosswalk()
    for i in cw.pmqa.iter_items():
        assert f"| {i.id} | {i.name_th}<br>" in doc
    for fid in CROSSWALKED:
        section = doc[doc.index(f"### {fid}\n") :]
        fw = load_framework(fid)
        for link in cw.links:
            if link.framework_id == fid:
                assert f"| {link.topic_id} {fw.topics[link.topic_id].name_th}" in section


def test_write_doc_replaces_only_the_generated_part(tmp_path: Path) -> None:
    doc = tmp_path / "pmqa.md"
    doc.write_text(f"# By hand\n\n{DOC_START}\nold data\n{DOC_END}\n\nAlso by hand.\n", encoding="utf-8")
    write_doc(doc)
    assert doc.read_text(encoding="utf-8") == (
        f"# By hand\n\n{pmqa_markdown(load_crosswalk())}\n\nAlso by hand.\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "# By hand, no markers\n",
        f"# By hand\n{DOC_START}\nold data\nmore written by hand\n",
        f"# By hand\n{DOC_END}\nold data\n{DOC_START}\nby hand\n",
    ],
)
def test_write_doc_without_both_markers_changes_nothing(tmp_path: Path, text: str) -> None:
    doc = tmp_path / "pmqa.md"
    doc.write_text(text, encoding="utf-8")
    with pytest.raises(DgmmError, match="in that order"):
        write_doc(doc)
    assert doc.read_text(encoding="utf-8") == text
