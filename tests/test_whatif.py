"""What-if projections are the cycle's own scoring of the changed answers, and target searches give sets
of changes that reach the target and none of whose strict subsets does.

Every check here re-scores from scratch: the changed answers written into a copy of the cycle's
answers, the whole cycle scored again with `score_cycle` and the agency alone with `score_agency`.
"""

from __future__ import annotations

import copy
import random
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from dgmm import AnswerSet, Framework, load_framework, read_agencies, read_answers, score_agency, score_cycle
from dgmm.cohort.peers import cutoffs, group_of
from dgmm.inheritance import answers_of
from dgmm.whatif import OVERALL, Target, WhatIf, WhatIfError
from tests.bench_support import random_value, simulated

FRAMEWORKS = ("dept-2566", "pcio-2566", "province-2563")


@cache
def cycle(fw_id: str, folder: str) -> tuple[Framework, list[Any], AnswerSet, dict[str, Any]]:
    fw = load_framework(fw_id)
    d = simulated(fw, 40, 5, Path(folder) / fw_id)
    agencies = read_agencies(d / "agencies.csv")
    answers = read_answers(d / "answers.csv", fw, {a.id: a.tier for a in agencies})
    return fw, agencies, answers, score_cycle(fw, agencies, answers)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("whatif"))


def changed_answers(answers: AnswerSet, agency_id: str, changes: dict[str, Any]) -> AnswerSet:
    """A copy of the cycle's answers with the agency's changes: in its analyst's check where there is
    one, else in its own answers."""
    out = copy.deepcopy(answers)
    own = out.own.setdefault(agency_id, {})
    analyst = out.analyst.get(agency_id)
    for code, value in changes.items():
        layer = analyst if analyst is not None and code in analyst else own
        if value is None:
            layer.pop(code, None)
        else:
            layer[code] = value
        out.invalid.get(agency_id, {}).pop(code, None)
    return out


def scratch(fw: Framework, answers: AnswerSet, rec: dict[str, Any]) -> Any:
    a = answers_of(answers, rec["id"], rec.get("parent_id"))
    return score_agency(
        fw,
        a.own,
        a.parent,
        a.analyst,
        parent_id=a.parent_id,
        has_parent=a.has_parent,
        parent_analyst=a.parent_analyst,
        invalid=answers.invalid.get(rec["id"], {}),
        parent_invalid=answers.invalid.get(a.parent_id, {}) if a.parent_id else (),
    )


def valid(w: WhatIf, agency_id: str, rnd: random.Random, codes: list[str]) -> dict[str, Any]:
    """Typed random values the inputs accept (a drawn value out of an input's bounds is drawn again)."""
    out: dict[str, Any] = {}
    for code in codes:
        for _ in range(50):
            try:
                out.update(w.parse(agency_id, {code: random_value(rnd, w.framework, code)}))
                break
            except WhatIfError as exc:
                assert "expected" in str(exc)
    return out


def own_inputs(w: WhatIf, agency_id: str, topic_id: str) -> list[str]:
    topic = next(t for t in w.framework.iter_topics() if t.id == topic_id)
    plan = w.agency(agency_id).plan
    codes = [i.code for t in (topic, *topic.sub_topics) for i in t.inputs]
    return [c for c in codes if not plan.is_inherited(c)]


