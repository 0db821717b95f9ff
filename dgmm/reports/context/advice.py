"""The recommendations page of a pillar (spec §3.6), true to the agency's own answers (DECISIONS §16).

For each sub-pillar inside the maturity model: its level and where the level comes from; at level 5
what the agency achieved; when the level comes entirely from the parent department, that the parent
department must act; otherwise, for each topic the agency answers itself, the next level's criterion
and the steps that reach it from its own answers (`dgmm.advice.explain_from`: words only, checked by
re-scoring), and for each topic taken from the parent department below level 5, that the parent
department must act. Conditions already met are never listed. Without answers (criteria-only
reports) only the next level's criterion is shown, and the report says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from dgmm.advice import TopicExplanation
from dgmm.framework.schema import Pillar, SubPillar, Text, Topic
from dgmm.reports.context.common import join

if TYPE_CHECKING:
    from dgmm.reports.context.agency import _Builder

TOP = 5


def pillar_advice(
    b: _Builder, p: Pillar, expl: Mapping[str, TopicExplanation] | None, criteria_only: bool
) -> dict[str, Any]:
    s = b.s
    node = b.rec["pillars"].get(p.id) or {}
    level = node.get("level")
    in_model = [sp for sp in p.sub_pillars if sp.in_model]
    summary = []
    for sp in in_model:
        sub = b.rec["sub_pillars"].get(sp.id) or {}
        summary.append(
            s.t(
                "a.advice.summary",
                sub=s.text(sp.name),
                level=_level(b, sub.get("level")),
                inherit=_inherit(b, sub.get("inherited")),
            )
        )
    pillar_text = s.text(p.advice)
    items = [_item(b, i, sp, expl, criteria_only) for i, sp in enumerate(in_model, start=1)]
    return {
        "intro": s.t("a.advice.intro", pillar=s.text(p.name), level=_level(b, level)),
        "summary": summary,
        "pillar": s.t("a.advice.pillar", text=pillar_text)
        if pillar_text and level is not None and level < TOP
        else None,
        "items": items,
        "empty": s.t("a.advice.nothing") if not in_model else None,
        "note": s.t("a.advice.criteria_only") if criteria_only and in_model else None,
    }


def _level(b: _Builder, level: int | None) -> str:
    return str(level) if level is not None else b.s.t("level.undetermined")


def _inherit(b: _Builder, kind: str | None) -> str:
    if kind == "full":
        return b.s.t("a.inherit.full")
    if kind == "partial":
        return b.s.t("a.inherit.partial")
    return ""


def _provenance(b: _Builder, provenance: str) -> str:
    if provenance.startswith("parent"):
        return b.s.t("a.inherit.topic")
    if provenance == "analyst":
        return b.s.t("a.analyst.topic")
    return ""


def _item(
    b: _Builder, i: int, sp: SubPillar, expl: Mapping[str, TopicExplanation] | None, criteria_only: bool
) -> dict[str, Any]:
    s = b.s
    sub = b.rec["sub_pillars"].get(sp.id) or {}
    level, inherited = sub.get("level"), sub.get("inherited") or "none"
    head = s.t(
        "a.advice.item", i=i, sub=s.text(sp.name), level=_level(b, level), inherit=_inherit(b, inherited)
    )
    levelled = [
        t for t in sp.topics if (b.rec["topics"].get(t.id) or {}).get("status") not in (None, "no_level")
    ]
    topics = [_topic_line(b, t) for t in levelled]
    composed = s.t("a.advice.composed", m=len(levelled)) if len(levelled) > 1 else None
    out: dict[str, Any] = {
        "id": sp.id,
        "head": head,
        "composed": composed,
        "topics": topics if composed else [],
        "achieved": None,
        "achieved_list": [],
        "advice": None,
        "sub_advice": None,
        "steps": [],
    }
    if inherited == "full":
        out["advice"] = s.t("a.advice.inherited_only")
        return out
    if level == TOP:
        out["achieved"] = s.t("a.advice.highest", sub=s.text(sp.name))
        out["achieved_list"] = [s.text(_criterion(t, TOP)) for t in sp.topics if _criterion(t, TOP).th]
        return out
    steps = [step for t in sp.topics if (step := _topic_step(b, t, expl, criteria_only)) is not None]
    sub_advice = s.text(sp.advice) if _has_room(b, sp) else ""
    if steps or sub_advice:
        out["advice"] = s.t(
            "a.advice.raise.partial" if inherited == "partial" else "a.advice.raise", sub=s.text(sp.name)
        )
        out["steps"] = steps
        out["sub_advice"] = s.t("a.advice.framework", text=sub_advice) if sub_advice else None
    elif level is not None:
        out["advice"] = s.t("a.advice.no_criteria", sub=s.text(sp.name), level=level)
    return out


def _has_room(b: _Builder, sp: SubPillar) -> bool:
    """Whether a topic the agency answers itself is below the top level: the sub-pillar's own advice
    (not tied to a level) is shown only then, so an agency at the top is never told to get there."""
    for t in sp.topics:
        rec = b.rec["topics"].get(t.id) or {}
        if (
            not rec.get("provenance", "own").startswith("parent")
            and rec.get("level") is not None
            and rec["level"] < TOP
        ):
            return True
    return False


def _topic_line(b: _Builder, t: Topic) -> dict[str, Any]:
    s = b.s
    rec = b.rec["topics"].get(t.id) or {}
    lv = rec.get("level")
    text = s.t("level.value", level=lv) if lv is not None else s.t("level.undetermined.short")
    line = s.t(
        "a.advice.topic",
        topic=s.text(t.name),
        level=text,
        inherit=_provenance(b, rec.get("provenance", "own")),
    )
    subs = []
    for st in t.sub_topics:
        srec = b.rec["topics"].get(st.id) or {}
        slv = srec.get("level")
        stext = s.t("level.value", level=slv) if slv is not None else s.t("level.undetermined.short")
        subs.append(s.t("a.advice.topic", topic=s.text(st.name), level=stext, inherit=""))
    return {"text": line, "subs": subs}


def _criterion(t: Topic, level: int) -> Text:
    lv = t.levels.get(level)
    return lv.criterion if lv is not None else Text()


def _topic_step(
    b: _Builder, t: Topic, expl: Mapping[str, TopicExplanation] | None, criteria_only: bool
) -> dict[str, Any] | None:
    """What the agency itself can do about one topic; None for topics it does not answer or without levels."""
    s = b.s
    rec = b.rec["topics"].get(t.id) or {}
    if rec.get("status") in (None, "no_level"):
        return None
    status, level = rec.get("status"), rec.get("level")
    name = s.text(t.name)
    if rec.get("provenance", "own").startswith("parent"):
        if level is None or level >= TOP:
            return None
        return {
            "kind": "parent",
            "text": s.t("a.advice.parent_acts", topic=name, level=level),
            "advice": None,
            "todo": [],
        }
    if status == "undetermined":
        if rec.get("reason") == "parent_missing":
            return {
                "kind": "missing",
                "text": s.t("a.advice.parent_missing", topic=name),
                "advice": None,
                "todo": [],
            }
        codes = rec.get("missing") or []
        labels = [s.text(b.fw.inputs[c].label) for c in codes if c in b.fw.inputs]
        return {
            "kind": "missing",
            "text": s.t("a.advice.missing", topic=name, inputs=join(s, labels) if labels else "-"),
            "advice": None,
            "todo": [],
        }
    if level is None:
        return None
    e = expl.get(t.id) if expl is not None and not criteria_only else None
    if e is not None:
        nxt, criterion, advice = e.next_level, e.next_criterion, e.next_advice
    else:
        nxt = next(
            (
                k
                for k in sorted(t.levels)
                if k > level and (t.levels[k].criterion.th or t.levels[k].advice.th)
            ),
            None,
        )
        criterion = t.levels[nxt].criterion if nxt else Text()
        advice = t.levels[nxt].advice if nxt else Text()
    if nxt is None:
        return None  # the framework defines nothing above this level for the topic
    todo = []
    if e is not None:
        for step in e.steps:
            current = s.text(step.current)
            todo.append(
                {
                    "text": s.text(step.text),
                    "current": s.t("a.advice.current", current=current) if current else None,
                }
            )
    return {
        "kind": "next",
        "text": s.t("a.advice.next", topic=name, level=level, next=nxt, criterion=s.text(criterion))
        if s.text(criterion)
        else s.t("a.advice.next.bare", topic=name, level=level, next=nxt),
        "advice": s.t("a.advice.framework", text=s.text(advice)) if s.text(advice) else None,
        "todo": todo,
    }
