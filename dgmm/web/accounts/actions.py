"""Account operations: invite someone (one at a time or a whole file of people), send an invitation
again, accept an invitation (creates the account with its role).

All are audited (kind ACCOUNT); the account's own creation is recorded by accounts/audit.py. The
invitation e-mail goes once the invitation is saved (`dgmm.web.notices.mail.send_on_commit`).
"""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dgmm.web.accounts.models import Invitation, Role, User
from dgmm.web.accounts.people_file import Person, read_people
from dgmm.web.accounts.permissions import SitePolicy
from dgmm.web.actions import Action, ActionError, ActionPermissionError
from dgmm.web.cycles.audit import entry, record, record_all
from dgmm.web.cycles.models import AuditEntry
from dgmm.web.notices import letters
from dgmm.web.notices.mail import Delivery, page_url, send_on_commit
from dgmm.web.uploads import save_upload


@dataclass
class Sent:
    """An invitation just made or sent again, with its link (shown to the analyst now, never stored)."""

    invitation: Invitation
    link: str
    delivery: Delivery


def _check_inviter(user: Any, role: str) -> None:
    site = SitePolicy(user)
    if not site.can_manage_accounts:
        raise ActionPermissionError(_("Only analysts invite people."))
    if role == Role.ADMIN and not site.is_admin_role:
        raise ActionPermissionError(_("Only administrators invite administrators."))


def _audit(inv: Invitation, user: Any, what: str) -> AuditEntry:
    return entry(
        AuditEntry.Kind.ACCOUNT,
        f"invitation {inv.email}",
        actor=user,
        new=f"role={inv.role} agency={getattr(inv.agency, 'code', '–')}",
        note=f"{what}, open until {inv.expires_at.date().isoformat()}",
    )


def _send(invitations: list[tuple[Invitation, str]]) -> Delivery:
    return send_on_commit(letters.invitation(inv, token) for inv, token in invitations)


class Invite(Action):
    def __init__(self, user: Any, email: str, role: str, agency: Any = None, name: str = "") -> None:
        self.user = user
        self.email = email
        self.role = role
        self.agency = agency
        self.name = name

    def check(self) -> None:
        _check_inviter(self.user, self.role)
        if self.role in (Role.RESPONDENT, Role.PARENT) and self.agency is None:
            raise ActionError(_("Respondents and parent departments need an agency."), code="agency_required")

    def _execute(self) -> Sent:
        with transaction.atomic():
            inv = Invitation(
                email=self.email, name=self.name, role=self.role, agency=self.agency, invited_by=self.user
            )
            token = inv.new_link()
            inv.save()
            _audit(inv, self.user, "invited").save()
            delivery = _send([(inv, token)])
        return Sent(inv, page_url("accounts:accept", token=token), delivery)


class ResendInvitation(Action):
    """A new link for an invitation not yet accepted (pending or expired): the old link stops working."""

    def __init__(self, user: Any, invitation: Invitation) -> None:
        self.user = user
        self.invitation = invitation

    def check(self) -> None:
        _check_inviter(self.user, self.invitation.role)
        if self.invitation.accepted_at is not None:
            raise ActionError(_("This invitation was accepted; there is nothing to send."), code="accepted")

    def _execute(self) -> Sent:
        inv = self.invitation
        with transaction.atomic():
            token = inv.new_link()
            changed = Invitation.objects.filter(pk=inv.pk, accepted_at=None).update(
                token_hash=inv.token_hash, expires_at=inv.expires_at, sent_count=inv.sent_count + 1
            )
            if changed != 1:
                raise ActionError(
                    _("This invitation was accepted; there is nothing to send."), code="accepted"
                )
            inv.sent_count += 1
            _audit(
                inv, self.user, f"sent again (link {inv.sent_count}; the earlier link no longer works)"
            ).save()
            delivery = _send([(inv, token)])
        return Sent(inv, page_url("accounts:accept", token=token), delivery)


@dataclass
class BulkReport:
    invited: int
    delivery: Delivery


