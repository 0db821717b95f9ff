"""The PCIO 2566 framework (seed 002 lines 307-581): structure, inheritance from dept-2566, and levels.

Expected levels come from the criteria wording of the detailed tables (band edges, gapped levels,
the overlapping P4.1 bands) and from DECISIONS.md §19-23, never from running the rules once.
"""

from __future__ import annotations

import pytest

from dgmm import load_framework, parse_answers, score_agency
from dgmm.framework.schema import Framework

# The 9 topics "scored using the answers of the parent department" (คิดคะแนนโดยใช้คำตอบจากกรมต้นสังกัด).
INHERITED = {
    "P1.SP2.T1",  # Cybersecurity: policy, standards and practices (P1.3)
    "P1.SP2.T2",  # Cybersecurity: preparedness / personnel skills (P1.3)
    "P2.SP3.T1",  # PDPA (P2.7.1-P2.7.2)
    "P2.SP4.T1",  # Data updating (P2.8.1, P2.8.2)
    "P2.SP4.T2",  # Data management (P2.8.3-P2.8.5)
    "P2.SP4.T3",  # Data analytics (P2.9)
    "P3.SP2.T1",  # Digital skills, ว6 framework (P3.2)
    "P4.SP3.T1",  # Promotion for digital service usage (P4.4)
    "P5.SP2.T1",  # Automation (P5.3, P5.3.1)
}


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework("pcio-2566")


@pytest.fixture(scope="module")
def dept() -> Framework:
    return load_framework("dept-2566")


# A complete set of the province's own answers (raw strings, as in an answers file). Each case below
# changes only the inputs of the topic it checks.
OWN: dict[str, str] = {
    "P1.1": "1|2|3|4",
    "P1.2": "no",
    "P1.3.dg_plan": "yes",
    "P2.1.steps_ogd": "1",
    "P2.1.steps_exchange": "",
    "P2.1.steps_analytics": "",
    "P2.1.areas": "ogd",
    "P2.1.1.system": "yes",
    "P2.1.1.catalog": "planned",
    "P2.2": "1",
    "G1": "yes",
    "G2": "yes",
    "G3.pushed": "yes",
    "G3.successful": "1",
    "P3.1.methods": "1",
    "P3.1.areas": "1|2",
    "P3.1.measured": "",
    "P4.1.known": "yes",
    "P4.1.total": "10",
    "P4.1.1": "3",
    "P4.3": "requests",
    "P4.2": "1",
    "P4.SP4.T1.score": "0.5",
    "P4.4.1.active": "yes",
    "P4.4.1.channels": "website",
    "P4.4.2.active": "no",
    "P4.4.3.active": "no",
    "P5.1.saraban": "yes",
    "P5.1.basic": "1",
    "P5.1.dss": "no",
    "P5.1.other": "",
    "P5.SP3.T1.apps": "m365",
    "P5.SP3.T1.remote_work": "",
    "P6.1": "gdcc",
    "P6.2.plan": "yes",
    "P6.2.iso27001": "no",
    "P6.2.other": "nist",
    "P7.SP1.T1.tech": "ai",
    "P7.SP1.T1.others": "0",
}


def level_of(fw: Framework, topic: str, changes: dict[str, str | None]) -> int | None:
    raw: dict[str, str] = dict(OWN)
    for code, value in changes.items():
        if value is None:
            raw.pop(code, None)
        else:
            raw[code] = value
    result = score_agency(fw, parse_answers(fw, raw))
    return result.topics[topic].level


# -- structure ---------------------------------------------------------------------------------------


def test_counts_match_the_extract(fw: Framework) -> None:
    assert fw.id == "pcio-2566"
    assert fw.year == 2566
    assert fw.tiers == ("pcio",)
    assert [p.id for p in fw.pillars] == ["P1", "P2", "P3", "P4", "P5", "P6", "P7"]
    assert len(fw.sub_pillars) == 22
    assert len(fw.topics) == 29
    per_pillar = {p.id: sum(len(sp.topics) for sp in p.sub_pillars) for p in fw.pillars}
    assert per_pillar == {"P1": 5, "P2": 6, "P3": 4, "P4": 8, "P5": 3, "P6": 2, "P7": 1}
    assert all(p.weight is None for p in fw.pillars)  # no pillar weights are published


