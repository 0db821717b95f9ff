"""The audit log in words: each stored entry (codes, as written, never changed) shown with readable
Thai / English labels.

    rows = readable(page_of_entries)    # one Row per entry: kind, what, old → new, note as words

Entries keep the codes they were written with (``in_progress``, input ``N1``, ``role=analyst``);
this module only reads them. Each kind of entry has its table of labels: statuses and roles by their
choices, a cycle's or agency's fields by the model's verbose name, an input or topic by the question's
label in the cycle's framework for the agency's tier (where that framework still loads), dates in the
Buddhist era for Thai readers. A target or value with no label is shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from dgmm import Framework, FrameworkError, NotFoundError
from dgmm.web.accounts.models import Role
from dgmm.web.cycles.frameworks import get_framework
from dgmm.web.cycles.models import (
    AuditEntry,
    Cycle,
    CycleFramework,
    CycleStatus,
    ParticipationStatus,
    ScoringPolicy,
)
from dgmm.web.cycles.templatetags.dgmm_format import day, when
from dgmm.web.registry.models import Agency, Ministry, Province, Tier
from dgmm.web.review.models import ReviewComment

SHORT = 90  # characters of a value shown before "show all"
ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?$")
ISO_DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d:T-])")
PAIR = re.compile(r"(\w+)=(\S*)")
REMINDERS = re.compile(r"^deadline reminders (\d+) days before$")
REMINDED = re.compile(r"^(\d+) agencies e-mailed, (\d+) without a respondent's address$")
INVITED = re.compile(r"^(\d+) invited$")
ACCEPTED = re.compile(r"^accepted as (\S+)$")

# Words the application writes in values and notes, as readers see them.
WORDS: dict[str, Any] = {
    "yes": pgettext_lazy("audit log", "yes"),
    "no": pgettext_lazy("audit log", "no"),
    "signed in": pgettext_lazy("audit log", "signed in"),
    "failed": pgettext_lazy("audit log", "failed"),
    "refused: locked out": pgettext_lazy("audit log", "refused: locked out"),
    "refused: too many requests": pgettext_lazy("audit log", "refused: too many requests"),
    "agencies added": pgettext_lazy("audit log", "agencies added"),
    "agencies removed": pgettext_lazy("audit log", "agencies removed"),
    "removed": pgettext_lazy("audit log", "removed"),
    "plan created": pgettext_lazy("audit log", "plan item created"),
    "plan edited": pgettext_lazy("audit log", "plan item edited"),
    "plan deleted": pgettext_lazy("audit log", "plan item deleted"),
    "open": pgettext_lazy("audit log", "open"),
    "simulated by dgmm.simulate": pgettext_lazy("audit log", "simulated demonstration data"),
}
NOTE_PREFIXES: dict[str, Any] = {
    "account created": pgettext_lazy("audit log", "account created"),
    "password changed": pgettext_lazy("audit log", "password changed"),
    "invited, open until": pgettext_lazy("audit log", "invited, open until"),
}
CYCLE_TARGETS: dict[str, Any] = {
    "status": pgettext_lazy("audit log", "Cycle status"),
    "created": pgettext_lazy("audit log", "Cycle created"),
    "frameworks": pgettext_lazy("audit log", "Frameworks"),
    "participants": pgettext_lazy("audit log", "Participating agencies"),
    "answers import": pgettext_lazy("audit log", "Answers imported"),
    "demo data": pgettext_lazy("audit log", "Demonstration data"),
}
ACCOUNT_FIELDS: dict[str, Any] = {
    "role": pgettext_lazy("audit log", "role"),
    "agency": pgettext_lazy("audit log", "agency"),
    "is_active": pgettext_lazy("audit log", "active"),
    "is_staff": pgettext_lazy("audit log", "may use the Django admin"),
    "is_superuser": pgettext_lazy("audit log", "all permissions"),
    "password": pgettext_lazy("audit log", "password"),
}
KINDS: dict[str, Any] = dict(AuditEntry.Kind.choices)
QUESTION_KINDS = (AuditEntry.Kind.ANSWER, AuditEntry.Kind.EVIDENCE, AuditEntry.Kind.REVIEW)
ANALYST = " (analyst)"  # an answer target's suffix for the analyst's check (cycles.actions.SaveAnswer)
REGISTRY_MODELS: dict[str, type[models.Model]] = {"ministry": Ministry, "province": Province}


def none() -> str:
    return _("(none)")


@dataclass
class Value:
    """A value as shown: `text` (at most SHORT characters), `full` when it was cut."""

    text: str
    full: str = ""
    empty: bool = False


@dataclass
class Row:
    entry: AuditEntry
    kind: str
    what: str
    code: str  # the target as written, when the label differs from it
    old: Value
    new: Value
    note: str

    @property
    def changed(self) -> bool:
        """An old value was recorded (the entry is a change, not a single event)."""
        return self.entry.old_value is not None


def _value(text: str | None, label: Callable[[str], str] | None = None) -> Value:
    if text is None:
        return Value(none(), empty=True)
    if text == "":
        return Value(_("(empty)"), empty=True)
    shown = label(text) if label is not None else _word(text)
    if len(shown) > SHORT:
        return Value(shown[: SHORT - 1] + "…", full=shown)
    return Value(shown)


def _word(text: str) -> str:
    """A value or note: a known word translated, an ISO time or the ISO dates in a text as the reader's
    dates (Buddhist era in Thai), anything else as written."""
    if text in WORDS:
        return str(WORDS[text])
    if ISO_TIME.match(text):
        try:
            return when(datetime.fromisoformat(text.replace("Z", "+00:00")))
        except ValueError:
            return text
    return ISO_DATE.sub(_date, text)


def _note(text: str) -> str:
    """A note, its known opening words translated (the rest, e.g. a page and an address, as written)."""
    for prefix, label in NOTE_PREFIXES.items():
        if text.startswith(prefix):
            return str(label) + _word(text[len(prefix) :])
    return _word(text)


def _date(m: re.Match[str]) -> str:
    try:
        return day(date.fromisoformat(m.group(0)))
    except ValueError:
        return m.group(0)


def _choice(choices: Iterable[tuple[str, Any]]) -> Callable[[str], str]:
    """Codes shown by their choice's label, in the language of the moment."""
    table = dict(choices)
    return lambda text: str(table[text]) if text in table else text