@pytest.mark.parametrize("fw_id", FRAMEWORKS)
def test_a_projection_is_the_cycle_scored_again_with_the_changes(fw_id: str, folder: str) -> None:
    fw, agencies, answers, doc = cycle(fw_id, folder)
    w = WhatIf(fw, answers, doc)
    rnd = random.Random(fw_id)
    scored = [r for r in doc["agencies"] if r["status"] == "scored"]
    others = [r["overall"]["score"] for r in scored]
    cuts = cutoffs(others, fw.aggregation.groups)
    tried = 0
    for topic in fw.iter_topics():
        owners = [r for r in scored if own_inputs(w, r["id"], topic.id)]
        if not owners:  # every input of it is answered by the parent department
            assert all(not own_inputs(w, r["id"], topic.id) for r in scored)
            continue
        rec = rnd.choice(owners)
        codes = own_inputs(w, rec["id"], topic.id)
        picked = rnd.sample(codes, min(len(codes), rnd.randint(1, 3)))
        changes = valid(w, rec["id"], rnd, picked)
        p = w.project(rec["id"], changes)
        again = changed_answers(answers, rec["id"], changes)
        redone = next(r for r in score_cycle(fw, agencies, again)["agencies"] if r["id"] == rec["id"])
        alone = scratch(fw, again, rec)
        for tid, entry in redone["topics"].items():
            assert (p.nodes[tid].projected_score, p.nodes[tid].projected_level) == (
                entry["score"],
                entry["level"],
            ), (topic.id, tid)
            assert p.nodes[tid].projected_level == alone.topics[tid].level
        for block in ("sub_pillars", "pillars"):
            for nid, entry in redone[block].items():
                assert (p.nodes[nid].projected_score, p.nodes[nid].projected_level) == (
                    entry["score"],
                    entry["level"],
                )
        assert (p.overall.projected_score, p.overall.projected_level) == (
            redone["overall"]["score"],
            redone["overall"]["level"],
        )
        assert p.overall.projected_score == alone.overall.score
        # the others do not move: the rank is the one the cycle scored again gives
        assert p.projected_rank == redone["rank"]
        assert p.projected_group == group_of(redone["overall"]["score"], fw.aggregation.groups, cuts)
        # and with no change, the projection is the results as they stand
        same = w.project(rec["id"], {})
        assert same.overall.projected_score == rec["overall"]["score"]
        assert (same.projected_group, same.projected_rank) == (rec["group"], rec["rank"])
        tried += 1
    answerable = [
        t
        for t in fw.iter_topics()
        if not t.from_parent
        and any(i.answered_by != "parent" for st in (t, *t.sub_topics) for i in st.inputs)
    ]
    assert tried >= len(answerable) > 0


def test_projections_write_changes_where_analyst_checks_are_read(folder: str) -> None:
    fw, agencies, answers, _ = cycle("dept-2566", folder)
    answers = copy.deepcopy(answers)
    rnd = random.Random(9)
    plain = WhatIf(fw, answers, score_cycle(fw, agencies, answers))
    for aid in sorted(answers.own)[:12]:  # analysts check some answers of some agencies
        answers.analyst[aid] = valid(plain, aid, rnd, rnd.sample(sorted(answers.own[aid]), 3))
    doc = score_cycle(fw, agencies, answers)
    w = WhatIf(fw, answers, doc)
    checked = [r for r in doc["agencies"] if r["status"] == "scored" and answers.analyst.get(r["id"])]
    assert checked
    for rec in checked:
        code = rnd.choice(sorted(answers.analyst[rec["id"]]))
        changes = valid(w, rec["id"], rnd, [code, rnd.choice(sorted(answers.own[rec["id"]]))])
        p = w.project(rec["id"], changes)
        redone = scratch(fw, changed_answers(answers, rec["id"], changes), rec)
        assert p.overall.projected_score == redone.overall.score
        assert {t: p.nodes[t].projected_level for t in redone.topics} == {
            t: r.level for t, r in redone.topics.items()
        }


def test_inherited_inputs_unknown_inputs_and_bad_values_are_refused(folder: str) -> None:
    fw, _, answers, doc = cycle("pcio-2566", folder)
    w = WhatIf(fw, answers, doc)
    rec = next(r for r in doc["agencies"] if r["status"] == "scored" and r["parent_id"])
    plan = w.agency(rec["id"]).plan
    inherited = next(c for c in fw.inputs if plan.is_inherited(c))
    with pytest.raises(WhatIfError, match=r"parent department .* not the agency's to change"):
        w.parse(rec["id"], {inherited: random_value(random.Random(1), fw, inherited)})
    with pytest.raises(WhatIfError, match="parent department"):
        w.project(rec["id"], {inherited: None})
    with pytest.raises(WhatIfError, match="unknown input code"):
        w.parse(rec["id"], {"P9.nothing": "1"})
    number = next(c for c, i in fw.inputs.items() if i.type == "integer" and not plan.is_inherited(c))
    with pytest.raises(WhatIfError, match="expected"):
        w.parse(rec["id"], {number: "many"})
    with pytest.raises(WhatIfError, match="expected NODE=LEVEL"):
        w.target("P4")
    with pytest.raises(WhatIfError, match="1 to 5"):
        w.target("P4=7")
    with pytest.raises(WhatIfError, match="no topic, sub-pillar or pillar"):
        w.target("P44=3")


