"""Shared by the tests of the fast paths: the plain definitions they must agree with, and test cycles.

`reference_cycle` scores a cycle the plain way (score_agency for every agency, then
cohort_statistics over the records): what `score_cycle` computes with its memo and column-wise
statistics must be the same document. `reference_files` writes a results document the plain way
(json.dumps of the whole, the CSV a cell at a time): `write_results` must write the same bytes.
`random_answers` makes raw answers that reach every rule form of tests/scoring/data/forms.yaml,
blanks and unanswered inputs included.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from dgmm import Agency, AnswerSet, Framework, parse_answers, score_agency
from dgmm.cohort.counting import POLICIES
from dgmm.cohort.peers import cutoffs, group_of
from dgmm.cohort.ranking import competition_ranks, number_one
from dgmm.cohort.stats import Accumulator
from dgmm.cycle import FORMAT, FORMAT_VERSION, _record, highlights
from dgmm.inheritance import has_answered, plan_for
from dgmm.results import results_csv_header, source_entry
from dgmm.simulate import simulate_cycle, write_csv

FORMS = Path(__file__).resolve().parent / "scoring" / "data" / "forms.yaml"


def reference_cycle(
    framework: Framework,
    agencies: Sequence[Agency],
    answers: AnswerSet,
    statuses: Mapping[str, str] | None = None,
    policy: str = "submitted",
) -> dict[str, Any]:
    """score_cycle by its definition, one agency at a time (no growth grid).

    With `statuses`, an agency counts when its status is one the policy counts (DECISIONS §28); a child
    of a parent that does not count reads nothing of it (reason parent_not_counted)."""
    tiers = set(framework.tiers)
    cohort = [a for a in agencies if a.tier in tiers]
    counting = POLICIES[policy]

    def counts(agency_id: str | None) -> bool:
        return statuses is None or not agency_id or statuses.get(agency_id, "not_started") in counting

    records = []
    for agency in cohort:
        submission = None if statuses is None else statuses.get(agency.id, "not_started")
        if not counts(agency.id):
            why = {"returned": "returned", "submitted": "not_approved"}.get(str(submission), "not_submitted")
            records.append(_record(agency, None, why, submission))
            continue
        own = answers.own.get(agency.id)
        parent = agency.parent_id or None
        parent_counts = counts(parent)
        res = None
        if has_answered(plan_for(framework, parent is not None), own):
            res = score_agency(
                framework,
                own or {},
                answers.own.get(parent) if parent and parent_counts else None,
                answers.analyst.get(agency.id),
                parent_id=parent,
                has_parent=parent is not None,
                parent_analyst=answers.analyst.get(parent) if parent and parent_counts else None,
            )
        rec = _record(agency, res, submission=submission)
        if not parent_counts and (answers.own.get(parent or "") or answers.analyst.get(parent or "")):
            for entry in rec["topics"].values():
                if entry.get("reason") == "parent_missing":
                    entry["reason"] = "parent_not_counted"
        records.append(rec)
    by_status: dict[str, int] = {}
    for r in records:
        by_status[r["status"]] = by_status.get(r["status"], 0) + 1
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "framework": {"id": framework.id, "revision": framework.revision, "year": framework.year},
        "cohort": cohort_statistics(framework, records, invited=len(cohort))
        | {"policy": policy if statuses is not None else None, "statuses": dict(sorted(by_status.items()))},
        "agencies": records,
        "grid": None,
    }


def simulated(framework: Framework, agencies: int, seed: int, folder: Path) -> Path:
    """A simulated cycle written as agencies.csv and answers.csv in `folder` (returned)."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(simulate_cycle(framework, agencies, seed=seed), folder)
    return folder


_NUMBERS = ("0", "1", "2", "2.5", "3", "5", "9.99", "10", "11", "20", "25", "40", "50", "60", "80", "100")


def random_value(rnd: random.Random, fw: Framework, code: str) -> str:
    """A valid raw value for an input, often one that sits on a rule's threshold."""
    inp = fw.inputs[code]
    typ = inp.type
    if typ == "single_choice":
        return rnd.choice(inp.option_codes)
    if typ == "multiple_choice":
        return "|".join(c for c in inp.option_codes if rnd.random() < 0.5)
    if typ == "yes_no":
        return rnd.choice(("yes", "no"))
    if typ in ("integer", "number", "percent"):
        values = [v for v in _NUMBERS if typ != "integer" or "." not in v]
        return rnd.choice(values)
    if typ == "year":
        return str(rnd.randint(2555, 2570))
    if typ == "url":
        return f"https://agency-{rnd.randint(1, 5)}.example.go.th/"
    if typ == "matrix":
        return "|".join(f"{r.code}:{c.code}" for r in inp.rows for c in inp.columns if rnd.random() < 0.6)
    return rnd.choice(("plan", "policy", "other", "final.pdf", "draft.pdf", f"note {rnd.randint(1, 50)}"))


def random_answers(
    fw: Framework, rnd: random.Random, codes: Sequence[str], blank: float = 0.15
) -> dict[str, Any]:
    """Typed answers to some of `codes` (each left out with probability `blank`)."""
    raw = {c: random_value(rnd, fw, c) for c in codes if rnd.random() >= blank}
    return parse_answers(fw, raw)


