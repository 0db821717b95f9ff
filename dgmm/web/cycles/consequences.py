"""What a change of a cycle's status will do, in figures, for its confirmation page.

Closing, publishing, reopening and withdrawing a publication each go through a page that states the
consequences before the analyst confirms (``dgmm.web.cycles.views.transitions``): how many agencies
have not submitted or were returned, how long until the deadline, whose answers each scoring policy
counts, what becomes public. The counting itself is the core's (``dgmm.cohort.counting``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count
from django.utils import timezone

from dgmm.cohort.counting import POLICIES, result_status
from dgmm.web.cycles.models import Cycle, ScoringPolicy, days_to, result_status_label
from dgmm.web.registry.models import Tier


@dataclass
class PolicyChoice:
    """One scoring policy and what closing under it gives."""

    value: str
    label: str
    counted: int  # agencies whose answers count
    not_submitted: int  # listed as not submitted (not started, in progress)
    returned: int  # listed as returned for correction
    not_approved: int  # listed as submitted, not yet approved
    official: bool  # False: drafts count, not for official results
    # counted agencies whose parent department's answers do not count: their inherited topics have no level
    parent_not_counted: int = 0


@dataclass
class Figures:
    """The cycle's participations by status and its deadline, as the confirmation pages state them."""

    total: int
    by_status: dict[str, int]
    closes_at: datetime
    days_left: int  # whole days until the deadline; 0 or less when it has passed
    deadline_passed: bool
    policies: list[PolicyChoice] = field(default_factory=list)
    # per tier of the frozen results: tier, scored, invited, [(status words, agencies)]
    results: list[dict[str, Any]] = field(default_factory=list)
    policy_label: str = ""  # the policy the cycle is (or was last) scored under

    @property
    def not_submitted(self) -> int:
        return self.by_status.get("not_started", 0) + self.by_status.get("in_progress", 0)

    @property
    def returned(self) -> int:
        return self.by_status.get("returned", 0)

    @property
    def submitted(self) -> int:
        return self.by_status.get("submitted", 0) + self.by_status.get("approved", 0)


def figures(cycle: Cycle) -> Figures:
    """Participations per status, the deadline, each policy's consequences and the frozen results."""
    rows = cycle.participations.values("status").annotate(n=Count("id")).values_list("status", "n")
    by_status = {s: n for s, n in rows}
    status_of: dict[int | None, str] = dict(cycle.participations.values_list("agency_id", "status"))
    children = [
        (status, status_of.get(parent, "not_started"))
        for parent, status in cycle.participations.filter(agency__parent__isnull=False).values_list(
            "agency__parent_id", "status"
        )
    ]
    now = timezone.now()
    left = cycle.closes_at - now
    out = Figures(
        total=sum(by_status.values()),
        by_status=by_status,
        closes_at=cycle.closes_at,
        days_left=max(0, days_to(cycle.closes_at, now)),
        deadline_passed=left.total_seconds() <= 0,
    )
    out.policy_label = str(ScoringPolicy(cycle.scoring_policy).label)
    for value, label in ScoringPolicy.choices:
        counting = POLICIES[value]
        listed: dict[str, int] = {}
        for status, n in by_status.items():
            if status not in counting:
                why = result_status(status)
                listed[why] = listed.get(why, 0) + n
        out.policies.append(
            PolicyChoice(
                value=value,
                label=str(label),
                counted=sum(n for s, n in by_status.items() if s in counting),
                not_submitted=listed.get("not_submitted", 0),
                returned=listed.get("returned", 0),
                not_approved=listed.get("not_approved", 0),
                official=value != ScoringPolicy.ALL,
                parent_not_counted=sum(
                    1 for own, of_parent in children if own in counting and of_parent not in counting
                ),
            )
        )
    tiers = dict(Tier.choices)
    for tier, cohort in cycle.results.order_by("tier").values_list("tier", "document__cohort"):
        cohort = cohort or {}  # only the cohort of each frozen document is read, not its agencies
        out.results.append(
            {
                "tier": str(tiers.get(tier, tier)),
                "scored": cohort.get("scored", 0),
                "invited": cohort.get("invited", 0),
                "statuses": [
                    (result_status_label(k), n) for k, n in (cohort.get("statuses") or {}).items() if n
                ],
            }
        )
    return out
