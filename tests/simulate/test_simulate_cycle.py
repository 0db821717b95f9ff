"""The simulated cycle: determinism, valid values, hierarchy, response rates and correlated answers."""

from __future__ import annotations

import statistics
from collections import defaultdict
from pathlib import Path

import pytest

from dgmm import Framework, input_applies, load_framework, parse_answers, read_agencies, read_answers
from dgmm.simulate import SimulatedCycle, load_registry, simulate_cycle, write_csv

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sim-mini.yaml"


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework(FIXTURE)


def _by_agency(cycle: SimulatedCycle) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for agency_id, code, value in cycle.answers:
        assert code not in out[agency_id], f"{agency_id} answers {code} twice"
        out[agency_id][code] = value
    return out


def _inherited_codes(fw: Framework) -> set[str]:
    codes = set()
    for topic in fw.iter_topics():
        for t in (topic, *topic.sub_topics):
            for inp in t.inputs:
                if topic.from_parent or inp.answered_by == "parent":
                    codes.add(inp.code)
    return codes


# -- determinism -----------------------------------------------------------------------------------


def _files(fw: Framework, seed: int, out: Path, tier: str = "department") -> tuple[bytes, bytes]:
    a, b = write_csv(simulate_cycle(fw, 300, seed, tier=tier), out)
    return a.read_bytes(), b.read_bytes()


@pytest.mark.parametrize("tier", ["department", "provincial", "pcio"])
def test_same_seed_gives_the_same_bytes(fw: Framework, tmp_path: Path, tier: str) -> None:
    first = _files(fw, 11, tmp_path / "one", tier)
    second = _files(fw, 11, tmp_path / "two", tier)
    assert first == second
    assert len(first[1].splitlines()) > 300  # answers were written, not two empty files


def test_another_seed_gives_other_answers(fw: Framework, tmp_path: Path) -> None:
    agencies_a, answers_a = _files(fw, 11, tmp_path / "one")
    agencies_b, answers_b = _files(fw, 12, tmp_path / "two")
    assert answers_a != answers_b
    assert agencies_a == agencies_b  # the same registry agencies, in the same order


def test_no_global_random_state_is_used(fw: Framework) -> None:
    import random

    random.seed(1)
    one = simulate_cycle(fw, 50, 5).answers
    random.seed(2)
    two = simulate_cycle(fw, 50, 5).answers
    assert one == two


def test_files_are_utf8_thai_with_the_documented_columns(fw: Framework, tmp_path: Path) -> None:
    agencies, answers = write_csv(simulate_cycle(fw, 5, 1, tier="provincial"), tmp_path)
    text = agencies.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "id,name_th,name_en,tier,ministry,province,parent_id,agency_type"
    assert answers.read_text(encoding="utf-8").splitlines()[0] == "agency_id,input,value"
    assert "สำนักงานคลังจังหวัดสมุทรปราการ" in text
    assert "\r\n" not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agencies.csv", "answers.csv"]  # no temp files left


# -- values and hierarchy ----------------------------------------------------------------------------


@pytest.mark.parametrize("tier", ["department", "provincial", "pcio"])
def test_every_value_parses_for_its_framework(fw: Framework, tier: str) -> None:
    cycle = simulate_cycle(fw, 400, 3, tier=tier)
    answered = _by_agency(cycle)
    assert answered
    for agency_id, raw in answered.items():
        parse_answers(fw, raw, source=agency_id)  # raises AnswerError on any bad value


def test_the_core_reads_the_written_files(fw: Framework, tmp_path: Path) -> None:
    agencies_path, answers_path = write_csv(simulate_cycle(fw, 150, 4, tier="pcio"), tmp_path)
    agencies = read_agencies(agencies_path)  # checks ids, tiers and that every parent exists
    answers = read_answers(answers_path, fw, {a.id: a.tier for a in agencies})
    assert answers.rows == len(answers_path.read_text(encoding="utf-8").splitlines()) - 1
    assert answers.own["moi-ops"]  # the parent department's answers are read for the inherited topic


def test_dept_2566_values_parse() -> None:
    dept = load_framework("dept-2566")
    cycle = simulate_cycle(dept, 320, 9)
    for agency_id, raw in _by_agency(cycle).items():
        parse_answers(dept, raw, source=agency_id)


