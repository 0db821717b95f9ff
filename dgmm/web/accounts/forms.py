from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from dgmm.web.accounts.models import Invitation, Role, User


class InvitationForm(forms.ModelForm[Invitation]):
    agency_code = forms.CharField(
        label=_("Agency id"),
        required=False,
        max_length=60,
        help_text=_("Required for respondents and parent departments."),
    )

    class Meta:
        model = Invitation
        fields = ["email", "name", "role"]
        help_texts = {"name": _("Used to greet the person in the e-mail (optional).")}

    def clean(self) -> dict[str, Any]:
        from dgmm.web.registry.models import Agency

        super().clean()
        data = self.cleaned_data
        code = (data.get("agency_code") or "").strip()
        role = data.get("role")
        if role in (Role.RESPONDENT, Role.PARENT):
            if not code:
                self.add_error("agency_code", _("Give the agency this person answers for."))
            else:
                agency = Agency.objects.filter(code=code).first()
                if agency is None:
                    self.add_error("agency_code", _("No agency has the id %(code)s.") % {"code": code})
                data["agency"] = agency
        return data


class PeopleFileForm(forms.Form):
    file = forms.FileField(
        label=_("File of people (CSV or XLSX)"),
        help_text=_(
            "Columns: email, name, role, agency (Thai or English headers). Every row is checked "
            "first; if one is wrong, nobody is invited."
        ),
    )


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args: Any, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email  # the invited address: the password must not resemble it either

    def clean_username(self) -> str:
        name = self.cleaned_data["username"]
        if User.objects.filter(username=name).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return str(name)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif data.get("password1"):
            try:
                person = User(
                    username=data.get("username", ""),
                    email=self.email,
                    first_name=data.get("first_name", ""),
                    last_name=data.get("last_name", ""),
                )
                validate_password(data["password1"], person)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data
