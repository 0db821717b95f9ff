"""The registry reference data: provinces, ministries, departments and the 19 types of seed 003."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dgmm import InputFileError
from dgmm.simulate import load_registry, read_registry
from dgmm.simulate.registry import REGISTRY_PATH
from tests.conftest import SPEC

SEED_003 = SPEC / "seeds" / "003_e89ed8b46ae456a8.txt"


def test_registry_is_readable_thai() -> None:
    text = REGISTRY_PATH.read_text(encoding="utf-8")
    assert "\\u" not in text and "\\x" not in text
    assert "สำนักงานปลัดกระทรวงพาณิชย์" in text


def test_76_provinces_without_bangkok() -> None:
    reg = load_registry()
    assert len(reg.provinces) == 76
    assert len({p.id for p in reg.provinces}) == 76
    assert len({p.name_th for p in reg.provinces}) == 76 and len({p.name_en for p in reg.provinces}) == 76
    assert "TH-10" not in {p.id for p in reg.provinces}
    assert not any("กรุงเทพ" in p.name_th or "Bangkok" in p.name_en for p in reg.provinces)
    counts = Counter(p.region for p in reg.provinces)
    assert counts == {"north": 9, "northeast": 20, "central": 21, "east": 7, "west": 5, "south": 14}


def test_ministries_and_departments() -> None:
    reg = load_registry()
    assert len(reg.ministries) == 20  # the 20 units of seed 001's ministry grid
    assert reg.ministry("OPM").name_th == "สำนักนายกรัฐมนตรี"
    assert len({m.code for m in reg.ministries}) == 20
    for m in reg.ministries:
        depts = reg.departments_of(m.code)
        assert len(depts) >= 5, m.code
        assert m.name_th and m.name_en
        assert all(d.name_th and d.name_en for d in depts)
    assert len({d.id for d in reg.departments}) == len(reg.departments)


def test_ministry_names_match_seed_001_grid() -> None:
    import json

    doc = json.loads((SPEC / "survey_results_2562.json").read_text(encoding="utf-8"))

    def members(node: object) -> list[dict[str, str]]:
        if isinstance(node, dict):
            if "quadrants" in node and "performance_mean" in node.get("thresholds", {}):
                return [m for q in node["quadrants"] for m in q["members"]]
            return [m for v in node.values() for m in members(v)]
        if isinstance(node, list):
            return [m for v in node for m in members(v)]
        return []

    grid = members(doc)
    assert grid, "the 2562 ministry grid of seed 001 is in survey_results_2562.json"
    reg = load_registry()
    assert {(m["th"], m["en"]) for m in grid} == {(m.name_th, m.name_en) for m in reg.ministries}


def test_the_19_types_are_those_of_seed_003_line_171() -> None:
    line = SEED_003.read_text(encoding="utf-8").splitlines()[170]
    listed = line.split("ประกอบด้วย", 1)[1].split("ให้เป็นหน่วยงานตัวแทน", 1)[0]
    names = [n.strip() for n in listed.replace(" และ", " ").split()]
    reg = load_registry()
    assert [t.name_th for t in reg.provincial_types] == names
    assert len(names) == 19


def test_every_type_has_a_parent_department() -> None:
    reg = load_registry()
    for t in reg.provincial_types:
        parent = reg.department(t.parent)
        assert parent.ministry
    assert (
        reg.department(next(t.parent for t in reg.provincial_types if t.id == "commerce")).name_en
        == "Office of the Permanent Secretary, Ministry of Commerce"
    )
    province = next(p for p in reg.provinces if p.id == "TH-24")
    revenue = next(t for t in reg.provincial_types if t.id == "revenue")
    assert revenue.name_in(province) == (
        "สำนักงานสรรพากรพื้นที่จังหวัดฉะเชิงเทรา",
        "Chachoengsao Area Revenue Office",
    )


def test_a_broken_registry_lists_every_problem(tmp_path: Path) -> None:
    text = REGISTRY_PATH.read_text(encoding="utf-8")
    text = text.replace("parent: moc-ops}", "parent: moc-nowhere}").replace(
        "region: south}", "region: moon}", 1
    )
    bad = tmp_path / "registry.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        read_registry(bad)
    message = str(err.value)
    assert "moc-nowhere" in message and "moon" in message
