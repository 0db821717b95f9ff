"""A simulated national survey cycle: agencies of one tier and their correlated answers.

Model (every draw comes from one ``random.Random(seed)``, in a fixed order, so a seed gives the same
cycle byte for byte):

- each agency has a latent maturity in 0..1: a Beta draw (parameters per tier), shifted by its
  ministry, its agency type (or kind: public organisations and state enterprises a little higher)
  and its province, and clipped to 0.02..0.98;
- each agency has an offset per pillar (its strong and weak pillars), about normal with sd 0.07;
- each answer uses q = maturity + pillar offset + uniform noise, clipped to 0..1; the input type's
  generator (values.py) turns q into a value: more options, higher choices (ranked by the
  framework's own level rules, options.py), larger numbers as q grows;
- inputs whose applies_if is false for the answers so far are skipped (the core decides);
- a number that a rule takes as a share of another (``share(a, b)``) is drawn as about q of it,
  and left blank when that other number is;
- about 5 % of the cohort answers nothing and about 3 % leaves some inputs blank; an agency fills
  the optional inputs of a topic together or not at all, less mature agencies less often;
- the inputs an agency with a parent inherits (``dgmm.inheritance``: ``from_parent`` topics, inputs
  ``answered_by: parent``) are answered only by agencies without a parent: the parent departments of
  a provincial or PCIO cohort, which are listed with the cohort and answer nothing else, and
  department-level agencies themselves;
- inputs ``answered_by: analyst`` get a value too (the analyst's check).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, repeat
from pathlib import Path
from typing import Any, NamedTuple

from dgmm.errors import FrameworkError, NotFoundError, Problem
from dgmm.framework.schema import Framework, Input, Topic
from dgmm.inheritance import plan_for
from dgmm.loading import load_framework
from dgmm.simulate.conditions import Condition, conditions_of
from dgmm.simulate.options import shares
from dgmm.simulate.population import Agency, build_population
from dgmm.simulate.registry import Registry, load_registry
from dgmm.simulate.values import Generator, generator_for, part_of

NO_ANSWER_RATE = 0.05
PARTIAL_RATE = 0.03
# Optional inputs are answered by about 30 % of the least and 90 % of the most mature agencies.
OPTIONAL_BASE, OPTIONAL_SLOPE = 0.3, 0.6
PARTIAL_DROP = 0.25  # share of inputs a partial respondent leaves blank (at least one)
# Beta parameters of the latent maturity per tier. Department-level agencies score higher than
# provincial ones in the 2562 survey (64.60 vs 51.09, seed 001; survey_method.md §8).
MATURITY_BETA = {"department": (3.2, 2.0), "provincial": (2.6, 2.4), "pcio": (2.8, 2.4), "local": (2.2, 2.8)}
MATURITY_RANGE = (0.02, 0.98)
MINISTRY_SD, TYPE_SD, PROVINCE_SD = 0.08, 0.05, 0.04
PILLAR_SPREAD = 0.14  # pillar offset = (sum of 3 uniform draws - 1.5) x this: about normal, sd 0.07
NOISE = 0.3  # width of the uniform noise on each answer (sd about 0.09)
KIND_SHIFT = {"public_organization": 0.06, "state_enterprise": 0.04, "fund": 0.04}
PROGRESS_EVERY = 1000

Progress = Callable[[int, int], None]  # (agencies done, agencies in all), every PROGRESS_EVERY agencies


class _Item(NamedTuple):
    code: str
    gen: Generator
    pillar: int
    condition: Condition | None
    optional: int  # -1 for a required input, else the index of its topic (optional inputs go together)
    part: tuple[str, Callable[[str, float], str]] | None  # (whole, draw): a share of another answer


@dataclass
class SimulatedCycle:
    """A simulated cycle: ``agencies`` (dicts) and ``answers`` ((agency id, input code, value) rows)."""

    framework_id: str
    tier: str
    seed: int
    agencies: list[dict[str, Any]]
    rows: list[tuple[str, list[str]]] = field(repr=False, default_factory=list)  # id, [code, value, ...]

    def iter_answers(self) -> Iterator[tuple[str, str, str]]:
        """Every answer in file order, without building the whole list."""
        for agency_id, flat in self.rows:
            yield from zip(repeat(agency_id), flat[::2], flat[1::2])

    @cached_property
    def answers(self) -> list[tuple[str, str, str]]:
        return list(self.iter_answers())

    @property
    def answer_count(self) -> int:
        return sum(len(flat) for _, flat in self.rows) // 2


def _topic_owners(fw: Framework) -> dict[str, tuple[int, Topic]]:
    """Input code -> (pillar index, the topic or sub-topic owning it)."""
    out: dict[str, tuple[int, Topic]] = {}
    for pi, pillar in enumerate(fw.pillars):
        for sp in pillar.sub_pillars:
            for topic in sp.topics:
                for t in (topic, *topic.sub_topics):
                    for inp in t.inputs:
                        out[inp.code] = (pi, topic if topic.from_parent else t)
    return out


def _ordered(fw: Framework, conditions: dict[str, Condition], wholes: dict[str, str]) -> list[Input]:
    """Inputs in framework order, except that an input comes after the inputs its applies_if reads
    and after the number it is a part of."""
    done: dict[str, Input] = {}
    visiting: set[str] = set()

    def visit(code: str) -> None:
        if code in done or code in visiting:
            return
        visiting.add(code)
        cond = conditions.get(code)
        for ref in (*(cond.refs if cond else ()), *((wholes[code],) if code in wholes else ())):
            visit(ref)
        visiting.discard(code)
        done[code] = fw.inputs[code]

    for code in fw.inputs:
        visit(code)
    return list(done.values())


def _plan(fw: Framework) -> tuple[list[_Item], list[_Item], list[_Item]]:
    """(every input, the agency's own inputs, the inputs the parent department answers), answer order."""
    conditions = conditions_of(fw)
    wholes = shares(fw)
    owners = _topic_owners(fw)
    topic_index: dict[str, int] = {}
    every: list[_Item] = []
    own: list[_Item] = []
    inherited: list[_Item] = []
    child = plan_for(fw, True)  # what an agency with a parent inherits (dgmm.inheritance)
    for inp in _ordered(fw, conditions, wholes):
        pi, topic = owners[inp.code]
        part = (wholes[inp.code], part_of(inp)) if inp.code in wholes else None
        optional = -1 if inp.required else topic_index.setdefault(topic.id, len(topic_index))
        item = _Item(inp.code, generator_for(inp, fw), pi, conditions.get(inp.code), optional, part)
        every.append(item)
        (inherited if child.is_inherited(inp.code) else own).append(item)
    return every, own, inherited


def _resolve_tier(fw: Framework, tier: str | None) -> str:
    if tier is None:
        if not fw.tiers:
            raise NotFoundError(f"framework {fw.id} names no tier to simulate")
        return fw.tiers[0]
    if tier not in fw.tiers:
        raise NotFoundError(f"framework {fw.id} has no tier {tier!r}; its tiers: {', '.join(fw.tiers)}")
    return tier


def _load(framework: Framework | str | Path) -> Framework:
    return framework if isinstance(framework, Framework) else load_framework(framework)


class _Simulator:
    def __init__(self, fw: Framework, registry: Registry, rng: random.Random) -> None:
        self.fw = fw
        self.rng = rng
        self.items, self.own, self.inherited = _plan(fw)
        gauss = rng.gauss
        self.ministry_shift = {m.code: gauss(0.0, MINISTRY_SD) for m in registry.ministries}
        types = [t.id for t in registry.provincial_types] + [registry.pcio.id, "local"]
        self.type_shift = {t: gauss(0.0, TYPE_SD) for t in types}
        self.province_shift = {p.id: gauss(0.0, PROVINCE_SD) for p in registry.provinces}

    def maturity(self, a: Agency) -> float:
        m = self.rng.betavariate(*MATURITY_BETA.get(a.tier, (2.6, 2.4)))
        m += self.ministry_shift.get(a.ministry, 0.0)
        m += self.type_shift.get(a.agency_type, KIND_SHIFT.get(a.agency_type, 0.0))
        m += self.province_shift.get(a.province, 0.0)
        lo, hi = MATURITY_RANGE
        return lo if m < lo else hi if m > hi else m

    def answer(self, a: Agency, in_cohort: bool) -> tuple[str, list[str]]:
        """Draw one agency's response (full | partial | none) and its answers as [code, value, ...]."""
        rng = self.rng
        rnd = rng.random
        offsets = [(rnd() + rnd() + rnd() - 1.5) * PILLAR_SPREAD for _ in self.fw.pillars]
        if not in_cohort:
            items, response = self.inherited, "full"  # a parent department answers for its children
        else:
            items = self.own if a.parent_id else self.items
            r = rnd()
            response = (
                "none" if r < NO_ANSWER_RATE else "partial" if r < NO_ANSWER_RATE + PARTIAL_RATE else "full"
            )
        if response == "none" or not items:
            return response, []
        if response == "partial":
            kept = [it for it in items if rnd() >= PARTIAL_DROP]
            lost = items[int(rnd() * len(items))]
            items = [it for it in kept if it is not lost]
        bases = [a.maturity + off - NOISE / 2 for off in offsets]
        aid = a.id
        raw: dict[str, str] = {}
        fills: dict[int, bool] = {}  # topic index -> whether the agency fills its optional inputs
        for code, gen, pillar, cond, optional, part in items:
            if cond is not None and not cond.holds(raw):
                continue
            q = bases[pillar] + rnd() * NOISE
            q = 0.0 if q < 0.0 else 1.0 if q > 1.0 else q
            if optional >= 0:
                fill = fills.get(optional)
                if fill is None:
                    fill = fills[optional] = rnd() < OPTIONAL_BASE + OPTIONAL_SLOPE * q
                if not fill:
                    continue
            if part is None:
                raw[code] = gen(q, rng, aid)
            elif part[0] in raw:
                raw[code] = part[1](raw[part[0]], q)
        flat = list(chain.from_iterable(raw.items()))
        return response, flat


def simulate_cycle(
    framework: Framework | str | Path,
    agencies: int,
    seed: int,
    *,
    tier: str | None = None,
    registry: Registry | None = None,
    progress: Progress | None = None,
) -> SimulatedCycle:
    """Simulate one survey cycle of `agencies` agencies of the framework's tier (default: its first tier).

    The cycle also lists the parent departments of a provincial, PCIO or local cohort. The same
    framework, size and seed give the same cycle, byte for byte.
    """
    fw = _load(framework)
    target = _resolve_tier(fw, tier)
    if not fw.inputs:
        raise FrameworkError(
            [
                Problem(
                    fw.path or fw.id,
                    0,
                    "scored",
                    f"framework {fw.id} has no inputs to answer"
                    + (" (names only: scored: false)" if not fw.scored else ""),
                    "no_inputs",
                )
            ]
        )
    if agencies < 0:
        raise ValueError("the number of agencies cannot be negative")
    reg = registry or load_registry()
    rng = random.Random(seed)
    sim = _Simulator(fw, reg, rng)
    population = build_population(reg, target, agencies)
    rows: list[tuple[str, list[str]]] = []
    out: list[dict[str, Any]] = []
    total = len(population)
    for done, a in enumerate(population, 1):
        a.maturity = sim.maturity(a)
        response, flat = sim.answer(a, a.tier == target)
        rows.append((a.id, flat))
        d = a.as_dict()
        d["response"] = response
        out.append(d)
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    return SimulatedCycle(fw.id, target, seed, out, rows)
