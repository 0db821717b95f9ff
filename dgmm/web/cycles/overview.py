"""Where a cycle's agencies stand: counts by status, filters and pages of participants.

Used by the cycle page (analysts, parent departments, respondents, each within their scope), the
cycle list and a parent department's home. Filters are a GET form so the pages work without
JavaScript; every query is bounded (one count query, one page of rows) whatever the cycle's size.

    form = ParticipantFilter(request.GET, participations)   # choices from the participations in scope
    rows = form.apply(participations)                        # the filtered rows
    counts = status_counts(form.apply(participations, status=False))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import forms
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dgmm.web.cycles.models import Cycle, CycleStatus, Participation, ParticipationStatus, days_to
from dgmm.web.registry.models import Ministry, Province, Tier

DONE = (ParticipationStatus.SUBMITTED, ParticipationStatus.APPROVED)
SEARCH_MAX = 100


def status_counts(participations: QuerySet[Participation]) -> dict[str, int]:
    """{"total": n, status: n for every status} in one query."""
    return participations.aggregate(
        total=Count("id"), **{s: Count("id", filter=Q(status=s)) for s in ParticipationStatus.values}
    )


def counts_by_cycle(participations: QuerySet[Participation]) -> dict[int, dict[str, int]]:
    """{cycle id: {"total": n, status: n}} of `participations` in one grouped query."""
    out: dict[int, dict[str, int]] = {}
    rows = participations.order_by().values_list("cycle_id", "status").annotate(n=Count("id"))
    for cycle_id, status, n in rows:
        counts = out.setdefault(cycle_id, empty_counts())
        counts[status] = counts.get(status, 0) + n
        counts["total"] += n
    return out


def empty_counts() -> dict[str, int]:
    return {"total": 0, **dict.fromkeys(ParticipationStatus.values, 0)}


@dataclass(frozen=True)
class StatusLink:
    """One status with its count, as a filter link ("" is every status)."""

    code: str
    label: str
    count: int
    query: str
    current: bool


def status_links(counts: Mapping[str, int], params: QueryDict, current: str) -> list[StatusLink]:
    """The filter links of a list: every status with its count, keeping the other filters of `params`
    and dropping the page number."""

    def query(code: str) -> str:
        q = params.copy()
        for key in ("status", "page"):
            q.pop(key, None)
        if code:
            q["status"] = code
        return q.urlencode()

    links = [StatusLink("", str(_("All")), counts.get("total", 0), query(""), not current)]
    links += [
        StatusLink(code, str(label), counts.get(code, 0), query(code), current == code)
        for code, label in ParticipationStatus.choices
    ]
    return links


def days_left(cycle: Cycle, now: datetime | None = None) -> int | None:
    """Whole days until an open cycle's deadline (0 on its last day); None once it has passed or closed."""
    now = now or timezone.now()
    if cycle.status != CycleStatus.OPEN or cycle.closes_at <= now:
        return None
    return days_to(cycle.closes_at, now)


def progress(counts: Mapping[str, int]) -> int:
    """Percent of agencies that submitted (approved ones included), rounded down."""
    total = counts.get("total", 0)
    return (sum(counts.get(s, 0) for s in DONE) * 100) // total if total else 0


def _choices(rows: Iterable[tuple[str, str, str]]) -> list[tuple[str, Any]]:
    """(code, label) of ministries or provinces, labelled in the current language."""
    english = (get_language() or "th").startswith("en")
    return [("", str(_("all"))), *((code, (en or th) if english else (th or en)) for code, th, en in rows)]


class ParticipantFilter(forms.Form):
    """Status, tier, ministry, province and a name or code: each optional; an invalid value is named
    in the form and that filter is left out."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    tier = forms.ChoiceField(label=_("Tier"), required=False)
    ministry = forms.ChoiceField(label=_("Ministry"), required=False)
    province = forms.ChoiceField(label=_("Province"), required=False)
    q = forms.CharField(label=_("Name or agency id"), required=False, max_length=SEARCH_MAX)

    def __init__(
        self,
        data: QueryDict | None,
        participations: QuerySet[Participation],
        fields: Iterable[str] = ("status", "tier", "ministry", "province", "q"),
        prefix: str | None = None,
    ) -> None:
        super().__init__(data, prefix=prefix)
        keep = set(fields)
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        agencies = participations.values("agency_id")
        names = ("code", "name_th", "name_en")
        choices: dict[str, list[tuple[str, Any]]] = {
            "status": [("", str(_("all"))), *ParticipationStatus.choices],
            "tier": [("", str(_("all"))), *Tier.choices],
        }
        if "ministry" in keep:
            choices["ministry"] = _choices(
                Ministry.objects.filter(agencies__in=agencies).distinct().values_list(*names)
            )
        if "province" in keep:
            choices["province"] = _choices(
                Province.objects.filter(agencies__in=agencies).distinct().values_list(*names)
            )
        for name, field in self.fields.items():
            if isinstance(field, forms.ChoiceField) and name in choices:
                field.choices = choices[name]
        self.is_valid()  # cleaned_data keeps the valid filters only

    def value(self, name: str) -> Any:
        return getattr(self, "cleaned_data", {}).get(name) or ""

    @property
    def narrowed(self) -> bool:
        """A filter other than the status is applied."""
        return any(self.value(n) for n in self.fields if n != "status")

    @property
    def filtered(self) -> bool:
        """Any filter is applied."""
        return any(self.value(n) for n in self.fields)

    def apply(self, participations: QuerySet[Participation], status: bool = True) -> QuerySet[Participation]:
        """`participations` the filters select (`status=False`: all but the status filter, for counts)."""
        qs = participations
        if status and self.value("status"):
            qs = qs.filter(status=self.value("status"))
        if self.value("tier"):
            qs = qs.filter(agency__tier=self.value("tier"))
        if self.value("ministry"):
            qs = qs.filter(agency__ministry__code=self.value("ministry"))
        if self.value("province"):
            qs = qs.filter(agency__province__code=self.value("province"))
        if text := str(self.value("q")).strip():
            qs = qs.filter(
                Q(agency__code__icontains=text)
                | Q(agency__name_th__icontains=text)
                | Q(agency__name_en__icontains=text)
            )
        return qs