class InvitePeople(Action):
    """Invite every person of a CSV/XLSX file (`dgmm.web.accounts.people_file`), all or none.

    Every row is checked first; any problem raises InputFileError listing all of them, and nobody
    is invited. Then the invitations are saved in one transaction, each audited, with one entry for
    the file; the e-mails go once it is committed.
    """

    def __init__(self, user: Any, path: str | Path, display_name: str = "") -> None:
        self.user = user
        self.path = Path(path)
        self.display_name = display_name or self.path.name

    def check(self) -> None:
        _check_inviter(self.user, Role.RESPONDENT)

    def _execute(self) -> BulkReport:
        people = read_people(self.path, self.display_name, self.user)
        return self._invite(people)

    def _invite(self, people: list[Person]) -> BulkReport:
        with transaction.atomic():
            made: list[tuple[Invitation, str]] = []
            for person in people:
                inv = Invitation(
                    email=person.email,
                    name=person.name,
                    role=person.role,
                    agency=person.agency,
                    invited_by=self.user,
                )
                made.append((inv, inv.new_link()))
            Invitation.objects.bulk_create([inv for inv, _token in made])
            record_all(_audit(inv, self.user, f"invited from {self.display_name}") for inv, _t in made)
            record(
                AuditEntry.Kind.ACCOUNT,
                "invitations file",
                actor=self.user,
                new=f"{len(made)} invited",
                note=self.display_name,
            )
            delivery = _send(made)
        return BulkReport(len(made), delivery)


@dataclass(frozen=True)
class StagedPeople:
    """The checked people of an uploaded file, waiting for the inviter's confirmation: the file's name
    and its rows again as a small CSV (e-mail, name, role, agency id), read and checked once more by
    `invite_staged` when the invitations go out."""

    display_name: str
    csv: str
    people: list[Person]


def stage_upload(user: Any, upload: Any) -> StagedPeople:
    """Check every row of an uploaded file of people (InputFileError listing every problem); nobody
    is invited yet."""
    InvitePeople(user, "people.csv").check()  # refuse before the upload is written anywhere
    with tempfile.TemporaryDirectory(prefix="dgmm-invite-") as tmp:
        path, name = save_upload(upload, tmp, "people.csv")
        people = read_people(Path(path), name, user)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["email", "name", "role", "agency"])
    for person in people:
        writer.writerow([person.email, person.name, person.role, person.agency.code if person.agency else ""])
    return StagedPeople(name, buf.getvalue(), people)


def invite_staged(user: Any, csv_text: str, display_name: str) -> BulkReport:
    """Invite the people a confirmed `StagedPeople` holds: every row is checked again (an address may
    have been invited meanwhile), then all are invited or none."""
    InvitePeople(user, "people.csv").check()
    with tempfile.TemporaryDirectory(prefix="dgmm-invite-") as tmp:
        path = Path(tmp) / "people.csv"
        path.write_text(csv_text, encoding="utf-8")
        report: BulkReport = InvitePeople(user, path, display_name=display_name).execute()
        return report


class AcceptInvitation(Action):
    def __init__(
        self, invitation: Invitation, username: str, password: str, first_name: str = "", last_name: str = ""
    ) -> None:
        self.invitation = invitation
        self.username = username
        self.password = password
        self.first_name = first_name
        self.last_name = last_name

    def check(self) -> None:
        if not self.invitation.is_open:
            raise ActionError(_("This invitation was used or has expired."), code="invitation_closed")

    def _execute(self) -> User:
        inv = self.invitation
        with transaction.atomic():
            if Invitation.objects.filter(pk=inv.pk, accepted_at=None).update(accepted_at=timezone.now()) != 1:
                raise ActionError(_("This invitation was used or has expired."), code="invitation_closed")
            is_admin = inv.role == Role.ADMIN
            user = User.objects.create_user(
                self.username,
                inv.email,
                self.password,
                role=inv.role,
                agency=inv.agency,
                first_name=self.first_name,
                last_name=self.last_name,
                is_staff=is_admin,
                is_superuser=is_admin,
            )
            Invitation.objects.filter(pk=inv.pk).update(accepted_by=user)
            record(
                AuditEntry.Kind.ACCOUNT,
                f"invitation {inv.email}",
                actor=user,
                old="open",
                new=f"accepted as {user.get_username()}",
            )
        return user
