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


# frozen results read once per process: (result pk, generated) -> agency id -> its topic levels
_PREVIOUS: dict[tuple[int, datetime], dict[str, dict[str, int | None] | None]] = {}


def previous_results(cycle: Cycle, tier: str) -> dict[str, dict[str, int | None] | None] | None:
    """Per agency, its topic levels in the frozen results of the latest earlier cycle (closed or
    published) of the tier (None for an agency not scored there); None when there is no such cycle.
    The document is read once per process and results version, never on every page."""
    found = (
        CycleResult.objects.filter(
            tier=tier,
            cycle__year__lt=cycle.year,
            cycle__status__in=[CycleStatus.CLOSED, CycleStatus.PUBLISHED],
        )
        .order_by("-cycle__year", "-cycle__closes_at")
        .values_list("pk", "generated_at")
        .first()
    )
    if found is None:
        return None
    levels = _PREVIOUS.get(found)
    if levels is None:
        doc = CycleResult.objects.values_list("document", flat=True).get(pk=found[0])
        ids = [str(a.get("id")) for a in doc.get("agencies", ())] if isinstance(doc, Mapping) else []
        levels = {a: previous_levels(doc, a) for a in ids}
        if len(_PREVIOUS) > 16:
            _PREVIOUS.clear()
        _PREVIOUS[found] = levels
    return levels


def _evidence_topics(cycle: Cycle, agency_pks: Iterable[int]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    rows = Evidence.objects.filter(cycle=cycle, agency_id__in=list(agency_pks), is_removed=False)
    for agency_pk, topic_id in rows.values_list("agency_id", "topic_id"):
        out[agency_pk].add(topic_id)
    return out


def flags_of(participations: list[Participation]) -> dict[int, list[Flag]]:
    """The core's flags per participation (by primary key), participations of one cycle, any tiers.
    Participations whose framework has no checks are left out."""
    out: dict[int, list[Flag]] = {}
    by_tier: dict[str, list[Participation]] = defaultdict(list)
    for p in participations:
        by_tier[p.agency.tier].append(p)
    for tier, group in by_tier.items():
        fw = framework_of(group[0])
        if checks_for(fw).checks:
            out.update(_tier_flags(group[0].cycle, tier, fw, group))
    return out


def _tier_flags(cycle: Cycle, tier: str, fw: Framework, group: list[Participation]) -> dict[int, list[Flag]]:
    agencies = [p.agency for p in group]
    parents = {a.parent for a in agencies if a.parent_id and a.parent is not None}
    outside = frozenset(x.pk for x in parents if x.tier != tier)
    answers, _skipped = answer_set(cycle, fw, agencies + sorted(parents, key=lambda a: a.code), outside)
    previous = previous_results(cycle, tier)
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
            previous=previous.get(a.code) if previous is not None else None,
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


STORED_FIELDS = (
    "check_id",
    "topic_id",
    "topics",
    "severity",
    "message_th",
    "message_en",
    "values",
    "fingerprint",
    "is_current",
    "checked_at",
    "status",
    "resolution_note",
    "resolved_by",
    "resolved_at",
)

COMPARED = tuple("resolved_by_id" if f == "resolved_by" else f for f in STORED_FIELDS if f != "checked_at")


def refresh(participations: list[Participation]) -> int:
    """Check these participations (of one cycle) again and store their flags, in a few bulk writes;
    the number of flags raised. Participations whose framework has no checks are skipped."""
    found = flags_of(participations)
    checked = [p for p in participations if p.pk in found]
    if not checked:
        return 0
    now = timezone.now()
    new: list[CheckFlag] = []
    changed: list[CheckFlag] = []
    with transaction.atomic():
        stored: dict[tuple[int, str], CheckFlag] = {
            (f.participation_id, f.key): f
            for f in CheckFlag.objects.select_for_update().filter(participation__in=checked)
        }
        raised: set[tuple[int, str]] = set()
        for p in checked:
            for flag in found[p.pk]:
                raised.add((p.pk, flag.key))
                old = stored.get((p.pk, flag.key))
                if old is None:
                    new.append(CheckFlag(participation=p, key=flag.key[:160], first_seen_at=now))
                    _fill(new[-1], flag, now)
                elif _fill(old, flag, now):
                    changed.append(old)
        gone = [f.pk for key, f in stored.items() if key not in raised and f.is_current]
        CheckFlag.objects.bulk_create(new, batch_size=500)
        for row in changed:  # few: a flag whose values, message or state changed since the last check
            row.save(update_fields=STORED_FIELDS)
        for i in range(0, len(gone), 500):
            CheckFlag.objects.filter(pk__in=gone[i : i + 500]).update(is_current=False, checked_at=now)
        CheckRun.objects.bulk_create(
            [CheckRun(participation=p, checked_at=now) for p in checked],
            batch_size=500,
            update_conflicts=True,
            unique_fields=["participation"],
            update_fields=["checked_at"],
        )
    return len(raised)


def _fill(row: CheckFlag, flag: Flag, now: datetime) -> bool:
    """Put a flag's current values on its row (a resolved row whose values changed opens again);
    whether anything stored changed."""
    digest = fingerprint(flag)
    before = [getattr(row, f) for f in COMPARED]
    if row.pk is not None and row.fingerprint != digest and row.status == FlagStatus.RESOLVED:
        row.status, row.resolution_note, row.resolved_by, row.resolved_at = FlagStatus.OPEN, "", None, None
    row.check_id = flag.check_id[:80]
    row.topic_id = (flag.topics[0] if flag.topics else "")[:60]
    row.topics = " ".join(flag.topics)[:400]
    row.severity = flag.severity
    row.message_th, row.message_en = flag.message.th, flag.message.en
    row.values = dict(flag.values)
    row.fingerprint = digest
    row.is_current = True
    if before == [getattr(row, f) for f in COMPARED]:
        return False
    row.checked_at = now
    return True


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
