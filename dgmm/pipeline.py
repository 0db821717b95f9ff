"""Score a cycle from its files to its results files: the one path `dgmm score`, benches and tests share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from dgmm.answers import read_answers
from dgmm.cohort.counting import DEFAULT_POLICY, check_policy, read_statuses
from dgmm.cycle import score_cycle
from dgmm.framework.schema import Framework
from dgmm.registry import read_agencies
from dgmm.results import read_results, write_results


def score_files(
    framework: Framework,
    agencies_path: str | Path,
    answers_path: str | Path,
    output: str | Path,
    previous_path: str | Path | None = None,
    progress: Callable[[int], None] | None = None,
    on_cohort: Callable[[int], None] | None = None,
    answers_sheet: str | None = None,
    statuses_path: str | Path | None = None,
    policy: str = DEFAULT_POLICY,
) -> tuple[dict[str, Any], Path, Path]:
    """Read and check both files (and the previous results), score the cycle, write results JSON and CSV.

    Nothing is written unless every row is valid. `on_cohort` hears how many agencies will be scored
    (for a progress bar), `progress` how many more were. `answers_sheet` names the sheet of an answers
    workbook (else its first sheet with the answer columns). `statuses_path` names a file of the
    agencies' submission statuses: then only answers that count under `policy` are scored (DECISIONS
    §28); without it every agency counts. Returns the results document and both paths.
    """
    check_policy(policy)
    agencies = read_agencies(agencies_path)
    answers = read_answers(answers_path, framework, {a.id: a.tier for a in agencies}, sheet=answers_sheet)
    if on_cohort is not None:
        on_cohort(sum(1 for a in agencies if a.tier in framework.tiers))
    statuses = read_statuses(statuses_path) if statuses_path else None
    previous = read_results(previous_path) if previous_path else None
    doc = score_cycle(
        framework, agencies, answers, previous, progress=progress, statuses=statuses, policy=policy
    )
    json_path, csv_path = write_results(
        doc,
        output,
        framework,
        sources={
            "framework": framework.path,
            "agencies": agencies_path,
            "answers": answers_path,
            "previous": previous_path,
            **({"statuses": statuses_path} if statuses_path else {}),
        },
    )
    return doc, json_path, csv_path
