"""Crosswalks between framework versions: the shipped file names only parts that exist, a bad file is
refused with file, line and entry, and an agency scored under both versions is compared only where a
link is declared (DECISIONS §17)."""

from __future__ import annotations

import json

import pytest

from dgmm.answers import read_answers
from dgmm.cycle import score_cycle
from dgmm.errors import FrameworkError
from dgmm.framework.crosswalk import _codes, compare, read_crosswalk, shipped_crosswalks
from dgmm.loading import load_framework
from dgmm.registry import read_agencies
from dgmm.simulate import simulate_cycle, write_csv
from tests.conftest import SPEC

OLD, NEW = "province-2563", "pcio-2566"
THAI = range(0x0E00, 0x0E80)


def _thai(text: str) -> bool:
    return any(ord(c) in THAI for c in text)


def shipped():
    path = shipped_crosswalks()[(OLD, NEW)]
    return path, load_framework(OLD), load_framework(NEW)


def test_both_crosswalks_are_shipped():
    assert set(shipped_crosswalks()) == {(OLD, NEW), ("province-2560", OLD)}


@pytest.mark.parametrize("pair", [(OLD, NEW), ("province-2560", OLD)])
def test_every_code_of_a_shipped_crosswalk_exists_and_every_reason_is_thai_and_english(pair):
    path = shipped_crosswalks()[pair]
    old, new = load_framework(pair[0]), load_framework(pair[1])
    cw = read_crosswalk(path, old, new)
    codes = {"from": _codes(old), "to": _codes(new)}
    assert len(cw.links_at("pillars")) == 6
    for link in cw.links:
        assert link.old in codes["from"][link.level], link
        assert link.new in codes["to"][link.level], link
        assert _thai(link.reason.th) and link.reason.en.strip() and not _thai(link.reason.en), link
    for u in cw.not_comparable:
        assert any(u.code in codes[u.side][lv] for lv in codes[u.side]), u
        assert _thai(u.reason.th) and u.reason.en.strip() and not _thai(u.reason.en), u
    # every pillar and sub-pillar of both versions is either linked or said not comparable
    for side, key in (("from", "old"), ("to", "new")):
        for level in ("pillars", "sub_pillars"):
            linked = {getattr(k, key) for k in cw.links_at(level)}
            listed = {u.code for u in cw.not_comparable if u.side == side}
            assert codes[side][level] <= linked | listed, (side, level)


def test_the_2563_2566_crosswalk_lists_the_new_pillar_as_not_comparable():
    path, old, new = shipped()
    cw = read_crosswalk(path, old, new)
    codes = {"from": _codes(old), "to": _codes(new)}
    # every pillar and sub-pillar of both versions is either linked or said not comparable
    for side, key in (("from", "old"), ("to", "new")):
        for level in ("pillars", "sub_pillars"):
            linked = {getattr(k, key) for k in cw.links_at(level)}
            listed = {u.code for u in cw.not_comparable if u.side == side}
            assert codes[side][level] <= linked | listed, (side, level)
    assert {u.code for u in cw.not_comparable if u.side == "to"} >= {"P2", "P7.SP1"}


def _write(tmp_path, text):
    p = tmp_path / "province-2563_pcio-2566.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_a_code_that_is_not_in_the_framework_is_refused_naming_file_line_and_entry(tmp_path):
    path, old, new = shipped()
    text = path.read_text(encoding="utf-8").replace(
        "{from: P1.SP1, to: P1.SP1,", "{from: P1.SP9, to: P1.SP1,"
    )
    bad = _write(tmp_path, text)
    with pytest.raises(FrameworkError) as err:
        read_crosswalk(bad, old, new)
    message = str(err.value)
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "from: P1.SP9" in s)
    assert (
        f"{bad}:{line}: sub_pillars[0].from: 'P1.SP9' is not one of the sub-pillars of province-2563"
        in message
    )
    # the first sub-pillar, no longer linked, is then said to be missing as well
    assert "sub-pillar P1.SP1 of province-2563 is neither linked nor listed as not comparable" in message


