"""Levels with answers still to come (DECISIONS §2): withheld only when a missing answer could change them."""

from __future__ import annotations

import random
from typing import Any

import pytest

from dgmm import Framework, load_framework, parse_answers, score_agency
from dgmm.advice import explain_agency
from dgmm.framework.schema import Input
from dgmm.scoring.agency import DETERMINED, UNDETERMINED, TopicResult, effective_answers, score_topic
from dgmm.scoring.engine import CompiledTopic, Engine, engine_for
from dgmm.scoring.memo import CycleScorer
from dgmm.simulate import simulate_cycle

CONNECTIVITY, UPDATING = "P5.SP1.T2", "P2.SP4.T1"


@pytest.fixture(scope="module")
def dept() -> Framework:
    return load_framework("dept-2566")


def _topic(fw: Framework, raw: dict[str, str], topic: str) -> TopicResult:
    return score_agency(fw, parse_answers(fw, raw)).topics[topic]


def test_connectivity_is_level_1_without_a_linkable_saraban_whatever_p5_1_lists(dept: Framework) -> None:
    t = _topic(dept, {"P5.1C": "hr|budget|finance"}, CONNECTIVITY)  # P5.1 (systems in place) unanswered
    assert (t.status, t.level, t.held, t.decided_by) == (DETERMINED, 1, None, ())
    assert {"P5.1.basic", "P5.1.dss", "P5.1.other"} <= set(t.missing)  # still to answer: the topic says so


def test_data_updating_is_level_2_for_irregular_updating_whatever_the_lag(dept: Framework) -> None:
    t = _topic(dept, {"P2.8.1": "occasional"}, UPDATING)  # P2.8.2 (time to update) unanswered: not even
    assert (t.status, t.level, t.held, t.missing) == (DETERMINED, 2, 2, ())  # asked for irregular updating
    assert t.score == 25.0


@pytest.mark.parametrize(
    ("raw", "topic", "deciders"),
    [
        ({"P2.8.1": "daily"}, UPDATING, ("P2.8.2",)),  # levels 3-5 hang on the lag
        (
            {"P2.8.2": "over_quarter"},
            UPDATING,
            ("P2.8.1", "P2.8.2"),
        ),  # P2.8.2 is asked only if P2.8.1 is not 'none'
        (
            {"P5.1C": "saraban|hr|budget"},
            CONNECTIVITY,
            ("P5.1.basic",),
        ),  # level 3 needs all basic systems in place
        (
            {
                "P5.1C": "saraban|hr|budget|finance|dss",
                "P5.1.basic": "hr|budget|finance|supplies|procurement",
            },
            CONNECTIVITY,
            ("P5.1.dss", "P5.1.other"),
        ),
    ],
)
def test_an_undetermined_topic_names_the_inputs_that_decide_it(
    dept: Framework, raw: dict[str, str], topic: str, deciders: tuple[str, ...]
) -> None:
    t = _topic(dept, raw, topic)
    assert (t.status, t.level, t.decided_by) == (UNDETERMINED, None, deciders)
    assert set(t.decided_by) <= set(t.missing)


def test_results_entries_carry_decided_by_from_the_cycle_scorer_as_from_score_agency(dept: Framework) -> None:
    values = parse_answers(dept, {"P2.8.1": "daily", "P5.1C": "hr"})
    _, _, _, topics = CycleScorer(dept).score(values)
    entries = {k: e for o in topics for k, e in o.topics}
    direct = score_agency(dept, values).topics
    assert entries[UPDATING]["decided_by"] == ["P2.8.2"] == list(direct[UPDATING].decided_by)
    assert entries[CONNECTIVITY]["level"] == 1 and "decided_by" not in entries[CONNECTIVITY]


# -- every shipped framework: a determined level is the level of every completion -----------------------

SHIPPED = ["dept-2566", "pcio-2566", "province-2563"]


def _results(engine: Engine, values: dict[str, Any]) -> dict[str, TopicResult]:
    ctx = effective_answers(engine, values)
    out: dict[str, TopicResult] = {}

    def visit(ct: CompiledTopic) -> None:
        out[ct.id] = score_topic(engine, ct, ctx, "own")
        for st in ct.subs:
            visit(st)

    for ct in engine.topics.values():
        visit(ct)
    return out


def _any_answer(rng: random.Random, inp: Input, seen: dict[str, list[str]]) -> str:
    """A valid raw answer to `inp`: a random option (or set of options), else one some agency gave."""
    codes = list(inp.option_codes)
    if inp.type == "single_choice":
        return rng.choice(codes)
    if inp.type == "multiple_choice":
        return "|".join(c for c in codes if rng.random() < 0.5)
    if inp.type == "yes_no":
        return rng.choice(["yes", "no"])
    if seen.get(inp.code):
        return rng.choice(seen[inp.code])
    if inp.type == "matrix":
        return ""
    if inp.type in ("url", "file", "text"):
        return "https://example.go.th/a"
    low = inp.min if inp.min is not None else 0
    return str(rng.randint(int(low), int(inp.max if inp.max is not None else low + 100)))


@pytest.mark.parametrize("fw_id", SHIPPED)
def test_a_determined_level_is_the_level_of_every_completion(fw_id: str) -> None:
    fw = load_framework(fw_id)
    engine = engine_for(fw)
    cycle = simulate_cycle(fw, 30, seed=11)
    rows = {aid: dict(zip(flat[::2], flat[1::2], strict=True)) for aid, flat in cycle.rows}
    full = [{**rows.get(a["parent_id"], {}), **rows[a["id"]]} for a in cycle.agencies if rows.get(a["id"])]
    seen: dict[str, list[str]] = {}
    for raw in full:
        for code, value in raw.items():
            seen.setdefault(code, []).append(value)
    rng = random.Random(fw_id)
    decided_with_gaps = withheld = 0
    for _ in range(40):
        base = rng.choice(full)
        drop = rng.choice([0.05, 0.2, 0.5, 0.9])
        partial = {c: v for c, v in base.items() if rng.random() >= drop}
        gaps = [c for c, inp in fw.inputs.items() if inp.required and c not in partial]
        before = _results(engine, parse_answers(fw, partial))
        decided_with_gaps += sum(1 for t in before.values() if t.status == DETERMINED and t.missing)
        withheld += sum(1 for t in before.values() if t.status == UNDETERMINED)
        for _ in range(6):
            completion = {**partial, **{c: _any_answer(rng, fw.inputs[c], seen) for c in gaps}}
            after = _results(engine, parse_answers(fw, completion))
            for tid, t in before.items():
                if t.status == DETERMINED:
                    assert (after[tid].status, after[tid].level) == (DETERMINED, t.level), (
                        tid,
                        partial,
                        completion,
                    )
    assert decided_with_gaps > 0 and withheld > 0  # both sides of the decision were exercised


def test_the_explanation_lists_the_inputs_that_decide_an_undetermined_topic(dept: Framework) -> None:
    out = explain_agency(dept, parse_answers(dept, {"P2.8.1": "daily", "P5.1C": "hr"}))
    updating = out[UPDATING].as_dict()
    assert updating["status"] == UNDETERMINED
    assert [d["input"] for d in updating["decided_by"]] == ["P2.8.2"]
    assert updating["decided_by"][0]["label_en"] == dept.inputs["P2.8.2"].label.en
    connectivity = out[CONNECTIVITY].as_dict()
    assert (connectivity["level"], connectivity["decided_by"]) == (1, [])
