"""Competition ranking (1, 2, 2, 4) and the No.1 agency (DECISIONS §10)."""

from __future__ import annotations

from collections.abc import Mapping

from dgmm.rounding import tie_key


def competition_ranks(scores: Mapping[str, float]) -> dict[str, int]:
    """Rank 1 = highest score; equal scores share a rank and the next rank skips."""
    ordered = sorted(scores.items(), key=lambda kv: (-tie_key(kv[1]), kv[0]))
    ranks: dict[str, int] = {}
    prev_key: float | None = None
    prev_rank = 0
    for i, (agency_id, score) in enumerate(ordered, start=1):
        key = tie_key(score)
        if key != prev_key:
            prev_rank = i
            prev_key = key
        ranks[agency_id] = prev_rank
    return ranks


def number_one(ranks: Mapping[str, int]) -> str | None:
    """The No.1 agency: rank 1, the lowest agency id on a tie."""
    firsts = sorted(a for a, r in ranks.items() if r == 1)
    return firsts[0] if firsts else None
