"""The Django admin reads in Thai: every page of every registered model, signed in as a superuser.

Each list, add page (where adding is allowed), change, history and delete page (where deleting is
allowed), a user's password page, the index and each app's page are rendered with Thai active;
what a person reads there (text, button labels, placeholders, titles) may hold no English word
except data values (names, codes, user names stored in the database) and a few technical names.
Every model's and field's verbose name must have a Thai translation too.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import translation

pytestmark = [pytest.mark.django_db, pytest.mark.db]

LATIN = re.compile(r"[A-Za-z][A-Za-z'’]+")
# Names that stay as they are in Thai text: formats, standards, protocols, key names, abbreviations.
TECHNICAL = {
    *("API", "CSV", "XLSX", "JSON", "URL", "ISO", "TH", "SHA", "sha", "PDF", "ID", "IP", "CIO"),
    *("HTTP", "GET", "POST", "SSO", "LDAP", "Control", "Command", "Mac"),
}
ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
# What Django writes without a translation: the alt text of its yes/no icons (the Python value)
# and of the search icon. Left out of the check; the icon or the button next to it says it in Thai.
UNTRANSLATABLE_ALT = re.compile(r"/admin/img/(icon-(yes|no|unknown)|search)\.svg$")
MASKED = re.compile(r"^[\w$.+/=-]*\*{4,}$")  # a password hash shown masked (data)
HASHERS = {"md5", "pbkdf2_sha256", "pbkdf2_sha1", "argon2", "bcrypt_sha256", "scrypt"}


class VisibleText(HTMLParser):
    """Text nodes outside script and style, and the attributes a person reads (button values too)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self.hidden += 1
        a = dict(attrs)
        if tag == "input" and a.get("type") in ("submit", "button", "reset"):
            self.texts.append(a.get("value") or "")
        if tag == "img" and UNTRANSLATABLE_ALT.search(a.get("src") or ""):
            a.pop("alt", None)
        self.texts += [a[k] or "" for k in ATTRIBUTES if a.get(k)]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        text = data.strip()
        if not self.hidden and text and not MASKED.match(text) and text not in HASHERS:
            self.texts.append(text)


def data_values() -> set[str]:
    """Every stored text value of the registered models (and of users): shown as data, not labels."""
    out: set[str] = set()
    related = {f.related_model for m in admin.site._registry for f in m._meta.get_fields() if f.is_relation}
    for model in {*admin.site._registry, *related}:
        if model is None or isinstance(model, str):
            continue
        text_fields = [
            f.name for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))
        ]
        for obj in model._default_manager.all():
            out.add(str(obj))
            out.update(str(getattr(obj, f) or "") for f in text_fields)
    # Django names the tables behind many-to-many fields after the models' class names
    # ("Group-permission relationship", "User_groups object (1)"): no message to translate.
    for model in {*admin.site._registry, *related}:
        for field in (getattr(model, "_meta", None) and model._meta.many_to_many) or ():
            through = field.remote_field.through
            if through._meta.auto_created:
                out.update((str(through._meta.verbose_name), str(through._meta.verbose_name_plural)))
                out.update(str(obj) for obj in through._default_manager.all())
    return {v for v in out if v}


def english_words(text: str, data: list[re.Pattern[str]]) -> list[str]:
    for value in data:  # longest first
        text = value.sub(" ", text)
    return [w for w in LATIN.findall(text) if w not in TECHNICAL]


def as_words(values: set[str]) -> list[re.Pattern[str]]:
    """Each data value as a pattern that matches it whole, never inside a longer word."""
    return [  # any case: a value starts a title capitalised
        re.compile(rf"(?<![A-Za-z]){re.escape(v)}(?![A-Za-z])", re.IGNORECASE)
        for v in sorted(values, key=len, reverse=True)
    ]


