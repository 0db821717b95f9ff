"""Answer generators: one per input type, turning an agency's maturity into a value string.

Every generator takes ``q`` (the agency's maturity for this input, 0..1, noise included), the
random source and the agency id, and returns the value in the long format of
docs/framework-format.md ("Answer values"), or None when the agency leaves the input blank.
More mature agencies choose more options, higher choices and larger numbers, always inside the
input's options and min/max. A new input type is one function and one entry in GENERATORS.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from itertools import compress
from operator import lt

from dgmm.framework.schema import Framework, Input

Generator = Callable[[float, random.Random, str], "str | None"]

# Optional inputs are answered by about 30 % of the least and 90 % of the most mature agencies.
OPTIONAL_BASE, OPTIONAL_SLOPE = 0.3, 0.6
# Option weights fall from the first option to the last: later options are the rarer, advanced ones.
FIRST_WEIGHT, LAST_WEIGHT = 1.3, 0.7
# Numbers without a maximum: up to about e**LOG_SPAN for the most mature agencies.
LOG_SPAN = math.log(120.0)
# Maturity is read in steps of 1/LEVELS for choosing options.
LEVELS = 256
TEXTS = (
    "ยังไม่ได้ดำเนินการ",
    "อยู่ระหว่างจัดทำแผนการดำเนินงาน",
    "ดำเนินการแล้วบางส่วน",
    "ดำเนินการแล้วและติดตามผลเป็นประจำ",
    "ดำเนินการครบถ้วนและปรับปรุงอย่างต่อเนื่อง",
)


def _weights(n: int) -> list[float]:
    if n <= 1:
        return [1.0] * n
    step = (FIRST_WEIGHT - LAST_WEIGHT) / (n - 1)
    return [FIRST_WEIGHT - i * step for i in range(n)]


def _ordered_codes(inp: Input) -> list[str]:
    """Option codes from the least to the most mature answer: by points when they exist, else file order."""
    opts = list(inp.options)
    if any(o.points is not None for o in opts):
        opts.sort(key=lambda o: o.points if o.points is not None else 0.0)
    return [o.code for o in opts]


def single_choice(inp: Input, fw: Framework) -> Generator:
    codes = _ordered_codes(inp)
    n = len(codes)

    def gen(q: float, rng: random.Random, agency: str) -> str | None:
        i = int(q * n)
        return codes[i if i < n else n - 1]

    return gen


def _thresholds(weights: list[float]) -> list[bytes]:
    """For each maturity step k/LEVELS: the byte below which a random byte chooses each option."""
    return [bytes(min(255, int(k / LEVELS * 256.0 * w)) for w in weights) for k in range(LEVELS + 1)]


def _choose_each(labels: list[str], weights: list[float]) -> Generator:
    """Choose each label with probability q × its weight: one random byte per label, compared in C."""
    n = len(labels)
    bits = 8 * n
    table = _thresholds(weights)

    def gen(q: float, rng: random.Random, agency: str) -> str | None:
        draws = rng.getrandbits(bits).to_bytes(n, "little") if n else b""
        return "|".join(compress(labels, map(lt, draws, table[int(q * LEVELS)])))

    return gen


def multiple_choice(inp: Input, fw: Framework) -> Generator:
    return _choose_each([o.code for o in inp.options], _weights(len(inp.options)))


def matrix(inp: Input, fw: Framework) -> Generator:
    """Cells in row order; within each row, later columns are the rarer ones."""
    cells = [f"{r.code}:{c.code}" for r in inp.rows for c in inp.columns]
    return _choose_each(cells, _weights(len(inp.columns)) * len(inp.rows))


def yes_no(inp: Input, fw: Framework) -> Generator:
    def gen(q: float, rng: random.Random, agency: str) -> str | None:
        return "yes" if rng.random() < q else "no"

    return gen


def _bounds(inp: Input, lo: float, hi: float | None) -> tuple[float, float | None]:
    return (inp.min if inp.min is not None else lo), (inp.max if inp.max is not None else hi)


def integer(inp: Input, fw: Framework) -> Generator:
    lo, hi = _bounds(inp, 0.0, None)
    low = math.ceil(lo)
    if hi is not None:
        span = math.floor(hi) - low

        def bounded(q: float, rng: random.Random, agency: str) -> str | None:
            return str(low + int(q * span + 0.5))

        return bounded

    def unbounded(q: float, rng: random.Random, agency: str) -> str | None:
        return str(low + int(math.expm1(q * LOG_SPAN)))

    return unbounded


def number(inp: Input, fw: Framework) -> Generator:
    lo, hi = _bounds(inp, 0.0, None)
    if hi is not None:
        span = hi - lo

        def bounded(q: float, rng: random.Random, agency: str) -> str | None:
            return f"{min(hi, lo + q * span):.2f}"

        return bounded

    def unbounded(q: float, rng: random.Random, agency: str) -> str | None:
        return f"{lo + math.expm1(q * LOG_SPAN):.2f}"

    return unbounded


def percent(inp: Input, fw: Framework) -> Generator:
    lo, hi = _bounds(inp, 0.0, 100.0)
    top = 100.0 if hi is None else hi
    span = top - lo

    def gen(q: float, rng: random.Random, agency: str) -> str | None:
        return f"{min(top, lo + q * span):.1f}"

    return gen


def year(inp: Input, fw: Framework) -> Generator:
    lo, hi = _bounds(inp, fw.year - 10.0, float(fw.year))
    low = int(lo)
    span = int(hi if hi is not None else fw.year) - low

    def gen(q: float, rng: random.Random, agency: str) -> str | None:
        return str(low + int(q * span + 0.5))

    return gen


def url(inp: Input, fw: Framework) -> Generator:
    path = inp.code.lower().replace(".", "-")

    def gen(q: float, rng: random.Random, agency: str) -> str | None:
        return f"https://www.{agency}.example.go.th/{path}"

    return gen


def file(inp: Input, fw: Framework) -> Generator:
    name = inp.code.replace(".", "_")

    def gen(q: float, rng: random.Random, agency: str) -> str | None:
        return f"evidence/{agency}/{name}.pdf"

    return gen


def text(inp: Input, fw: Framework) -> Generator:
    n = len(TEXTS)

    def gen(q: float, rng: random.Random, agency: str) -> str | None:
        i = int(q * n)
        return TEXTS[i if i < n else n - 1]

    return gen


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
    """The generator of one input; optional inputs are left blank more often by less mature agencies."""
    gen = GENERATORS[inp.type](inp, fw)
    if inp.required:
        return gen

    def optional(q: float, rng: random.Random, agency: str) -> str | None:
        if rng.random() >= OPTIONAL_BASE + OPTIONAL_SLOPE * q:
            return None
        return gen(q, rng, agency)

    return optional