def test_every_pillar_names_its_five_levels_in_both_languages(fw: Framework) -> None:
    for p in fw.pillars:
        assert len(p.level_names) == 5, p.id
        assert all(n.th and n.en for n in p.level_names), p.id
    assert fw.pillar("P6").level_names[0].en == "Obsolete"  # detailed table, not overview
    assert fw.pillar("P7").level_names[4].en == "Future-tech"


def test_every_level_has_a_criterion_or_is_a_gap_without_a_rule(fw: Framework) -> None:
    for t in fw.iter_topics():
        assert sorted(t.levels) == [1, 2, 3, 4, 5], t.id
        for k, lv in t.levels.items():
            if not (lv.criterion_th or lv.criterion_en):
                assert lv.rule is None, f"{t.id} level {k}"
            else:
                assert lv.criterion_th and lv.criterion_en, f"{t.id} level {k}"


@pytest.mark.parametrize(
    ("topic", "gaps"),
    [
        ("P1.SP3.T1", [2, 3, 4]),  # rules and regulations: only 1 and 5
        ("P2.SP2.T1", [5]),  # open data: level 5 blank in the detailed table
        ("P3.SP1.T1", [2, 4]),  # PCIO Committee: 1, 3, 5
        ("P4.SP2.T1", [2, 3, 4]),  # paperless service: only 1 and 5
    ],
)
def test_gapped_levels_are_empty(fw: Framework, topic: str, gaps: list[int]) -> None:
    levels = fw.topics[topic].levels
    for k in gaps:
        assert not levels[k].criterion_th and levels[k].rule is None
    for k in set(range(1, 6)) - set(gaps):
        assert levels[k].criterion_th


def test_identical_level_texts_keep_only_the_lower_level_reachable(fw: Framework) -> None:
    levels = fw.topics["P3.SP3.T1"].levels  # DECISIONS §20: P3.1 levels 3 and 4 read the same
    assert levels[3].criterion_th == levels[4].criterion_th
    assert levels[3].rule is not None and levels[4].rule is None


def test_exactly_nine_topics_come_from_the_parent(fw: Framework) -> None:
    assert {t.id for t in fw.iter_topics() if t.from_parent} == INHERITED


def test_own_input_codes_do_not_shadow_the_parents_question_codes(fw: Framework) -> None:
    own = {c for c, i in fw.inputs.items() if not fw.topics[i.topic_id].from_parent}
    # the PCIO's own printed codes P5.3.1-P5.3.3 and P1.3 clash with the department's; they are renamed
    assert not own & {"P1.3", "P5.3", "P5.3.1", "P5.3.2", "P5.3.3"}
    assert {"P1.3.dg_plan", "P5.SP3.T1.apps", "P5.SP3.T1.remote_work"} <= own


# -- answers -> levels -------------------------------------------------------------------------------

