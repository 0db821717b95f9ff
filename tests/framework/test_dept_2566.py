"""The department-level 2566 framework (seed 002 lines 1-306): structure, texts, and answers -> levels.

Expected levels are read off the criteria wording of the detailed tables and DECISIONS.md §18-24
(band edges on both sides, cumulative steps, the two P1.1 agency types, floor of the mean for P4.3,
the P4.4 shares), never taken from a run of the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from dgmm import AgencyResult, load_framework, parse_answers, score_agency
from dgmm.framework.schema import Framework, Topic

SEED = Path(__file__).resolve().parents[2] / "docs" / "spec" / "seeds" / "002_4a920beaa3601f5d.txt"


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework("dept-2566")


# A complete set of answers (raw strings, as in an answers file), every topic at level 2 or 3.
# Each case below changes only the inputs of the topic it checks.
BASE: dict[str, str] = {
    "P1.1.mission": "service",
    "P1.1": "1|2|3|4",
    "P1.3.ops": "1.1|1.2|2.1|3.1",
    "P1.3.readiness": "1|2",
    "P1.3.certificates": "management",
    "P1.5": "1|2|3",
    "P1.6": "1|2",
    "P1.7": "yes",
    "P1.8": "yes",
    "P1.9": "no",
    "P2.1.steps": "ogd:1|ogd:2",
    "P2.1.areas": "ogd",
    "P2.1.1.system": "yes",
    "P2.1.1.catalog": "planned",
    "P2.3.list": "yes",
    "P2.3.metadata": "yes",
    "P2.3.resource": "yes",
    "P2.3.catalog": "yes",
    "P2.3.catalog_url": "https://data.example.go.th",
    "P2.3.gd_catalog": "yes",
    "P2.3.quality": "no",
    "P2.4": "0",
    "P2.3.survey": "no",
    "P2.7.1": "service",
    "P2.7.2": "1|2|3|4",
    "P2.8.1": "monthly",
    "P2.8.2": "month",
    "P2.8.3": "yes",
    "P2.8.4": "dw",
    "P2.8.5": "",  # no masking: nothing chosen ("None of these")
    "P2.9": "3",
    "G2": "yes",
    "G3": "ocsc",
    "G4.driven": "3",
    "G4.successful": "1",
    "P3.2.tested": "yes",
    "P3.2.score": "45",
    "P3.4.methods": "training",
    "P3.4.promoted": "literacy",
    "P3.4.measured": "",
    "P4.5": "copies",
    "P4.2": "1|2",
    "P4.3.search": "3",
    "P4.3.identity": "3",
    "P4.3.request": "3",
    "P4.3.review": "3",
    "P4.3.approval": "3",
    "P4.3.payment": "3",
    "P4.3.licence": "3",
    "P4.3.delivery": "3",
    "P4.3.satisfaction": "3",
    "P4.3.display": "3",
    "P4.4.main_service": "licence to operate",
    "P4.4.total_current": "1000",
    "P4.4.digital_current": "400",
    "P4.4.total_previous": "1000",
    "P4.4.digital_previous": "300",
    "P4.4.main_total_current": "100",
    "P4.4.main_digital_current": "20",
    "P4.10.1": "1|2",
    "P4.SP4.T2.actions": "3",
    "P4.SP4.T3.actions": "2",
    "P5.1.saraban": "yes",
    "P5.1.basic": "hr|budget",
    "P5.1.dss": "no",
    "P5.1.other": "",
    "P5.1C": "saraban",
    "P5.2.agency": "receive",
    "P5.2.central": "",
    "P5.3": "yes",
    "P5.3.1": "1|2",
    "P5.5.apps": "m365",
    "P5.5.remote": "vpn",
    "P6.1": "gdcc|gin",
    "P6.1.1.backup": "inside",
    "P6.1.1.availability": "drp",
    "P6.2.plan": "yes",
    "P6.2.frameworks": "nist",
    "P7.SP1.T1.technologies": "ai|api|iot",
}
ANALYST: dict[str, str] = {"P4.SP2.T1.score": "0.6"}

ALL_BASIC = "hr|budget|finance|supplies|procurement"
ALL_SKILLS = "literacy|governance|technology|design|strategy|leadership|transformation"
EIGHT_TECH = "ai|xr|api|iot|stats|bigdata|blockchain|domain"
P43 = (
    "search",
    "identity",
    "request",
    "review",
    "approval",
    "payment",
    "licence",
    "delivery",
    "satisfaction",
    "display",
)


def processes(*forms: str) -> dict[str, str | None]:
    """P4.3 answers, one form per process in framework order."""
    assert len(forms) == len(P43)
    return {f"P4.3.{code}": form for code, form in zip(P43, forms, strict=True)}


def score(
    fw: Framework, changes: dict[str, str | None], analyst: dict[str, str] | None = None
) -> AgencyResult:
    raw: dict[str, str] = dict(BASE)
    for code, value in changes.items():
        if value is None:
            raw.pop(code, None)
        else:
            raw[code] = value
    checked = parse_answers(fw, ANALYST if analyst is None else analyst)
    return score_agency(fw, parse_answers(fw, raw), analyst_values=checked)


# -- structure ---------------------------------------------------------------------------------------


def test_counts_match_the_model(fw: Framework) -> None:
    assert (fw.id, fw.year, fw.tiers) == ("dept-2566", 2566, ("department",))
    assert [p.id for p in fw.pillars] == ["P1", "P2", "P3", "P4", "P5", "P6", "P7"]
    assert len(fw.sub_pillars) == 21
    assert len(fw.topics) == 33
    per_pillar = {p.id: sum(len(sp.topics) for sp in p.sub_pillars) for p in fw.pillars}
    assert per_pillar == {"P1": 6, "P2": 6, "P3": 4, "P4": 8, "P5": 5, "P6": 3, "P7": 1}
    assert [len(sp.topics) for sp in fw.pillar("P7").sub_pillars] == [1]  # the implicit sub-pillar
    assert all(p.weight is None for p in fw.pillars)  # no pillar weights are published
    assert len(fw.topics["P4.SP1.T3"].sub_topics) == 10


def test_pillar_level_names_are_given_in_thai_and_english(fw: Framework) -> None:
    for p in fw.pillars:
        assert len(p.level_names) == 5, p.id
        for name in p.level_names:
            assert name.th and name.en and name.th != name.en, (p.id, name)
    assert [n.en for n in fw.pillar("P1").level_names] == [
        "Compliance",
        "Transparency",
        "Constituent value",
        "Insight-driven transformation",
        "Sustainability",
    ]
    assert (
        fw.pillar("P6").level_names[2].en == "Standardized"
    )  # the detailed tables' name, not 'Cross-channel'
    assert [n.en for n in fw.pillar("P7").level_names] == [
        "Outdated",
        "Standard",
        "Disruptive-tech",
        "Leading-tech",
        "Future-tech",
    ]


def _all_topics(fw: Framework) -> Iterator[Topic]:
    for t in fw.iter_topics():
        yield t
        yield from t.sub_topics


def test_every_level_the_seed_defines_has_both_criterion_texts(fw: Framework) -> None:
    gaps = {("P4.SP1.T1", 2), ("P4.SP1.T1", 3), ("P4.SP1.T1", 4)}  # Paperless: only levels 1 and 5 printed
    for t in _all_topics(fw):
        assert sorted(t.levels) == [1, 2, 3, 4, 5], t.id
        for k, lv in t.levels.items():
            if (t.id, k) in gaps:
                assert not lv.criterion_th and not lv.criterion_en and lv.rule is None, (t.id, k)
            else:
                assert lv.criterion_th and lv.criterion_en, (t.id, k)


# Typos corrected in the framework where the seed prints the right form elsewhere (each one has a note).
CORRECTIONS = {"ดิจิทัลดิจิทัล": "ดิจิทัล", "กายใน": "ภายใน", "บุคคลากร": "บุคลากร"}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seed_text() -> str:
    assert SEED.exists(), f"seed not found: {SEED} (the sources are kept in docs/spec)"
    lines = SEED.read_text(encoding="utf-8").split("\n")[:306]
    text = re.sub(r"<[^>]+>", " ", "\n".join(lines)).replace("&amp;", "&")
    for wrong, right in CORRECTIONS.items():
        text = text.replace(wrong, right)
    return _squash(text)


def test_thai_criteria_are_the_seeds_own_words(fw: Framework, seed_text: str) -> None:
    """Every Thai criterion is made of pieces of seed lines 1-306: layout may change, words may not.

    Pieces are split where the framework joins cells: new lines, 'label: text', a leading item number
    and the 'และ' joining the two PDPA cells.
    """
    for t in _all_topics(fw):
        for k, lv in t.levels.items():
            for line in lv.criterion_th.split("\n"):
                line = re.sub(r"^\(?\d+[.)]\s*", "", line.strip())
                for piece in re.split(r": | และ ", line):
                    assert _squash(piece) in seed_text, (t.id, k, piece)


def test_inputs_have_bilingual_labels_and_only_usability_is_the_analysts(fw: Framework) -> None:
    for code, inp in fw.inputs.items():
        assert inp.label_th and inp.label_en, code
        for opt in (*inp.options, *inp.rows, *inp.columns):
            assert opt.label.th and opt.label.en, (code, opt.code)
            assert opt.points is None, (code, opt.code)  # the seed gives levels, never points
        expected = "analyst" if code.startswith("P4.SP2.T1.") else "agency"
        assert inp.answered_by == expected, code


def test_input_codes_the_pcio_model_reuses_are_stable(fw: Framework) -> None:
    """pcio-2566 scores 9 topics from the department's answers with these very codes (DECISIONS §7, §23)."""
    owners = {code: inp.topic_id for code, inp in fw.inputs.items()}
    expected = {
        "P1.3.ops": "P1.SP2.T1",
        "P1.3.readiness": "P1.SP2.T2",
        "P2.7.1": "P2.SP3.T1",
        "P2.7.2": "P2.SP3.T1",
        "P2.8.1": "P2.SP4.T1",
        "P2.8.2": "P2.SP4.T1",
        "P2.8.3": "P2.SP4.T2",
        "P2.8.4": "P2.SP4.T2",
        "P2.8.5": "P2.SP4.T2",
        "P2.9": "P2.SP4.T3",
        "P3.2.tested": "P3.SP2.T1",
        "P3.2.score": "P3.SP2.T1",
        "P4.4.total_current": "P4.SP3.T1",
        "P4.4.digital_current": "P4.SP3.T1",
        "P4.4.total_previous": "P4.SP3.T1",
        "P4.4.digital_previous": "P4.SP3.T1",
        "P4.4.main_total_current": "P4.SP3.T1",
        "P4.4.main_digital_current": "P4.SP3.T1",
        "P5.3": "P5.SP2.T1",
        "P5.3.1": "P5.SP2.T1",
    }
    assert {code: owners.get(code) for code in expected} == expected


