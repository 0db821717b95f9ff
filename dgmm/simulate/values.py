"""Answer generators: one per input type, turning an agency's maturity into a value string.

Every generator takes ``q`` (the agency's maturity for this input, 0..1, noise included), the
random source and the agency id, and returns the value in the long format of
docs/framework-format.md ("Answer values").
More mature agencies choose more options, higher choices and larger numbers, always inside the
input's options and min/max. A new input type is one function and one entry in GENERATORS.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from dgmm.framework.schema import Framework, Input
from dgmm.simulate.options import option_groups

Generator = Callable[[float, random.Random, str], str]

# Option weights fall from the first option to the last: later options are the rarer, advanced ones.
FIRST_WEIGHT, LAST_WEIGHT = 1.3, 0.7
# Numbers without a maximum: up to about e**LOG_SPAN for the most mature agencies.
LOG_SPAN = math.log(120.0)
# Maturity is read in steps of 1/LEVELS for choosing options.
LEVELS = 256
LANE = 9  # bits per option in _choose_each: 8 for a random byte, 1 for the comparison's result
CACHE_MAX = 1 << 16
SIMULATED_TH = "ข้อมูลจำลอง"  # marks free text as simulated


def _weights(n: int) -> list[float]:
    if n <= 1:
        return [1.0] * n
    step = (FIRST_WEIGHT - LAST_WEIGHT) / (n - 1)
    return [FIRST_WEIGHT - i * step for i in range(n)]


def single_choice(inp: Input, fw: Framework) -> Generator:
    """The group of options for q (groups ranked by options.py), an option of the group at random."""
    groups = option_groups(fw).get(inp.code) or [list(inp.option_codes)]
    n = len(groups)

    def gen(q: float, rng: random.Random, agency: str) -> str:
        i = int(q * n)
        group = groups[i if i < n else n - 1]
        return group[0] if len(group) == 1 else group[int(rng.random() * len(group))]

    return gen


def _thresholds(weights: list[float]) -> list[bytes]:
    """For each maturity step k/LEVELS: the byte below which a random byte chooses each option."""
    return [bytes(min(255, int(k / LEVELS * 256.0 * w)) for w in weights) for k in range(LEVELS + 1)]


def _choose_each(labels: list[str], weights: list[float]) -> Generator:
    """Choose each label with probability q × its weight: label i is chosen when a random byte r_i
    is below the threshold t_i of q's step.

    All labels are compared at once on one integer with a 9-bit lane per label (SWAR): lane i holds
    255 + t_i - r_i, which reaches its top bit exactly when r_i < t_i, and never borrows from the
    next lane. The joined labels of each outcome are cached.
    """
    n = len(labels)
    bits = LANE * n
    low = sum(0xFF << (LANE * i) for i in range(n))
    top = sum(0x100 << (LANE * i) for i in range(n))
    bases = [sum((255 + t) << (LANE * i) for i, t in enumerate(row)) for row in _thresholds(weights)]
    cache: dict[int, str] = {}

    def gen(q: float, rng: random.Random, agency: str) -> str:
        chosen = (bases[int(q * LEVELS)] - (rng.getrandbits(bits) & low)) & top
        text = cache.get(chosen)
        if text is None:
            text = "|".join([lab for i, lab in enumerate(labels) if chosen >> (LANE * i + 8) & 1])
            if len(cache) < CACHE_MAX:
                cache[chosen] = text
        return text

    return gen


def multiple_choice(inp: Input, fw: Framework) -> Generator:
    return _choose_each([o.code for o in inp.options], _weights(len(inp.options)))


def matrix(inp: Input, fw: Framework) -> Generator:
    """Cells in row order; within each row, later columns are the rarer ones."""
    cells = [f"{r.code}:{c.code}" for r in inp.rows for c in inp.columns]
    return _choose_each(cells, _weights(len(inp.columns)) * len(inp.rows))


def yes_no(inp: Input, fw: Framework) -> Generator:
    def gen(q: float, rng: random.Random, agency: str) -> str:
        return "yes" if rng.random() < q else "no"

    return gen


def _bounds(inp: Input, lo: float, hi: float | None) -> tuple[float, float | None]:
    return (inp.min if inp.min is not None else lo), (inp.max if inp.max is not None else hi)


def integer(inp: Input, fw: Framework) -> Generator:
    lo, hi = _bounds(inp, 0.0, None)
    low = math.ceil(lo)
    if hi is not None:
        span = math.floor(hi) - low

        def bounded(q: float, rng: random.Random, agency: str) -> str:
            return str(low + int(q * span + 0.5))

        return bounded

    def unbounded(q: float, rng: random.Random, agency: str) -> str:
        return str(low + int(math.expm1(q * LOG_SPAN)))

    return unbounded


def number(inp: Input, fw: Framework) -> Generator:
    lo, hi = _bounds(inp, 0.0, None)
    if hi is not None:
        span = hi - lo

        def bounded(q: float, rng: random.Random, agency: str) -> str:
            return f"{min(hi, lo + q * span):.2f}"

        return bounded

    def unbounded(q: float, rng: random.Random, agency: str) -> str:
        return f"{lo + math.expm1(q * LOG_SPAN):.2f}"

    return unbounded


def percent(inp: Input, fw: Framework) -> Generator:
    lo, hi = _bounds(inp, 0.0, 100.0)
    top = 100.0 if hi is None else hi
    span = top - lo

    def gen(q: float, rng: random.Random, agency: str) -> str:
        return f"{min(top, lo + q * span):.1f}"

    return gen


def year(inp: Input, fw: Framework) -> Generator:
    lo, hi = _bounds(inp, fw.year - 10.0, float(fw.year))
    low = int(lo)
    span = int(hi if hi is not None else fw.year) - low

    def gen(q: float, rng: random.Random, agency: str) -> str:
        return str(low + int(q * span + 0.5))

    return gen


def url(inp: Input, fw: Framework) -> Generator:
    path = inp.code.lower().replace(".", "-")

    def gen(q: float, rng: random.Random, agency: str) -> str:
        return f"https://www.{agency}.example.go.th/{path}"

    return gen


def file(inp: Input, fw: Framework) -> Generator:
    name = inp.code.replace(".", "_")

    def gen(q: float, rng: random.Random, agency: str) -> str:
        return f"evidence/{agency}/{name}.pdf"

    return gen


def text(inp: Input, fw: Framework) -> Generator:
    """The question's own words, marked as simulated: "Other laws (please specify)" -> "Other laws (...)"."""
    label = (
        (inp.label.th or inp.label.en or inp.code).replace("(โปรดระบุ)", "").replace("(please specify)", "")
    )
    value = f"{label.strip()} ({SIMULATED_TH})"

    def gen(q: float, rng: random.Random, agency: str) -> str:
        return value

    return gen


def part_of(inp: Input) -> Callable[[str, float], str]:
    """A number that is a part of another answer (``share(inp, whole)``): about q of the whole."""
    lo = inp.min if inp.min is not None else 0.0
    hi = inp.max
    integer = inp.type in ("integer", "year")

    def part(whole: str, q: float) -> str:
        v = float(whole) * q
        v = lo if v < lo else hi if hi is not None and v > hi else v
        return str(int(v)) if integer else f"{v:.2f}"

    return part


GENERATORS: dict[str, Callable[[Input, Framework], Generator]] = {
    "single_choice": single_choice,
    "multiple_choice": multiple_choice,
    "matrix": matrix,
    "yes_no": yes_no,
    "integer": integer,
    "number": number,
    "percent": percent,
    "year": year,
    "url": url,
    "file": file,
    "text": text,
}


def generator_for(inp: Input, fw: Framework) -> Generator:
    """The generator of one input."""
    return GENERATORS[inp.type](inp, fw)
