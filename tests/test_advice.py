"""Advice is executable: carrying out what it says takes the topic to the next level, and lowers nothing.

For every framework with level rules, every topic and every level below 5, an agency at that level
(simulated, or reached by following earlier advice) is explained; the test applies the smallest change
the advice's structured form describes, with its own code, re-scores the agency with the core and
checks that the topic reaches the next level and that no other topic's level drops.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest

from dgmm.advice import TopicExplanation, explain_agency
from dgmm.answers import parse_answers
from dgmm.framework.schema import Framework
from dgmm.loading import load_framework
from dgmm.rules.explain import Change
from dgmm.scoring.agency import score_agency
from dgmm.scoring.engine import engine_for
from dgmm.simulate.cycle import simulate_cycle

FRAMEWORKS = ("dept-2566", "pcio-2566", "province-2563")
AGENCIES = {"dept-2566": 120, "pcio-2566": 120, "province-2563": 100}
ANSWER = {"url": "https://example.org/catalog", "file": "evidence.pdf", "text": "done"}
# transaction figures of an agency whose digital share grew but whose main service is not digital yet
FIGURES = {
    "P4.4.total_current": 100,
    "P4.4.digital_current": 50,
    "P4.4.total_previous": 100,
    "P4.4.digital_previous": 40,
    "P4.4.main_total_current": 10,
    "P4.4.main_digital_current": 0,
}
PARENTS = {
    "pcio-2566": "dept-2566",
    "province-2563": "dept-2566",
}  # whose answers the parent departments give


@dataclass(frozen=True)
class Case:
    values: Mapping[str, Any]
    parent: Mapping[str, Any] | None
    parent_id: str | None


def carry_out(values: Mapping[str, Any], changes: tuple[Change, ...], fw: Framework) -> dict[str, Any]:
    """The answers after the smallest change each structured change describes (written independently
    of the core's own `apply_changes`)."""
    out = dict(values)
    for c in changes:
        inp = fw.inputs[c.input]
        if c.kind == "set":
            out[c.input] = c.after
        elif c.kind == "add":
            assert c.need <= len(c.items), c
            out[c.input] = frozenset(out.get(c.input) or ()) | set(c.items[: c.need])
        elif c.kind == "remove":
            out[c.input] = frozenset(out.get(c.input) or ()) - set(c.items)
        elif c.kind == "answer":
            out[c.input] = least(inp)
        elif c.kind == "fill_rows":
            every = frozenset(col.code for col in inp.columns)
            out[c.input] = {**(out.get(c.input) or {}), **dict.fromkeys(c.items[: c.need], every)}
        else:
            raise AssertionError(f"unknown change {c}")
    return out


def least(inp: Any) -> Any:
    """Any answer will do: the least one."""
    if inp.type in ANSWER:
        return ANSWER[inp.type]
    return {"multiple_choice": frozenset(), "matrix": {}, "yes_no": False}.get(
        inp.type, inp.options[0].code if inp.options else inp.bounds[0]
    )


def floor(fw: Framework) -> dict[str, Any]:
    """An agency that answers everything with the least answer (level 1 almost everywhere)."""
    return {code: least(inp) for code, inp in fw.inputs.items()}


def levels(fw: Framework, case: Case) -> dict[str, int]:
    res = score_agency(fw, case.values, case.parent, parent_id=case.parent_id)
    return {t.id: res.topics[t.id].level or 0 for t in fw.iter_topics()}


def follow(fw: Framework, case: Case, e: TopicExplanation) -> Case:
    """The agency once it has done what the advice on topic `e` says."""
    if e.by_parent:
        assert case.parent is not None
        return Case(case.values, carry_out(case.parent, e.changes, fw), case.parent_id)
    return Case(carry_out(case.values, e.changes, fw), case.parent, case.parent_id)


def simulated(fw: Framework) -> Iterator[Case]:
    """A floor agency, then simulated agencies; parents are simulated departments (their answers of
    the inputs this framework shares with the department model), one after the other."""
    parents = [floor(fw)]
    if fw.id in PARENTS:
        dept = simulate_cycle(PARENTS[fw.id], 60, seed=11)
        engine = engine_for(fw)
        inherited = {c for t in fw.iter_topics() if t.from_parent for c in engine.topics[t.id].needed}
        parents += [
            _typed(fw, {k: v for k, v in zip(flat[::2], flat[1::2], strict=True) if k in inherited})
            for _, flat in dept.rows
        ]
    yield Case(floor(fw), parents[0], "parent")
    if set(FIGURES) <= set(fw.inputs):  # few simulated agencies give these optional figures
        yield Case({**floor(fw), **FIGURES}, {**floor(fw), **FIGURES}, "parent")
    sim = simulate_cycle(fw, AGENCIES[fw.id], seed=7)
    for i, (aid, flat) in enumerate(sim.rows):
        a = next(x for x in sim.agencies if x["id"] == aid)
        if a["tier"] not in fw.tiers or not flat:
            continue
        yield Case(
            _typed(fw, dict(zip(flat[::2], flat[1::2], strict=True))), parents[i % len(parents)], "parent"
        )


def _typed(fw: Framework, raw: Mapping[str, str]) -> dict[str, Any]:
    return parse_answers(fw, {k: v for k, v in raw.items() if k in fw.inputs})


def expected_levels(fw: Framework) -> set[tuple[str, int]]:
    """(topic, level) pairs an agency can be at below the topic's highest rule: level 1 and every
    level that has a rule."""
    engine = engine_for(fw)
    out = set()
    for t in fw.iter_topics():
        ct = engine.topics[t.id]
        if t.rule.kind == "subtopics":
            out |= {(t.id, k) for k in range(1, 5)}
        elif ct.levels:
            out |= {(t.id, k) for k in {1, *ct.levels} if k < max(ct.levels)}
    return out


@cache
def cases(fw_id: str) -> dict[tuple[str, int], tuple[Case, TopicExplanation]]:
    """One agency per (topic, level): simulated agencies first, then agencies that followed advice."""
    fw = load_framework(fw_id)
    found: dict[tuple[str, int], tuple[Case, TopicExplanation]] = {}
    queue = list(simulated(fw))
    while queue:
        case = queue.pop(0)
        followed: list[Case] = []
        ex = explain_agency(fw, case.values, case.parent, parent_id=case.parent_id)
        for e in ex.values():
            key = (e.topic_id, e.level)
            if (
                e.level is None
                or e.level >= 5
                or e.next_level is None
                or (key in found and found[key][1].steps)
            ):
                continue
            found[key] = (case, e)  # an agency whose advice can be phrased wins over one whose cannot
            if e.steps:
                followed.append(follow(fw, case, e))
        queue[:0] = followed  # the next level of the same agency first: a chain 1, 2, 3, 4
    return found


def _ids() -> list[tuple[str, str, int]]:
    return [(f, t, k) for f in FRAMEWORKS for t, k in sorted(expected_levels(load_framework(f)))]


def test_every_topic_and_level_below_5_is_tried() -> None:
    for fw_id in FRAMEWORKS:
        missing = expected_levels(load_framework(fw_id)) - set(cases(fw_id))
        assert not missing, f"{fw_id}: no agency at {sorted(missing)}"


@pytest.mark.parametrize(("fw_id", "topic", "level"), _ids(), ids=lambda v: str(v))
def test_doing_what_the_advice_says_reaches_the_next_level(fw_id: str, topic: str, level: int) -> None:
    fw = load_framework(fw_id)
    case, e = cases(fw_id)[(topic, level)]
    assert e.steps, f"no advice with changes for {topic} at level {level}: {e.next_criterion.en}"
    assert all(s.text.th and s.text.en and s.changes for s in e.steps)
    before = levels(fw, case)
    after = levels(fw, follow(fw, case, e))
    assert after[topic] >= e.next_level > level
    dropped = {t: (before[t], after[t]) for t in before if after[t] < before[t]}
    assert dropped == {}
