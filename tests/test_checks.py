"""Consistency checks (dgmm.checks): each shipped check fires on contradicting answers and stays quiet
on consistent ones; facts beyond the answers are unknown when not supplied; bad checks fail at load."""

from __future__ import annotations

from pathlib import Path

import pytest

from dgmm import FrameworkError, load_framework, parse_answers
from dgmm.checks import CLEAR, FLAGGED, UNDECIDED, check_answers, evaluate_checks, previous_levels
from dgmm.errors import RuleError
from dgmm.rules.compile import compile_rule

# (framework, check id, answers that contradict, answers that agree): one row per shipped check
CASES: list[tuple[str, str, dict[str, str], dict[str, str]]] = [
    (
        "dept-2566",
        "open-data-catalog-without-data-catalog",
        {"P2.3.catalog": "yes", "P2.1.1.catalog": "none"},
        {"P2.3.catalog": "yes", "P2.1.1.catalog": "published"},
    ),
    (
        "dept-2566",
        "open-data-level-without-open-data-plan",
        {
            **dict.fromkeys(
                ["P2.3.list", "P2.3.metadata", "P2.3.resource", "P2.3.catalog", "P2.3.gd_catalog"], "yes"
            ),
            "P2.3.catalog_url": "https://data.example.go.th",
            "P2.3.quality": "yes",
            "P2.4": "3",
            "P2.3.survey": "no",
            "P1.8": "no",
        },
        {
            **dict.fromkeys(
                ["P2.3.list", "P2.3.metadata", "P2.3.resource", "P2.3.catalog", "P2.3.gd_catalog"], "yes"
            ),
            "P2.3.catalog_url": "https://data.example.go.th",
            "P2.3.quality": "yes",
            "P2.4": "3",
            "P2.3.survey": "no",
            "P1.8": "yes",
        },
    ),
    (
        "dept-2566",
        "data-governance-top-without-plan",
        {"P2.1.areas": "ogd", "P2.1.1.system": "yes", "P2.1.1.catalog": "published", "P1.7": "no"},
        {"P2.1.areas": "ogd", "P2.1.1.system": "yes", "P2.1.1.catalog": "published", "P1.7": "yes"},
    ),
    (
        "dept-2566",
        "digital-transactions-above-all",
        {"P4.4.digital_current": "120", "P4.4.total_current": "100"},
        {"P4.4.digital_current": "80", "P4.4.total_current": "100"},
    ),
    (
        "dept-2566",
        "main-service-digital-share-above-100",
        {"P4.4.main_digital_current": "150", "P4.4.main_total_current": "100"},
        {"P4.4.main_digital_current": "100", "P4.4.main_total_current": "100"},
    ),
    (
        "dept-2566",
        "main-service-above-all-transactions",
        {"P4.4.main_total_current": "200", "P4.4.total_current": "100"},
        {"P4.4.main_total_current": "60", "P4.4.total_current": "100"},
    ),
    (
        "dept-2566",
        "successful-projects-above-driven",
        {"G2": "yes", "G4.driven": "2", "G4.successful": "3"},
        {"G2": "yes", "G4.driven": "3", "G4.successful": "2"},
    ),
    (
        "dept-2566",
        "linked-system-not-digital",
        {
            "P5.1C": "saraban|hr",
            "P5.1.saraban": "yes",
            "P5.1.basic": "budget",
            "P5.1.dss": "no",
            "P5.1.other": "meeting",
        },
        {
            "P5.1C": "saraban|hr",
            "P5.1.saraban": "yes",
            "P5.1.basic": "hr|budget",
            "P5.1.dss": "no",
            "P5.1.other": "meeting",
        },
    ),
    (
        "dept-2566",
        "cyber-plans-without-cyber-plan",
        {"P1.3.ops": "1.1|2.3", "P6.2.plan": "no"},
        {"P1.3.ops": "1.1|2.3", "P6.2.plan": "yes"},
    ),
    (
        "dept-2566",
        "analytics-without-data-cleansing",
        {"P2.9": "5", "P2.8.3": "no"},
        {"P2.9": "5", "P2.8.3": "yes"},
    ),
    (
        "pcio-2566",
        "digital-services-above-all",
        {"P4.1.known": "yes", "P4.1.total": "10", "P4.1.1": "12"},
        {"P4.1.known": "yes", "P4.1.total": "10", "P4.1.1": "10"},
    ),
    (
        "pcio-2566",
        "governance-steps-outside-areas",
        {
            "P1.3.dg_plan": "yes",
            "P2.1.steps_ogd": "1|2",
            "P2.1.steps_exchange": "1",
            "P2.1.steps_analytics": "",
            "P2.1.areas": "exchange",
        },
        {
            "P1.3.dg_plan": "yes",
            "P2.1.steps_ogd": "1|2",
            "P2.1.steps_exchange": "1",
            "P2.1.steps_analytics": "",
            "P2.1.areas": "ogd|exchange",
        },
    ),
    (
        "pcio-2566",
        "open-data-without-catalog-plan",
        {"P2.2": "3", "P2.1.1.catalog": "none"},
        {"P2.2": "3", "P2.1.1.catalog": "planned"},
    ),
    (
        "pcio-2566",
        "digital-transactions-above-all",
        {"P4.4.digital_previous": "90", "P4.4.total_previous": "40"},
        {"P4.4.digital_previous": "30", "P4.4.total_previous": "40"},
    ),
    (
        "pcio-2566",
        "main-service-digital-share-above-100",
        {"P4.4.main_digital_current": "101", "P4.4.main_total_current": "100"},
        {"P4.4.main_digital_current": "0", "P4.4.main_total_current": "100"},
    ),
]