@pytest.mark.parametrize("tier", ["department", "provincial", "pcio"])
def test_every_parent_exists_and_is_a_department(fw: Framework, tier: str) -> None:
    cycle = simulate_cycle(fw, 200, 2, tier=tier)
    by_id = {a["id"]: a for a in cycle.agencies}
    assert len(by_id) == len(cycle.agencies)
    for a in cycle.agencies:
        if a["parent_id"]:
            assert a["parent_id"] in by_id
            assert by_id[a["parent_id"]]["tier"] == "department"
    answered = {agency_id for agency_id, _, _ in cycle.answers}
    assert answered <= set(by_id)


def test_department_counts_real_names_first() -> None:
    reg = load_registry()
    cycle = simulate_cycle(load_framework(FIXTURE), len(reg.departments) + 25, 1, tier="department")
    assert len(cycle.agencies) == len(reg.departments) + 25
    assert {a["tier"] for a in cycle.agencies} == {"department"}
    real = cycle.agencies[: len(reg.departments)]
    assert {a["id"] for a in real} == {d.id for d in reg.departments}
    simulated = cycle.agencies[len(reg.departments) :]
    assert all("-sim-" in a["id"] for a in simulated)
    assert {a["ministry"] for a in simulated} <= {m.code for m in reg.ministries}
    # a small cohort already spans the ministries
    first = simulate_cycle(load_framework(FIXTURE), 20, 1, tier="department").agencies
    assert len({a["ministry"] for a in first}) == 20


def test_provincial_counts_and_parents(fw: Framework) -> None:
    reg = load_registry()
    n = 19 * 3
    cycle = simulate_cycle(fw, n, 1, tier="provincial")
    cohort = [a for a in cycle.agencies if a["tier"] == "provincial"]
    parents = [a for a in cycle.agencies if a["tier"] == "department"]
    assert len(cohort) == n
    assert len({a["province"] for a in cohort}) == 3
    assert {a["agency_type"] for a in cohort} == {t.id for t in reg.provincial_types}
    assert {p["id"] for p in parents} == {t.parent for t in reg.provincial_types}
    commerce = next(a for a in cohort if a["agency_type"] == "commerce")
    assert commerce["parent_id"] == "moc-ops" and commerce["ministry"] == "MOC"
    full = simulate_cycle(fw, 76 * 19, 1, tier="provincial")
    assert sum(a["tier"] == "provincial" for a in full.agencies) == 1444
    assert len({a["province"] for a in full.agencies if a["province"]}) == 76


def test_pcio_one_committee_per_province(fw: Framework) -> None:
    cycle = simulate_cycle(fw, 76, 1, tier="pcio")
    cohort = [a for a in cycle.agencies if a["tier"] == "pcio"]
    assert len(cohort) == 76
    assert len({a["province"] for a in cohort}) == 76
    assert {a["parent_id"] for a in cohort} == {load_registry().pcio.parent}
    assert [a["id"] for a in cycle.agencies if a["tier"] == "department"] == [load_registry().pcio.parent]


def test_unknown_tier_is_refused(fw: Framework) -> None:
    from dgmm import NotFoundError

    with pytest.raises(NotFoundError, match="local"):
        simulate_cycle(fw, 5, 1, tier="local")


# -- who answers what ------------------------------------------------------------------------------


def test_inherited_inputs_are_answered_only_by_parents(fw: Framework) -> None:
    inherited = _inherited_codes(fw)
    assert inherited  # the fixture has a from_parent topic
    cycle = simulate_cycle(fw, 300, 6, tier="pcio")
    tiers = {a["id"]: a["tier"] for a in cycle.agencies}
    for agency_id, raw in _by_agency(cycle).items():
        if tiers[agency_id] == "pcio":
            assert not inherited & raw.keys(), agency_id
        else:
            assert set(raw) == inherited  # a parent answers for its committees, and nothing else


def test_departments_answer_inherited_inputs_themselves(fw: Framework) -> None:
    inherited = _inherited_codes(fw)
    answered = _by_agency(simulate_cycle(fw, 200, 6, tier="department"))
    assert sum(1 for raw in answered.values() if inherited <= raw.keys()) > 150