CASES: list[tuple[str, str, dict[str, str | None], int | None]] = [
    # P1.1: 0 / 1-3 / 4-6 / 7-9 / 10-12 of 12 items
    ("P1.1 none", "P1.SP1.T1", {"P1.1": ""}, 1),
    ("P1.1 one", "P1.SP1.T1", {"P1.1": "12"}, 2),
    ("P1.1 three", "P1.SP1.T1", {"P1.1": "1|2|3"}, 2),
    ("P1.1 four", "P1.SP1.T1", {"P1.1": "1|2|3|4"}, 3),
    ("P1.1 nine", "P1.SP1.T1", {"P1.1": "1|2|3|4|5|6|7|8|9"}, 4),
    ("P1.1 ten", "P1.SP1.T1", {"P1.1": "1|2|3|4|5|6|7|8|9|10"}, 5),
    ("P1.1 unanswered", "P1.SP1.T1", {"P1.1": None}, None),
    # P1.2: only 1 and 5; 'being established' is level 1
    ("P1.2 no", "P1.SP3.T1", {"P1.2": "no"}, 1),
    ("P1.2 in progress", "P1.SP3.T1", {"P1.2": "in_progress"}, 1),
    ("P1.2 yes", "P1.SP3.T1", {"P1.2": "yes"}, 5),
    # Data Policy: plan + steps of one data-utilisation area
    ("DP no plan", "P1.SP4.T1", {"P1.3.dg_plan": "no", "P2.1.steps_ogd": "1|2|3|4"}, 1),
    ("DP plan, no step", "P1.SP4.T1", {"P2.1.steps_ogd": ""}, 1),
    (
        "DP 3 steps over 3 areas",
        "P1.SP4.T1",
        {"P2.1.steps_ogd": "1", "P2.1.steps_exchange": "2", "P2.1.steps_analytics": "3"},
        2,
    ),
    ("DP 2 steps in one area", "P1.SP4.T1", {"P2.1.steps_exchange": "1|4"}, 3),
    ("DP 3 steps in one area", "P1.SP4.T1", {"P2.1.steps_analytics": "1|2|3"}, 4),
    ("DP all 4 in one area", "P1.SP4.T1", {"P2.1.steps_ogd": "1|2|3|4"}, 5),
    # Data Governance: an area in use + system / catalogue status
    ("DG no area", "P2.SP1.T1", {"P2.1.areas": "", "P2.1.1.catalog": "published"}, 1),
    ("DG area, no step", "P2.SP1.T1", {"P2.1.1.system": "no", "P2.1.1.catalog": "none"}, 1),
    ("DG one step", "P2.SP1.T1", {"P2.1.1.system": "no", "P2.1.1.catalog": "planned"}, 2),
    ("DG both steps", "P2.SP1.T1", {"P2.1.1.catalog": "planned"}, 3),
    ("DG prepared", "P2.SP1.T1", {"P2.1.1.catalog": "prepared"}, 4),
    ("DG published", "P2.SP1.T1", {"P2.1.1.catalog": "published"}, 5),
    ("DG published, no system", "P2.SP1.T1", {"P2.1.1.system": "no", "P2.1.1.catalog": "published"}, 2),
    # Open data: highest star level; level 5 has no criterion
    ("OD none", "P2.SP2.T1", {"P2.2": "0"}, 1),
    ("OD 1 star", "P2.SP2.T1", {"P2.2": "1"}, 2),
    ("OD 2 stars", "P2.SP2.T1", {"P2.2": "2"}, 3),
    ("OD 3+ stars is the top", "P2.SP2.T1", {"P2.2": "3"}, 4),
    # PCIO Committee (G1, G2): 1 / 3 / 5
    ("G1 none", "P3.SP1.T1", {"G1": "no", "G2": "yes"}, 1),
    ("G1 no meetings", "P3.SP1.T1", {"G2": "no"}, 3),
    ("G1 meetings", "P3.SP1.T1", {"G2": "yes"}, 5),
    ("G2 unanswered", "P3.SP1.T1", {"G2": None}, None),
    ("G2 not asked without a committee", "P3.SP1.T1", {"G1": "no", "G2": None}, 1),
    # G3: not pushed / pushed, none succeeded / 1-2 / 3-4 / 5 (or more)
    ("G3 not pushed", "P3.SP1.T2", {"G3.pushed": "no", "G3.successful": None}, 1),
    ("G3 pushed, none succeeded", "P3.SP1.T2", {"G3.successful": "0"}, 2),
    ("G3 two", "P3.SP1.T2", {"G3.successful": "2"}, 3),
    ("G3 three", "P3.SP1.T2", {"G3.successful": "3"}, 4),
    ("G3 five", "P3.SP1.T2", {"G3.successful": "5"}, 5),
    ("G3 more than five", "P3.SP1.T2", {"G3.successful": "8"}, 5),
    # P3.1: methods, 7 areas, measured; level 4 = level 3's text, never reached
    ("P3.1 no method", "P3.SP3.T1", {"P3.1.methods": "", "P3.1.areas": None, "P3.1.measured": None}, 1),
    ("P3.1 some areas", "P3.SP3.T1", {"P3.1.areas": "1|2|3|4|5|6"}, 2),
    ("P3.1 all 7, no measurement", "P3.SP3.T1", {"P3.1.areas": "1|2|3|4|5|6|7", "P3.1.measured": "1|2|3"}, 3),
    (
        "P3.1 all 7 measured",
        "P3.SP3.T1",
        {"P3.1.areas": "1|2|3|4|5|6|7", "P3.1.measured": "1|2|3|4|5|6|7"},
        5,
    ),
    (
        "P3.1 measured, not all promoted",
        "P3.SP3.T1",
        {"P3.1.areas": "1|2", "P3.1.measured": "1|2|3|4|5|6|7"},
        2,
    ),
    # P4.1: self-developed share 0 / <=50 / >50 / >80 / 100 (overlapping bands read upwards)
    ("P4.1 unknown count", "P4.SP1.T1", {"P4.1.known": "no", "P4.1.total": None, "P4.1.1": None}, 1),
    ("P4.1 none", "P4.SP1.T1", {"P4.1.1": "0"}, 1),
    ("P4.1 no services at all", "P4.SP1.T1", {"P4.1.total": "0", "P4.1.1": "0"}, 1),
    ("P4.1 1%", "P4.SP1.T1", {"P4.1.total": "100", "P4.1.1": "1"}, 2),
    ("P4.1 50%", "P4.SP1.T1", {"P4.1.total": "10", "P4.1.1": "5"}, 2),
    ("P4.1 51%", "P4.SP1.T1", {"P4.1.total": "100", "P4.1.1": "51"}, 3),
    ("P4.1 80%", "P4.SP1.T1", {"P4.1.total": "10", "P4.1.1": "8"}, 3),
    ("P4.1 81%", "P4.SP1.T1", {"P4.1.total": "100", "P4.1.1": "81"}, 4),
    ("P4.1 99%", "P4.SP1.T1", {"P4.1.total": "100", "P4.1.1": "99"}, 4),
    ("P4.1 100%", "P4.SP1.T1", {"P4.1.total": "7", "P4.1.1": "7"}, 5),
    ("P4.1 total unanswered", "P4.SP1.T1", {"P4.1.total": None}, None),
    # Paperless (P4.3): 1 or 5
    ("P4.3 requests copies", "P4.SP2.T1", {"P4.3": "requests"}, 1),
    ("P4.3 photocopies originals", "P4.SP2.T1", {"P4.3": "photocopies"}, 1),
    ("P4.3 linked databases", "P4.SP2.T1", {"P4.3": "linked"}, 5),
    ("P4.3 never asked", "P4.SP2.T1", {"P4.3": "never"}, 5),
    # Vulnerable groups (P4.2): 0 / 1 / 2 / 3-4 / 5+ of 7
    ("P4.2 none", "P4.SP2.T2", {"P4.2": ""}, 1),
    ("P4.2 two", "P4.SP2.T2", {"P4.2": "1|7"}, 3),
    ("P4.2 four", "P4.SP2.T2", {"P4.2": "1|2|3|4"}, 4),
    ("P4.2 five", "P4.SP2.T2", {"P4.2": "1|2|3|4|5"}, 5),
    # Usability: 0 / (0, .25] / (.25, .5] / (.5, .75] / (.75, 1]
    ("usability 0", "P4.SP4.T1", {"P4.SP4.T1.score": "0"}, 1),
    ("usability .25", "P4.SP4.T1", {"P4.SP4.T1.score": "0.25"}, 2),
    ("usability .26", "P4.SP4.T1", {"P4.SP4.T1.score": "0.26"}, 3),
    ("usability .75", "P4.SP4.T1", {"P4.SP4.T1.score": "0.75"}, 4),
    ("usability .76", "P4.SP4.T1", {"P4.SP4.T1.score": "0.76"}, 5),
    ("usability 1", "P4.SP4.T1", {"P4.SP4.T1.score": "1"}, 5),
    # e-Information etc.: active + channels 1 / 2 / 3 / 4-5
    ("e-Info inactive", "P4.SP5.T1", {"P4.4.1.active": "no", "P4.4.1.channels": None}, 1),
    ("e-Info active, no channel", "P4.SP5.T1", {"P4.4.1.channels": ""}, 1),
    ("e-Info 3 channels", "P4.SP5.T1", {"P4.4.1.channels": "website|email|line"}, 4),
    ("e-Info 4 channels", "P4.SP5.T1", {"P4.4.1.channels": "website|email|line|other"}, 5),
    (
        "e-Consultation 2 channels",
        "P4.SP5.T2",
        {"P4.4.2.active": "yes", "P4.4.2.channels": "social|other"},
        3,
    ),
    ("e-Decision 1 channel", "P4.SP5.T3", {"P4.4.3.active": "yes", "P4.4.3.channels": "line"}, 2),
    # P5.1: saraban -> some basic -> all basic + DSS -> + other
    ("P5.1 no saraban", "P5.SP1.T1", {"P5.1.saraban": "no", "P5.1.basic": "1|2|3|4|5", "P5.1.dss": "yes"}, 1),
    ("P5.1 saraban only", "P5.SP1.T1", {"P5.1.basic": ""}, 2),
    ("P5.1 some basic", "P5.SP1.T1", {"P5.1.basic": "1|2|3|4"}, 3),
    ("P5.1 all basic, no DSS", "P5.SP1.T1", {"P5.1.basic": "1|2|3|4|5"}, 3),
    ("P5.1 all basic + DSS", "P5.SP1.T1", {"P5.1.basic": "1|2|3|4|5", "P5.1.dss": "yes"}, 4),
    ("P5.1 + other", "P5.SP1.T1", {"P5.1.basic": "1|2|3|4|5", "P5.1.dss": "yes", "P5.1.other": "5"}, 5),
    # Collaboration: apps AND out-of-office forms; mixed counts take what both meet (§19)
    ("collab nothing", "P5.SP3.T1", {"P5.SP3.T1.apps": "", "P5.SP3.T1.remote_work": ""}, 1),
    ("collab one form only", "P5.SP3.T1", {"P5.SP3.T1.apps": "", "P5.SP3.T1.remote_work": "checkin"}, 2),
    (
        "collab 2 apps, 1 form",
        "P5.SP3.T1",
        {"P5.SP3.T1.apps": "m365|slack", "P5.SP3.T1.remote_work": "checkup"},
        3,
    ),
    (
        "collab 2 apps, 2 forms",
        "P5.SP3.T1",
        {"P5.SP3.T1.apps": "m365|slack", "P5.SP3.T1.remote_work": "checkin|checkup"},
        4,
    ),
    (
        "collab 2 apps, 3 forms",
        "P5.SP3.T1",
        {"P5.SP3.T1.apps": "m365|slack", "P5.SP3.T1.remote_work": "checkin|checkup|other"},
        4,
    ),
    (
        "collab 3 apps, 3 forms",
        "P5.SP3.T1",
        {"P5.SP3.T1.apps": "m365|slack|own", "P5.SP3.T1.remote_work": "checkin|checkup|other"},
        5,
    ),
    # P6.1: 0 / 1 / 2 / 3 / 4 items
    ("P6.1 none", "P6.SP1.T1", {"P6.1": ""}, 1),
    ("P6.1 three", "P6.SP1.T1", {"P6.1": "gdcc|gin|workd"}, 4),
    ("P6.1 four", "P6.SP1.T1", {"P6.1": "gdcc|gin|workd|other"}, 5),
    # P6.2: detailed table (no ISO at levels 2-3)
    ("P6.2 no plan", "P6.SP2.T1", {"P6.2.plan": "no", "P6.2.iso27001": None, "P6.2.other": None}, 1),
    ("P6.2 plan, nothing else", "P6.SP2.T1", {"P6.2.other": ""}, 1),
    ("P6.2 no ISO, 1 other", "P6.SP2.T1", {"P6.2.other": "cobit"}, 2),
    ("P6.2 no ISO, 2 others", "P6.SP2.T1", {"P6.2.other": "cobit|itil"}, 3),
    ("P6.2 no ISO, 6 others", "P6.SP2.T1", {"P6.2.other": "nist|iec62443|cobit|itil|cis|iso15408"}, 3),
    ("P6.2 ISO only", "P6.SP2.T1", {"P6.2.iso27001": "yes", "P6.2.other": ""}, 4),
    ("P6.2 ISO + other", "P6.SP2.T1", {"P6.2.iso27001": "yes", "P6.2.other": "cis"}, 5),
    # P7: 8 listed + up to 3 others: 0 / 1-2 / 3-4 / 5-8 / 9-11
    ("P7 none", "P7.SP1.T1", {"P7.SP1.T1.tech": "", "P7.SP1.T1.others": "0"}, 1),
    ("P7 two", "P7.SP1.T1", {"P7.SP1.T1.tech": "ai", "P7.SP1.T1.others": "1"}, 2),
    ("P7 three", "P7.SP1.T1", {"P7.SP1.T1.tech": "ai|api", "P7.SP1.T1.others": "1"}, 3),
    (
        "P7 eight listed",
        "P7.SP1.T1",
        {"P7.SP1.T1.tech": "ai|xr|api|iot|stats|bigdata|blockchain|domain", "P7.SP1.T1.others": "0"},
        4,
    ),
    (
        "P7 eight + one other",
        "P7.SP1.T1",
        {"P7.SP1.T1.tech": "ai|xr|api|iot|stats|bigdata|blockchain|domain", "P7.SP1.T1.others": "1"},
        5,
    ),
]


