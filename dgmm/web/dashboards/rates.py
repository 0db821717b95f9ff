"""Response rates of a cycle, by tier, ministry and province (computed in the database, not templates)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from dgmm import display
from dgmm.web.cycles.models import Participation, ParticipationStatus
from dgmm.web.registry.models import Tier

TIER_NAMES = dict(Tier.choices)

DONE = (ParticipationStatus.SUBMITTED, ParticipationStatus.APPROVED)
STARTED = (ParticipationStatus.IN_PROGRESS, ParticipationStatus.RETURNED)


@dataclass
class Rate:
    key: str
    label: str
    total: int
    submitted: int
    started: int

    @property
    def not_started(self) -> int:
        return self.total - self.submitted - self.started

    @property
    def percent(self) -> float:
        return 100.0 * self.submitted / self.total if self.total else 0.0

    @property
    def percent_text(self) -> str:
        return display(self.percent, 1)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "total": self.total,
            "submitted": self.submitted,
            "started": self.started,
            "not_started": self.not_started,
            "percent": float(self.percent_text),
        }


def _group(qs: QuerySet[Participation], key: str, label: str) -> list[Rate]:
    rows = (
        qs.values(key, label)
        .annotate(
            total=Count("id"),
            submitted=Count("id", filter=Q(status__in=DONE)),
            started=Count("id", filter=Q(status__in=STARTED)),
        )
        .order_by(key)
    )
    return [Rate(r[key] or "-", r[label] or "-", r["total"], r["submitted"], r["started"]) for r in rows]


def response_rates(qs: QuerySet[Participation], lang: str = "th") -> dict[str, Any]:
    name = "name_en" if lang == "en" else "name_th"
    overall = qs.aggregate(
        total=Count("id"),
        submitted=Count("id", filter=Q(status__in=DONE)),
        started=Count("id", filter=Q(status__in=STARTED)),
    )
    return {
        "overall": Rate("all", "", overall["total"], overall["submitted"], overall["started"]),
        "by_tier": [
            Rate(r.key, str(TIER_NAMES.get(r.key, r.key)), r.total, r.submitted, r.started)
            for r in _group(qs, "agency__tier", "agency__tier")
        ],
        "by_ministry": _group(qs, "agency__ministry__code", f"agency__ministry__{name}"),
        "by_province": _group(
            qs.exclude(agency__province=None), "agency__province__code", f"agency__province__{name}"
        ),
    }
