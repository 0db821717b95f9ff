"""The audit log as analysts read it: every entry, newest first, filtered by kind, cycle, agency,
actor and dates (the filters are a form; the query is built here, the template only displays)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from dgmm.web.cycles.models import AuditEntry, Cycle


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("all")), *AuditEntry.Kind.choices]
    )
    cycle = forms.ChoiceField(label=_("Cycle"), required=False)
    agency = forms.CharField(label=_("Agency id"), required=False, max_length=60)
    actor = forms.CharField(label=_("Who (user name)"), required=False, max_length=150)
    since = forms.DateField(
        label=_("From (date)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until (date)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cycle = self.fields["cycle"]
        assert isinstance(cycle, forms.ChoiceField)
        cycle.choices = [("", _("all")), *Cycle.objects.values_list("code", "code")]

    def entries(self) -> QuerySet[AuditEntry]:
        """The entries the valid filters select (all of them when the form is empty or invalid)."""
        qs = AuditEntry.objects.select_related("actor", "token__created_by", "cycle", "agency")
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("kind"):
            qs = qs.filter(kind=data["kind"])
        if data.get("cycle"):
            qs = qs.filter(cycle__code=data["cycle"])
        if data.get("agency"):
            qs = qs.filter(Q(agency__code=data["agency"]) | Q(target__startswith=f"agency {data['agency']} "))
        if data.get("actor"):
            qs = qs.filter(Q(actor_name__iexact=data["actor"]) | Q(actor__username__iexact=data["actor"]))
        if data.get("since"):
            qs = qs.filter(at__date__gte=data["since"])
        if data.get("until"):
            qs = qs.filter(at__date__lte=data["until"])
        return qs