def _pairs(labels: Mapping[str, Callable[[str], str]]) -> Callable[[str], str]:
    """ "role=analyst agency=dept-a" with each known key's value labelled."""

    def one(key: str, value: str) -> str:
        name = str(ACCOUNT_FIELDS.get(key, key))
        return f"{name}: {labels[key](value) if key in labels else _word(value)}"

    def shown(text: str) -> str:
        pairs = PAIR.findall(text)
        if not pairs or PAIR.sub("", text).strip(" ;"):
            return _word(text)  # not only key=value pairs
        return "; ".join(one(k, v) for k, v in pairs)

    return shown


ROLE = _choice(Role.choices)
TIER = _choice(Tier.choices)
PAIRS = _pairs({"role": ROLE, "tier": TIER})


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field since removed is shown by its name
        return name
    return str(getattr(field, "verbose_name", name))


class _Frameworks:
    """The framework each (cycle, tier) of the page's entries answers, loaded once."""

    def __init__(self, entries: list[AuditEntry]) -> None:
        cycles = {e.cycle_id for e in entries if e.cycle_id is not None and e.agency_id is not None}
        agencies = {e.agency_id for e in entries if e.cycle_id is not None and e.agency_id is not None}
        tiers = Agency.objects.filter(pk__in=agencies).values_list("pk", "tier")
        self.tiers: dict[int, str] = dict(tiers) if agencies else {}
        self.refs = (
            {
                (cycle_id, tier): ref
                for cycle_id, tier, ref in CycleFramework.objects.filter(cycle_id__in=cycles).values_list(
                    "cycle_id", "tier", "framework"
                )
            }
            if cycles
            else {}
        )
        self.loaded: dict[str, Framework | None] = {}

    def of(self, e: AuditEntry) -> Framework | None:
        if e.cycle_id is None or e.agency_id not in self.tiers:
            return None
        ref = self.refs.get((e.cycle_id, self.tiers[e.agency_id]))
        if ref is None:
            return None
        if ref not in self.loaded:
            try:
                self.loaded[ref] = get_framework(ref)
            except (FrameworkError, NotFoundError, OSError):
                self.loaded[ref] = None
        return self.loaded[ref]


def _lang() -> str:
    from dgmm.web.cycles.forms import lang

    return lang()


def _input_or_topic(fw: Framework | None, code: str) -> str:
    """ "Question label" of an input or topic code; "" when the framework does not know it."""
    if fw is None:
        return ""
    if code in fw.inputs:
        return fw.inputs[code].label.get(_lang())
    if code in fw.topics:
        return f"{code} {fw.topics[code].name.get(_lang())}"
    return ""


def _answer_value(fw: Framework | None, code: str) -> Callable[[str], str] | None:
    """Option codes of a choice input shown with their labels ("b" -> "b: Some option")."""
    inp = fw.inputs.get(code) if fw is not None else None
    if inp is None or not inp.options:
        return None
    labels = {o.code: o.label.get(_lang()) for o in inp.options}
    return lambda text: "; ".join(
        f"{part}: {labels[part]}" if part in labels else part for part in text.split("|")
    )


