"""The forms of the cycle's confirmation pages: the scoring policy chosen on closing, a reason."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dgmm.web.cycles.actions import REASON_MAX
from dgmm.web.cycles.models import ScoringPolicy


class CloseForm(forms.Form):
    """Whose answers count; left out, the cycle's recorded policy."""

    policy = forms.ChoiceField(
        label=_("Whose answers count"),
        choices=ScoringPolicy.choices,
        required=False,
        widget=forms.RadioSelect,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required; kept in the audit log."),
        error_messages={
            "required": _("Give the reason: it is kept in the audit log."),
            "max_length": _("At most %(limit_value)d characters, please (this has %(show_value)d)."),
        },
    )
