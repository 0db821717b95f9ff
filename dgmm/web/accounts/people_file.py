"""A file of people to invite (CSV or XLSX): its columns, reading and checking every row, and the template.

Columns, each with English or Thai headers (`COLUMNS`): e-mail, name, role, agency id. A role is
given by its code (``respondent``) or its name in Thai or English; respondents and parent
departments need an agency id of the registry, analysts and administrators none. Every row is
checked before anything is saved and every problem is listed with the file, the row, the column as
the file names it, and what was expected; one problem and nothing is invited.

The file is read within the import limits (`dgmm.web.uploads.import_limits`, rows also within
``DGMM_INVITE_MAX_ROWS``), by the same readers as the agencies and answers files.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _

from dgmm import InputFileError, Problem
from dgmm.cells import FORMULA_STARTS, append_row
from dgmm.errors import ProblemList, clip, shown
from dgmm.tables import FileLimits, read_rows
from dgmm.web.accounts.models import Invitation, Role, User
from dgmm.web.uploads import import_limits, localized

EMAIL_MAX_CHARS = 254
NAME_MAX_CHARS = 150
AGENCY_MAX_CHARS = 60

# column -> the headers accepted for it (compared without case, spaces, hyphens or underscores)
COLUMNS: dict[str, tuple[str, ...]] = {
    "email": ("email", "e-mail", "email address", "อีเมล", "อีเมล์", "ที่อยู่อีเมล"),
    "name": ("name", "full name", "ชื่อ", "ชื่อ-นามสกุล", "ชื่อ นามสกุล", "ชื่อและนามสกุล"),
    "role": ("role", "บทบาท"),
    "agency": ("agency", "agency id", "agency code", "agency_id", "รหัสหน่วยงาน", "หน่วยงาน"),
}
THAI_HEADERS = {"email": "อีเมล", "name": "ชื่อ-นามสกุล", "role": "บทบาท", "agency": "รหัสหน่วยงาน"}
REQUIRED = ("email", "role")
NEEDS_AGENCY = (Role.RESPONDENT, Role.PARENT)


def _key(header: str) -> str:
    return "".join(ch for ch in header.strip().lstrip("\ufeff").casefold() if ch not in " -_")


HEADERS = {_key(h): column for column, names in COLUMNS.items() for h in names}


@dataclass(frozen=True)
class Person:
    """One row of the file, checked."""

    row: int
    email: str
    name: str
    role: str
    agency: Any  # registry.Agency or None

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


def role_names() -> dict[str, str]:
    """Every accepted spelling of a role (its code, its Thai and English names), folded -> role."""
    names: dict[str, str] = {}
    for role in Role:
        names[_key(role.value)] = role.value
        for lang in ("th", "en"):
            with translation.override(lang):
                names[_key(str(role.label))] = role.value
    return names


def _header_problem(name: str, found: list[str]) -> InputFileError:
    expected = ", ".join(f"{c} ({THAI_HEADERS[c]})" for c in COLUMNS)
    message = _(
        "the first row must name the columns: %(expected)s; e-mail and role are required (found: %(found)s)"
    ) % {"expected": expected, "found": clip(", ".join(found), 200) or "–"}
    return InputFileError(
        [Problem(name, 1, "", message, "missing_column")],
        _("%(name)s: nobody was invited") % {"name": name},
    )


def _limits() -> FileLimits:
    base = import_limits()
    return replace(base, max_rows=min(base.max_rows, settings.DGMM_INVITE_MAX_ROWS))


def read_people(path: Path, name: str, actor: Any) -> list[Person]:
    """Every row of the file, checked; InputFileError listing every problem (nothing to invite) else."""
    summary = _("%(name)s: nobody was invited") % {"name": name}
    limits = _limits()
    try:
        cols, rows = read_rows(path, (), limits)
        index: dict[str, tuple[int, str]] = {}
        for i, header in enumerate(cols):
            column = HEADERS.get(_key(header))
            if column is not None and column not in index:
                index[column] = (i, header.strip())
        if any(c not in index for c in REQUIRED):
            raise _header_problem(name, [c for c in cols if c.strip()])
        return _check(list(rows), index, name, actor, summary, limits.max_problems)
    except InputFileError as exc:
        if exc.summary == summary:
            raise
        raise localized(exc, name, summary, limits) from None


def _cells(rows: Iterable[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    for rownum, cells in rows:
        if any(c.strip() for c in cells):
            yield rownum, cells


def _check(
    rows: list[tuple[int, list[str]]],
    index: dict[str, tuple[int, str]],
    name: str,
    actor: Any,
    summary: str,
    max_problems: int,
) -> list[Person]:
    from dgmm.web.registry.models import Agency

    problems = ProblemList(max_problems)
    data = list(_cells(rows))
    if not data:
        raise InputFileError(
            [Problem(name, 2, "", _("the file lists nobody: one person per row, below the header"), "empty")],
            summary,
        )
    roles = role_names()
    may_invite_admins = bool(getattr(actor, "is_admin_role", False))
    codes = {
        _value(cells, index, "agency")
        for _row, cells in data
        if "agency" in index and len(_value(cells, index, "agency")) <= AGENCY_MAX_CHARS
    }
    agencies = {
        a.code: a for part in _parts(sorted(codes - {""})) for a in Agency.objects.filter(code__in=part)
    }
    emails = {_value(cells, index, "email").lower() for _row, cells in data}
    wanted = sorted(e for e in emails if e and len(e) <= EMAIL_MAX_CHARS)
    accounts: dict[str, str] = {}
    pending: set[str] = set()
    for part in _parts(wanted):
        addressed = User.objects.annotate(address=Lower("email")).filter(address__in=part)
        accounts.update(addressed.values_list("address", "username"))
        invited = Invitation.objects.open().annotate(address=Lower("email")).filter(address__in=part)
        pending.update(invited.values_list("address", flat=True))
    seen: dict[str, int] = {}
    people: list[Person] = []

    formulas: set[str] = set()  # the columns of the row being checked that hold a formula

    def problem(rownum: int, column: str, message: str, code: str) -> None:
        if column in formulas:
            return
        problems.append(Problem(name, rownum, index[column][1] if column in index else column, message, code))

    for rownum, cells in data:
        values = {c: _value(cells, index, c) for c in COLUMNS}
        formulas.clear()
        for column, value in values.items():
            if value[:1] in FORMULA_STARTS:
                problem(
                    rownum,
                    column,
                    _("%(value)s looks like a spreadsheet formula; write plain text")
                    % {"value": shown(value)},
                    "formula",
                )
                formulas.add(column)  # its other problems are not told: the cell is to be rewritten
        email, person, role_text, code = values["email"], values["name"], values["role"], values["agency"]
        if not email:
            problem(rownum, "email", _("the e-mail address is empty"), "missing")
        elif len(email) > EMAIL_MAX_CHARS:
            problem(
                rownum,
                "email",
                _("an e-mail address has at most %(max)d characters") % {"max": EMAIL_MAX_CHARS},
                "too_long",
            )
        elif not _is_email(email):
            problem(
                rownum,
                "email",
                _("%(value)s is not an e-mail address (expected e.g. name@agency.go.th)")
                % {"value": shown(email)},
                "bad_email",
            )
        elif email.lower() in seen:
            problem(
                rownum,
                "email",
                _("%(value)s is already on row %(row)d; invite each person once")
                % {"value": shown(email), "row": seen[email.lower()]},
                "duplicate",
            )
        elif email.lower() in accounts:
            problem(
                rownum,
                "email",
                _("%(value)s already has an account (%(username)s)")
                % {"value": shown(email), "username": accounts[email.lower()]},
                "has_account",
            )
        elif email.lower() in pending:
            problem(
                rownum,
                "email",
                _("%(value)s already has an open invitation; send it again from the list of invitations")
                % {"value": shown(email)},
                "already_invited",
            )
        seen.setdefault(email.lower(), rownum)
        if len(person) > NAME_MAX_CHARS:
            problem(
                rownum,
                "name",
                _("a name has at most %(max)d characters") % {"max": NAME_MAX_CHARS},
                "too_long",
            )
        role = roles.get(_key(role_text)) if role_text else None
        if role is None:
            problem(
                rownum,
                "role",
                _("%(value)s is not a role; expected one of: %(roles)s")
                % {"value": shown(role_text), "roles": ", ".join(Role.values)},
                "wrong_role",
            )
        elif role == Role.ADMIN and not may_invite_admins:
            problem(rownum, "role", _("only administrators invite administrators"), "wrong_role")
        agency = None
        if role in NEEDS_AGENCY:
            if not code:
                problem(
                    rownum,
                    "agency",
                    _("respondents and parent departments need the id of their agency"),
                    "agency_required",
                )
            elif code not in agencies:
                problem(
                    rownum,
                    "agency",
                    _("no agency has the id %(value)s (expected an id of the registry)")
                    % {"value": shown(code)},
                    "unknown_agency",
                )
            else:
                agency = agencies[code]
        elif role is not None and code:
            problem(
                rownum,
                "agency",
                _("analysts and administrators belong to no agency; leave the agency empty"),
                "agency_not_allowed",
            )
        people.append(Person(rownum, email, person, role or "", agency))
    if len(problems):
        raise InputFileError(list(problems), summary, more=problems.more)
    return people


def _parts(values: list[str], size: int = 500) -> Iterator[list[str]]:
    """`values` in lists of at most `size`: a query's parameters stay few whatever the file's length."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _value(cells: list[str], index: dict[str, tuple[int, str]], column: str) -> str:
    if column not in index:
        return ""
    i = index[column][0]
    return cells[i].strip() if i < len(cells) else ""


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def template_workbook() -> bytes:
    """The XLSX template: a sheet to fill (headers in the user's language) and a sheet of instructions."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = _("people")
    thai = (translation.get_language() or "th").startswith("th")
    append_row(ws, [THAI_HEADERS[column] if thai else column for column in COLUMNS])
    for letter, width in zip("ABCD", (36, 30, 24, 20), strict=True):
        ws.column_dimensions[letter].width = width
    help_sheet = wb.create_sheet(_("instructions"))
    lines = [
        [_("One person per row, below the header of the first sheet. Every row is checked first.")],
        [_("Headers may be in Thai or English:")],
        *[[column, ", ".join(names)] for column, names in COLUMNS.items()],
        [],
        [_("Roles (write the code or the name):")],
        *[[role.value, _label(role, "th"), _label(role, "en")] for role in Role],
        [],
        [_("Respondents and parent departments need the id of their agency; analysts none.")],
        [_("At most %(max)d people per file.") % {"max": settings.DGMM_INVITE_MAX_ROWS}],
    ]
    for line in lines:
        append_row(help_sheet, line)
    help_sheet.column_dimensions["A"].width = 24
    help_sheet.column_dimensions["B"].width = 60
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _label(role: Role, lang: str) -> str:
    with translation.override(lang):
        return str(role.label)