def random_cycle(fw: Framework, agencies: int, seed: int) -> tuple[list[Agency], AnswerSet]:
    """Agencies of the framework's tier under parent departments, with random own, parent and analyst answers.

    Some parents have no answers, some an empty set of answers; some agencies have analyst values
    (the analyst's inputs, and sometimes another value for an input the agency answered).
    """
    rnd = random.Random(seed)
    tier = fw.tiers[0]
    own_codes = [c for c, i in fw.inputs.items() if i.answered_by != "analyst"]
    analyst_codes = [c for c, i in fw.inputs.items() if i.answered_by == "analyst"]
    out: list[Agency] = []
    answers = AnswerSet()
    parents = [f"D{k:03d}" for k in range(max(1, agencies // 6))]
    for k, pid in enumerate(parents):
        out.append(Agency(id=pid, tier="department", name_th=pid, name_en=pid))
        if k % 5 == 1:
            answers.own[pid] = {}
        elif k % 5 != 0:
            answers.own[pid] = random_answers(fw, rnd, own_codes, blank=0.3)
    for k in range(agencies):
        aid = f"A{k:05d}"
        parent = rnd.choice([*parents, ""])
        out.append(
            Agency(id=aid, tier=tier, name_th=aid, name_en=aid, ministry=f"M{k % 4}", parent_id=parent)
        )
        if rnd.random() < 0.05:
            continue  # no answers
        answers.own[aid] = random_answers(fw, rnd, own_codes)
        if analyst_codes and rnd.random() < 0.5:
            analyst = random_answers(fw, rnd, analyst_codes, blank=0.2)
            if rnd.random() < 0.3:
                analyst.update(random_answers(fw, rnd, rnd.sample(own_codes, 2), blank=0.0))
            if analyst:
                answers.analyst[aid] = analyst
    return out, answers


def reference_files(
    doc: Mapping[str, Any], framework: Framework, out: Path, sources: Mapping[str, Path | None]
) -> tuple[bytes, bytes]:
    """The results JSON and CSV bytes of docs/results-format.md,
    written the plain way (no file is written)."""
    doc = dict(doc)
    doc["sources"] = {k: source_entry(v, out.parent) for k, v in sources.items()}
    ordered = {
        k: doc[k]
        for k in (
            "format",
            "format_version",
            "dgmm_version",
            "generated_at",
            "framework",
            "sources",
            "cohort",
            "agencies",
            "grid",
        )
        if k in doc
    }
    text = json.dumps(ordered, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    pillars = [p.id for p in framework.pillars]
    subs = [sp.id for _, sp in framework.iter_sub_pillars()]
    header = results_csv_header(framework)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)

    def num(v: float | None) -> str:
        return "" if v is None else repr(round(v, 6))

    for a in doc["agencies"]:
        ov = a.get("overall") or {}
        row = [
            a["id"],
            a["name_th"],
            a["name_en"],
            a["tier"],
            a.get("ministry") or "",
            a.get("province") or "",
            a.get("parent_id") or "",
            a["status"],
            a.get("submission") or "",
            num(ov.get("score")),
            ov.get("level") or "",
            a.get("group") or "",
            a.get("rank") or "",
        ]
        for key, ids in (("pillars", pillars), ("sub_pillars", subs)):
            block = a.get(key) or {}
            for i in ids:
                e = block.get(i) or {}
                row += [num(e.get("score")), e.get("level") or ""]
        w.writerow(row)
    return text, buf.getvalue().encode("utf-8")


def cohort_statistics(framework: Framework, records: list[dict[str, Any]], invited: int) -> dict[str, Any]:
    """The plain reference: percentiles, groups, ranks,
    No.1 and averages record by record, with Accumulator."""
    agg = framework.aggregation
    scored = [r for r in records if r["status"] == "scored" and r["overall"]["score"] is not None]
    scores = {r["id"]: r["overall"]["score"] for r in scored}
    national = Accumulator()
    groups = {g.id: Accumulator() for g in agg.groups}
    parents: dict[str, Accumulator] = {}
    cuts = cutoffs(list(scores.values()), agg.groups) if scores else {}
    ranks = competition_ranks(scores)
    for r in scored:
        pillars = {k: v["score"] for k, v in r["pillars"].items()}
        subs = {k: v["score"] for k, v in r["sub_pillars"].items()}
        r["group"] = group_of(r["overall"]["score"], agg.groups, cuts)
        r["rank"] = ranks[r["id"]]
        r["highlights"] = highlights(framework, pillars, subs)
        levels = {k: v["level"] for k, v in r["pillars"].items()}
        national.add(r["overall"]["score"], pillars, subs, r["overall"]["level"], levels)
        groups[r["group"]].add(r["overall"]["score"], pillars, subs)
        if r["parent_id"]:
            parents.setdefault(r["parent_id"], Accumulator()).add(r["overall"]["score"], pillars, subs)
    pct = (
        {f"p{int(g.min_percentile)}": cuts[g.id] for g in agg.groups if g.min_percentile > 0} if cuts else {}
    )
    return {
        "tiers": list(framework.tiers),
        "invited": invited,
        "scored": len(scored),
        "percentiles": pct,
        "small_group_min": agg.small_group_min,
        "all": national.summary(with_levels=True),
        "groups": {k: v.summary() for k, v in groups.items()},
        "parents": {k: v.summary() for k, v in sorted(parents.items())},
        "no1": number_one(ranks),
    }
