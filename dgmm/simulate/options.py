"""What the framework's own rules say about answers: which choices are the more mature ones, and
which numbers are parts of others.

For a single choice, an option is "more mature" when choosing it (everything else answered as
generously as the framework allows) gives the agency higher topic levels and scores. Options with
points are ranked by their points. Options that rank equal form one group: a classification
(service vs policy agency) or an input no rule reads is then chosen at random, not by maturity.

Ranking scores a handful of generous answer sets per option through the core (``parse_answers``,
``score_agency``), once per framework.

A rule ``share(a, b)`` (a as a percentage of b) makes ``a`` a part of ``b``: digital transactions
of all transactions. The simulator then draws ``a`` as a share of the ``b`` it drew.
"""

from __future__ import annotations

import weakref
from typing import Any

from dgmm.answers import parse_answers
from dgmm.framework.schema import NUMBER_TYPES, Framework, Input
from dgmm.rules import ast
from dgmm.scoring.agency import score_agency
from dgmm.scoring.engine import CompiledTopic, engine_for

LARGE = 1_000_000  # a generous count for numbers without a maximum
MAX_PASSES = 4

_CACHE: weakref.WeakKeyDictionary[Framework, dict[str, list[list[str]]]] = weakref.WeakKeyDictionary()


def _generous(inp: Input, fw: Framework) -> str | None:
    """The most generous raw answer to an input, or None for a single choice (decided per pass)."""
    typ = inp.type
    if typ == "multiple_choice":
        return "|".join(inp.option_codes)
    if typ == "matrix":
        return "|".join(f"{r.code}:{c.code}" for r in inp.rows for c in inp.columns)
    if typ == "yes_no":
        return "yes"
    if typ in ("integer", "number"):
        return str(int(inp.max) if inp.max is not None else max(LARGE, int(inp.min or 0)))
    if typ == "percent":
        return f"{inp.max if inp.max is not None else 100:g}"
    if typ == "year":
        return str(int(inp.max) if inp.max is not None else fw.year)
    if typ == "url":
        return "https://www.example.go.th/"
    if typ in ("file", "text"):
        return "x"
    return None


def _standing(fw: Framework, raw: dict[str, str]) -> tuple[int, float]:
    """(sum of topic levels, sum of topic scores) of an agency answering `raw` (its parent too)."""
    values = parse_answers(fw, raw)
    res = score_agency(fw, values, values)
    levels = sum(t.level or 0 for t in res.topics.values())
    scores = sum(t.score or 0.0 for t in res.topics.values())
    return levels, round(scores, 9)


def _groups(ranked: dict[str, Any], order: tuple[str, ...]) -> list[list[str]]:
    """Option codes grouped by equal rank, lowest rank first; file order inside a group."""
    out: dict[Any, list[str]] = {}
    for code in order:
        out.setdefault(ranked[code], []).append(code)
    return [out[k] for k in sorted(out)]


def _rank_by_rules(fw: Framework, singles: list[Input]) -> dict[str, list[list[str]]]:
    """Rank each single choice with the other single choices at their best option so far.

    Single choices read together (an update frequency and an update delay) need each other's
    answer to rank, so the ranking repeats until it no longer changes (at most MAX_PASSES).
    """
    base = {c: v for c, inp in fw.inputs.items() if (v := _generous(inp, fw)) is not None}
    best: dict[str, str] = {}
    groups: dict[str, list[list[str]]] = {}
    for _ in range(MAX_PASSES):
        before = dict(groups)
        for inp in singles:
            context = {**base, **{c: o for c, o in best.items() if c != inp.code}}
            ranked = {o: _standing(fw, {**context, inp.code: o}) for o in inp.option_codes}
            groups[inp.code] = _groups(ranked, inp.option_codes)
            best[inp.code] = groups[inp.code][-1][0]
        if groups == before:
            break
    return groups


def option_groups(fw: Framework) -> dict[str, list[list[str]]]:
    """Single-choice input -> its options grouped from the least to the most mature answer."""
    hit = _CACHE.get(fw)
    if hit is not None:
        return hit
    by_points: dict[str, list[list[str]]] = {}
    by_rules: list[Input] = []
    for code, inp in fw.inputs.items():
        if inp.type != "single_choice" or not inp.options:
            continue
        if inp.has_points:
            by_points[code] = _groups({o.code: o.points or 0.0 for o in inp.options}, inp.option_codes)
        else:
            by_rules.append(inp)
    groups = {**_rank_by_rules(fw, by_rules), **by_points} if fw.scored else by_points
    for inp in by_rules:
        groups.setdefault(inp.code, [list(inp.option_codes)])
    _CACHE[fw] = groups
    return groups


def _trees(ct: CompiledTopic) -> list[ast.Node]:
    out = [rule.tree for rule in ct.levels.values()]
    for sub in ct.subs:
        out.extend(_trees(sub))
    return out


def shares(fw: Framework) -> dict[str, str]:
    """Number input -> the number input it is a part of, from ``share(a, b)`` in the level rules."""
    out: dict[str, str] = {}
    if not fw.scored:
        return out
    for ct in engine_for(fw).topics.values():
        for tree in _trees(ct):
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and node.name == "share" and len(node.args) == 2):
                    continue
                part, whole = node.args
                if (
                    isinstance(part, ast.Ref)
                    and isinstance(whole, ast.Ref)
                    and part.code != whole.code
                    and fw.inputs[part.code].type in NUMBER_TYPES
                    and fw.inputs[whole.code].type in NUMBER_TYPES
                    and whole.code not in out
                ):
                    out.setdefault(part.code, whole.code)
    return out
