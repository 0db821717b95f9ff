"""Score a closed cycle with the core: stored answers -> ``dgmm.score_cycle`` -> a frozen results document.

For each tier of the cycle, the cohort is the tier's participating agencies; their parent
departments are passed too, so that the inputs a child inherits (``dgmm.inheritance``) read the
parent's answers and analyst checks of the same cycle. Analyst answers go in as the analyst values
(they win for scoring, DECISIONS §8). The participations' statuses and the cycle's scoring policy go
in too: only answers that count under the policy are scored (DECISIONS §28, ``dgmm.cohort.counting``).
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

from django.conf import settings

from dgmm import AnswerError, AnswerSet, Framework, parse_answers, read_results, score_cycle, write_results
from dgmm.cohort.counting import Counting
from dgmm.inheritance import Source, plan_for
from dgmm.registry import Agency as CoreAgency
from dgmm.web.cycles.frameworks import get_framework
from dgmm.web.cycles.models import Answer, AnswerSource, Cycle, Participation
from dgmm.web.registry.models import Agency

log = logging.getLogger("dgmm.web")
_TIER_FRAMEWORKS: dict[tuple[str, str, str], Framework] = {}


def framework_for_tier(ref: str, tier: str) -> Framework:
    """The framework restricted to one tier, so a multi-tier framework scores one cohort at a time."""
    fw = get_framework(ref)
    if fw.tiers == (tier,):
        return fw
    key = (ref, fw.sha256, tier)
    if key not in _TIER_FRAMEWORKS:
        _TIER_FRAMEWORKS[key] = dataclasses.replace(fw, tiers=(tier,))
    return _TIER_FRAMEWORKS[key]


def core_agency(a: Agency) -> CoreAgency:
    return CoreAgency(
        id=a.code,
        tier=a.tier,
        name_th=a.name_th,
        name_en=a.name_en,
        ministry=a.ministry.code if a.ministry_id and a.ministry else "",
        province=a.province.code if a.province_id and a.province else "",
        parent_id=a.parent.code if a.parent_id and a.parent else "",
        agency_type=a.agency_type,
    )


def typed_answers(
    fw: Framework, raw: dict[str, str], agency_code: str, invalid: dict[str, dict[str, str]]
) -> dict[str, Any]:
    """Typed values of the inputs `fw` defines; values that no longer fit are left out and recorded,
    with the reason, in `invalid` (agency -> input -> message)."""
    raw = {k: v for k, v in raw.items() if k in fw.inputs}
    try:
        return parse_answers(fw, raw)
    except AnswerError as exc:
        bad = invalid.setdefault(agency_code, {})
        bad.update((p.where, p.message) for p in exc.problems)
        return parse_answers(fw, {k: v for k, v in raw.items() if k not in bad})


def answer_set(
    cycle: Cycle, fw: Framework, agencies: list[Agency], parents: frozenset[int] = frozenset()
) -> tuple[AnswerSet, list[str]]:
    """The core's AnswerSet for these agencies, from the stored raw strings (cleared answers left out),
    and the stored values that do not fit ("agency:input: why"; the topics reading them are undetermined).

    Of the parent departments (`parents`, by primary key) only the inherited inputs are read: their
    other answers belong to their own framework.
    """
    by_pk = {a.pk: a.code for a in agencies}
    inherited = plan_for(fw, True).codes(Source.PARENT)
    own: dict[str, dict[str, str]] = {}
    analyst: dict[str, dict[str, str]] = {}
    rows = Answer.objects.filter(cycle=cycle, agency_id__in=by_pk, value__isnull=False).values_list(
        "agency_id", "code", "source", "value"
    )
    count = 0
    for agency_pk, code, source, value in rows.iterator():
        if agency_pk in parents and code not in inherited:
            continue
        target = analyst if source == AnswerSource.ANALYST else own
        target.setdefault(by_pk[agency_pk], {})[code] = str(value)  # never NULL: filtered above
        count += 1
    aset = AnswerSet()
    aset.rows = count
    own_bad: dict[str, dict[str, str]] = {}
    analyst_bad: dict[str, dict[str, str]] = {}
    aset.own = {k: typed_answers(fw, v, k, own_bad) for k, v in own.items()}
    aset.analyst = {k: typed_answers(fw, v, k, analyst_bad) for k, v in analyst.items()}
    for agency, bad in own_bad.items():  # an analyst value that fits wins over the agency's (DECISIONS §8)
        kept = {c: m for c, m in bad.items() if c not in aset.analyst.get(agency, {})}
        if kept:
            aset.invalid[agency] = kept
    for agency, bad in analyst_bad.items():
        aset.invalid.setdefault(agency, {}).update((c, f"{m} (analyst)") for c, m in bad.items())
    skipped = [
        f"{agency}:{code}: {message}"
        for agency, bad in sorted(aset.invalid.items())
        for code, message in sorted(bad.items())
    ]
    return aset, skipped


def agency_answers(cycle: Cycle, fw: Framework, agency: Agency, *, with_parent: bool = True) -> AnswerSet:
    """`answer_set` of one agency and, when `with_parent` and it has one, its parent department (of
    which only the inherited inputs are read)."""
    parents = [agency.parent] if with_parent and agency.parent_id and agency.parent is not None else []
    return answer_set(cycle, fw, [agency, *parents], frozenset(p.pk for p in parents))[0]


def scored_answers(cycle: Cycle, fw: Framework, agency: Agency) -> AnswerSet:
    """The agency's answers as the cycle scored them: with its parent department's inherited ones only
    when the parent's answers count (DECISIONS §28). The agency's results, report, advice and plan read
    these."""
    return agency_answers(cycle, fw, agency, with_parent=parent_counts(cycle, agency))


def submission_statuses(cycle: Cycle, agencies: list[Agency]) -> dict[str, str]:
    """Agency code -> participation status in the cycle, for these agencies (those taking part)."""
    rows = Participation.objects.filter(cycle=cycle, agency__in=agencies)
    return dict(rows.values_list("agency__code", "status"))


def parent_counts(cycle: Cycle, agency: Agency) -> bool:
    """Whether the answers of the agency's parent department count under the cycle's policy: a child
    never reads a parent whose answers do not count (DECISIONS §28)."""
    if not agency.parent_id or agency.parent is None:
        return True
    statuses = submission_statuses(cycle, [agency.parent])
    return Counting(statuses, cycle.scoring_policy).counts(agency.parent.code)


def score_tier(cycle: Cycle, tier: str, ref: str) -> tuple[dict[str, Any], list[str]]:
    """Score one tier of a cycle with ``dgmm.score_cycle`` under the cycle's scoring policy; write and
    read back the results file.

    Returns the frozen results and the stored values that do not fit ("agency:input: why"), whose
    topics the results show as undetermined (reason invalid_value)."""
    fw = framework_for_tier(ref, tier)
    cohort = list(
        Agency.objects.filter(participations__cycle=cycle, tier=tier).select_related(
            "ministry", "province", "parent"
        )
    )
    parents = {a.parent for a in cohort if a.parent_id and a.parent and a.parent.tier != tier}
    agencies = cohort + sorted(parents, key=lambda a: a.code)
    answers, skipped = answer_set(cycle, fw, agencies, frozenset(a.pk for a in parents))
    if skipped:
        log.warning(
            "cycle %s tier %s: %d stored answers no longer fit the framework: %s",
            cycle.code,
            tier,
            len(skipped),
            ", ".join(skipped[:20]),
        )
    doc = score_cycle(
        fw,
        [core_agency(a) for a in agencies],
        answers,
        statuses=submission_statuses(cycle, agencies),
        policy=cycle.scoring_policy,
    )
    out_dir = Path(settings.RESULTS_DIR) / cycle.code
    out_dir.mkdir(parents=True, exist_ok=True)
    path, _csv = write_results(doc, out_dir / f"{tier}.json", fw)
    frozen = read_results(path)
    frozen.pop("_path", None)
    return frozen, skipped