def test_every_topic_notes_cite_the_seed(fw: Framework) -> None:
    for t in fw.iter_topics():
        for note in t.notes:
            assert note.text.en and note.source.startswith("seed 002 line"), (t.id, note)


def test_base_answers_determine_every_topic(fw: Framework) -> None:
    res = score(fw, {})
    undetermined = [tid for tid, r in res.topics.items() if r.level is None]
    assert undetermined == []
    assert res.overall.level is not None


# -- answers -> levels -------------------------------------------------------------------------------

CASES: list[tuple[str, str, dict[str, str | None], int | None]] = [
    # P1.1, service-mission agencies: 0 / 1-3 / 4-6 / 7-9 / 10-12 of 12 items
    ("P1.1 service none", "P1.SP1.T1", {"P1.1": ""}, 1),
    ("P1.1 service 1", "P1.SP1.T1", {"P1.1": "2"}, 2),
    ("P1.1 service 3", "P1.SP1.T1", {"P1.1": "2|3|4"}, 2),
    ("P1.1 service 4", "P1.SP1.T1", {"P1.1": "2|3|4|6"}, 3),
    ("P1.1 service 6", "P1.SP1.T1", {"P1.1": "1|2|3|4|5|6"}, 3),
    ("P1.1 service 7", "P1.SP1.T1", {"P1.1": "1|2|3|4|5|6|7"}, 4),
    ("P1.1 service 9", "P1.SP1.T1", {"P1.1": "1|2|3|4|5|6|7|8|9"}, 4),
    ("P1.1 service 10", "P1.SP1.T1", {"P1.1": "1|2|3|4|5|6|7|8|9|10"}, 5),
    # P1.1, policy/coordination/regulatory/other: only items
    # 1, 5, 7-12 count (DECISIONS §21): 1-2 / 3-4 / 5-6 / 7+
    ("P1.1 policy, only uncounted items", "P1.SP1.T1", {"P1.1.mission": "policy", "P1.1": "2|3|4|6"}, 1),
    ("P1.1 policy 1 counted", "P1.SP1.T1", {"P1.1.mission": "policy", "P1.1": "2|3|4|12"}, 2),
    ("P1.1 policy 2 counted", "P1.SP1.T1", {"P1.1.mission": "policy", "P1.1": "1|5"}, 2),
    ("P1.1 policy 3 counted", "P1.SP1.T1", {"P1.1.mission": "policy", "P1.1": "1|5|7"}, 3),
    (
        "P1.1 policy 4 counted of 7 chosen",
        "P1.SP1.T1",
        {"P1.1.mission": "policy", "P1.1": "1|2|3|4|5|7|8"},
        3,
    ),
    ("P1.1 policy 5 counted", "P1.SP1.T1", {"P1.1.mission": "policy", "P1.1": "1|5|7|8|9"}, 4),
    ("P1.1 policy 6 counted", "P1.SP1.T1", {"P1.1.mission": "policy", "P1.1": "1|5|7|8|9|10"}, 4),
    ("P1.1 policy 7 counted", "P1.SP1.T1", {"P1.1.mission": "policy", "P1.1": "1|5|7|8|9|10|11"}, 5),
    (
        "P1.1 policy all 12 chosen",
        "P1.SP1.T1",
        {"P1.1.mission": "policy", "P1.1": "1|2|3|4|5|6|7|8|9|10|11|12"},
        5,
    ),
    ("P1.1 mission unanswered", "P1.SP1.T1", {"P1.1.mission": None}, None),
    # P1.3 operations: 0 / 1-3 / 4-6 / 7-9 / 10-11 of the 11 sub-items
    ("P1.3 ops 0", "P1.SP2.T1", {"P1.3.ops": ""}, 1),
    ("P1.3 ops 1", "P1.SP2.T1", {"P1.3.ops": "3.5"}, 2),
    ("P1.3 ops 3", "P1.SP2.T1", {"P1.3.ops": "1.1|1.2|1.3"}, 2),
    ("P1.3 ops 4", "P1.SP2.T1", {"P1.3.ops": "1.1|1.2|1.3|2.1"}, 3),
    ("P1.3 ops 6", "P1.SP2.T1", {"P1.3.ops": "1.1|1.2|1.3|2.1|2.2|2.3"}, 3),
    ("P1.3 ops 7", "P1.SP2.T1", {"P1.3.ops": "1.1|1.2|1.3|2.1|2.2|2.3|3.1"}, 4),
    ("P1.3 ops 9", "P1.SP2.T1", {"P1.3.ops": "1.1|1.2|1.3|2.1|2.2|2.3|3.1|3.2|3.3"}, 4),
    ("P1.3 ops 10", "P1.SP2.T1", {"P1.3.ops": "1.1|1.2|1.3|2.1|2.2|2.3|3.1|3.2|3.3|3.4"}, 5),
    ("P1.3 ops 11", "P1.SP2.T1", {"P1.3.ops": "1.1|1.2|1.3|2.1|2.2|2.3|3.1|3.2|3.3|3.4|3.5"}, 5),
    # P1.3 readiness: 0 / 1 / 2 / 3 / 4-5; certificate areas do not add to item 1
    (
        "readiness cert areas count once",
        "P1.SP2.T2",
        {"P1.3.readiness": "1", "P1.3.certificates": "management|architecture|analysis"},
        2,
    ),
    ("readiness 3", "P1.SP2.T2", {"P1.3.readiness": "1|2|3"}, 4),
    ("readiness 4", "P1.SP2.T2", {"P1.3.readiness": "2|3|4|5"}, 5),
    # P1.5 laws: 0 / 1-2 / 3-4 / 5-6 / 7+; 'others' is one law
    ("P1.5 2 laws", "P1.SP3.T1", {"P1.5": "1|2"}, 2),
    ("P1.5 6 laws", "P1.SP3.T1", {"P1.5": "1|2|3|4|5|6"}, 4),
    ("P1.5 6 named + others", "P1.SP3.T1", {"P1.5": "1|2|3|4|5|6|other", "P1.5.other": "a; b; c"}, 5),
    # Data Policy: 1 / 2 / 3 plans, then all 4 DG steps in one data-use area
    ("DP no plan", "P1.SP4.T1", {"P1.7": "no", "P1.8": "no", "P1.9": "no"}, 1),
    ("DP one plan", "P1.SP4.T1", {"P1.7": "no", "P1.8": "no", "P1.9": "yes"}, 2),
    ("DP three plans", "P1.SP4.T1", {"P1.9": "yes"}, 4),
    (
        "DP three plans, 4 steps spread over areas",
        "P1.SP4.T1",
        {"P1.9": "yes", "P2.1.steps": "ogd:1|ogd:2|exchange:3|analytics:4"},
        4,
    ),
    (
        "DP three plans, 4 steps in one area",
        "P1.SP4.T1",
        {"P1.9": "yes", "P2.1.steps": "exchange:1|exchange:2|exchange:3|exchange:4"},
        5,
    ),
    ("DP two plans, 4 steps in one area", "P1.SP4.T1", {"P2.1.steps": "ogd:1|ogd:2|ogd:3|ogd:4"}, 3),
    # Data Governance (shift-corrected detailed table)
    ("DG no area", "P2.SP1.T1", {"P2.1.areas": "", "P2.1.1.catalog": "published"}, 1),
    ("DG area, no step", "P2.SP1.T1", {"P2.1.1.system": "no", "P2.1.1.catalog": "none"}, 1),
    ("DG area, one step", "P2.SP1.T1", {"P2.1.1.system": "no"}, 2),
    ("DG both steps", "P2.SP1.T1", {}, 3),
    ("DG prepared, not published", "P2.SP1.T1", {"P2.1.1.catalog": "prepared"}, 4),
    ("DG published", "P2.SP1.T1", {"P2.1.1.catalog": "published"}, 5),
    (
        "DG published without the system",
        "P2.SP1.T1",
        {"P2.1.1.system": "no", "P2.1.1.catalog": "published"},
        2,
    ),
    # Open Government Data: cumulative steps ('ผ่านเกณฑ์ในขั้นก่อนหน้า')
    ("OGD metadata missing", "P2.SP2.T1", {"P2.3.metadata": "no"}, 1),
    ("OGD catalogue without URL", "P2.SP2.T1", {"P2.3.catalog_url": None}, 2),
    ("OGD catalogue + GD Catalog", "P2.SP2.T1", {}, 3),
    ("OGD quality, no dataset used", "P2.SP2.T1", {"P2.3.quality": "yes"}, 3),
    ("OGD quality + 1 dataset used", "P2.SP2.T1", {"P2.3.quality": "yes", "P2.4": "1"}, 4),
    ("OGD survey without level 4", "P2.SP2.T1", {"P2.3.survey": "yes"}, 3),
    ("OGD everything", "P2.SP2.T1", {"P2.3.quality": "yes", "P2.4": "3", "P2.3.survey": "yes"}, 5),
    (
        "OGD level-3 step missing blocks 5",
        "P2.SP2.T1",
        {"P2.3.gd_catalog": "no", "P2.3.quality": "yes", "P2.4": "3", "P2.3.survey": "yes"},
        2,
    ),
    # PDPA: training scope AND duties >= 2 / 4 / 6 / 8
    ("PDPA no training, 9 duties", "P2.SP3.T1", {"P2.7.1": "", "P2.7.2": "1|2|3|4|5|6|7|8|9"}, 1),
    ("PDPA responsible staff, 1 duty", "P2.SP3.T1", {"P2.7.1": "pd", "P2.7.2": "1"}, 1),
    ("PDPA responsible staff, 8 duties", "P2.SP3.T1", {"P2.7.1": "pd", "P2.7.2": "1|2|3|4|5|6|7|8"}, 2),
    ("PDPA service staff, 3 duties", "P2.SP3.T1", {"P2.7.2": "1|2|3"}, 2),
    ("PDPA service staff, 8 duties", "P2.SP3.T1", {"P2.7.2": "1|2|3|4|5|6|7|8"}, 3),
    ("PDPA all units, 5 duties", "P2.SP3.T1", {"P2.7.1": "all", "P2.7.2": "1|2|3|4|5"}, 3),
    ("PDPA all units, 6 duties", "P2.SP3.T1", {"P2.7.1": "all", "P2.7.2": "1|2|3|4|5|6"}, 4),
    ("PDPA all units, 7 duties", "P2.SP3.T1", {"P2.7.1": "all", "P2.7.2": "1|2|3|4|5|6|7"}, 4),
    ("PDPA all units, 8 duties", "P2.SP3.T1", {"P2.7.1": "all", "P2.7.2": "1|2|3|4|5|6|7|8"}, 5),
    # Data updating and data management: see the tables below (every option and combination)
    ("update frequency unanswered", "P2.SP4.T1", {"P2.8.1": None}, None),
    ("masking methods unanswered", "P2.SP4.T2", {"P2.8.5": None}, None),
    # Data analytics: stage 0 / 1-2 / 3 / 4 / 5
    ("P2.9 stage 0", "P2.SP4.T3", {"P2.9": "0"}, 1),
    ("P2.9 stage 1", "P2.SP4.T3", {"P2.9": "1"}, 2),
    ("P2.9 stage 2", "P2.SP4.T3", {"P2.9": "2"}, 2),
    ("P2.9 stage 4", "P2.SP4.T3", {"P2.9": "4"}, 4),
    ("P2.9 stage 5", "P2.SP4.T3", {"P2.9": "5"}, 5),
    # DCIO: none / no qualification / 1 / 2 / 3 of 3; qualifications asked only with a DCIO
    ("DCIO none", "P3.SP1.T1", {"G2": "no", "G3": None}, 1),
    ("DCIO none, stray qualifications ignored", "P3.SP1.T1", {"G2": "no", "G3": "ocsc|gcio|other"}, 1),
    ("DCIO no qualification", "P3.SP1.T1", {"G3": ""}, 2),
    ("DCIO 2 qualifications", "P3.SP1.T1", {"G3": "ocsc|other"}, 4),
    ("DCIO 3 qualifications", "P3.SP1.T1", {"G3": "ocsc|gcio|other"}, 5),
    ("DCIO qualifications unanswered", "P3.SP1.T1", {"G3": None}, None),
    # G4: not driven / driven, none succeeded / 1-2 / 3-4 / 5 (or more) succeeded
    ("G4 no DCIO", "P3.SP1.T2", {"G2": "no", "G4.driven": None, "G4.successful": None}, 1),
    ("G4 nothing driven", "P3.SP1.T2", {"G4.driven": "0", "G4.successful": "0"}, 1),
    ("G4 driven, none succeeded", "P3.SP1.T2", {"G4.driven": "4", "G4.successful": "0"}, 2),
    ("G4 2 succeeded", "P3.SP1.T2", {"G4.successful": "2"}, 3),
    ("G4 3 succeeded", "P3.SP1.T2", {"G4.driven": "6", "G4.successful": "3"}, 4),
    ("G4 4 succeeded", "P3.SP1.T2", {"G4.driven": "6", "G4.successful": "4"}, 4),
    ("G4 5 succeeded", "P3.SP1.T2", {"G4.driven": "6", "G4.successful": "5"}, 5),
    ("G4 8 succeeded", "P3.SP1.T2", {"G4.driven": "9", "G4.successful": "8"}, 5),
    ("G4 without knowing about the DCIO", "P3.SP1.T2", {"G2": None}, None),
    # P3.2: not more than 20 or no test / (20, 40] / (40, 60] / (60, 80] / above 80
    ("P3.2 no test", "P3.SP2.T1", {"P3.2.tested": "no", "P3.2.score": None}, 1),
    ("P3.2 20", "P3.SP2.T1", {"P3.2.score": "20"}, 1),
    ("P3.2 20.01", "P3.SP2.T1", {"P3.2.score": "20.01"}, 2),
    ("P3.2 40", "P3.SP2.T1", {"P3.2.score": "40"}, 2),
    ("P3.2 40.5", "P3.SP2.T1", {"P3.2.score": "40.5"}, 3),
    ("P3.2 60", "P3.SP2.T1", {"P3.2.score": "60"}, 3),
    ("P3.2 80", "P3.SP2.T1", {"P3.2.score": "80"}, 4),
    ("P3.2 80.1", "P3.SP2.T1", {"P3.2.score": "80.1"}, 5),
    ("P3.2 tested, score missing", "P3.SP2.T1", {"P3.2.score": None}, None),
    # P3.4: method -> all 7 areas -> some measured -> all measured (cumulative)
    (
        "P3.4 no method",
        "P3.SP3.T1",
        {"P3.4.methods": "", "P3.4.promoted": ALL_SKILLS, "P3.4.measured": ALL_SKILLS},
        1,
    ),
    (
        "P3.4 6 areas, all measured",
        "P3.SP3.T1",
        {
            "P3.4.promoted": "literacy|governance|technology|design|strategy|leadership",
            "P3.4.measured": ALL_SKILLS,
        },
        2,
    ),
    ("P3.4 all 7, none measured", "P3.SP3.T1", {"P3.4.promoted": ALL_SKILLS}, 3),
    (
        "P3.4 all 7, 3 measured",
        "P3.SP3.T1",
        {"P3.4.promoted": ALL_SKILLS, "P3.4.measured": "literacy|design|leadership"},
        4,
    ),
    ("P3.4 all 7 measured", "P3.SP3.T1", {"P3.4.promoted": ALL_SKILLS, "P3.4.measured": ALL_SKILLS}, 5),
    # Paperless: 1 or 5 only
    ("P4.5 photocopies originals", "P4.SP1.T1", {"P4.5": "photocopy"}, 1),
    ("P4.5 linked databases", "P4.SP1.T1", {"P4.5": "linked"}, 5),
    ("P4.5 never asked", "P4.SP1.T1", {"P4.5": "never"}, 5),
    # Vulnerable groups: 0 / 1 / 2 / 3-4 / 5+ of 7
    ("P4.2 none", "P4.SP1.T2", {"P4.2": ""}, 1),
    ("P4.2 one", "P4.SP1.T2", {"P4.2": "7", "P4.2.other": "research"}, 2),
    ("P4.2 four", "P4.SP1.T2", {"P4.2": "1|2|3|4"}, 4),
    ("P4.2 five", "P4.SP1.T2", {"P4.2": "1|2|3|4|5"}, 5),
    # P4.3: floor of the mean of the 10 process levels (DECISIONS §24)
    ("P4.3 all Proactive", "P4.SP1.T3", {}, 3),
    ("P4.3 mean 4.5", "P4.SP1.T3", processes("5", "5", "5", "5", "5", "4", "4", "4", "4", "4"), 4),
    ("P4.3 mean 4.9", "P4.SP1.T3", processes("5", "5", "5", "5", "5", "5", "5", "5", "5", "4"), 4),
    ("P4.3 all Predictive", "P4.SP1.T3", processes("5", "5", "5", "5", "5", "5", "5", "5", "5", "5"), 5),
    ("P4.3 mean 1.4", "P4.SP1.T3", processes("1", "1", "1", "1", "1", "1", "1", "1", "1", "5"), 1),
    ("P4.3 mean 2.5", "P4.SP1.T3", processes("1", "2", "3", "4", "1", "2", "3", "4", "1", "4"), 2),
    ("P4.3 one process unanswered", "P4.SP1.T3", {"P4.3.payment": None}, None),
    # P4.4: 'increased' on all transactions, thresholds on the main service's share (DECISIONS §22)
    ("P4.4 increased, main 20%", "P4.SP3.T1", {}, 3),
    (
        "P4.4 increased, main 29.9%",
        "P4.SP3.T1",
        {"P4.4.main_total_current": "1000", "P4.4.main_digital_current": "299"},
        3,
    ),
    ("P4.4 increased, main 30%", "P4.SP3.T1", {"P4.4.main_digital_current": "30"}, 4),
    (
        "P4.4 increased, main 49.9%",
        "P4.SP3.T1",
        {"P4.4.main_total_current": "1000", "P4.4.main_digital_current": "499"},
        4,
    ),
    ("P4.4 increased, main 50%", "P4.SP3.T1", {"P4.4.main_digital_current": "50"}, 5),
    ("P4.4 increased, main 0%", "P4.SP3.T1", {"P4.4.main_digital_current": "0"}, 1),
    (
        "P4.4 not increased, main 60%",
        "P4.SP3.T1",
        {"P4.4.digital_previous": "400", "P4.4.main_digital_current": "60"},
        2,
    ),
    (
        "P4.4 decreased, main 1%",
        "P4.SP3.T1",
        {"P4.4.digital_previous": "500", "P4.4.main_digital_current": "1"},
        2,
    ),
    (
        "P4.4 100% both years",
        "P4.SP3.T1",
        {"P4.4.digital_current": "1000", "P4.4.digital_previous": "1000", "P4.4.main_digital_current": "100"},
        5,
    ),
    (
        "P4.4 100% now, previous year missing",
        "P4.SP3.T1",
        {"P4.4.digital_current": "1000", "P4.4.total_previous": None, "P4.4.digital_previous": None},
        1,
    ),
    ("P4.4 previous year missing", "P4.SP3.T1", {"P4.4.digital_previous": None}, 1),
    (
        "P4.4 no transactions either year",
        "P4.SP3.T1",
        {
            "P4.4.total_current": "0",
            "P4.4.digital_current": "0",
            "P4.4.total_previous": "0",
            "P4.4.digital_previous": "0",
        },
        1,
    ),
    (
        "P4.4 nothing given is level 1, not undetermined",
        "P4.SP3.T1",
        {
            c: None
            for c in (
                "P4.4.main_service",
                "P4.4.total_current",
                "P4.4.digital_current",
                "P4.4.total_previous",
                "P4.4.digital_previous",
                "P4.4.main_total_current",
                "P4.4.main_digital_current",
            )
        },
        1,
    ),
    # Usability (reviewer's score): 0 / (0, .25] / (.25, .5] / (.5, .75] / (.75, 1]
    # -- see test_usability_bands below (analyst values)
    # e-Information: 0 / 1 / 2 / 3 / 4-5 of 5
    ("e-Info none", "P4.SP4.T1", {"P4.10.1": ""}, 1),
    ("e-Info 3", "P4.SP4.T1", {"P4.10.1": "1|3|5"}, 4),
    ("e-Info 4", "P4.SP4.T1", {"P4.10.1": "1|2|3|5"}, 5),
    # Opinions (8 actions) and co-design (4 actions)
    ("opinions 0", "P4.SP4.T2", {"P4.SP4.T2.actions": "0"}, 1),
    ("opinions 2", "P4.SP4.T2", {"P4.SP4.T2.actions": "2"}, 2),
    ("opinions 5", "P4.SP4.T2", {"P4.SP4.T2.actions": "5"}, 4),
    ("opinions 6", "P4.SP4.T2", {"P4.SP4.T2.actions": "6"}, 4),
    ("opinions 7", "P4.SP4.T2", {"P4.SP4.T2.actions": "7"}, 5),
    ("co-design 4", "P4.SP4.T3", {"P4.SP4.T3.actions": "4"}, 5),
    # P5.1: e-Saraban -> some basic -> all basic + DSS -> + other
    ("P5.1 no saraban", "P5.SP1.T1", {"P5.1.saraban": "no", "P5.1.basic": ALL_BASIC, "P5.1.dss": "yes"}, 1),
    ("P5.1 saraban only", "P5.SP1.T1", {"P5.1.basic": ""}, 2),
    ("P5.1 some basic", "P5.SP1.T1", {"P5.1.basic": "hr"}, 3),
    ("P5.1 all basic, no DSS", "P5.SP1.T1", {"P5.1.basic": ALL_BASIC, "P5.1.other": "audit"}, 3),
    ("P5.1 all basic + DSS", "P5.SP1.T1", {"P5.1.basic": ALL_BASIC, "P5.1.dss": "yes"}, 4),
    ("P5.1 + other", "P5.SP1.T1", {"P5.1.basic": ALL_BASIC, "P5.1.dss": "yes", "P5.1.other": "meeting"}, 5),
    # P5.1C: e-Saraban linkable, then >= 50% of the listed systems linkable
    ("P5.1C saraban not linkable", "P5.SP1.T2", {"P5.1C": "hr|budget|finance"}, 1),
    ("P5.1C saraban linkable", "P5.SP1.T2", {}, 2),
    ("P5.1C 3 of 6, basic not all digital", "P5.SP1.T2", {"P5.1C": "saraban|hr|budget"}, 2),
    ("P5.1C 2 of 6", "P5.SP1.T2", {"P5.1.basic": ALL_BASIC, "P5.1C": "saraban|hr"}, 2),
    ("P5.1C 3 of 6", "P5.SP1.T2", {"P5.1.basic": ALL_BASIC, "P5.1C": "saraban|hr|budget"}, 3),
    (
        "P5.1C DSS is not in level 3's 6",
        "P5.SP1.T2",
        {"P5.1.basic": ALL_BASIC, "P5.1.dss": "yes", "P5.1C": "saraban|hr|dss"},
        2,
    ),
    (
        "P5.1C 4 of 7 with DSS",
        "P5.SP1.T2",
        {"P5.1.basic": ALL_BASIC, "P5.1.dss": "yes", "P5.1C": "saraban|hr|budget|dss"},
        4,
    ),
    (
        "P5.1C 5 of 9 with 2 others",
        "P5.SP1.T2",
        {
            "P5.1.basic": ALL_BASIC,
            "P5.1.dss": "yes",
            "P5.1.other": "audit|meeting",
            "P5.1C": "saraban|hr|budget|dss|audit",
        },
        5,
    ),
    (
        "P5.1C 4 of 9 with 2 others",
        "P5.SP1.T2",
        {
            "P5.1.basic": ALL_BASIC,
            "P5.1.dss": "yes",
            "P5.1.other": "audit|meeting",
            "P5.1C": "saraban|hr|budget|dss",
        },
        4,
    ),
    # P5.2: other agencies (or / and), then central exchange (or / and); not cumulative
    ("P5.2 none", "P5.SP1.T3", {"P5.2.agency": ""}, 1),
    ("P5.2 agencies, both roles", "P5.SP1.T3", {"P5.2.agency": "receive|send"}, 3),
    ("P5.2 central exchange, one role", "P5.SP1.T3", {"P5.2.agency": "", "P5.2.central": "send"}, 4),
    ("P5.2 central exchange, both roles", "P5.SP1.T3", {"P5.2.central": "receive|send"}, 5),
    # Automation: 0 / 1 / 2 / 3 / 4+ improved areas; results asked only when automation is used
    ("automation not used", "P5.SP2.T1", {"P5.3": "no", "P5.3.1": "1|2|3|4"}, 1),
    ("automation, no result", "P5.SP2.T1", {"P5.3.1": ""}, 1),
    ("automation 1 area", "P5.SP2.T1", {"P5.3.1": "2"}, 2),
    ("automation 3 areas", "P5.SP2.T1", {"P5.3.1": "1|2|3"}, 4),
    ("automation 4 areas", "P5.SP2.T1", {"P5.3.1": "1|2|3|5", "P5.3.1.other": "fewer errors"}, 5),
    ("automation unanswered", "P5.SP2.T1", {"P5.3": None}, None),
    # Collaboration (detailed table: 1 / 2 / more than 2 apps; counts are minimums)
    ("collab nothing", "P5.SP3.T1", {"P5.5.apps": "", "P5.5.remote": ""}, 1),
    ("collab one form only", "P5.SP3.T1", {"P5.5.apps": "", "P5.5.remote": "checkin"}, 2),
    ("collab 1 app, 1 form", "P5.SP3.T1", {}, 3),
    ("collab 2 apps, 1 form", "P5.SP3.T1", {"P5.5.apps": "m365|slack"}, 3),
    ("collab 2 apps, 2 forms", "P5.SP3.T1", {"P5.5.apps": "m365|slack", "P5.5.remote": "checkin|vpn"}, 4),
    (
        "collab 2 apps, 4 forms",
        "P5.SP3.T1",
        {"P5.5.apps": "m365|slack", "P5.5.remote": "checkin|checkup|vpn|other"},
        4,
    ),
    ("collab 3 apps, 2 forms", "P5.SP3.T1", {"P5.5.apps": "m365|slack|own", "P5.5.remote": "checkin|vpn"}, 4),
    (
        "collab 3 apps, 3 forms",
        "P5.SP3.T1",
        {"P5.5.apps": "m365|google|own", "P5.5.remote": "checkin|checkup|vpn"},
        5,
    ),
    # Central infrastructure: 0 / 1 / 2 / 3 / 4
    ("P6.1 none", "P6.SP1.T1", {"P6.1": ""}, 1),
    ("P6.1 three", "P6.SP1.T1", {"P6.1": "gdcc|gin|workd"}, 4),
    ("P6.1 four", "P6.SP1.T1", {"P6.1": "gdcc|gin|workd|other", "P6.1.other": "UniNet"}, 5),
    # Backup and availability
    ("P6.1.1 no backup", "P6.SP1.T2", {"P6.1.1.backup": "", "P6.1.1.availability": "drp|bcp|incident"}, 1),
    ("P6.1.1 backup only", "P6.SP1.T2", {"P6.1.1.availability": ""}, 2),
    ("P6.1.1 one backup, 3 types", "P6.SP1.T2", {"P6.1.1.availability": "drp|bcp|incident"}, 4),
    (
        "P6.1.1 both backups, 2 types",
        "P6.SP1.T2",
        {"P6.1.1.backup": "inside|outside", "P6.1.1.availability": "drp|bcp"},
        4,
    ),
    (
        "P6.1.1 both backups, 3 types",
        "P6.SP1.T2",
        {"P6.1.1.backup": "inside|outside", "P6.1.1.availability": "drp|bcp|incident"},
        5,
    ),
    # P6.2: no plan / no ISO + 1 other / no ISO + 2-6 / ISO only / ISO + other
    (
        "P6.2 no plan (frameworks not asked)",
        "P6.SP2.T1",
        {"P6.2.plan": "no", "P6.2.frameworks": "iso27001|nist"},
        1,
    ),
    ("P6.2 plan, no framework", "P6.SP2.T1", {"P6.2.frameworks": ""}, 1),
    ("P6.2 no ISO, 1 other", "P6.SP2.T1", {}, 2),
    ("P6.2 no ISO, 2 others", "P6.SP2.T1", {"P6.2.frameworks": "cobit|itil"}, 3),
    ("P6.2 no ISO, 6 others", "P6.SP2.T1", {"P6.2.frameworks": "nist|iec62443|cobit|itil|cis|iso15408"}, 3),
    ("P6.2 ISO only", "P6.SP2.T1", {"P6.2.frameworks": "iso27001"}, 4),
    ("P6.2 ISO + 1 other", "P6.SP2.T1", {"P6.2.frameworks": "iso27001|cis"}, 5),
    # P7: 8 listed + up to 3 named others: 0 / 1-2 / 3-4 / 5-8 / 9-11
    ("P7 none", "P7.SP1.T1", {"P7.SP1.T1.technologies": ""}, 1),
    ("P7 two", "P7.SP1.T1", {"P7.SP1.T1.technologies": "ai|other1", "P7.SP1.T1.other1": "GIS"}, 2),
    ("P7 four", "P7.SP1.T1", {"P7.SP1.T1.technologies": "ai|api|iot|stats"}, 3),
    ("P7 five", "P7.SP1.T1", {"P7.SP1.T1.technologies": "ai|api|iot|stats|domain"}, 4),
    ("P7 eight listed", "P7.SP1.T1", {"P7.SP1.T1.technologies": EIGHT_TECH}, 4),
    ("P7 eight + one other", "P7.SP1.T1", {"P7.SP1.T1.technologies": EIGHT_TECH + "|other1"}, 5),
    ("P7 eleven", "P7.SP1.T1", {"P7.SP1.T1.technologies": EIGHT_TECH + "|other1|other2|other3"}, 5),
]


