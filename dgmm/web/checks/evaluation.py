"""The framework's consistency checks on stored answers: the core's `dgmm.checks.check_agency`, fed with
a participation's answers (its parent department's where it inherits), the previous cycle's levels and
the topics with evidence attached; and the flags stored for the analysts' queue.

- `live_flags(p)`: the flags of the answers as they are now (drafts included), for the respondent's
  pages; nothing stored, nothing official.
- `refresh(participations)`: check again and store (`CheckFlag`, `CheckRun`); a resolved flag stays
  resolved while the values that raised it are unchanged.
- `stale(cycle)`: the submitted participations whose answers or evidence changed since their last check.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from dgmm import Framework
from dgmm.checks import Flag, check_agency, checks_for, previous_levels
from dgmm.web.checks.models import CheckFlag, CheckRun, FlagStatus
from dgmm.web.cycles.actions import framework_of
from dgmm.web.cycles.models import Answer, Cycle, CycleResult, CycleStatus, Evidence, Participation
from dgmm.web.cycles.models import ParticipationStatus as PS
from dgmm.web.cycles.scoring import answer_set

CHECKED_STATUSES = (PS.SUBMITTED, PS.RETURNED, PS.APPROVED)  # the queue: agencies that have submitted


def fingerprint(flag: Flag) -> str:
    """A digest of the values that raised a flag: a resolution holds while it is unchanged."""
    raw = json.dumps([[k, v] for k, v in flag.values], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


def previous_result(cycle: Cycle, tier: str) -> Mapping[str, Any] | None:
    """The frozen results of the latest earlier cycle (closed or published) for a tier; None if none."""
    found = (
        CycleResult.objects.filter(
            tier=tier,
            cycle__year__lt=cycle.year,
            cycle__status__in=[CycleStatus.CLOSED, CycleStatus.PUBLISHED],
        )
        .order_by("-cycle__year", "-cycle__closes_at")
        .values_list("document", flat=True)
        .first()
    )
    return found if isinstance(found, Mapping) else None


def _evidence_topics(cycle: Cycle, agency_pks: Iterable[int]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    rows = Evidence.objects.filter(cycle=cycle, agency_id__in=list(agency_pks), is_removed=False)
    for agency_pk, topic_id in rows.values_list("agency_id", "topic_id"):
        out[agency_pk].add(topic_id)
    return out


def flags_of(participations: list[Participation]) -> dict[int, list[Flag]]:
    """The core's flags per participation (by primary key), participations of one cycle, any tiers."""
    out: dict[int, list[Flag]] = {}
    by_tier: dict[str, list[Participation]] = defaultdict(list)
    for p in participations:
        by_tier[p.agency.tier].append(p)
    for tier, group in by_tier.items():
        fw = framework_of(group[0])
        if not checks_for(fw).checks:
            out.update((p.pk, []) for p in group)
            continue
        out.update(_tier_flags(group[0].cycle, tier, fw, group))
    return out


def _tier_flags(cycle: Cycle, tier: str, fw: Framework, group: list[Participation]) -> dict[int, list[Flag]]:
    agencies = [p.agency for p in group]
    parents = {a.parent for a in agencies if a.parent_id and a.parent is not None}
    outside = frozenset(x.pk for x in parents if x.tier != tier)
    answers, _skipped = answer_set(cycle, fw, agencies + sorted(parents, key=lambda a: a.code), outside)
    doc = previous_result(cycle, tier)
    evidence = _evidence_topics(cycle, [a.pk for a in agencies] + [x.pk for x in parents])
    inherited = {t.id for t in fw.iter_topics() if t.from_parent}
    out = {}
    for p in group:
        a = p.agency
        parent = a.parent if a.parent_id else None
        topics = set(evidence.get(a.pk, ()))
        if parent is not None:  # inherited topics: the parent department's evidence
            topics = (topics - inherited) | (evidence.get(parent.pk, set()) & inherited)
        out[p.pk] = check_agency(
            fw,
            answers,
            a.code,
            parent.code if parent is not None else None,
            has_parent=parent is not None,
            previous=previous_levels(doc, a.code) if doc is not None else None,
            evidence=topics,
        )
    return out


