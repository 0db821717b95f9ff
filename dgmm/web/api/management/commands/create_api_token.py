"""``create_api_token USERNAME [--name TEXT] [--days N]``: print a new API token for a user (shown once).

``create_api_token --for-agency ID [--for-agency ID ...]`` gives each agency's system an account of its
own (a respondent of that agency, ``<id>-api``, created when missing, without a password) and prints
one line per agency: ``agency id, user name, token`` separated by tabs.

A token lasts 90 days unless ``--days`` says otherwise (1 to 365). The shell is the operator: it may
create a token for any user; each creation is audited.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from dgmm.web.accounts.models import Role, User
from dgmm.web.actions import ActionError
from dgmm.web.api.tokens import DEFAULT_DAYS, MAX_DAYS, CreateToken, token_days
from dgmm.web.registry.models import Agency


class Command(BaseCommand):
    help = (
        "Create an API token for a user (or for each agency's system account) and print it; only its hash "
        "is stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", default="")
        parser.add_argument(
            "--for-agency",
            action="append",
            default=[],
            metavar="ID",
            help="a respondent account <id>-api of this agency (repeat for several)",
        )
        parser.add_argument("--name", default="", help="what the token is used for")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"expire after this many days (default {DEFAULT_DAYS}, at most {MAX_DAYS})",
        )

    def handle(
        self, *args: Any, username: str, for_agency: list[str], name: str, days: int | None, **options: Any
    ) -> None:
        if bool(username) == bool(for_agency):
            raise CommandError("give either a user name or --for-agency")
        try:
            token_days(days)
        except ActionError as exc:
            raise CommandError(f"--days: {exc.message}") from None
        if username:
            try:
                user = User.objects.get(username=username, is_active=True)
            except User.DoesNotExist:
                raise CommandError(f"no active user {username!r}") from None
            self.stdout.write(CreateToken(None, user, name, days).execute()[1])
            return
        agencies = {a.code: a for a in Agency.objects.filter(code__in=for_agency)}
        missing = [c for c in for_agency if c not in agencies]
        if missing:
            raise CommandError(f"unknown agencies: {', '.join(missing)}")
        with transaction.atomic():
            for code in for_agency:
                user, created = User.objects.get_or_create(
                    username=f"{code}-api", defaults={"role": Role.RESPONDENT, "agency": agencies[code]}
                )
                if created:
                    user.set_unusable_password()
                    user.save()
                elif user.agency_id != agencies[code].pk or user.role != Role.RESPONDENT:
                    raise CommandError(f"user {user.username} exists and is not a respondent of {code}")
                text = CreateToken(None, user, name or "agency system", days).execute()[1]
                self.stdout.write(f"{code}\t{user.username}\t{text}")