def seed(world: Any) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group, Permission

    from dgmm.web.accounts.models import Invitation
    from dgmm.web.api.tokens import CreateToken
    from dgmm.web.cycles.actions import CloseCycle, SaveAnswer, SubmitParticipation
    from dgmm.web.cycles.audit import record
    from dgmm.web.cycles.models import AuditEntry, Evidence
    from dgmm.web.notices.models import ReminderSent
    from dgmm.web.review.actions import RequestCorrection
    from tests.web.conftest import COMPLETE

    analyst = world.users["analyst"]
    p = world.participation(world.dept_a)
    for code, value in COMPLETE.items():
        SaveAnswer(p, world.users["resp_dept_a"], code, value, 0).execute()
    SubmitParticipation(p, world.users["resp_dept_a"]).execute()
    RequestCorrection(p, analyst, comment="โปรดแนบหลักฐาน", topic_id="P1.SP1.T1").execute()
    Evidence.objects.create(
        cycle=world.cycle,
        agency=world.dept_a,
        topic_id="P1.SP1.T1",
        original_name="หลักฐาน.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=analyst,
        file="x.pdf",
    )
    Invitation.objects.create(
        email="somchai@example.go.th", role="respondent", agency=world.dept_a, invited_by=analyst
    )
    ReminderSent.objects.create(participation=p, days_before=7, recipients=1)
    token, _text = CreateToken(analyst, analyst, name="ส่งออกทุกคืน").execute()
    analyst.api_token = token
    record(
        AuditEntry.Kind.ANSWER, "C1", actor=analyst, cycle=world.cycle, agency=world.dept_a, old="a", new="b"
    )
    CloseCycle(world.cycle, analyst).execute()
    group = Group.objects.create(name="ผู้ตรวจทาน")
    group.permissions.add(Permission.objects.get(codename="view_auditentry"))
    world.users["analyst"].groups.add(group)
    seen = {
        "user_agent": "Mozilla/5.0",
        "ip_address": "192.0.2.1",
        "username": "somchai",
        "path_info": "/accounts/login/",
    }
    AccessAttempt.objects.create(
        **seen, http_accept="text/html", get_data="", post_data="", failures_since_start=3
    )
    AccessLog.objects.create(**seen, http_accept="text/html")
    AccessFailureLog.objects.create(**seen, http_accept="text/html", locked_out=True)


def admin_urls(user: Any) -> list[tuple[str, str]]:
    out = []
    for model in admin.site._registry:
        meta = model._meta
        name = f"admin:{meta.app_label}_{meta.model_name}"
        out.append(("changelist", reverse(f"{name}_changelist")))
        out.append(("add", reverse(f"{name}_add")))
        obj = model._default_manager.first()
        assert obj is not None, f"no {meta.label} to open: seed one"
        out.append(("change", reverse(f"{name}_change", args=[obj.pk])))
        out.append(("history", reverse(f"{name}_history", args=[obj.pk])))
        out.append(("delete", reverse(f"{name}_delete", args=[obj.pk])))
    out.append(("password", reverse("admin:auth_user_password_change", args=[user.pk])))
    out.append(("index", reverse("admin:index")))
    for app in {m._meta.app_label for m in admin.site._registry}:
        out.append(("app", reverse("admin:app_list", args=[app])))
    return out


def test_every_admin_page_reads_in_thai(world, client, settings):
    settings.LANGUAGE_CODE = "th"
    seed(world)
    client.force_login(world.users["admin"])
    data = as_words(data_values())
    found: dict[str, set[str]] = {}
    for kind, url in admin_urls(world.users["resp_a1"]):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="th")
        if kind in ("add", "delete") and response.status_code == 403:
            continue  # not allowed here: the application's actions are the way
        assert response.status_code == 200, (url, response.status_code)
        parser = VisibleText()
        parser.feed(response.content.decode())
        for text in parser.texts:
            words = english_words(text, data)
            if words:
                found.setdefault(text, set()).add(url)
    assert found == {}, "\n".join(f"{t!r}  ({sorted(u)[0]})" for t, u in sorted(found.items()))


def test_every_model_and_field_name_has_thai():
    missing = []
    with translation.override("th"):
        for model in admin.site._registry:
            meta = model._meta
            names = [("model", str(meta.verbose_name)), ("models", str(meta.verbose_name_plural))]
            names += [(f.name, str(f.verbose_name)) for f in meta.fields if f.editable or f.is_relation]
            missing += [
                f"{meta.label}.{n}: {v!r}"
                for n, v in names
                if LATIN.search(v) and not set(LATIN.findall(v)) <= TECHNICAL
            ]
    assert missing == []


def test_the_admin_messages_translated_here_are_django_or_axes_messages():
    """A message of dgmm/web/admin_messages.py that Django or django-axes does not use would never show."""
    import axes
    import django

    from tests.web.test_i18n import WEB, entries

    sources = [
        Path(django.__file__).parent / app / "locale" / "en" / "LC_MESSAGES" / "django.po"
        for app in ("contrib/admin", "contrib/auth", "contrib/contenttypes", "conf")
    ]
    known = {msgid for path in sources for msgid, _strs in entries(path)}
    for path in Path(axes.__file__).parent.glob("*.py"):  # its catalogues lag behind its code
        known.update(re.findall(r'_\(\s*"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8")))
    ours = re.findall(r'(?:_|ngettext_lazy)\(\s*"((?:[^"\\]|\\.)*)"', (WEB / "admin_messages.py").read_text())
    assert len(ours) > 100
    assert [m for m in ours if m not in known] == []


def test_labels_set_after_the_models_need_no_migration():
    """dgmm.web.labels labels fields and models without changing what the migrations describe."""
    from django.core.management import call_command

    call_command("makemigrations", check=True, dry_run=True, verbosity=0)  # SystemExit(1) on a change
