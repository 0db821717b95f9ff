"""The roll-up, written once: topics -> sub-pillar -> pillar -> overall (DECISIONS §3 to §6).

Each level of the tree is one function over its parts' (weight, score, level): the score is the
weighted mean of the parts that have one (never a silent zero), the level aggregates the parts'
determined levels with the framework's rule. `score_agency` and the cycle scorer (`memo`) call these
functions, and so do the golden tests (through the framework-level helpers at the end), so the
seeds' numbers pin the arithmetic production runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from dgmm.framework.schema import Framework
from dgmm.rounding import aggregate_levels

Part = tuple[float, float | None, int | None]  # weight, score, level (None: no score / no level)


def weighted_mean(pairs: Iterable[tuple[float, float | None]]) -> float | None:
    """Mean of the values that exist, weighted; None when none exists (never a silent zero)."""
    num = den = 0.0
    for w, v in pairs:
        if v is not None and w > 0:
            num += w * v
            den += w
    return num / den if den else None


def roll_up(
    parts: Sequence[Part], level_rule: str, *, levelled: bool = True
) -> tuple[float | None, int | None]:
    """A node's score and level from its parts; `levelled` False: a score and no level (a sub-pillar
    outside the model, §4)."""
    score = weighted_mean((w, s) for w, s, _ in parts)
    if not levelled:
        return score, None
    return score, aggregate_levels([lv for _, _, lv in parts if lv is not None], level_rule)


def sub_pillar_weight(own: float | None, parts: Sequence[Part]) -> float:
    """A sub-pillar's weight in its pillar: the framework's, else the sum of its topics' weights."""
    return own if own is not None else sum(w for w, _, _ in parts)


# -- the same roll-up from a framework and ids (the golden tests' entry) ------------------------------


def overall_score(framework: Framework, pillar_scores: Mapping[str, float | None]) -> float | None:
    """The overall score: pillar scores weighted by the framework's pillar weights (DECISIONS §6)."""
    weights = framework.weights()
    parts = [(weights[p.id], pillar_scores.get(p.id), None) for p in framework.pillars]
    return roll_up(parts, framework.aggregation.overall_level)[0]


def pillar_level(
    framework: Framework, pillar_id: str, sub_pillar_levels: Mapping[str, int | None]
) -> int | None:
    """A pillar's level from its in-model sub-pillars' determined levels (DECISIONS §3, §4)."""
    pillar = framework.pillar(pillar_id)
    parts = [(1.0, None, sub_pillar_levels.get(sp.id) if sp.in_model else None) for sp in pillar.sub_pillars]
    return roll_up(parts, framework.aggregation.pillar_level)[1]


def overall_level(framework: Framework, pillar_levels: Mapping[str, int | None]) -> int | None:
    """The overall level from the determined pillar levels (DECISIONS §3)."""
    parts = [(1.0, None, pillar_levels.get(p.id)) for p in framework.pillars]
    return roll_up(parts, framework.aggregation.overall_level)[1]