def _outcomes(fid: str, raw: dict[str, str], **facts: object) -> dict[str, str]:
    fw = load_framework(fid)
    return {
        cc.check.id + (f"@{cc.topic}" if cc.topic else ""): outcome
        for cc, outcome, _ in evaluate_checks(fw, parse_answers(fw, raw), **facts)  # type: ignore[arg-type]
    }


@pytest.mark.parametrize("fid", ["dept-2566", "pcio-2566"])
def test_every_shipped_check_has_a_case(fid: str) -> None:
    fw = load_framework(fid)
    plain = {c.id for c in fw.checks if not c.each}
    assert plain == {cid for f, cid, _, _ in CASES if f == fid}
    assert {c.id for c in fw.checks if c.each} == {"level-rose-two-or-more", "top-level-without-evidence"}


@pytest.mark.parametrize(("fid", "cid", "bad", "good"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_shipped_check_fires_on_contradiction_and_stays_quiet_otherwise(
    fid: str, cid: str, bad: dict[str, str], good: dict[str, str]
) -> None:
    fw = load_framework(fid)
    flags = check_answers(fw, parse_answers(fw, bad))
    assert [f.check_id for f in flags] == [cid]  # only this check, nothing else from these answers
    flag = flags[0]
    assert flag.severity in ("warning", "doubtful")
    assert flag.message.th and flag.message.en
    assert set(flag.topics) <= set(fw.topics)
    shown = dict(flag.values)
    assert any(shown.get(code) is not None for code in bad)  # the values that raised it are given
    assert _outcomes(fid, good)[cid] == CLEAR


def test_missing_answer_leaves_a_check_undetermined_not_flagged() -> None:
    outcomes = _outcomes("dept-2566", {"P2.3.catalog": "yes"})  # the catalogue status is still to come
    assert outcomes["open-data-catalog-without-data-catalog"] == UNDECIDED
    # settled by the known part: no catalogue claimed, so no contradiction whatever the status will be
    assert _outcomes("dept-2566", {"P2.3.catalog": "no"})["open-data-catalog-without-data-catalog"] == CLEAR


LINKAGE_TOP = {"P5.2.agency": "receive|send", "P5.2.central": "receive|send"}  # P5.SP1.T3 at level 5


def test_rising_two_levels_needs_previous_results() -> None:
    key = "level-rose-two-or-more@P5.SP1.T3"
    assert _outcomes("dept-2566", LINKAGE_TOP)[key] == UNDECIDED  # no previous results: unknown
    assert _outcomes("dept-2566", LINKAGE_TOP, previous={"P5.SP1.T3": 3})[key] == FLAGGED
    assert _outcomes("dept-2566", LINKAGE_TOP, previous={"P5.SP1.T3": 4})[key] == CLEAR
    assert _outcomes("dept-2566", LINKAGE_TOP, previous={})[key] == CLEAR  # no level then: nothing to compare
    fw = load_framework("dept-2566")
    flags = check_answers(fw, parse_answers(fw, LINKAGE_TOP), previous={"P5.SP1.T3": 2})
    rose = [f for f in flags if f.check_id == "level-rose-two-or-more"]
    assert [(f.topic, f.topics, f.key) for f in rose] == [
        ("P5.SP1.T3", ("P5.SP1.T3",), "level-rose-two-or-more@P5.SP1.T3")
    ]
    assert dict(rose[0].values) == {"level(P5.SP1.T3)": 5, "previous_level(P5.SP1.T3)": 2}


def test_top_level_without_evidence_needs_the_evidence_known() -> None:
    key = "top-level-without-evidence@P5.SP1.T3"
    assert _outcomes("dept-2566", LINKAGE_TOP)[key] == UNDECIDED
    assert _outcomes("dept-2566", LINKAGE_TOP, evidence=set())[key] == FLAGGED
    assert _outcomes("dept-2566", LINKAGE_TOP, evidence={"P5.SP1.T3"})[key] == CLEAR
    lower = {"P5.2.agency": "receive|send", "P5.2.central": "receive"}  # level 4: not a top-level claim
    assert _outcomes("dept-2566", lower, evidence=set())[key] == CLEAR


def test_previous_levels_from_a_results_document() -> None:
    doc = {
        "agencies": [
            {"id": "A", "status": "scored", "topics": {"T1": {"level": 3}, "T2": {"level": None}}},
            {"id": "B", "status": "no_answers", "topics": {}},
        ]
    }
    assert previous_levels(doc, "A") == {"T1": 3, "T2": None}
    assert previous_levels(doc, "B") is None
    assert previous_levels(doc, "C") is None


def test_check_facts_are_refused_in_level_rules() -> None:
    fw = load_framework("dept-2566")
    with pytest.raises(RuleError) as exc:
        compile_rule("level(P1.SP1.T1) >= 2", fw.inputs)
    assert exc.value.code == "check_only_function"


SMALL = (Path(__file__).parent / "web" / "data" / "shares.yaml").read_text(encoding="utf-8")


def _framework_with(tmp_path: Path, checks: str, extra_rule: str = "") -> Path:
    text = SMALL.replace(
        'rule: {kind: bands, value: "share(I1, I2)"',
        extra_rule or 'rule: {kind: bands, value: "share(I1, I2)"',
    )
    path = tmp_path / "shares.yaml"
    path.write_text(text + "checks:\n" + checks, encoding="utf-8")
    return path


def test_a_good_check_loads_and_flags(tmp_path: Path) -> None:
    path = _framework_with(
        tmp_path,
        "- id: part-above-whole\n  severity: doubtful\n  topics: [P1.SP1.T1]\n  when: 'I1 > I2'\n"
        "  message_th: 'ส่วนมากกว่าทั้งหมด'\n  message_en: 'A part above the whole'\n",
    )
    fw = load_framework(path)
    assert [f.check_id for f in check_answers(fw, parse_answers(fw, {"I1": "5", "I2": "4"}))] == [
        "part-above-whole"
    ]
    assert check_answers(fw, parse_answers(fw, {"I1": "4", "I2": "5"})) == []


def test_bad_checks_are_reported_with_file_line_and_code(tmp_path: Path) -> None:
    path = _framework_with(
        tmp_path,
        "- id: one\n  severity: doubtful\n  when: 'I1 > 2'\n  message_th: 'ก'\n  message_en: 'a'\n"
        "- id: one\n  severity: loud\n  topics: [P9.SP9.T9]\n  when: 'I1 > 2'\n  message_en: 'a'\n",
    )
    with pytest.raises(FrameworkError) as exc:
        load_framework(path)
    got = {(p.code, p.line) for p in exc.value.problems}
    first = SMALL.count("\n") + 2  # the line of the first check
    assert ("duplicate_check", first + 5) in got
    assert ("bad_severity", first + 6) in got
    assert ("unknown_topic", first + 7) in got
    assert ("missing", first + 5) in got  # no Thai message: the line of the check that lacks it
    assert all(p.file == str(path) for p in exc.value.problems)


@pytest.mark.parametrize(
    ("when", "code"),
    [
        ("I9 > 2", "unknown_input"),
        ("level(P1.SP9.T1) >= 2", "unknown_topic"),
        ("level(P1.SP1.T2) >= 2", "no_level"),  # a topic without levels
        ("level(this) >= 2", "bad_this"),  # `this` without `each: topic`
        ("frobnicate(I1)", "unknown_function"),
        ("I1 +", "syntax"),
    ],
)
def test_bad_check_conditions_fail_at_load(tmp_path: Path, when: str, code: str) -> None:
    path = _framework_with(
        tmp_path,
        f"- id: broken\n  severity: warning\n  when: '{when}'\n  message_th: 'ก'\n  message_en: 'a'\n",
    )
    with pytest.raises(FrameworkError) as exc:
        load_framework(path)
    [problem] = exc.value.problems
    assert problem.code == code
    assert problem.line == SMALL.count("\n") + 2 + 2  # the `when:` line
    assert "broken" in problem.where


def test_check_function_in_a_level_rule_fails_at_load(tmp_path: Path) -> None:
    path = _framework_with(
        tmp_path, "  []\n", 'rule: {kind: bands, value: "share(I1, I2) + previous_level(P1.SP1.T1)"'
    )
    with pytest.raises(FrameworkError) as exc:
        load_framework(path)
    assert {p.code for p in exc.value.problems} == {"check_only_function"}
