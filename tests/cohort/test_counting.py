"""Only answers that count are scored (DECISIONS §28): agencies whose answers do not count are listed
with their status and left out of every cohort figure, as if the cycle were scored without them."""

from __future__ import annotations

import csv
import io
import json
import random
from typing import Any

import pytest

from dgmm import AnswerSet, Framework, load_framework, score_cycle
from dgmm.cohort.counting import SUBMISSION_STATUSES
from dgmm.registry import Agency
from dgmm.results import results_csv
from tests.bench_support import FORMS, random_cycle, reference_cycle

COHORT_FIGURES = ("scored", "percentiles", "all", "groups", "parents", "no1")


@pytest.fixture(scope="module")
def forms() -> Framework:
    return load_framework(FORMS)


def _statuses(agencies: list[Agency], seed: int) -> dict[str, str]:
    rnd = random.Random(seed)
    return {a.id: rnd.choice(SUBMISSION_STATUSES) for a in agencies if rnd.random() < 0.95}


def _only(answers: AnswerSet, keep: set[str]) -> AnswerSet:
    out = AnswerSet()
    out.own = {k: v for k, v in answers.own.items() if k in keep}
    out.analyst = {k: v for k, v in answers.analyst.items() if k in keep}
    return out


@pytest.mark.parametrize(
    ("policy", "counted"), [("submitted", {"submitted", "approved"}), ("approved", {"approved"})]
)
def test_agencies_whose_answers_do_not_count_are_listed_without_a_score(
    forms: Framework, policy: str, counted: set[str]
) -> None:
    agencies, answers = random_cycle(forms, 300, 7)
    statuses = _statuses(agencies, 7)
    doc = score_cycle(forms, agencies, answers, statuses=statuses, policy=policy)
    expected = {"not_started": "not_submitted", "in_progress": "not_submitted", "returned": "returned"}
    expected["submitted"] = "not_approved"
    seen = set()
    for rec in doc["agencies"]:
        submission = statuses.get(rec["id"], "not_started")
        assert rec["submission"] == submission
        if submission in counted:
            assert rec["status"] in ("scored", "no_answers")
            continue
        seen.add(rec["status"])
        assert rec["status"] == expected[submission]
        assert (rec["overall"], rec["group"], rec["rank"]) == (None, None, None)
        assert (rec["topics"], rec["pillars"]) == ({}, {})
    assert seen >= {"not_submitted", "returned"}
    assert doc["cohort"]["policy"] == policy
    assert sum(doc["cohort"]["statuses"].values()) == doc["cohort"]["invited"]


@pytest.mark.parametrize("policy", ["submitted", "approved", "all"])
def test_the_cycle_scores_as_its_definition_one_agency_at_a_time(forms: Framework, policy: str) -> None:
    agencies, answers = random_cycle(forms, 400, 3)
    statuses = _statuses(agencies, 3)
    got = score_cycle(forms, agencies, answers, statuses=statuses, policy=policy)
    assert json.dumps(got, ensure_ascii=False) == json.dumps(
        reference_cycle(forms, agencies, answers, statuses, policy), ensure_ascii=False
    )


def test_cutoffs_averages_and_ranks_are_those_of_the_counted_agencies_alone(forms: Framework) -> None:
    agencies, answers = random_cycle(forms, 400, 11)
    statuses = _statuses(agencies, 11)
    doc = score_cycle(forms, agencies, answers, statuses=statuses)
    counted = {k for k, v in statuses.items() if v in ("submitted", "approved")}
    alone = score_cycle(forms, [a for a in agencies if a.id in counted], _only(answers, counted))
    for key in COHORT_FIGURES:
        assert doc["cohort"][key] == alone["cohort"][key], key
    assert doc["cohort"]["scored"] < sum(1 for a in doc["agencies"] if a["id"] in answers.own)

    def placed(d: dict[str, Any]) -> dict[str, Any]:
        scored = [a for a in d["agencies"] if a["status"] == "scored"]
        return {a["id"]: (a["rank"], a["group"], a["overall"]) for a in scored}

    assert placed(doc) == placed(alone)
    everything = score_cycle(forms, agencies, answers)
    assert everything["cohort"]["scored"] > doc["cohort"]["scored"]  # the drafts would have changed them


def test_a_child_never_reads_a_parent_whose_answers_do_not_count(forms: Framework) -> None:
    agencies, answers = random_cycle(forms, 300, 5)
    statuses = {a.id: "submitted" for a in agencies}
    parents = {a.parent_id for a in agencies if a.parent_id and answers.own.get(a.parent_id)}
    silenced = sorted(parents)[0]
    statuses[silenced] = "in_progress"
    counted = score_cycle(forms, agencies, answers, statuses=statuses)
    children = [a for a in counted["agencies"] if a["parent_id"] == silenced and a["status"] == "scored"]
    assert children
    without = AnswerSet()
    without.own = {k: v for k, v in answers.own.items() if k != silenced}
    without.analyst = {k: v for k, v in answers.analyst.items() if k != silenced}
    silent = {a["id"]: a for a in score_cycle(forms, agencies, without)["agencies"]}
    reasons = set()
    for child in children:
        assert child["overall"] == silent[child["id"]]["overall"]
        for tid, entry in child["topics"].items():
            other = silent[child["id"]]["topics"][tid]
            assert entry["level"] == other["level"]
            if other.get("reason") == "parent_missing":
                reasons.add(entry["reason"])
                assert entry["reason"] == "parent_not_counted"
    assert reasons == {"parent_not_counted"}


def test_without_statuses_every_agency_counts_as_before(forms: Framework) -> None:
    agencies, answers = random_cycle(forms, 200, 2)
    doc = score_cycle(forms, agencies, answers)
    assert {a["submission"] for a in doc["agencies"]} == {None}
    assert doc["cohort"]["policy"] is None
    assert {a["status"] for a in doc["agencies"]} == {"scored", "no_answers"}


def test_the_csv_carries_each_agencys_status_and_submission(forms: Framework) -> None:
    agencies, answers = random_cycle(forms, 120, 9)
    statuses = _statuses(agencies, 9)
    doc = score_cycle(forms, agencies, answers, statuses=statuses)
    rows = {r["agency_id"]: r for r in csv.DictReader(io.StringIO(results_csv(doc, forms)))}
    for rec in doc["agencies"]:
        row = rows[rec["id"]]
        assert (row["status"], row["submission"]) == (rec["status"], rec["submission"])
        if rec["status"] not in ("scored",):
            assert (row["overall_score"], row["rank"], row["group"]) == ("", "", "")


def test_an_unknown_policy_or_status_is_refused_with_the_choices(forms: Framework) -> None:
    agencies, answers = random_cycle(forms, 10, 1)
    with pytest.raises(ValueError, match="expected one of: submitted, approved, all"):
        score_cycle(forms, agencies, answers, statuses={}, policy="drafts")
    with pytest.raises(ValueError, match=r"A00001.*'done'"):
        score_cycle(forms, agencies, answers, statuses={"A00001": "done"})