def test_a_code_at_the_wrong_level_a_missing_reason_and_a_wrong_framework_are_refused(tmp_path):
    path, old, new = shipped()
    text = (
        path.read_text(encoding="utf-8")
        .replace("{from: P2, to: P3,", "{from: P2.SP1, to: P3,")
        .replace('reason_en: "Same name (IT Competency)"', 'reason_en: " "')
        .replace("to: pcio-2566", "to: dept-2566")
    )
    with pytest.raises(FrameworkError) as err:
        read_crosswalk(_write(tmp_path, text), old, new)
    message = str(err.value)
    assert (
        "pillars[1].from: 'P2.SP1' is not one of the pillars of province-2563 (it is one of the sub-pillars)"
        in message
    )
    assert "sub_pillars[5].reason_en: every link says why in Thai and English (reason_en)" in message
    assert "to: expected to: pcio-2566, found 'dept-2566'" in message


def test_a_missing_thai_reason_is_refused_naming_file_line_and_entry(tmp_path):
    path, old, new = shipped()
    text = path.read_text(encoding="utf-8")
    link = next(s for s in text.splitlines() if "{from: P3.SP4, to: P4.SP4," in s)
    listed = next(s for s in text.splitlines() if "{code: P4.SP1," in s)
    drop = link.split("reason_th: ")[1].split(", reason_en")[0]
    text = text.replace(link, link.replace(f"reason_th: {drop}, ", ""))
    text = text.replace(listed, listed.replace("reason_th:", "reason_thai:"))
    bad = _write(tmp_path, text)
    with pytest.raises(FrameworkError) as err:
        read_crosswalk(bad, old, new)
    message = str(err.value)
    lines = text.splitlines()
    at_link = next(i for i, s in enumerate(lines, 1) if "{from: P3.SP4, to: P4.SP4," in s)
    at_listed = next(i for i, s in enumerate(lines, 1) if "{code: P4.SP1," in s)
    assert f"{bad}:{at_link}: sub_pillars[10].reason_th: every link says why in Thai and English" in message
    assert (
        f"{bad}:{at_listed}: not_comparable.to[4].reason_thai: unknown key 'reason_thai'; "
        "expected code, reason_th, reason_en" in message
    )
    assert (
        f"{bad}:{at_listed}: not_comparable.to[4].reason_th: every part listed says why in Thai and "
        "English (reason_th)" in message
    )


def _scored(fw, tmp_path, seed):
    agencies_csv, answers_csv = write_csv(simulate_cycle(fw, 8, seed=seed), tmp_path / fw.id)
    agencies = read_agencies(agencies_csv)
    doc = score_cycle(fw, agencies, read_answers(answers_csv, fw, {a.id: a.tier for a in agencies}))
    return {r["province"]: r for r in doc["agencies"] if r["status"] == "scored" and r.get("province")}


def test_an_agency_scored_under_both_versions_is_compared_only_through_mapped_pillars(tmp_path):
    path, old, new = shipped()
    cw = read_crosswalk(path, old, new)
    (tmp_path / old.id).mkdir()
    (tmp_path / new.id).mkdir()
    before, after = _scored(old, tmp_path, 5), _scored(new, tmp_path, 6)
    province = sorted(set(before) & set(after))[0]
    a, b = before[province], after[province]
    out = compare(cw, a, b)
    pillars = out["comparable"]["pillars"]
    assert [(p["old"], p["new"]) for p in pillars] == [
        ("P1", "P1"),
        ("P2", "P3"),
        ("P3", "P4"),
        ("P4", "P5"),
        ("P5", "P6"),
        ("P6", "P7"),
    ]
    for p in pillars:
        assert p["old_score"] == a["pillars"][p["old"]]["score"]
        assert p["new_score"] == b["pillars"][p["new"]]["score"]
        assert p["change"] == pytest.approx(p["new_score"] - p["old_score"])
    compared_new = {p["new"] for p in pillars}
    assert "P2" not in compared_new  # the new pillar of 2566 is never compared
    assert {"side": "to", "code": "P2"} in [
        {"side": u["side"], "code": u["code"]} for u in out["not_comparable"]
    ]
    subs = {(s["old"], s["new"]) for s in out["comparable"]["sub_pillars"]}
    assert ("P5.SP3", "P2.SP4") in subs and not any(o == "P1.SP5" for o, _ in subs)
    unmapped_old = {u["code"] for u in out["not_comparable"] if u["side"] == "from"}
    assert {"P1.SP5", "P2.SP4", "P6.SP1"} <= unmapped_old
    assert "P2.SP1.T1" in unmapped_old  # a topic with no declared counterpart is not comparable
    topics = {t["old"]: t for t in out["comparable"]["topics"]}
    assert set(topics) == {"P2.SP1.T2", "P3.SP3.T1", "P3.SP3.T2", "P3.SP3.T3", "P5.SP3.T1"}