@pytest.mark.parametrize(("topic", "changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_answers_give_the_level_the_criteria_describe(
    fw: Framework, topic: str, changes: dict[str, str | None], expected: int | None
) -> None:
    assert level_of(fw, topic, changes) == expected


def test_an_unanswered_required_input_leaves_the_topic_undetermined(fw: Framework) -> None:
    raw = {k: v for k, v in OWN.items() if k != "P6.1"}
    res = score_agency(fw, parse_answers(fw, raw)).topics["P6.SP1.T1"]
    assert res.level is None and res.status == "undetermined" and "P6.1" in res.missing


def test_usability_is_the_reviewers_value(fw: Framework) -> None:
    own = parse_answers(fw, {k: v for k, v in OWN.items() if k != "P4.SP4.T1.score"})
    checked = parse_answers(fw, {"P4.SP4.T1.score": "0.9"})
    res = score_agency(fw, own, analyst_values=checked).topics["P4.SP4.T1"]
    assert res.level == 5 and res.provenance == "analyst"


# -- topics scored from the parent department (DECISIONS §7, §23) -------------------------------------


@pytest.mark.parametrize("topic_id", sorted(INHERITED))
def test_inherited_topic_is_the_department_topic(fw: Framework, dept: Framework, topic_id: str) -> None:
    """Same input codes, types, options and rules as dept-2566, and the department's level texts."""
    mine, theirs = fw.topics[topic_id], dept.topics[topic_id]
    assert [i.code for i in mine.inputs] == [i.code for i in theirs.inputs]
    for a, b in zip(mine.inputs, theirs.inputs, strict=True):
        assert (a.type, a.option_codes, a.required, a.min, a.max) == (
            b.type,
            b.option_codes,
            b.required,
            b.min,
            b.max,
        )
        assert (a.applies_if and a.applies_if.text) == (b.applies_if and b.applies_if.text)
        assert a.answered_by == "parent"
    assert (mine.rule.kind, mine.rule.thresholds, mine.rule.compare, mine.rule.mapping) == (
        theirs.rule.kind,
        theirs.rule.thresholds,
        theirs.rule.compare,
        theirs.rule.mapping,
    )
    assert (mine.rule.value and mine.rule.value.text) == (theirs.rule.value and theirs.rule.value.text)
    for k in range(1, 6):
        a_lv, b_lv = mine.levels[k], theirs.levels[k]
        assert (a_lv.criterion_th, a_lv.criterion_en) == (b_lv.criterion_th, b_lv.criterion_en), k
        assert (a_lv.rule and a_lv.rule.text) == (b_lv.rule and b_lv.rule.text), k


def test_inherited_rules_read_only_the_parents_inputs(fw: Framework, dept: Framework) -> None:
    from dgmm.scoring.engine import engine_for

    engine = engine_for(fw)
    for topic_id in INHERITED:
        needed = set(engine.topics[topic_id].needed)
        assert needed <= set(dept.inputs), topic_id
        assert all(fw.inputs[c].topic_id == topic_id for c in needed), topic_id


# The parent department's answers (raw strings of the dept-2566 answers file) and the level each
# inherited topic takes from them, read off the department criteria.
DEPT: dict[str, str] = {
    "P1.3.ops": "1.1|1.2|1.3|2.1|2.2|2.3|3.1",  # 7 of 11 items -> 7-9
    "P1.3.readiness": "2|4",  # 2 of 5
    "P2.7.1": "service",  # trained public-facing / core-mission staff
    "P2.7.2": "1|2|3|4|5",  # and at least 4 duties
    "P2.8.1": "monthly",  # regular updates
    "P2.8.2": "week",  # within a day or a week
    "P2.8.3": "yes",  # cleansing
    "P2.8.4": "dw",  # a data warehouse
    "P2.8.5": "masking",  # masking / substitution
    "P2.9": "3",  # use stage 3
    "P3.2.tested": "yes",
    "P3.2.score": "61",  # more than 60, not more than 80
    "P4.4.main_service": "license",
    "P4.4.total_current": "1000",
    "P4.4.digital_current": "600",  # 60% now
    "P4.4.total_previous": "1000",
    "P4.4.digital_previous": "500",  # 50% before: increased
    "P4.4.main_total_current": "100",
    "P4.4.main_digital_current": "40",  # main service 40%: from 30 below 50
    "P5.3": "yes",
    "P5.3.1": "1|2",  # 2 improved outcomes
}
FROM_DEPT = {
    "P1.SP2.T1": 4,
    "P1.SP2.T2": 3,
    "P2.SP3.T1": 3,
    "P2.SP4.T1": 4,
    "P2.SP4.T2": 4,
    "P2.SP4.T3": 3,
    "P3.SP2.T1": 4,
    "P4.SP3.T1": 4,
    "P5.SP2.T1": 3,
}


def test_inherited_topics_take_the_parents_answers(fw: Framework, dept: Framework) -> None:
    assert set(FROM_DEPT) == INHERITED
    dept_values = parse_answers(dept, DEPT)
    own = parse_answers(fw, OWN)
    res = score_agency(fw, own, parent_values=dept_values)
    for topic_id, level in FROM_DEPT.items():
        tr = res.topics[topic_id]
        assert tr.provenance.startswith("parent"), topic_id
        assert (tr.level, tr.status) == (level, "determined"), topic_id
    # the department scores the same answers to the same levels
    dres = score_agency(dept, dept_values)
    assert {t: dres.topics[t].level for t in INHERITED} == FROM_DEPT
    # the province's own topics are untouched by the parent's answers
    alone = score_agency(fw, own, parent_values={})
    for topic_id in set(fw.topics) - INHERITED:
        assert res.topics[topic_id] == alone.topics[topic_id]
        assert res.topics[topic_id].provenance in ("own", "analyst")


def test_parent_id_is_kept_in_the_provenance(fw: Framework, dept: Framework) -> None:
    res = score_agency(fw, parse_answers(fw, OWN), parent_values=parse_answers(dept, DEPT), parent_id="D0042")
    assert {res.topics[t].provenance for t in INHERITED} == {"parent:D0042"}


def test_the_provinces_own_answers_to_parent_inputs_are_not_used(fw: Framework, dept: Framework) -> None:
    own = parse_answers(fw, {**OWN, "P1.3.ops": "1.1|1.2|1.3|2.1|2.2|2.3|3.1|3.2|3.3|3.4|3.5"})
    res = score_agency(fw, own, parent_values=parse_answers(dept, DEPT))
    assert res.topics["P1.SP2.T1"].level == 4  # the parent's 7 items, not the province's 11


def test_without_the_parents_answers_inherited_topics_are_undetermined(fw: Framework) -> None:
    res = score_agency(fw, parse_answers(fw, OWN), parent_values=None, parent_id="D0042")
    for topic_id in INHERITED:
        tr = res.topics[topic_id]
        assert tr.level is None and tr.score is None, topic_id  # never a silent zero
        assert (tr.status, tr.provenance, tr.reason) == ("undetermined", "parent:D0042", "parent_missing"), (
            topic_id
        )
    # a sub-pillar made only of inherited topics has no level and no score
    assert res.sub_pillars["P1.SP2"].level is None and res.sub_pillars["P1.SP2"].score is None
    # the rest is still scored: P1's other sub-pillars give it a level
    assert res.topics["P1.SP1.T1"].level == 3
    assert res.pillars["P1"].level is not None


# Data updating and data management through the parent (seed 002 lines 461, 465): the department's
# answers that the department's own tables score (tests/framework/test_dept_2566.py) give the province
# the same level: both masking methods, an irregular updater not asked the time, a time that varies.
@pytest.mark.parametrize(
    ("changes", "topic_id", "expected"),
    [
        ({"P2.8.5": "masking|encryption"}, "P2.SP4.T2", 5),
        ({"P2.8.5": "encryption"}, "P2.SP4.T2", 5),
        ({"P2.8.5": ""}, "P2.SP4.T2", 3),
        ({"P2.8.1": "occasional", "P2.8.2": None}, "P2.SP4.T1", 2),
        ({"P2.8.1": "yearly", "P2.8.2": "varies"}, "P2.SP4.T1", 2),
        ({"P2.8.1": "none", "P2.8.2": None}, "P2.SP4.T1", 1),
    ],
)
def test_parent_answers_on_masking_and_update_time(
    fw: Framework, dept: Framework, changes: dict[str, str | None], topic_id: str, expected: int
) -> None:
    raw = {k: v for k, v in {**DEPT, **changes}.items() if v is not None}
    res = score_agency(fw, parse_answers(fw, OWN), parent_values=parse_answers(dept, raw))
    assert res.topics[topic_id].level == expected
