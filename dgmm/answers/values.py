"""Answer values: from the long format's strings to typed values, with messages that say what was expected.

Value forms (docs/framework-format.md): a choice is its option code; several choices are joined by
``|``; yes/no is ``yes``/``no`` (also true/false, 1/0, ใช่/ไม่ใช่); a matrix is ``row:col|row:col``;
numbers use ``.`` as the decimal point (a thousands separator ``,`` is accepted).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from dgmm.errors import AnswerError, Problem, shown
from dgmm.framework.schema import Framework, Input

YES = frozenset({"yes", "y", "true", "1", "ใช่", "มี"})
NO = frozenset({"no", "n", "false", "0", "ไม่ใช่", "ไม่มี"})


class ValueProblem(ValueError):
    """A value does not fit its input; the message says what was expected."""


Parser = Callable[[str], Any]


def _number(inp: Input, integer: bool) -> Parser:
    lo, hi = inp.min, inp.max
    if inp.type == "percent":
        lo = 0.0 if lo is None else lo
        hi = 100.0 if hi is None else hi
    what = "a whole number" if integer else "a number"

    def parse(raw: str) -> Any:
        text = raw.strip().replace(",", "")
        if text.endswith("%") and inp.type == "percent":
            text = text[:-1].strip()
        try:
            value: float | int = int(text) if integer else float(text)
        except ValueError:
            raise ValueProblem(f"expected {what}, found {shown(raw)}") from None
        if not integer and value != value:  # NaN
            raise ValueProblem(f"expected {what}, found {shown(raw)}")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            bounds = f"{'' if lo is None else f'{lo:g}'}..{'' if hi is None else f'{hi:g}'}"
            raise ValueProblem(f"expected {what} in {bounds}, found {shown(raw)}")
        return value

    return parse


def _year(inp: Input) -> Parser:
    def parse(raw: str) -> int:
        text = raw.strip()
        if not (text.isdigit() and len(text) == 4):
            raise ValueProblem(f"expected a 4-digit year (Buddhist era, e.g. 2566), found {shown(raw)}")
        value = int(text)
        lo = int(inp.min) if inp.min is not None else 2400
        hi = int(inp.max) if inp.max is not None else 2700
        if not lo <= value <= hi:
            raise ValueProblem(f"expected a Buddhist-era year {lo}..{hi}, found {shown(raw)}")
        return value

    return parse


def make_parser(inp: Input) -> Parser:
    """A function that turns one raw string into the typed value of `inp`, or raises ValueProblem."""
    typ = inp.type
    if typ == "single_choice":
        codes = frozenset(inp.option_codes)
        listing = ", ".join(inp.option_codes)

        def single(raw: str) -> str:
            v = raw.strip()
            if v not in codes:
                raise ValueProblem(f"expected one of {listing}, found {shown(raw)}")
            return v

        return single
    if typ == "multiple_choice":
        codes = frozenset(inp.option_codes)
        listing = ", ".join(inp.option_codes)

        def multiple(raw: str) -> frozenset[str]:
            parts = [p.strip() for p in raw.split("|")] if raw.strip() else []
            bad = [p for p in parts if p not in codes]
            if bad:
                raise ValueProblem(f"{', '.join(shown(b) for b in bad[:5])}{' …' if len(bad) > 5 else ''} not among the "
                                   f"options ({listing}); "
                                   "separate several choices with '|'")
            return frozenset(parts)

        return multiple
    if typ == "yes_no":

        def yes_no(raw: str) -> bool:
            v = raw.strip().lower()
            if v in YES:
                return True
            if v in NO:
                return False
            raise ValueProblem(f"expected yes or no, found {shown(raw)}")

        return yes_no
    if typ == "integer":
        return _number(inp, integer=True)
    if typ in ("number", "percent"):
        return _number(inp, integer=False)
    if typ == "year":
        return _year(inp)
    if typ == "url":

        def url(raw: str) -> str:
            v = raw.strip()
            if not (v.startswith(("http://", "https://")) and len(v) > 10 and " " not in v):
                raise ValueProblem(f"expected a web address starting with http:// or https://, found {shown(raw)}")
            return v

        return url
    if typ == "matrix":
        rows = frozenset(o.code for o in inp.rows)
        cols = frozenset(o.code for o in inp.columns)

        def matrix(raw: str) -> dict[str, frozenset[str]]:
            cells: dict[str, set[str]] = {}
            for part in (p.strip() for p in raw.split("|") if p.strip()):
                r, sep, c = part.partition(":")
                if not sep or r not in rows or c not in cols:
                    raise ValueProblem(f"expected cells 'row:column' with rows {', '.join(sorted(rows))} and columns "
                                       f"{', '.join(sorted(cols))}, found {shown(part)}")
                cells.setdefault(r, set()).add(c)
            return {r: frozenset(c) for r, c in cells.items()}

        return matrix

    def text(raw: str) -> str:
        v = raw.strip()
        if not v:
            raise ValueProblem("expected some text, found nothing")
        return v

    return text


class ValueParsers:
    """Parsers for the inputs of a framework, each made when its input is first parsed, with a cache:
    equal raw strings are parsed once."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.inputs = framework.inputs
        self._parsers: dict[str, Parser] = {}
        self._cache: dict[str, dict[str, Any]] = {}

    def parse(self, code: str, raw: str) -> Any:
        """Typed value; KeyError for an unknown code, ValueProblem for a bad value."""
        cache = self._cache.get(code)
        if cache is None:
            self._parsers[code] = make_parser(self.inputs[code])
            cache = self._cache[code] = {}
        try:
            return cache[raw]
        except KeyError:
            value = self._parsers[code](raw)
            if len(cache) < 4096:
                cache[raw] = value
            return value


def parse_answers(framework: Framework, raw: Mapping[str, str], *, source: str = "answers") -> dict[str, Any]:
    """Typed values for one agency's raw answers ({input code: value string}).

    Raises AnswerError listing every unknown code and bad value. Empty strings mean "not answered",
    except for a multiple choice or matrix, where an empty string is an answer with nothing chosen.
    """
    parsers = ValueParsers(framework)
    out: dict[str, Any] = {}
    problems: list[Problem] = []
    for code, value in raw.items():
        inp = parsers.inputs.get(code)
        if inp is None:
            problems.append(Problem(source, 0, code, f"unknown input code {shown(code)} in framework {framework.id}",
                                    "unknown_input"))
            continue
        if value is None or (str(value).strip() == "" and inp.type not in ("multiple_choice", "matrix")):
            continue
        try:
            out[code] = parsers.parse(code, str(value))
        except ValueProblem as exc:
            problems.append(Problem(source, 0, code, str(exc), "bad_value"))
    if problems:
        raise AnswerError(problems)
    return out
