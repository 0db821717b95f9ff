"""Questionnaire fields built from framework inputs, and the cycle management forms.

A topic page shows one ``Field`` per input. Posted form data turns back into the raw long-format
string the core parses (``value_from_data``), whether it came from a plain form submit or from the
autosave script, so both paths save exactly the same value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from dgmm.answers import fmt_bound
from dgmm.errors import Problem
from dgmm.framework.schema import Input, Text
from dgmm.web.cycles.frameworks import framework_choices
from dgmm.web.cycles.models import Answer, Cycle
from dgmm.web.registry.models import Tier

NONE_SUFFIX = "-none"  # "none of these" box of a multiple choice or matrix


def lang() -> str:
    return "en" if (get_language() or "th").startswith("en") else "th"


def text(t: Text) -> str:
    return t.get(lang())


def field_name(code: str) -> str:
    return f"in-{code}"


def version_name(code: str) -> str:
    return f"v-{code}"


class FieldValueError(ValueError):
    """Posted data that cannot become a value (e.g. "none of these" and a choice together)."""


def value_from_data(inp: Input, data: Any) -> str | None:
    """The raw value string posted for `inp`; None when left unanswered (or cleared)."""
    name = field_name(inp.code)
    if inp.type in ("multiple_choice", "matrix"):
        chosen = [v for v in data.getlist(name) if v]
        none = bool(data.get(name + NONE_SUFFIX))
        if none and chosen:
            raise FieldValueError(gettext("Choose options or “none of these”, not both."))
        if none:
            return ""
        return "|".join(chosen) if chosen else None
    raw = data.get(name)
    if raw is None:
        return None
    raw = str(raw).strip()
    return raw or None


def selected_of(inp: Input, raw: str | None) -> set[str]:
    if raw is None:
        return set()
    if inp.type in ("multiple_choice", "matrix"):
        return {p.strip() for p in raw.split("|") if p.strip()}
    if inp.type == "yes_no":
        from dgmm.answers import NO, YES

        v = raw.strip().lower()
        return {"yes"} if v in YES else {"no"} if v in NO else set()
    return {raw.strip()}


WIDGETS = {
    "single_choice": "radio",
    "multiple_choice": "checkbox",
    "yes_no": "yesno",
    "integer": "number",
    "number": "number",
    "percent": "number",
    "year": "number",
    "url": "url",
    "text": "textarea",
    "file": "file",
    "matrix": "matrix",
}


@dataclass
class Choice:
    code: str
    label: str
    checked: bool


@dataclass
class Field:
    """One input as shown on a topic page."""

    input: Input
    raw: str | None
    version: int
    editable: bool
    error: str = ""
    conflict: bool = False
    applies: bool = True
    inherited: bool = False  # answered by the parent department (shown read-only)
    parent_raw: str | None = None  # the parent department's value
    parent_display: str = ""
    analyst_display: str = ""
    evidence: list[Any] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.input.code

    @property
    def dom_id(self) -> str:
        return "f-" + self.code.replace(".", "_")

    @property
    def name(self) -> str:
        return field_name(self.code)

    @property
    def version_name(self) -> str:
        return version_name(self.code)

    @property
    def none_name(self) -> str:
        return self.name + NONE_SUFFIX

    @property
    def widget(self) -> str:
        return WIDGETS.get(self.input.type, "text")

    @property
    def label(self) -> str:
        return text(self.input.label)

    @property
    def help(self) -> str:
        return text(self.input.help)

    @property
    def inputmode(self) -> str:
        return "numeric" if self.input.type in ("integer", "year") else "decimal"

    @property
    def choices(self) -> list[Choice]:
        sel = selected_of(self.input, self.raw)
        if self.input.type == "yes_no" and not self.input.options:
            return [Choice("yes", gettext("Yes"), "yes" in sel), Choice("no", gettext("No"), "no" in sel)]
        return [Choice(o.code, text(o.label), o.code in sel) for o in self.input.options]

    @property
    def is_none_chosen(self) -> bool:
        return self.raw == ""

    @property
    def matrix(self) -> dict[str, Any]:
        sel = selected_of(self.input, self.raw)
        cols = [(c.code, text(c.label)) for c in self.input.columns]
        rows = [
            {
                "code": r.code,
                "label": text(r.label),
                "cells": [
                    {"value": f"{r.code}:{c}", "label": cl, "checked": f"{r.code}:{c}" in sel}
                    for c, cl in cols
                ],
            }
            for r in self.input.rows
        ]
        return {"columns": cols, "rows": rows}

    @property
    def bounds(self) -> str:
        lo, hi = self.input.min, self.input.max
        if self.input.type == "percent":
            lo, hi = (0 if lo is None else lo), (100 if hi is None else hi)
        if lo is None and hi is None:
            return ""
        if hi is None:
            return f"≥ {lo:g}"
        if lo is None:
            return f"≤ {hi:g}"
        return f"{lo:g} – {hi:g}"

    @property
    def is_answered(self) -> bool:
        return self.raw is not None

    @property
    def display(self) -> str:
        return display_value(self.input, self.raw)

    @property
    def described_by(self) -> str:
        ids = [f"{self.dom_id}-hint"] if self.help else []
        if self.error:
            ids.append(f"{self.dom_id}-error")
        return " ".join(ids)


def display_value(inp: Input, raw: str | None) -> str:
    """A stored raw value as readable text in the current language (option labels, yes/no)."""
    if raw is None:
        return gettext("(not answered)")
    if raw == "" and inp.type in ("multiple_choice", "matrix"):
        return gettext("None of these")
    sel = selected_of(inp, raw)
    if inp.type == "yes_no":
        return gettext("Yes") if "yes" in sel else gettext("No") if "no" in sel else raw
    if inp.type in ("single_choice", "multiple_choice"):
        labels = {o.code: text(o.label) for o in inp.options}
        return "; ".join(labels.get(c, c) for c in (o.code for o in inp.options) if c in sel) or raw
    if inp.type == "matrix":
        rows = {r.code: text(r.label) for r in inp.rows}
        cols = {c.code: text(c.label) for c in inp.columns}
        out = []
        for r in inp.rows:
            chosen = [cols[c.code] for c in inp.columns if f"{r.code}:{c.code}" in sel]
            if chosen:
                out.append(f"{rows[r.code]}: {', '.join(chosen)}")
        return "; ".join(out) or raw
    return raw


def expected_value(inp: Input) -> str:
    """What an input accepts, in the user's language (the core's own message stays as the detail)."""
    lo, hi = inp.bounds
    bounds = f" ({fmt_bound(lo)} – {fmt_bound(hi)})"
    messages = {
        "single_choice": gettext("Choose one of the options."),
        "multiple_choice": gettext("Choose among the options."),
        "yes_no": gettext("Answer yes or no."),
        "integer": gettext("Enter a whole number%(bounds)s.") % {"bounds": bounds},
        "number": gettext("Enter a number, with a point for decimals%(bounds)s.") % {"bounds": bounds},
        "percent": gettext("Enter a percentage%(bounds)s.") % {"bounds": bounds},
        "year": gettext("Enter a Buddhist-era year, e.g. 2566."),
        "matrix": gettext("Tick cells of the table."),
        "url": gettext("Enter a web address starting with http:// or https://, at most %(count)d characters.")
        % {"count": inp.length_limit},
        "text": gettext("Enter some text, at most %(count)d characters (no control characters).")
        % {"count": inp.length_limit},
    }
    return messages.get(inp.type, gettext("Enter some text."))


def problem_messages() -> dict[str, str]:
    """The core's value problems (`dgmm.answers.ValueProblem` kinds) in the user's language."""
    return {
        "too_long": gettext("at most %(limit)s characters are allowed, %(found)s were entered"),
        "control_character": gettext("character %(position)s (%(char)s) is a control character"),
        "not_a_whole_number": gettext("“%(found)s” is not a whole number"),
        "not_a_number": gettext("“%(found)s” is not a number"),
        "out_of_range": gettext("%(found)s is outside %(min)s – %(max)s"),
        "not_a_year": gettext("“%(found)s” is not a 4-digit Buddhist-era year"),
        "not_an_option": gettext("“%(found)s” is not one of the options"),
        "not_yes_no": gettext("“%(found)s” is neither yes nor no"),
        "not_a_web_address": gettext("“%(found)s” does not start with http:// or https://"),
        "not_a_cell": gettext("“%(found)s” is not a cell of the table"),
        "empty": gettext("nothing was entered"),
    }


def problem_message(problem: Problem) -> str:
    """One problem the core found with a value, in the user's language: from its kind and named values
    (`Problem.params`); a problem without a known kind says only that the value does not fit, never
    the core's English words."""
    params = dict(problem.params)
    template = problem_messages().get(params.pop("kind", ""))
    if template is None:
        return gettext("the value does not fit this question")
    try:
        return template % params
    except (KeyError, ValueError, TypeError):
        return gettext("the value does not fit this question")


