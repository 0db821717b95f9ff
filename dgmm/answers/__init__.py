"""Answers: typed values from the long format's strings
(values.py) and answers files read per agency (reader.py).

Value forms (docs/framework-format.md): a choice is its option code; several choices are joined by
``|``; yes/no is ``yes``/``no`` (also true/false, 1/0, ใช่/ไม่ใช่); a matrix is ``row:col|row:col``;
numbers use ``.`` as the decimal point (a thousands separator ``,`` is accepted).
"""

from __future__ import annotations

from dgmm.answers.reader import ANSWER_COLUMNS, SOURCES, AnswerSet, read_answers
from dgmm.answers.values import (
    NO,
    YES,
    Parser,
    ValueParsers,
    ValueProblem,
    fmt_bound,
    make_parser,
    parse_answers,
)

__all__ = [
    "ANSWER_COLUMNS",
    "NO",
    "SOURCES",
    "YES",
    "AnswerSet",
    "Parser",
    "ValueParsers",
    "ValueProblem",
    "fmt_bound",
    "make_parser",
    "parse_answers",
    "read_answers",
]
