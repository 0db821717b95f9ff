"""Upload forms: an answers file in the long format, and an export of form submissions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AnswersImportForm(forms.Form):
    file = forms.FileField(
        label=_("Answers file (CSV UTF-8 or XLSX)"),
        help_text=_(
            "Columns: agency_id, input, value and optionally source (agency or analyst). Several "
            "choices are joined by '|'; a matrix is written row:column|row:column. Every row is "
            "checked before anything is saved; an empty value leaves the saved answer as it is."
        ),
    )


class SubmissionsImportForm(forms.Form):
    file = forms.FileField(
        label=_("Form submissions (CSV or XLSX export of ODK Central or KoboToolbox)"),
        help_text=_(
            "One row per submission, columns named by question name (not by label), with the "
            "agency_id column of the form. Every submission is checked before anything is saved."
        ),
    )