def reaches(fw: Framework, answers: AnswerSet, rec: dict[str, Any], target: Target, changes: Any) -> bool:
    res = scratch(fw, changed_answers(answers, rec["id"], dict(changes)), rec)
    node = (
        res.overall
        if target.node == OVERALL
        else (res.pillars.get(target.node) or res.sub_pillars.get(target.node) or res.topics[target.node])
    )
    before = scratch(fw, answers, rec)
    kept = all(res.topics[t].level is not None for t, r in before.topics.items() if r.level is not None)
    return node.level is not None and node.level >= target.level and kept


@pytest.mark.parametrize("fw_id", ["dept-2566", "province-2563"])
def test_each_change_set_reaches_its_target_and_no_strict_subset_does(fw_id: str, folder: str) -> None:
    fw, _, answers, doc = cycle(fw_id, folder)
    w = WhatIf(fw, answers, doc)
    scored = [r for r in doc["agencies"] if r["status"] == "scored"]
    rnd = random.Random(3)
    found = 0
    for rec in rnd.sample(scored, 4):
        base = w.project(rec["id"], {})
        nodes = [OVERALL, rnd.choice(w.pillar_ids), rnd.choice(w.topic_ids)]
        for node in nodes:
            now = base.nodes[node].level
            if now is None or now >= 5 or (node in w.topic_ids and not w.engine.topics[node].kind.has_level):
                continue
            target = w.target(f"{node}={now + 1}")
            search = w.targets(rec["id"], target, max_sets=3, limit=800)
            sizes = [s.size for s in search.sets]
            assert sizes == sorted(sizes)
            for cs in search.sets:
                found += 1
                assert (cs.projection.nodes[node].projected_level or 0) >= now + 1
                assert reaches(fw, answers, rec, target, cs.changes)
                items = list(cs.changes.items())
                if cs.minimal == "all_subsets":
                    for n in range(len(items)):
                        for sub in combinations(items, n):
                            assert not reaches(fw, answers, rec, target, sub), (node, sub)
                else:
                    for i in range(len(items)):
                        assert not reaches(fw, answers, rec, target, items[:i] + items[i + 1 :])
    assert found


def test_a_target_already_met_or_out_of_reach_is_said(folder: str) -> None:
    fw, _, answers, doc = cycle("pcio-2566", folder)
    w = WhatIf(fw, answers, doc)
    rec = next(r for r in doc["agencies"] if r["status"] == "scored" and r["parent_id"])
    plan = w.agency(rec["id"]).plan
    inherited = next(t.id for t in fw.iter_topics() if plan.topic_inherited(t.id))
    level = w.project(rec["id"], {}).nodes[inherited].level or 0
    if level < 5:  # the parent department answers it: nothing the agency changes moves it
        search = w.targets(rec["id"], w.target(f"{inherited}={level + 1}"))
        assert (search.reached, search.sets) == (False, [])
    at = w.project(rec["id"], {}).overall.level
    assert at is not None
    done = w.targets(rec["id"], w.target(f"overall={at}"))
    assert done.reached and done.sets == []


@pytest.mark.parametrize("fw_id", FRAMEWORKS)
def test_stored_changes_read_back_project_the_same(fw_id: str, folder: str) -> None:
    """A plan keeps its changes as JSON (`Projection.as_dict`); `restore` reads them back to the typed
    values, of every input type the agency answers, and projecting them gives the same projection."""
    import json

    fw, _, answers, doc = cycle(fw_id, folder)
    w = WhatIf(fw, answers, doc)
    rnd = random.Random(f"restore-{fw_id}")
    rec = next(r for r in doc["agencies"] if r["status"] == "scored")
    plan = w.agency(rec["id"]).plan
    by_type: dict[str, str] = {}
    for code, inp in fw.inputs.items():
        if not plan.is_inherited(code):
            by_type.setdefault(inp.type, code)
    assert {"multiple_choice"} <= set(by_type)
    assert fw_id != "dept-2566" or "matrix" in by_type
    changes = valid(w, rec["id"], rnd, list(by_type.values()))
    p = w.project(rec["id"], changes)
    stored = json.loads(json.dumps(p.as_dict()["changes"]))
    assert w.restore(rec["id"], stored) == changes
    assert w.project(rec["id"], w.restore(rec["id"], stored)).as_dict() == p.as_dict()
    mc = by_type["multiple_choice"]
    with pytest.raises(WhatIfError, match=f"input {mc}: .* is not a stored multiple_choice value"):
        w.restore(rec["id"], {mc: {"a": 1}})
    with pytest.raises(WhatIfError, match="unknown input code"):
        w.restore(rec["id"], {"P9.nothing": 1})
