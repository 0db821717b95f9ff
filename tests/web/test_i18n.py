"""Thai first: every message is translated, with the same named placeholders; pages default to Thai."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

WEB = Path(__file__).parents[2] / "dgmm" / "web"
APPS = ("accounts", "registry", "cycles", "review", "checks", "dashboards", "operations")
PO_FILES = [WEB / a / "locale" / "th" / "LC_MESSAGES" / "django.po" for a in APPS] + [
    WEB / "locale" / "th" / "LC_MESSAGES" / "django.po"
]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def entries(path: Path) -> list[tuple[str, list[str]]]:
    out = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        if "#~" in block or "msgid" not in block:
            continue
        parts = re.findall(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) ((?:".*"\n?)+)', block, re.M)
        fields = {k: "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', v)) for k, v in parts}
        if fields.get("msgid"):
            out.append((fields["msgid"], [v for k, v in fields.items() if k.startswith("msgstr")]))
    return out


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: p.parts[-5] if p.parts[-5] != "web" else "project")
def test_every_message_is_translated_with_the_same_placeholders(path):
    found = entries(path)
    assert found
    for msgid, strs in found:
        assert all(strs), f"untranslated: {msgid!r}"
        wanted = set(PLACEHOLDER.findall(msgid))
        for s in strs:
            assert set(PLACEHOLDER.findall(s)) <= wanted | {"counter"}, (msgid, s)
            assert wanted - {"counter"} <= set(PLACEHOLDER.findall(s)), (msgid, s)


@pytest.mark.django_db
@pytest.mark.db
def test_pages_are_thai_by_default_and_english_on_request(world, client_for, settings):
    settings.LANGUAGE_CODE = "th"
    c = client_for("resp_a1")
    url = reverse("cycles:participation", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    html = c.get(url).content.decode()
    assert 'lang="th"' in html and "เริ่มตอบแบบสำรวจ" in html
    assert "คณะกรรมการเอหนึ่ง" in html  # the agency's Thai name
    c.post(reverse("set_language"), {"language": "en", "next": url})
    html = c.get(url).content.decode()
    assert 'lang="en"' in html and "Start the questionnaire" in html and "PCIO A1" in html
    with translation.override("th"):
        assert translation.gettext("Submit answers") == "ส่งคำตอบ"


def test_no_fuzzy_entries_and_thai_plurals_work():
    for path in PO_FILES:
        assert "#, fuzzy" not in path.read_text(encoding="utf-8"), path  # fuzzy entries are not compiled
    with translation.override("th"):
        text = translation.ngettext(
            "%(counter)s topic still has unanswered questions",
            "%(counter)s topics still have unanswered questions",
            3,
        )
        assert text % {"counter": 3} == "ยังมี 3 ประเด็นที่ตอบคำถามไม่ครบ"


def test_every_message_of_the_code_and_templates_is_translated(tmp_path, monkeypatch):
    """makemessages over a copy of dgmm/web: every message the code and templates use is in a Thai
    catalogue, translated, and none matches only roughly (fuzzy) an older message."""
    if not (shutil.which("xgettext") and shutil.which("msgmerge")):
        pytest.fail(
            "GNU gettext is missing: make test installs it (scripts/system-deps.sh, Debian package gettext)"
        )
    copy = tmp_path / "web"
    shutil.copytree(WEB, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["th"], no_location=True, verbosity=0)
    problems = []
    for path in sorted(copy.rglob("django.po")):
        text = path.read_text(encoding="utf-8")
        problems += [
            f"{path.relative_to(copy)}: untranslated {m!r}" for m, strs in entries(path) if not all(strs)
        ]
        problems += [
            f"{path.relative_to(copy)}: fuzzy {line}"
            for line in re.findall(r"#, fuzzy.*\n(?:#.*\n)*msgid .*", text)
        ]
    assert problems == []