def live_flags(p: Participation) -> list[Flag]:
    """The flags the answers raise now, without those an analyst resolved on these same values."""
    flags = flags_of([p]).get(p.pk, [])
    if not flags:
        return []
    resolved = set(
        CheckFlag.objects.filter(participation=p, status=FlagStatus.RESOLVED).values_list(
            "key", "fingerprint"
        )
    )
    return [f for f in flags if (f.key, fingerprint(f)) not in resolved]


def refresh(participations: list[Participation]) -> int:
    """Check these participations (of one cycle) again and store their flags; the number of flags raised."""
    if not participations:
        return 0
    found = flags_of(participations)
    now = timezone.now()
    raised = 0
    with transaction.atomic():
        stored: dict[tuple[int, str], CheckFlag] = {
            (f.participation_id, f.key): f
            for f in CheckFlag.objects.select_for_update().filter(participation__in=participations)
        }
        for p in participations:
            flags = found.get(p.pk, [])
            raised += len(flags)
            keys = set()
            for flag in flags:
                keys.add(flag.key)
                _store(p, flag, stored.get((p.pk, flag.key)), now)
            gone = [
                f.pk for (pk, key), f in stored.items() if pk == p.pk and key not in keys and f.is_current
            ]
            if gone:
                CheckFlag.objects.filter(pk__in=gone).update(is_current=False, checked_at=now)
            CheckRun.objects.update_or_create(participation=p, defaults={"checked_at": now})
    return raised


def _store(p: Participation, flag: Flag, old: CheckFlag | None, now: datetime) -> None:
    digest = fingerprint(flag)
    fields: dict[str, Any] = {
        "check_id": flag.check_id[:80],
        "topic_id": (flag.topics[0] if flag.topics else "")[:60],
        "topics": " ".join(flag.topics)[:400],
        "severity": flag.severity,
        "message_th": flag.message.th,
        "message_en": flag.message.en,
        "values": dict(flag.values),
        "fingerprint": digest,
        "is_current": True,
        "checked_at": now,
    }
    if old is None:
        CheckFlag.objects.create(participation=p, key=flag.key[:160], first_seen_at=now, **fields)
        return
    if old.fingerprint != digest and old.status == FlagStatus.RESOLVED:  # the values changed: look again
        fields.update(status=FlagStatus.OPEN, resolution_note="", resolved_by=None, resolved_at=None)
    for name, value in fields.items():
        setattr(old, name, value)
    old.save()


def stale(cycle: Cycle) -> list[Participation]:
    """The participations of the queue never checked, or whose answers, evidence or status changed
    since their last check (their parent department's answers included)."""
    ps = list(
        Participation.objects.filter(cycle=cycle, status__in=CHECKED_STATUSES).select_related(
            "agency__parent", "cycle", "check_run"
        )
    )
    if not ps:
        return []
    last: dict[int, datetime] = {}
    for model, field in ((Answer, "updated_at"), (Evidence, "uploaded_at"), (Evidence, "removed_at")):
        rows = model.objects.filter(cycle=cycle).values("agency_id").annotate(last=Max(field))
        for row in rows:
            if row["last"] is not None and (
                row["agency_id"] not in last or row["last"] > last[row["agency_id"]]
            ):
                last[row["agency_id"]] = row["last"]
    out = []
    for p in ps:
        run = getattr(p, "check_run", None)
        if run is None:
            out.append(p)
            continue
        changed = [p.updated_at, last.get(p.agency_id), last.get(p.agency.parent_id or 0)]
        if any(t is not None and t > run.checked_at for t in changed):
            out.append(p)
    return out