def test_a_change_is_none_when_either_side_has_no_score():
    path, old, new = shipped()
    cw = read_crosswalk(path, old, new)
    out = compare(cw, {"pillars": {"P1": {"score": 50.0, "level": 3}}}, {"pillars": {"P1": {"score": None}}})
    p1 = out["comparable"]["pillars"][0]
    assert (p1["old_score"], p1["new_score"], p1["change"], p1["level_change"]) == (50.0, None, None, None)


def test_compare_gives_every_reason_in_thai_and_english():
    path, old, new = shipped()
    cw = read_crosswalk(path, old, new)
    out = compare(cw, {}, {})
    p2 = next(p for p in out["comparable"]["pillars"] if p["old"] == "P2")
    assert p2["reason"] == {
        "th": "ชื่อด้านเดียวกัน (ศักยภาพเจ้าหน้าที่ภาครัฐด้านดิจิทัล) เปลี่ยนเป็นด้านที่ 3 ด้านย่อยบุคลากรด้านเทคโนโลยีสารสนเทศไม่มีแล้ว",
        "en": "Same name (Digital Capabilities), renumbered; IT Human Resource left it",
    }
    topic = next(u for u in out["not_comparable"] if u["code"] == "P2.SP1.T1")
    assert topic["reason"]["en"] == "no topic of pcio-2566 is declared to have the same criteria"
    assert _thai(topic["reason"]["th"]) and "pcio-2566" in topic["reason"]["th"]


def test_a_2560_province_compared_with_a_2563_agency_only_through_mapped_parts(tmp_path):
    """The 2560 record is Chachoengsao's as the seed prints it (province-2560 scores nothing); the 2563
    one a simulated provincial agency scored by the core."""
    old, new = load_framework("province-2560"), load_framework(OLD)
    cw = read_crosswalk(shipped_crosswalks()[(old.id, new.id)], old, new)
    printed = json.loads((SPEC / "survey_results_2562.json").read_text(encoding="utf-8"))["S003_2560"]
    result = printed["province_result"]
    by_name = {sp.name_en: sp.id for _, sp in old.iter_sub_pillars()}
    a = {
        "pillars": {f"P{p['pillar']}": {"score": p["score"], "level": None} for p in result["pillars"]},
        "sub_pillars": {
            by_name[s["name"]]: {"score": s["score"], "level": None}
            for p in result["pillars"]
            for s in p["sub_indicators"]
        },
    }
    (tmp_path / new.id).mkdir()
    b = next(iter(_scored(new, tmp_path, 7).values()))
    out = compare(cw, a, b)
    pillars = out["comparable"]["pillars"]
    assert [(p["old"], p["new"]) for p in pillars] == [(f"P{i}", f"P{i}") for i in range(1, 7)]
    for p in pillars:
        assert p["old_score"] == a["pillars"][p["old"]]["score"]
        assert p["new_score"] == b["pillars"][p["new"]]["score"]
        if p["old_score"] is None or p["new_score"] is None:
            assert p["change"] is None
        else:
            assert p["change"] == pytest.approx(p["new_score"] - p["old_score"])
    p6 = pillars[5]
    assert p6["old_score"] is None and p6["change"] is None  # no provincial pillar 6 in 2560: never zero
    subs = {(s["old"], s["new"]): s for s in out["comparable"]["sub_pillars"]}
    assert set(subs) == {
        ("P1.SP1", "P1.SP1"),
        ("P1.SP3", "P1.SP3"),
        ("P1.SP6", "P1.SP5"),
        ("P2.SP2", "P2.SP1"),
        ("P3.SP1", "P3.SP1"),
        ("P3.SP2", "P3.SP4"),
        ("P3.SP3", "P3.SP2"),
        ("P5.SP1", "P5.SP1"),
        ("P5.SP2", "P5.SP3"),
    }
    budget = subs[("P1.SP6", "P1.SP5")]
    assert budget["old_score"] == a["sub_pillars"]["P1.SP6"]["score"] is not None
    assert budget["new_score"] == b["sub_pillars"]["P1.SP5"]["score"]
    assert out["comparable"]["topics"] == []  # 2560 has no topics
    unmapped = {(u["side"], u["code"]) for u in out["not_comparable"]}
    assert {("from", "P2.SP4"), ("from", "P4.SP3"), ("to", "P3.SP3"), ("to", "P5.SP2")} <= unmapped
    assert ("to", "P3.SP1.T1") in unmapped  # every 2563 topic is not comparable