@pytest.mark.parametrize(("topic", "changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_answers_give_the_level_the_criteria_describe(
    fw: Framework, topic: str, changes: dict[str, str | None], expected: int | None
) -> None:
    assert score(fw, changes).topics[topic].level == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 1),
        ("0.01", 2),
        ("0.25", 2),
        ("0.26", 3),
        ("0.5", 3),
        ("0.75", 4),
        ("0.76", 5),
        ("1", 5),
    ],
)
def test_usability_bands_on_the_reviewers_score(fw: Framework, value: str, expected: int) -> None:
    res = score(fw, {}, analyst={"P4.SP2.T1.score": value}).topics["P4.SP2.T1"]
    assert res.level == expected and res.provenance == "analyst"


def test_usability_without_a_review_is_undetermined(fw: Framework) -> None:
    res = score(fw, {}, analyst={}).topics["P4.SP2.T1"]
    assert res.level is None and res.status == "undetermined" and "P4.SP2.T1.score" in res.missing


def test_an_unanswered_required_input_leaves_the_topic_undetermined(fw: Framework) -> None:
    res = score(fw, {"P1.5": None})
    topic = res.topics["P1.SP3.T1"]
    assert topic.level is None and topic.status == "undetermined" and "P1.5" in topic.missing
    assert res.topics["P1.SP3.T2"].level == 3  # its neighbour is unaffected


