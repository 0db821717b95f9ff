"""`python -m dgmm.web remind [--dry-run] [--yes]`: e-mail deadline reminders (dgmm.web.notices.reminders).

Without --dry-run the e-mails go for good: at a terminal the command first says how many reminders go to
how many addresses and asks; a scheduled job gives --yes (dgmm.web.operations.confirm)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dgmm.web.notices.reminders import Due, due, send
from dgmm.web.operations.confirm import ask


class Command(BaseCommand):
    help = (
        "E-mail the respondents of agencies that have not submitted, on the days before their cycle's "
        "deadline set by DGMM_REMINDER_DAYS; each reminder goes once (run it daily). --dry-run lists them; "
        "a scheduled job gives --yes."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list the reminders due; send nothing")
        parser.add_argument(
            "--yes",
            "--noinput",
            dest="yes",
            action="store_true",
            help="do not ask before sending (for a scheduled job)",
        )

    def _line(self, d: Due, action: str) -> str:
        p = d.participation
        return _("%(action)s %(cycle)s/%(agency)s: %(days)d days before the deadline, to %(to)s") % {
            "action": action,
            "cycle": p.cycle.code,
            "agency": p.agency.code,
            "days": d.step,
            "to": ", ".join(d.to) or _("nobody (no respondent with an e-mail address)"),
        }

    def handle(self, *args: Any, **opts: Any) -> None:
        steps = settings.DGMM_REMINDER_DAYS
        if not steps:
            raise CommandError(_("DGMM_REMINDER_DAYS is empty: no reminder is ever due (e.g. 14,7,1)."))
        reminders = list(due(steps=steps))
        if opts["dry_run"]:
            for d in reminders:
                self.stdout.write(self._line(d, _("would send")))
            self.stdout.write(
                _("%(count)d reminders due; nothing sent (dry run).") % {"count": len(reminders)}
            )
            return
        if reminders and not opts["yes"]:
            self.stdout.write(
                _(
                    "%(count)d reminders are due: the respondents of %(agencies)d agencies will be "
                    "e-mailed at %(addresses)d addresses, which cannot be called back (each reminder is "
                    "sent once; --dry-run lists them)."
                )
                % {
                    "count": len(reminders),
                    "addresses": sum(len(d.to) for d in reminders),
                    "agencies": sum(1 for d in reminders if d.to),
                }
            )
            ask(_("Type yes to send them: "), _("Nothing sent"))
        outcome = send(reminders)
        for d in outcome.sent:
            self.stdout.write(self._line(d, _("sent")))
        for d in outcome.nobody:
            self.stdout.write(self._line(d, _("nobody to e-mail")))
        for d in outcome.failed:
            self.stderr.write(self._line(d, _("NOT SENT (mail server refused; the next run tries again)")))
        self.stdout.write(
            _(
                "%(sent)d reminders sent, %(nobody)d agencies without a respondent's address, "
                "%(failed)d failed."
            )
            % {"sent": len(outcome.sent), "nobody": len(outcome.nobody), "failed": len(outcome.failed)}
        )
        if outcome.failed:
            raise CommandError(_("Some reminders were not sent; run the command again later."))
