"""Answer values: from the long format's strings to typed values, with messages that say what was expected.

Value forms (docs/framework-format.md): a choice is its option code; several choices are joined by
``|``; yes/no is ``yes``/``no`` (also true/false, 1/0, ใช่/ไม่ใช่); a matrix is ``row:col|row:col``;
numbers use ``.`` as the decimal point (a thousands separator ``,`` is accepted).

Every value is bounded before it is parsed (docs/framework-format.md, "Bounds"): its length (a number
has at most 40 characters, so ``int()`` never sees a huge string), then control characters (none,
except tab and line breaks inside text), then its range (numbers: the input's ``bounds``, finite) or
its length once trimmed (url, file, text: the input's ``length_limit``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from dgmm.errors import AnswerError, Problem, clip, shown
from dgmm.framework.schema import Framework, Input

YES = frozenset({"yes", "y", "true", "1", "ใช่", "มี"})
NO = frozenset({"no", "n", "false", "0", "ไม่ใช่", "ไม่มี"})


class ValueProblem(ValueError):
    """A value does not fit its input; the message says what was expected (in English). `kind` names
    the problem and `params` its values, so that an adapter can say it in the user's language
    (`Problem.params` carries both, the kind as ``("kind", ...)``)."""

    def __init__(self, message: str, kind: str = "invalid", **params: object) -> None:
        super().__init__(message)
        self.kind = kind
        self.params: tuple[tuple[str, str], ...] = tuple((k, str(v)) for k, v in params.items())

    def problem_params(self) -> tuple[tuple[str, str], ...]:
        return (("kind", self.kind), *self.params)


Parser = Callable[[str], Any]


NUMBER_CHARS = 40  # a number longer than this is refused before it is parsed
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # control characters and lone surrogates
TEXT_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")  # text keeps \t \n \r


def fmt_bound(x: float) -> str:
    """A bound as messages show it: 100, 0.5, 1000000000000 (never 1e+12)."""
    return f"{x:.0f}" if float(x).is_integer() else f"{x:g}"


def raw_limit(inp: Input) -> int:
    """The most characters a raw value of `inp` may have (surrounding spaces aside)."""
    if inp.type in ("url", "file", "text"):
        return inp.length_limit
    if inp.type in ("integer", "number", "percent", "year"):
        return NUMBER_CHARS
    if inp.type == "matrix":
        cells = [len(r.code) + len(c.code) + 2 for r in inp.rows for c in inp.columns]
        return 2 * sum(cells) + 64
    return 2 * sum(len(code) + 1 for code in inp.option_codes) + 64  # choices: every option, spaced


def check_raw(inp: Input, raw: str, expected: str = "") -> str:
    """`raw` without surrounding spaces, once its length and characters fit `inp`; else ValueProblem
    (`expected`, when given, starts the message about a value too long)."""
    limit = raw_limit(inp)
    text = raw.strip() if len(raw) <= 4 * limit + 1024 else raw  # a huge raw value is not even trimmed
    if len(text) > limit:
        if expected:
            raise ValueProblem(
                f"{expected}, found {len(text)} characters", "too_long", limit=limit, found=len(text)
            )
        raise ValueProblem(
            f"expected at most {limit} characters, found {len(text)}",
            "too_long",
            limit=limit,
            found=len(text),
        )
    bad = (TEXT_CONTROL if inp.type == "text" else CONTROL).search(text)
    if bad:
        allowed = "; tab and line breaks are allowed in text" if inp.type == "text" else ""
        raise ValueProblem(
            f"control character U+{ord(bad.group()):04X} at character {bad.start() + 1} is not "
            f"allowed{allowed}",
            "control_character",
            char=f"U+{ord(bad.group()):04X}",
            position=bad.start() + 1,
        )
    return text


def _number(inp: Input, integer: bool) -> Parser:
    lo, hi = inp.bounds
    what = "a whole number" if integer else "a number"
    kind = "not_a_whole_number" if integer else "not_a_number"
    bounds = f"{fmt_bound(lo)}..{fmt_bound(hi)}"

    def parse(raw: str) -> Any:
        text = check_raw(inp, raw, f"expected {what} in {bounds}").replace(",", "")
        if text.endswith("%") and inp.type == "percent":
            text = text[:-1].strip()
        try:
            value: float | int = int(text) if integer else float(text)
        except ValueError:
            raise ValueProblem(f"expected {what}, found {shown(raw)}", kind, found=clip(raw)) from None
        if not (integer or math.isfinite(value)):  # inf, nan
            raise ValueProblem(f"expected {what}, found {shown(raw)}", kind, found=clip(raw))
        if not lo <= value <= hi:
            raise ValueProblem(
                f"expected {what} in {bounds}, found {shown(raw)}",
                "out_of_range",
                min=fmt_bound(lo),
                max=fmt_bound(hi),
                found=clip(raw),
            )
        return value

    return parse


def _year(inp: Input) -> Parser:
    lo, hi = (int(b) for b in inp.bounds)

    def parse(raw: str) -> int:
        text = check_raw(inp, raw, f"expected a Buddhist-era year {lo}..{hi}")
        if not (text.isdigit() and len(text) == 4):
            raise ValueProblem(
                f"expected a 4-digit year (Buddhist era, e.g. 2566), found {shown(raw)}",
                "not_a_year",
                found=clip(raw),
            )
        value = int(text)
        if not lo <= value <= hi:
            raise ValueProblem(
                f"expected a Buddhist-era year {lo}..{hi}, found {shown(raw)}",
                "out_of_range",
                min=lo,
                max=hi,
                found=clip(raw),
            )
        return value

    return parse


def make_parser(inp: Input) -> Parser:
    """A function that turns one raw string into the typed value of `inp`, or raises ValueProblem."""
    typ = inp.type
    if typ == "single_choice":
        codes = frozenset(inp.option_codes)
        listing = ", ".join(inp.option_codes)

        def single(raw: str) -> str:
            v = check_raw(inp, raw)
            if v not in codes:
                raise ValueProblem(
                    f"expected one of {listing}, found {shown(raw)}", "not_an_option", found=clip(raw)
                )
            return v

        return single
    if typ == "multiple_choice":
        codes = frozenset(inp.option_codes)
        listing = ", ".join(inp.option_codes)

        def multiple(raw: str) -> frozenset[str]:
            text = check_raw(inp, raw)
            parts = [p.strip() for p in text.split("|")] if text else []
            bad = [p for p in parts if p not in codes]
            if bad:
                raise ValueProblem(
                    f"{', '.join(shown(b) for b in bad[:5])}{' …' if len(bad) > 5 else ''} not among the "
                    f"options ({listing}); "
                    "separate several choices with '|'",
                    "not_an_option",
                    found=", ".join(clip(b) for b in bad[:5]),
                )
            return frozenset(parts)

        return multiple
    if typ == "yes_no":

        def yes_no(raw: str) -> bool:
            v = check_raw(inp, raw).lower()
            if v in YES:
                return True
            if v in NO:
                return False
            raise ValueProblem(f"expected yes or no, found {shown(raw)}", "not_yes_no", found=clip(raw))

        return yes_no
    if typ == "integer":
        return _number(inp, integer=True)
    if typ in ("number", "percent"):
        return _number(inp, integer=False)
    if typ == "year":
        return _year(inp)
    if typ == "url":

        def url(raw: str) -> str:
            v = check_raw(inp, raw)
            if not (v.startswith(("http://", "https://")) and len(v) > 10 and " " not in v):
                raise ValueProblem(
                    f"expected a web address starting with http:// or https://, found {shown(raw)}",
                    "not_a_web_address",
                    found=clip(raw),
                )
            return v

        return url
    if typ == "matrix":
        rows = frozenset(o.code for o in inp.rows)
        cols = frozenset(o.code for o in inp.columns)

        def matrix(raw: str) -> dict[str, frozenset[str]]:
            cells: dict[str, set[str]] = {}
            for part in (p.strip() for p in check_raw(inp, raw).split("|") if p.strip()):
                r, sep, c = part.partition(":")
                if not sep or r not in rows or c not in cols:
                    raise ValueProblem(
                        f"expected cells 'row:column' with rows {', '.join(sorted(rows))} and columns "
                        f"{', '.join(sorted(cols))}, found {shown(part)}",
                        "not_a_cell",
                        found=clip(part),
                    )
                cells.setdefault(r, set()).add(c)
            return {r: frozenset(c) for r, c in cells.items()}

        return matrix

    def text(raw: str) -> str:
        v = check_raw(inp, raw)
        if not v:
            raise ValueProblem("expected some text, found nothing", "empty")
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
            problems.append(
                Problem(
                    source,
                    0,
                    code,
                    f"unknown input code {shown(code)} in framework {framework.id}",
                    "unknown_input",
                )
            )
            continue
        if value is None or (str(value).strip() == "" and inp.type not in ("multiple_choice", "matrix")):
            continue
        try:
            out[code] = parsers.parse(code, str(value))
        except ValueProblem as exc:
            problems.append(Problem(source, 0, code, str(exc), "bad_value", params=exc.problem_params()))
    if problems:
        raise AnswerError(problems)
    return out
