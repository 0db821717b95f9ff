"""Roll-up arithmetic shared by scoring and its golden tests: weighted means and aggregated levels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dgmm.framework.schema import Framework
from dgmm.rounding import aggregate_levels


def weighted_mean(pairs: Iterable[tuple[float, float | None]]) -> float | None:
    """Mean of the values that exist, weighted; None when none exists (never a silent zero)."""
    num = den = 0.0
    for w, v in pairs:
        if v is not None and w > 0:
            num += w * v
            den += w
    return num / den if den else None


def overall_score(framework: Framework, pillar_scores: Mapping[str, float | None]) -> float | None:
    """The overall score: pillar scores weighted by the framework's pillar weights (DECISIONS §6)."""
    weights = framework.weights()
    return weighted_mean((weights[p.id], pillar_scores.get(p.id)) for p in framework.pillars)


def pillar_level(
    framework: Framework, pillar_id: str, sub_pillar_levels: Mapping[str, int | None]
) -> int | None:
    """A pillar's level from its in-model sub-pillars' determined levels (DECISIONS §3, §4)."""
    pillar = framework.pillar(pillar_id)
    levels = [
        lv for sp in pillar.sub_pillars if sp.in_model and (lv := sub_pillar_levels.get(sp.id)) is not None
    ]
    return aggregate_levels(levels, framework.aggregation.pillar_level)


def overall_level(framework: Framework, pillar_levels: Mapping[str, int | None]) -> int | None:
    """The overall level from the determined pillar levels (DECISIONS §3)."""
    levels = [lv for p in framework.pillars if (lv := pillar_levels.get(p.id)) is not None]
    return aggregate_levels(levels, framework.aggregation.overall_level)