def test_an_unanswered_dcio_question_leaves_both_dcio_topics_undetermined(fw: Framework) -> None:
    res = score(fw, {"G2": None})
    assert res.topics["P3.SP1.T1"].level is None
    assert res.topics["P3.SP1.T2"].level is None


def test_p43_levels_come_from_the_process_forms(fw: Framework) -> None:
    res = score(fw, processes("1", "2", "3", "4", "5", "5", "4", "3", "2", "1"))
    assert [res.topics[f"P4.SP1.T3.S{i}"].level for i in range(1, 11)] == [1, 2, 3, 4, 5, 5, 4, 3, 2, 1]
    assert res.topics["P4.SP1.T3"].level == 3  # mean 3.0


def test_p43_processes_the_main_service_lacks_are_left_out(fw: Framework) -> None:
    res = score(fw, processes("5", "5", "5", "5", "5", "na", "5", "5", "5", "na"))
    assert res.topics["P4.SP1.T3"].level == 5  # mean of the 8 that apply; with 'na' as level 1 it would be 4
    assert res.topics["P4.SP1.T3.S6"].status == "not_applicable"
    assert res.topics["P4.SP1.T3.S6"].level is None and res.topics["P4.SP1.T3.S6"].score is None


def test_p43_with_no_process_that_applies_is_not_applicable(fw: Framework) -> None:
    res = score(fw, processes(*["na"] * 10))
    assert res.topics["P4.SP1.T3"].status == "not_applicable"
    assert res.topics["P4.SP1.T3"].level is None