def _row(e: AuditEntry, frameworks: _Frameworks) -> Row:
    kind = str(KINDS.get(e.kind, e.kind))
    target = e.target
    what = target
    label: Callable[[str], str] | None = None
    note = _note(e.note) if e.note else ""
    if e.kind == AuditEntry.Kind.STATUS and target == "status":
        what, label = _("Answer status"), _choice(ParticipationStatus.choices)
    elif e.kind == AuditEntry.Kind.CYCLE:
        if target == "status":
            label = _choice(CycleStatus.choices)
        elif target == "frameworks":
            label = lambda text: "; ".join(  # noqa: E731
                f"{TIER(t)}: {r}" for t, _sep, r in (p.partition("=") for p in text.split(", "))
            )
        what = str(CYCLE_TARGETS[target]) if target in CYCLE_TARGETS else _field_label(Cycle, target)
        if target == "publish_agency_results":
            label = _word
        elif target == "scoring_policy":
            label = _choice(ScoringPolicy.choices)
        elif m := REMINDERS.match(target):
            what, label = _("Deadline reminders %(days)s days before") % {"days": m.group(1)}, _reminded
    elif e.kind == AuditEntry.Kind.REVIEW and target.startswith("check "):
        from dgmm.web.checks.models import FlagStatus

        what = _("Consistency check %(key)s") % {"key": target.removeprefix("check ")}
        label = _choice(FlagStatus.choices)
    elif e.kind == AuditEntry.Kind.REVIEW and target.startswith("plan "):
        fw = frameworks.of(e)
        topic = target.removeprefix("plan ")
        what = _("Improvement plan: %(topic)s") % {"topic": _input_or_topic(fw, topic) or topic}
        label = _plan_fields
    elif e.kind in QUESTION_KINDS:
        fw = frameworks.of(e)
        analyst = target.endswith(ANALYST)
        code = target.removesuffix(ANALYST)
        if e.kind == AuditEntry.Kind.REVIEW and target == "submission":
            what = _("The whole submission")
        else:
            what = _input_or_topic(fw, code) or code
            if analyst:
                what = _("%(question)s (analyst's check)") % {"question": what}
        if e.kind == AuditEntry.Kind.ANSWER:
            label = _answer_value(fw, code)
        if e.kind == AuditEntry.Kind.REVIEW:
            note = _choice(ReviewComment.Kind.choices)(e.note)
    elif e.kind == AuditEntry.Kind.ACCOUNT:
        what, label = _account_target(target), _account_value
        if target.split(" ")[-1] == "role":
            label = ROLE
    elif e.kind == AuditEntry.Kind.REGISTRY:
        what, label = _registry_target(target), _word
        if target.endswith("tier"):
            label = TIER
        elif target.endswith("created"):
            label = PAIRS
    old = _value(e.old_value, label)
    event = e.old_value is None and e.new_value is None  # e.g. a password change: nothing to show
    new = Value("–") if event else _value(e.new_value, label)
    code = target if e.kind in QUESTION_KINDS and target.removesuffix(ANALYST) not in what else ""
    return Row(e, kind, what, code, old, new, note)


def _plan_fields(text: str) -> str:
    """ "status=done; owner=Khun A" with each field of a plan item by its name and a status by its label."""
    from dgmm.web.plans.models import PlanItem, PlanStatus

    status = _choice(PlanStatus.choices)
    parts = []
    for part in text.split("; "):
        key, sep, value = part.partition("=")
        if not sep:
            return _word(text)
        parts.append(
            f"{_field_label(PlanItem, key)}: {status(value) if key == 'status' else _word(value) or '–'}"
        )
    return "; ".join(parts)


def _reminded(text: str) -> str:
    m = REMINDED.match(text)
    if m is None:
        return _word(text)
    return _("%(sent)s agencies e-mailed, %(without)s without a respondent's address") % {
        "sent": m.group(1),
        "without": m.group(2),
    }


def _account_value(text: str) -> str:
    if m := INVITED.match(text):
        return _("%(count)s people invited") % {"count": m.group(1)}
    if m := ACCEPTED.match(text):
        return _("accepted as %(name)s") % {"name": m.group(1)}
    return PAIRS(text)


def _account_target(target: str) -> str:
    words = target.split(" ")
    if words[0] == "user" and len(words) == 2:
        return _("Account %(name)s") % {"name": words[1]}
    if words[0] == "user" and len(words) == 3:
        field = str(ACCOUNT_FIELDS.get(words[2], words[2]))
        return _("Account %(name)s: %(field)s") % {"name": words[1], "field": field}
    if target == "invitations file":
        return _("Invitations from a file")
    for prefix, label in (
        ("sign-in ", _("Sign-in of %(name)s")),
        ("invitation ", _("Invitation to %(name)s")),
        ("password reset ", _("Password reset for %(name)s")),
    ):
        if target.startswith(prefix):
            return label % {"name": target[len(prefix) :]}
    return target


def _registry_target(target: str) -> str:
    words = target.split(" ")
    if len(words) == 3 and words[0] in REGISTRY_MODELS:  # "ministry MOI name_th"
        model = REGISTRY_MODELS[words[0]]
        name = str(model._meta.verbose_name)
        field = pgettext("audit log", "created") if words[2] == "created" else _field_label(model, words[2])
        return f"{name} {words[1]}: {field}"
    if target == "created":
        return _("Agency created")
    if target == "registry import":
        return _("Registry imported")
    if len(words) == 1:
        return _field_label(Agency, target)
    return target


def readable(entries: Iterable[AuditEntry]) -> list[Row]:
    """One Row per entry, in the given order (entries should come with their agency selected)."""
    items = list(entries)
    frameworks = _Frameworks(items)
    return [_row(e, frameworks) for e in items]
