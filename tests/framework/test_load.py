"""Framework validation: every problem reported in one pass, with file, line, path and topic."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dgmm import FrameworkError, load_framework
from dgmm.cli.main import cli
from dgmm.framework import shipped_paths
from tests.conftest import FIXTURES

MINI = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")


def _variant(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    assert MINI.count(old) >= count, old
    path = tmp_path / "variant.yaml"
    path.write_text(MINI.replace(old, new, count), encoding="utf-8")
    return path


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _problems(path: Path) -> list:
    with pytest.raises(FrameworkError) as info:
        load_framework(path)
    return list(info.value.problems)


def test_mini_loads(mini) -> None:  # type: ignore[no-untyped-def]
    assert mini.id == "mini"
    assert [p.id for p in mini.pillars] == ["A", "B"]
    assert list(mini.inputs) == ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7"]
    assert mini.weights() == {"A": 60.0, "B": 40.0}
    assert mini.sub_pillars["A.2"].in_model is False
    assert mini.topics["B.1.T1"].from_parent is True
    assert mini.inputs["Q2"].option_codes == ("yes", "no")


@pytest.mark.parametrize(
    ("old", "new", "code", "fragment", "line_needle"),
    [
        ('rule: "Q2"', 'rule: "Q99"', "unknown_input", "unknown input 'Q99'", 'rule: "Q99"'),
        ("Q3 == 'all'", "Q3 == 'everyone'", "unknown_option", "option 'everyone'", "Q3 == 'everyone'"),
        (
            "map: {s0: 1, s1: 2, s2: 4, s3: 5}",
            "map: {s0: 1, s1: 2, s2: 4, s3: 7}",
            "level_out_of_range",
            "level must be 1..5",
            "map: {s0: 1",
        ),
        ("weight: 40", "weight: 45", "weights", "sum to 105, not 100", "- id: A"),
        (
            '              5: {criterion_th: "มีครบ 4 แผน"',
            '              6: {criterion_th: "มีครบ 4 แผน"',
            "level_out_of_range",
            "level out of range: 6",
            "6: {criterion_th",
        ),
        (
            "type: percent",
            "type: percentage",
            "unknown_input_type",
            "unknown input type 'percentage'",
            "type: percentage",
        ),
        (
            "bands: {2: 20, 3: 40, 4: 60, 5: 80}",
            "bands: {2: 20, 3: 40, 4: 30, 5: 80}",
            "bands_not_rising",
            "below level 3",
            "bands: {2: 20",
        ),
        ("id: B.1.T2", "id: B.1.T1", "duplicate_id", "already used", None),
        ("code: Q7", "code: Q6", "duplicate_input", "already defined in topic B.1.T2", None),
        ("in_model: false", "in_model: nope", "wrong_type", "expected true or false", "in_model: nope"),
        (
            "    from_parent: true",
            "    from_parent: true\n            colour: red",
            "unknown_key",
            "unknown key 'colour'",
            "colour: red",
        ),
    ],
)
def test_each_problem_names_its_line(
    tmp_path: Path, old: str, new: str, code: str, fragment: str, line_needle: str | None
) -> None:
    path = _variant(tmp_path, old, new)
    problems = _problems(path)
    match = [p for p in problems if p.code == code]
    assert match, [str(p) for p in problems]
    assert fragment in match[0].message
    assert match[0].file == str(path)
    if line_needle:
        assert match[0].line == _line_of(path.read_text(encoding="utf-8"), line_needle)


def test_rule_problem_names_topic_and_level(tmp_path: Path) -> None:
    problems = _problems(_variant(tmp_path, 'rule: "Q2"', 'rule: "Q99"'))
    assert problems[0].topic == "A.1.T2"
    assert "level 2" in problems[0].message


def test_all_problems_in_one_pass(tmp_path: Path) -> None:
    text = (
        MINI.replace('rule: "Q2"', 'rule: "Q99"')
        .replace("weight: 40", "weight: 45")
        .replace("type: percent", "type: percentage")
    )
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    codes = {p.code for p in _problems(path)}
    # structure problems are reported together; rule problems need a sound structure first
    assert {"weights", "unknown_input_type"} <= codes


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(MINI.replace('name_en: "Test model"', "name_en: [unclosed"), encoding="utf-8")
    problems = _problems(path)
    assert problems[0].code == "bad_yaml"
    assert problems[0].line > 0


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(MINI.replace("year: 2566\n", "year: 2566\nyear: 2567\n"), encoding="utf-8")
    problems = _problems(path)
    assert problems[0].code == "duplicate_key" and problems[0].line == 6


def test_no_python_objects_from_yaml(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text(
        MINI.replace('name_en: "Test model"', 'name_en: !!python/object/apply:os.system ["true"]'),
        encoding="utf-8",
    )
    assert _problems(path)[0].code == "bad_yaml"


def test_check_framework_command(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["check-framework", str(FIXTURES / "mini.yaml")])
    assert ok.exit_code == 0, ok.output
    assert "ok — mini (2566): 2 pillars, 3 sub-pillars, 5 topics, 7 inputs" in ok.output
    bad = _variant(tmp_path, 'rule: "Q2"', 'rule: "Q99"')
    res = runner.invoke(cli, ["check-framework", str(bad)])
    assert res.exit_code == 1
    assert "unknown input 'Q99'" in res.output
    line = _line_of(bad.read_text(encoding="utf-8"), 'rule: "Q99"')
    assert f"{bad}:{line}" in res.output


@pytest.mark.parametrize("fid", sorted(shipped_paths()))
def test_every_shipped_framework_loads(fid: str) -> None:
    fw = load_framework(fid)
    assert fw.id == fid
    assert fw.pillars


@pytest.mark.parametrize(
    ("old", "new", "code", "fragment"),
    [
        (
            'label_en: "Other"}',
            'label_en: "Other", max_length: 0}',
            "wrong_type",
            "whole number of characters 1..100000",
        ),
        ('label_en: "Other"}', 'label_en: "Other", max_length: 100001}', "wrong_type", "1..100000"),
        ('label_en: "Other"}', 'label_en: "Other", max_length: "long"}', "wrong_type", "found text"),
        (
            'label_en: "Has an executive"}',
            'label_en: "Has an executive", max_length: 10}',
            "bad_bounds",
            "a yes_no input takes no max_length",
        ),
        (
            'label_en: "Share of systems assessed (%)"',
            'label_en: "Share of systems assessed (%)"\n                max: .inf',
            "bad_bounds",
            "within ±1000000000000000",
        ),
        (
            'label_en: "Share of systems assessed (%)"',
            'label_en: "Share of systems assessed (%)"\n                min: -.inf',
            "bad_bounds",
            "within ±1000000000000000",
        ),
        ('label_en: "Other"}', 'label_en: "Other", min: 0}', "bad_bounds", "a text input takes no min"),
        (
            'label_en: "Share of systems assessed (%)"',
            'label_en: "Share of systems assessed (%)"\n                min: 150',
            "bad_bounds",
            "the lowest value allowed (150) is above the highest (100)",
        ),
    ],
)
def test_bounds_and_max_length_are_checked(
    tmp_path: Path, old: str, new: str, code: str, fragment: str
) -> None:
    problems = _problems(_variant(tmp_path, old, new))
    match = [p for p in problems if p.code == code]
    assert match and fragment in match[0].message, [str(p) for p in problems]


def test_max_length_is_kept(tmp_path: Path) -> None:
    fw = load_framework(_variant(tmp_path, 'label_en: "Other"}', 'label_en: "Other", max_length: 200}'))
    assert fw.inputs["Q7"].max_length == 200 and fw.inputs["Q7"].length_limit == 200
    assert fw.inputs["Q5"].bounds == (0.0, 100.0)


def test_a_huge_number_in_a_rule_is_refused(tmp_path: Path) -> None:
    problems = _problems(_variant(tmp_path, 'value: "Q5"', 'value: "Q5 * 1' + "0" * 400 + '"'))
    assert any(p.code == "bad_number" and "too large" in p.message for p in problems), [
        str(p) for p in problems
    ]