# -- data updating: every frequency with every update time (seed 002 lines 178, 461) ------------------
# Levels 3-5 need a fixed cycle (real time ... yearly) AND an update time within the level's bound;
# level 2 is occasional or irregular updating, updating less often than once a year, or an update time
# over a quarter (or not fixed: 'ไม่แน่นอน'); level 1 is no updating. The time is asked only on a fixed
# cycle: elsewhere it cannot change the level, so an answer given there is ignored and none is needed.
UPDATE_TIMES = ("realtime", "day", "week", "month", "quarter", "over_quarter", "varies", None)
ON_A_CYCLE = (5, 4, 4, 3, 3, 2, 2, None)  # None: the time is required on a cycle, unanswered = undetermined
UPDATE_TABLE: dict[str, tuple[int | None, ...]] = {
    "none": (1, 1, 1, 1, 1, 1, 1, 1),
    "occasional": (2, 2, 2, 2, 2, 2, 2, 2),
    "over_year": (2, 2, 2, 2, 2, 2, 2, 2),
    "yearly": ON_A_CYCLE,
    "quarterly": ON_A_CYCLE,
    "monthly": ON_A_CYCLE,
    "daily": ON_A_CYCLE,
    "realtime": ON_A_CYCLE,
}


def test_the_update_table_covers_every_option(fw: Framework) -> None:
    assert set(UPDATE_TABLE) == set(fw.inputs["P2.8.1"].option_codes)
    assert set(UPDATE_TIMES) - {None} == set(fw.inputs["P2.8.2"].option_codes)


