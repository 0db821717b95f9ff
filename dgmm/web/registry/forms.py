from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AgencyImportForm(forms.Form):
    file = forms.FileField(
        label=_("Agencies file (CSV or XLSX)"),
        help_text=_(
            "Columns: id, name_th, name_en, tier, ministry, province, parent_id, agency_type. "
            "Every row is checked before anything is saved."
        ),
    )
