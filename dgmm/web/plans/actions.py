"""Plan items: created from a projection or a target in one step, edited and deleted by the agency's
respondents; every change written to the audit log (kind review, target "plan <topic>")."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dgmm.web.actions import Action, ActionError, ActionPermissionError
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry, Cycle
from dgmm.web.plans.models import NAME_MAX, TEXT_MAX, PlanItem, PlanStatus
from dgmm.web.plans.planner import Draft
from dgmm.web.registry.models import Agency
from dgmm.web.registry.permissions import AgencyPolicy

MAX_ITEMS = 100  # plan items one agency may keep per cycle
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2200, 12, 31)
TEXT_FIELDS = (
    ("responsible_unit", NAME_MAX),
    ("owner", NAME_MAX),
    ("actions_th", TEXT_MAX),
    ("actions_en", TEXT_MAX),
)
EDITABLE = ("responsible_unit", "owner", "due_date", "status", "target_level", "actions_th", "actions_en")


def target_of(item: PlanItem) -> str:
    return f"plan {item.topic}"


def summary(values: Mapping[str, Any]) -> str:
    """The fields of an item as the audit log keeps them: "field=value; field=value"."""
    return "; ".join(
        f"{k}={'' if v is None else v.isoformat() if isinstance(v, date) else v}" for k, v in values.items()
    )


def _fields(item: PlanItem) -> dict[str, Any]:
    return {f: getattr(item, f) for f in EDITABLE}


def clean(data: Mapping[str, Any]) -> dict[str, Any]:
    """The editable fields, bounded; ActionError naming what was expected."""
    out: dict[str, Any] = {}
    for name, most in TEXT_FIELDS:
        if name in data:
            text = str(data[name] or "").strip()
            if len(text) > most:
                raise ActionError(_("%(field)s: at most %(n)s characters.") % {"field": name, "n": most})
            out[name] = text
    if "due_date" in data:
        due = data["due_date"]
        if due is not None and not (isinstance(due, date) and FIRST_DAY <= due <= LAST_DAY):
            raise ActionError(_("The due date must be a date between 2000 and 2200."))
        out["due_date"] = due
    if "status" in data:
        if data["status"] not in PlanStatus.values:
            raise ActionError(_("The status must be planned, in progress, done or dropped."))
        out["status"] = data["status"]
    if "target_level" in data:
        level = data["target_level"]
        if not isinstance(level, int) or not 1 <= level <= 5:
            raise ActionError(_("The target level must be a whole number from 1 to 5."))
        out["target_level"] = level
    return out


def can_edit(user: Any, agency: Agency) -> bool:
    """The agency's respondents (and administrators, who may act for anyone)."""
    return AgencyPolicy(user).can_answer(agency)


class CreatePlanItems(Action):
    """Store the plan items made from one projection or one target's change set."""

    def __init__(
        self,
        cycle: Cycle,
        agency: Agency,
        user: Any,
        drafts: list[Draft],
        common: Mapping[str, Any],
        source: str,
    ) -> None:
        self.cycle, self.agency, self.user = cycle, agency, user
        self.drafts, self.source = drafts, source[:200]
        self.common = clean(
            {k: v for k, v in common.items() if k in ("responsible_unit", "owner", "due_date")}
        )

    def check(self) -> None:
        if not can_edit(self.user, self.agency):
            raise ActionPermissionError(_("Only the agency's respondents may change its plan."))
        if not self.cycle.has_results:
            raise ActionError(_("Plans are made from a cycle's results; this cycle has none yet."))
        if not self.drafts:
            raise ActionError(_("These changes raise no topic's level: there is nothing to plan."))
        held = PlanItem.objects.filter(cycle=self.cycle, agency=self.agency).count()
        if held + len(self.drafts) > MAX_ITEMS:
            raise ActionError(
                _("A plan holds at most %(n)s items per cycle; delete some first.") % {"n": MAX_ITEMS}
            )

    @transaction.atomic
    def _execute(self) -> list[PlanItem]:
        items = []
        for d in self.drafts:
            item = PlanItem.objects.create(
                cycle=self.cycle,
                agency=self.agency,
                topic=d.topic,
                level_now=d.level_now,
                target_level=d.target_level,
                actions_th=d.actions_th[:TEXT_MAX],
                actions_en=d.actions_en[:TEXT_MAX],
                changes=d.changes,
                pmqa_items=d.pmqa_items,
                source=self.source,
                created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
                **self.common,
            )
            record(
                AuditEntry.Kind.REVIEW,
                target_of(item),
                actor=self.user,
                cycle=self.cycle,
                agency=self.agency,
                new=summary({"level_now": d.level_now, **_fields(item)}),
                note="plan created",
            )
            items.append(item)
        return items


class UpdatePlanItem(Action):
    def __init__(self, item: PlanItem, user: Any, data: Mapping[str, Any]) -> None:
        self.item, self.user = item, user
        self.data = clean({k: v for k, v in data.items() if k in EDITABLE})

    def check(self) -> None:
        if not can_edit(self.user, self.item.agency):
            raise ActionPermissionError(_("Only the agency's respondents may change its plan."))

    @transaction.atomic
    def _execute(self) -> PlanItem:
        item = PlanItem.objects.select_for_update().get(pk=self.item.pk)
        before = _fields(item)
        for k, v in self.data.items():
            setattr(item, k, v)
        after = _fields(item)
        old = {k: v for k, v in before.items() if before[k] != after[k]}
        if old:
            item.save()
            record(
                AuditEntry.Kind.REVIEW,
                target_of(item),
                actor=self.user,
                cycle=item.cycle,
                agency=item.agency,
                old=summary(old),
                new=summary({k: after[k] for k in old}),
                note="plan edited",
            )
        self.item = item
        return item


class DeletePlanItem(Action):
    def __init__(self, item: PlanItem, user: Any) -> None:
        self.item, self.user = item, user

    def check(self) -> None:
        if not can_edit(self.user, self.item.agency):
            raise ActionPermissionError(_("Only the agency's respondents may change its plan."))

    @transaction.atomic
    def _execute(self) -> None:
        item = self.item
        record(
            AuditEntry.Kind.REVIEW,
            target_of(item),
            actor=self.user,
            cycle=item.cycle,
            agency=item.agency,
            old=summary(_fields(item)),
            note="plan deleted",
        )
        item.delete()