@pytest.mark.parametrize(
    ("frequency", "time", "expected"),
    [(f, t, row[i]) for f, row in UPDATE_TABLE.items() for i, t in enumerate(UPDATE_TIMES)],
)
def test_every_update_frequency_and_time_give_the_level_of_the_criteria(
    fw: Framework, frequency: str, time: str | None, expected: int | None
) -> None:
    topic = score(fw, {"P2.8.1": frequency, "P2.8.2": time}).topics["P2.SP4.T1"]
    assert topic.level == expected
    if expected is None:
        assert topic.status == "undetermined" and topic.missing == ("P2.8.2",)


def test_the_update_time_is_asked_only_on_a_fixed_cycle(fw: Framework) -> None:
    from dgmm.scoring.agency import input_applies

    asked = {f for f in UPDATE_TABLE if input_applies(fw, "P2.8.2", parse_answers(fw, {"P2.8.1": f}))}
    assert asked == {"yearly", "quarterly", "monthly", "daily", "realtime"}


# -- data management: every combination of cleansing, warehouse/lake and masking methods --------------
# (seed 002 lines 60, 182). Level 4 = cleansing AND a warehouse or lake AND masking/substitution;
# level 5 = the same with encryption. An agency may use both methods; the level is the highest whose
# criterion holds, so encryption gives 5 with or without masking. Nothing chosen = no masking.
MASKING_METHODS = ("", "masking", "encryption", "masking|encryption")
MASKING_TABLE: list[tuple[str, str, tuple[int, int, int, int]]] = [
    # cleansing, warehouse/lake -> level for each of MASKING_METHODS
    ("no", "", (1, 1, 1, 1)),
    ("no", "dw|dl", (1, 1, 1, 1)),
    ("yes", "", (2, 2, 2, 2)),
    ("yes", "dw", (3, 4, 5, 5)),
    ("yes", "dl", (3, 4, 5, 5)),
    ("yes", "dw|dl", (3, 4, 5, 5)),
]


