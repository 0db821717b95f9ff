"""Whose answers count for a cycle's results: the scoring policy and the agencies' submission statuses
(DECISIONS §28).

A survey office scores a cycle from what agencies *submitted*, not from drafts. The caller of
`dgmm.score_cycle` says, per agency, where its submission stands (`SUBMISSION_STATUSES`) and which
policy the cycle is scored under (`POLICIES`):

- ``submitted`` (the default): submitted and approved answers count;
- ``approved``: only answers an analyst approved count;
- ``all``: every stored answer counts, drafts included: for a trial run, never for official results.

An agency whose answers do not count is listed in the results with a status saying why
(`result_status`): ``not_submitted`` (not started or still in progress), ``returned`` (returned for
correction) or ``not_approved`` (submitted, not yet approved, under ``approved``), with no score, level,
group or rank, and it is left out of every cohort figure. When no statuses are given at all, every
agency counts, as a results file scored from answer files always did. `dgmm score --statuses FILE`
reads them from a file (`read_statuses`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from dgmm.errors import InputFileError, Problem, ProblemList, did_you_mean, shown
from dgmm.tables import DEFAULT_LIMITS, FileLimits, read_rows

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
SUBMITTED = "submitted"
RETURNED = "returned"
APPROVED = "approved"
SUBMISSION_STATUSES = (NOT_STARTED, IN_PROGRESS, SUBMITTED, RETURNED, APPROVED)

POLICY_SUBMITTED = "submitted"
POLICY_APPROVED = "approved"
POLICY_ALL = "all"
DEFAULT_POLICY = POLICY_SUBMITTED

# policy -> the submission statuses whose answers count under it
POLICIES: Mapping[str, frozenset[str]] = {
    POLICY_SUBMITTED: frozenset({SUBMITTED, APPROVED}),
    POLICY_APPROVED: frozenset({APPROVED}),
    POLICY_ALL: frozenset(SUBMISSION_STATUSES),
}

# result statuses of agencies whose answers do not count (beside "scored" and "no_answers")
NOT_SUBMITTED = "not_submitted"
NOT_APPROVED = "not_approved"
RETURNED_STATUS = "returned"
NOT_COUNTED = (NOT_SUBMITTED, RETURNED_STATUS, NOT_APPROVED)

PARENT_NOT_COUNTED = "parent_not_counted"  # topic reason: the parent department's answers do not count

# why an agency of a results file has no score, in the readers' words (CLI, reports), by result status
WHY_NOT_SCORED: Mapping[str, Mapping[str, str]] = {
    NOT_SUBMITTED: {
        "en": "not submitted: the agency did not submit its answers, so it is not scored",
        "th": "ไม่ได้ส่ง: หน่วยงานไม่ได้ส่งคำตอบ จึงไม่มีผลการประเมิน",
    },
    RETURNED_STATUS: {
        "en": "returned for correction: the agency's answers were not submitted again, so it is not scored",
        "th": "ส่งกลับให้แก้ไข: หน่วยงานไม่ได้ส่งคำตอบใหม่ จึงไม่มีผลการประเมิน",
    },
    NOT_APPROVED: {
        "en": "not approved: only approved answers count in this cycle, so it is not scored",
        "th": "ยังไม่อนุมัติ: รอบนี้นับเฉพาะคำตอบที่อนุมัติแล้ว จึงไม่มีผลการประเมิน",
    },
    "no_answers": {
        "en": "no answers: the agency answered nothing itself in this cycle, so it is not scored",
        "th": "ไม่มีคำตอบ: หน่วยงานไม่ได้ตอบแบบสำรวจในรอบนี้ จึงไม่มีผลการประเมิน",
    },
}


def check_policy(policy: str) -> str:
    """The policy, or ValueError naming the policies there are."""
    if policy not in POLICIES:
        raise ValueError(f"unknown scoring policy {policy!r}; expected one of: {', '.join(POLICIES)}")
    return policy


def check_statuses(statuses: Mapping[str, str]) -> None:
    """ValueError naming the first agency whose submission status is not one of SUBMISSION_STATUSES."""
    for agency_id, status in statuses.items():
        if status not in SUBMISSION_STATUSES:
            raise ValueError(
                f"agency {agency_id!r}: unknown submission status {status!r}; expected one of: "
                f"{', '.join(SUBMISSION_STATUSES)}"
            )


class Counting:
    """Which agencies' answers count: built once per cycle from the statuses and the policy.

    `statuses` None: every agency counts (and none has a submission status). An agency the statuses
    do not name has not started (its answers count only under ``all``)."""

    def __init__(self, statuses: Mapping[str, str] | None, policy: str = DEFAULT_POLICY) -> None:
        self.policy = check_policy(policy)
        if statuses is not None:
            check_statuses(statuses)
        self.statuses = statuses
        self.counting = POLICIES[policy]

    @property
    def knows_statuses(self) -> bool:
        return self.statuses is not None

    def submission(self, agency_id: str) -> str | None:
        """The agency's submission status; None when the caller gave no statuses."""
        if self.statuses is None:
            return None
        return self.statuses.get(agency_id, NOT_STARTED)

    def counts(self, agency_id: str | None) -> bool:
        """Whether the agency's answers count (None, no agency: nothing to count, True)."""
        if self.statuses is None or not agency_id:
            return True
        return self.statuses.get(agency_id, NOT_STARTED) in self.counting


def result_status(submission: str) -> str:
    """The results' status of an agency whose answers do not count, from its submission status."""
    if submission == RETURNED:
        return RETURNED_STATUS
    if submission in (SUBMITTED,):
        return NOT_APPROVED
    return NOT_SUBMITTED


STATUS_COLUMNS = ("agency_id", "status")


def read_statuses(path: str | Path, limits: FileLimits = DEFAULT_LIMITS) -> dict[str, str]:
    """Read a submission statuses file (CSV or XLSX, columns agency_id and status, one row per agency).
    Raises InputFileError with every problem: a blank id, an agency listed twice, an unknown status."""
    cols, rows = read_rows(path, STATUS_COLUMNS, limits)
    at = {c: i for i, c in enumerate(cols)}
    out: dict[str, str] = {}
    seen: set[str] = set()
    problems = ProblemList(limits.max_problems)
    for rownum, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        agency_id, status = (cells[at[c]].strip() if at[c] < len(cells) else "" for c in STATUS_COLUMNS)
        if not agency_id:
            problems.append(Problem(str(path), rownum, "agency_id", "agency_id is empty", code="required"))
        elif agency_id in seen:
            problems.append(
                Problem(
                    str(path), rownum, "agency_id", f"agency {shown(agency_id)} is listed twice", "duplicate"
                )
            )
        if status not in SUBMISSION_STATUSES:
            problems.append(
                Problem(
                    str(path),
                    rownum,
                    "status",
                    f"expected one of {', '.join(SUBMISSION_STATUSES)}, found {shown(status)}"
                    f"{did_you_mean(status, SUBMISSION_STATUSES)}",
                    code="invalid_status",
                )
            )
        if agency_id and status in SUBMISSION_STATUSES and agency_id not in seen:
            out[agency_id] = status
        seen.add(agency_id)
    if problems:
        raise InputFileError(problems, more=problems.more)
    return out
