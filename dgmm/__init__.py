"""dgmm: digital-government maturity assessment.

The core is pure Python: frameworks as data, a safe rule language, scoring, cohort statistics and
explanations. Adapters (cli, reports, web) call these functions and re-implement none of them.
"""

from __future__ import annotations

from dgmm.answers import parse_answers
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
from dgmm.framework.schema import Framework
from dgmm.loading import framework_path, list_frameworks, load_framework
from dgmm.scoring.agency import AgencyResult, NodeResult, TopicResult, score_agency

__version__ = "0.1.0"

__all__ = [
    "AgencyResult",
    "AnswerError",
    "DgmmError",
    "Framework",
    "FrameworkError",
    "InputFileError",
    "NodeResult",
    "NotFoundError",
    "Problem",
    "ResultsError",
    "RuleError",
    "TopicResult",
    "__version__",
    "framework_path",
    "list_frameworks",
    "load_framework",
    "parse_answers",
    "score_agency",
]
