"""Forms of the plan pages: who does an item and by when (on saving a plan, and when editing an item)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dgmm.web.plans.actions import FIRST_DAY, LAST_DAY
from dgmm.web.plans.models import NAME_MAX, TEXT_MAX, PlanStatus


class DateInput(forms.DateInput):
    input_type = "date"


def _due() -> forms.DateField:
    return forms.DateField(
        label=_("Due date"),
        required=False,
        widget=DateInput(format="%Y-%m-%d"),
        help_text=_("A date between 2000 and 2200 (Christian era in the date picker)."),
    )


class WhoForm(forms.Form):
    """The responsible unit, owner and due date given to every item a plan saves."""

    responsible_unit = forms.CharField(label=_("Responsible unit"), max_length=NAME_MAX, required=False)
    owner = forms.CharField(label=_("Owner"), max_length=NAME_MAX, required=False)
    due_date = _due()

    def clean_due_date(self) -> object:
        due = self.cleaned_data.get("due_date")
        if due is not None and not FIRST_DAY <= due <= LAST_DAY:
            raise forms.ValidationError(_("The due date must be a date between 2000 and 2200."))
        return due


class ItemForm(WhoForm):
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices)
    target_level = forms.TypedChoiceField(
        label=_("Target level"), choices=[(i, str(i)) for i in range(1, 6)], coerce=int
    )
    actions_th = forms.CharField(
        label=_("Actions (Thai)"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    actions_en = forms.CharField(
        label=_("Actions (English)"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
