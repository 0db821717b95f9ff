"""dgmm: digital-government maturity assessment.

The core is pure Python: frameworks as data, a safe rule language, scoring, cohort statistics and
explanations. Adapters (cli, reports, web) call these functions and re-implement none of them.
"""

from __future__ import annotations

from dgmm.advice import TopicExplanation, explain_agency, explain_from
from dgmm.answers import AnswerSet, parse_answers, read_answers
from dgmm.checks import Flag, check_answers
from dgmm.cycle import score_cycle
from dgmm.errors import (
    AnswerError,
    DgmmError,
    FrameworkError,
    InputFileError,
    NotFoundError,
    Problem,
    ResultsError,
    RuleError,
)
from dgmm.framework.pmqa import Crosswalk, Pmqa, PmqaItem, PmqaLink
from dgmm.framework.schema import Framework
from dgmm.loading import framework_path, list_frameworks, load_framework
from dgmm.pipeline import score_files
from dgmm.pmqa import load_crosswalk, load_pmqa, pmqa_items_for, pmqa_topics_for
from dgmm.questionnaire import questionnaire
from dgmm.registry import Agency, read_agencies
from dgmm.results import agency, comparators, higher_than, read_results, write_results
from dgmm.rounding import display
from dgmm.rules.explain import Change, Step
from dgmm.scoring.agency import AgencyResult, NodeResult, TopicResult, input_applies, score_agency

__version__ = "0.1.0"

__all__ = [
    "Agency",
    "AgencyResult",
    "AnswerError",
    "AnswerSet",
    "Change",
    "Crosswalk",
    "DgmmError",
    "Flag",
    "Framework",
    "FrameworkError",
    "InputFileError",
    "NodeResult",
    "NotFoundError",
    "Pmqa",
    "PmqaItem",
    "PmqaLink",
    "Problem",
    "ResultsError",
    "RuleError",
    "Step",
    "TopicExplanation",
    "TopicResult",
    "__version__",
    "agency",
    "check_answers",
    "comparators",
    "display",
    "explain_agency",
    "explain_from",
    "framework_path",
    "higher_than",
    "input_applies",
    "list_frameworks",
    "load_crosswalk",
    "load_framework",
    "load_pmqa",
    "parse_answers",
    "pmqa_items_for",
    "pmqa_topics_for",
    "questionnaire",
    "read_agencies",
    "read_answers",
    "read_results",
    "score_agency",
    "score_cycle",
    "score_files",
    "write_results",
]