def invalid_answer_message(inp: Input, problems: Sequence[Problem]) -> str:
    """What an input accepts and what was wrong with the value entered, all in the user's language."""
    detail = "; ".join(dict.fromkeys(problem_message(p) for p in problems))
    return gettext("%(expected)s (%(detail)s)") % {"expected": expected_value(inp), "detail": detail}


def invalid_stored(inp: Input, detail: str) -> str:
    """The message for a stored value that does not fit its question (saved before a bound existed)."""
    return gettext(
        "The saved answer does not fit this question; enter it again. %(expected)s (%(detail)s)"
    ) % {"expected": expected_value(inp), "detail": detail}


def answer_map(answers: list[Answer]) -> dict[str, Answer]:
    return {a.code: a for a in answers}


# --- cycle management -------------------------------------------------------------------------


class CycleForm(forms.ModelForm[Cycle]):
    """A cycle with one framework choice per tier (empty: the tier does not take part)."""

    class Meta:
        model = Cycle
        fields = ["code", "year", "name_th", "name_en", "opens_at", "closes_at", "publish_agency_results"]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— does not take part —")), *framework_choices()]
        current = {cf.tier: cf.framework for cf in self.instance.frameworks.all()} if self.instance.pk else {}
        for tier, label in Tier.choices:
            self.fields[f"framework_{tier}"] = forms.ChoiceField(
                label=_("Framework for: %(tier)s") % {"tier": label},
                choices=choices,
                required=False,
                initial=current.get(tier, ""),
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The closing date must be after the opening date."))
        if not any(data.get(f"framework_{t}") for t in Tier.values):
            raise forms.ValidationError(_("Choose a framework for at least one tier."))
        return data

    def tier_frameworks(self) -> dict[str, str]:
        return {
            t: self.cleaned_data[f"framework_{t}"]
            for t in Tier.values
            if self.cleaned_data.get(f"framework_{t}")
        }


class ParticipantsForm(forms.Form):
    """Add the registry's agencies of some tiers (optionally one ministry or province) to a cycle."""

    tiers = forms.MultipleChoiceField(
        label=_("Tiers"), choices=Tier.choices, widget=forms.CheckboxSelectMultiple
    )
    ministry = forms.CharField(label=_("Only this ministry code (optional)"), required=False)
    province = forms.CharField(label=_("Only this province code (optional)"), required=False)


class RemoveParticipantsForm(forms.Form):
    """Agency ids to take out of a cycle, one per line (or separated by commas or spaces)."""

    agencies = forms.CharField(
        label=_("Agency ids to remove (one per line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only agencies without answers or evidence can be removed."),
    )

    def codes(self) -> list[str]:
        return [c for c in re.split(r"[\s,]+", self.cleaned_data["agencies"]) if c]