def test_analyst_inputs_get_a_value(fw: Framework) -> None:
    analyst = {c for c, i in fw.inputs.items() if i.answered_by == "analyst"}
    assert analyst
    answered = _by_agency(simulate_cycle(fw, 200, 6))
    assert sum(1 for raw in answered.values() if analyst <= raw.keys()) > 150


def test_applies_if_is_followed(fw: Framework) -> None:
    conditional = [c for c, i in fw.inputs.items() if i.applies_if is not None]
    assert conditional
    answered = _by_agency(simulate_cycle(fw, 600, 8))
    skipped = 0
    for agency_id, raw in answered.items():
        values = parse_answers(fw, raw, source=agency_id)
        for code in conditional:
            applies = input_applies(fw, code, values)
            if code in raw:
                assert applies, f"{agency_id} answered {code} although it does not apply"
            elif not applies:
                skipped += 1
    assert skipped > 50  # conditions were false often enough for the check to mean something


# -- response rates and correlation --------------------------------------------------------------


def test_about_five_percent_answer_nothing_and_three_percent_in_part(fw: Framework) -> None:
    n = 6000
    cycle = simulate_cycle(fw, n, 21)
    answered = _by_agency(cycle)
    empty = [a for a in cycle.agencies if a["id"] not in answered]
    assert all(a["response"] == "none" for a in empty)
    assert abs(len(empty) / n - 0.05) < 0.012
    partial = [a for a in cycle.agencies if a["response"] == "partial"]
    assert abs(len(partial) / n - 0.03) < 0.01
    always = [c for c, i in fw.inputs.items() if i.required and i.applies_if is None]
    gaps = sum(1 for a in partial if not set(always) <= answered.get(a["id"], {}).keys())
    full_gaps = sum(
        1 for a in cycle.agencies if a["response"] == "full" and not set(always) <= answered[a["id"]].keys()
    )
    assert gaps / len(partial) > 0.9  # partial respondents leave required inputs blank
    assert full_gaps == 0  # full respondents answer every required input that always applies


def test_more_mature_agencies_choose_more_and_higher(fw: Framework) -> None:
    cycle = simulate_cycle(fw, 3000, 13)
    answered = _by_agency(cycle)
    responders = sorted((a for a in cycle.agencies if a["id"] in answered), key=lambda a: a["maturity"])
    quarter = len(responders) // 4
    low, high = responders[:quarter], responders[-quarter:]

    def chosen(group: list[dict[str, object]]) -> float:
        counts = [
            len(v.split("|")) if v else 0
            for a in group
            for c, v in answered[str(a["id"])].items()
            if fw.inputs[c].type in ("multiple_choice", "matrix")
        ]
        return statistics.mean(counts)

    def percent(group: list[dict[str, object]]) -> float:
        return statistics.mean(
            float(answered[str(a["id"])]["P4.1.share"])
            for a in group
            if "P4.1.share" in answered[str(a["id"])]
        )

    def yes(group: list[dict[str, object]]) -> float:
        return statistics.mean(answered[str(a["id"])].get("P1.3.plan") == "yes" for a in group)

    assert chosen(high) > chosen(low) + 2
    assert percent(high) > percent(low) + 20
    assert yes(high) > yes(low) + 0.3
    maturity = [float(a["maturity"]) for a in responders]  # type: ignore[arg-type]
    p11 = [len(answered[str(a["id"])].get("P1.1", "").split("|")) for a in responders]
    assert statistics.correlation(maturity, p11) > 0.6


def test_ministries_shift_maturity(fw: Framework) -> None:
    cycle = simulate_cycle(fw, 4000, 17)
    by_ministry: dict[str, list[float]] = defaultdict(list)
    for a in cycle.agencies:
        by_ministry[str(a["ministry"])].append(float(a["maturity"]))  # type: ignore[arg-type]
    means = [statistics.mean(v) for v in by_ministry.values()]
    # 200 agencies per ministry: sampling error of a mean is about 0.013; ministry shifts are larger
    assert max(means) - min(means) > 0.1