def test_masking_methods_are_a_multiple_choice_of_the_two_forms(fw: Framework) -> None:
    inp = fw.inputs["P2.8.5"]
    assert (inp.type, inp.option_codes, inp.required) == ("multiple_choice", ("masking", "encryption"), True)


@pytest.mark.parametrize(
    ("cleansing", "stores", "methods", "expected"),
    [(c, s, m, row[i]) for c, s, row in MASKING_TABLE for i, m in enumerate(MASKING_METHODS)],
)
def test_every_masking_combination_gives_the_level_of_the_criteria(
    fw: Framework, cleansing: str, stores: str, methods: str, expected: int
) -> None:
    changes = {"P2.8.3": cleansing, "P2.8.4": stores, "P2.8.5": methods}
    assert score(fw, changes).topics["P2.SP4.T2"].level == expected


def test_the_order_in_which_methods_are_ticked_does_not_matter(fw: Framework) -> None:
    levels = {
        score(fw, {"P2.8.5": m}).topics["P2.SP4.T2"].level
        for m in ("masking|encryption", "encryption|masking")
    }
    assert levels == {5}


# -- PDPA: every combination of trained groups with 1 / 2 / 4 / 6 / 8 duties (seed 002 lines 52, 169) -----
# Level 2 = responsible staff trained AND >= 2 duties; 3 = public-facing or main-mission staff AND >= 4;
# 4 / 5 = all units AND >= 6 / 8. Scopes are ordered (a wider group meets the narrower scopes), and every
# group trained is ticked, so the level never depends on which one the agency judges the widest.
DUTY_COUNTS = ("1", "1|2", "1|2|3|4", "1|2|3|4|5|6", "1|2|3|4|5|6|7|8")
TRAINING_TABLE: dict[str, tuple[int, int, int, int, int]] = {
    "": (1, 1, 1, 1, 1),
    "pd": (1, 2, 2, 2, 2),
    "service": (1, 2, 3, 3, 3),
    "pd|service": (1, 2, 3, 3, 3),
    "all": (1, 2, 3, 4, 5),
    "pd|all": (1, 2, 3, 4, 5),
    "service|all": (1, 2, 3, 4, 5),
    "pd|service|all": (1, 2, 3, 4, 5),
}


@pytest.mark.parametrize(
    ("groups", "duties", "expected"),
    [(g, d, row[i]) for g, row in TRAINING_TABLE.items() for i, d in enumerate(DUTY_COUNTS)],
)
def test_every_trained_group_combination_gives_the_level_of_the_criteria(
    fw: Framework, groups: str, duties: str, expected: int
) -> None:
    assert score(fw, {"P2.7.1": groups, "P2.7.2": duties}).topics["P2.SP3.T1"].level == expected
